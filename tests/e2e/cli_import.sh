#!/usr/bin/env bash
# End to end through the real binary: the shared samples, a demo district, re-import, a bad
# header (exit 2, one line naming the column), bad rows (exit 3, each listed with its line).
# Usage: cli_import.sh AGMON_BINARY SOURCE_DIR
set -uo pipefail
agmon=$1; src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. The canonical samples import cleanly.
"$agmon" --db "$work/s.db" import "$src"/tests/data/samples/canonical/*.csv > "$work/out" 2>&1
rc=$?; [[ $rc -eq 0 ]] || { cat "$work/out"; fail "samples: exit $rc"; }
grep -q "rows: 44 read, 44 applied" "$work/out" || { cat "$work/out"; fail "samples: counts"; }
"$agmon" --db "$work/s.db" check 100029 > "$work/check" || fail "check 100029"
grep -q "student 100029" "$work/check" || fail "check output"
"$agmon" --db "$work/s.db" check 999 2> "$work/err"; rc=$?
[[ $rc -eq 1 ]] && grep -q "no student 999" "$work/err" || fail "unknown student: exit $rc $(cat "$work/err")"

# 2. A demo district imports; re-importing it changes nothing.
"$agmon" demo-data --students 2000 --seed 7 --year 2025-2026 --out "$work/d" > /dev/null || fail "demo-data"
"$agmon" --db "$work/d.db" import --json "$work"/d/*.csv > "$work/first.json"; rc=$?
[[ $rc -eq 0 ]] || fail "demo import exit $rc"
python3 - "$work/first.json" <<'PY' || fail "first import report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["outcome"] == "applied", r["outcome"]
assert r["rows_quarantined"] == 0
assert r["rows_changed"] == r["rows_read"] > 2000
assert r["students_evaluated"] == 2000, r["students_evaluated"]
PY
"$agmon" --db "$work/d.db" import "$work"/d/*.csv > "$work/again"; rc=$?
[[ $rc -eq 0 ]] || fail "re-import exit $rc"
grep -q " 0 changed, 0 removed, 0 quarantined" "$work/again" || { cat "$work/again"; fail "re-import changed rows"; }
grep -q "students re-evaluated: 0" "$work/again" || fail "re-import re-evaluated students"

# 3. A bad header: exit 2, one line on stderr naming the column, nothing applied.
printf 'student_id,school_code,grade_lvl\nX1,101,09\n' > "$work/students.csv"
"$agmon" --db "$work/d.db" import "$work/students.csv" > /dev/null 2> "$work/err"; rc=$?
[[ $rc -eq 2 ]] || fail "bad header: exit $rc"
[[ $(wc -l < "$work/err") -eq 1 ]] || fail "bad header: not one line: $(cat "$work/err")"
grep -q "grade_level" "$work/err" || fail "bad header: column not named: $(cat "$work/err")"
n=$(sqlite3 "$work/d.db" "select count(*) from students where student_id='X1'" 2>/dev/null || echo 0)
[[ "$n" == "0" ]] || fail "bad header applied rows"

# 4. A few bad rows: exit 3, each listed with its line number and reason; the rest applied.
{ echo "student_id,school_code,grade_level,gender"
  for i in $(seq 1 200); do echo "N$i,101,10,F"; done
  echo "N201,101,13,F"      # line 202: bad grade
  echo "N202,101,10,Q"      # line 203: bad gender
} > "$work/students.csv"
"$agmon" --db "$work/n.db" import "$work/students.csv" > "$work/out"; rc=$?
[[ $rc -eq 3 ]] || { cat "$work/out"; fail "bad rows: exit $rc"; }
grep -q "students.csv:202: " "$work/out" || fail "line 202 not listed"
grep -q "students.csv:203: " "$work/out" || fail "line 203 not listed"
grep -q "200 applied" "$work/out" || { cat "$work/out"; fail "good rows not applied"; }

# 5. Usage errors exit 64 with one line.
"$agmon" import --mode sideways x.csv 2> "$work/err"; rc=$?
[[ $rc -eq 64 && $(wc -l < "$work/err") -eq 1 ]] || fail "usage: exit $rc"
echo "ok"
