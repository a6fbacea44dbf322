#!/usr/bin/env bash
# Slowloris against the real daemon: 5 clients trickling a header byte by byte (reconnecting
# when cut) on a 3-thread daemon with a 2 s header deadline, for 10 s; honest requests are
# answered within deadline + 3 s all along, every cut is counted and logged, SIGTERM is prompt.
# Usage: slowloris.sh AGMON_BINARY SOURCE_DIR
set -euo pipefail
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
timeout 120 python3 "$2/tests/reliability/slowloris.py" "$1" "$work" --threads 3 --deadline 2 --attack 10
