#!/usr/bin/env bash
# Crash safety of `agmon import` (quick version): 20 SIGKILLs at random moments of an import,
# a share aimed at the commit; after each the database is intact and holds the state before
# or after the import, and the next import succeeds. The long version: tests/soak/run.sh.
# Usage: crash_import.sh AGMON_BINARY SOURCE_DIR
set -euo pipefail
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$2/tests/reliability/crash_import.py" "$1" "$work" --students 1000 --kills 20
