#!/usr/bin/env bash
# Concurrency through the real binary: HTTP readers during a long import see the old or the
# new record (never an error or a mix), two imports at once both apply in turn, an upload
# while another process imports gets 409, two uploads at once: one runs, one gets 409.
# Usage: concurrent_readers.sh AGMON_BINARY SOURCE_DIR
set -euo pipefail
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$2/tests/reliability/concurrent.py" "$1" "$work" --students 2000
