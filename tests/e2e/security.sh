#!/usr/bin/env bash
# Security review checks through the real binary: database 0600, token secrets stored only as
# hashes, root refused unless allowed, counselor scoping on every endpoint of the route table,
# one audit row per student record returned and none for refused reads.
# Usage: security.sh AGMON_BINARY SOURCE_DIR
set -euo pipefail
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$2/tests/reliability/security.py" "$1" "$work" "$2"
