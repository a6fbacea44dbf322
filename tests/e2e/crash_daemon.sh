#!/usr/bin/env bash
# Crash safety of the daemon's inbox (quick version): 8 SIGKILLs of `agmon serve` while it
# imports an export dropped in its inbox; after each the database is intact and before or
# after, the files stay in the inbox unless committed, and a restart imports the rest.
# Usage: crash_daemon.sh AGMON_BINARY SOURCE_DIR
set -euo pipefail
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$2/tests/reliability/crash_daemon.py" "$1" "$work" --students 1000 --kills 8
