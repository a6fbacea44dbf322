#!/usr/bin/env bash
# The long versions of the reliability tests (the quick ones run in ctest as e2e.*):
#   crash_import   100 SIGKILLs of a 20,000-student import (about 600,000 rows)
#   crash_daemon    30 SIGKILLs of the daemon during a 5,000-student inbox import
#   concurrent      readers during a 20,000-student import, two imports at once
#   hostile_http    the hostile requests against a 5,000-student district
#   fuzz           every libFuzzer target for FUZZ_SECONDS (default 600) each
# Each prints a RESULT line; the figures in docs/reliability.md come from here.
# Usage: tests/soak/run.sh [AGMON_BINARY] [PART...]    (default: build/agmon, every part)
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
agmon=${1:-$src/build/agmon}
shift || true
parts=("$@")
((${#parts[@]})) || parts=(crash_import crash_daemon concurrent hostile_http fuzz)
[[ -x $agmon ]] || { echo "no agmon binary at $agmon (build first, or pass its path)" >&2; exit 64; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for part in "${parts[@]}"; do
  mkdir -p "$work/$part"
  case $part in
    crash_import) python3 "$src/tests/reliability/crash_import.py" "$agmon" "$work/$part" --students 20000 --kills 100 ;;
    crash_daemon) python3 "$src/tests/reliability/crash_daemon.py" "$agmon" "$work/$part" --students 5000 --kills 30 ;;
    concurrent) python3 "$src/tests/reliability/concurrent.py" "$agmon" "$work/$part" --students 20000 --readers 8 ;;
    hostile_http) python3 "$src/tests/reliability/hostile_http.py" "$agmon" "$work/$part" --students 5000 ;;
    fuzz) "$src/tests/fuzz/run.sh" "${FUZZ_SECONDS:-600}" ;;
    *) echo "unknown part: $part" >&2; exit 64 ;;
  esac | tee "$work/$part.out"
done
