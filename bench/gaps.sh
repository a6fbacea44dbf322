#!/usr/bin/env bash
# bench/gaps.sh [AGMON] [STUDENTS]: the time of every `agmon gaps` table (5 metrics x 9
# groupings) on a synthetic district (default 100,000 students), against a bare `sqlite3`
# SELECT count(*) ... GROUP BY over the same table as the floor. Times are wall-clock per
# process (start, open, query, print), the best of 3 runs. Target: every table under 200 ms.
# The district and its database are cached in $BENCH_DIR (default /tmp/agmon-bench).
set -euo pipefail
agmon=${1:-build/agmon}
students=${2:-100000}
dir=${BENCH_DIR:-/tmp/agmon-bench}/district-$students
db=$dir/agmon.db
command -v sqlite3 >/dev/null || { echo "bench/gaps.sh needs the sqlite3 command (apt install sqlite3)" >&2; exit 1; }
mkdir -p "$dir"

if [[ ! -f $db ]]; then
  echo "generating $students students in $dir ..."
  "$agmon" demo-data --students "$students" --seed 2008 --year 2025-2026 --out "$dir/data" >/dev/null
  echo "importing (once; cached for later runs) ..."
  rc=0; "$agmon" --db "$db.tmp" import "$dir"/data/*.csv >/dev/null || rc=$?
  [[ $rc -eq 0 || $rc -eq 3 ]] || { echo "import failed (exit $rc)" >&2; exit 1; }
  mv "$db.tmp" "$db"; rm -f "$db.tmp-wal" "$db.tmp-shm"
fi

now_ms() { date +%s%N | cut -b1-13; }
# best_of CMD...: the fastest of three runs, in ms.
best_of() {
  local best=999999 t0 t1
  for _ in 1 2 3; do
    t0=$(now_ms); "$@" >/dev/null; t1=$(now_ms)
    (( t1 - t0 < best )) && best=$((t1 - t0))
  done
  echo "$best"
}

echo "district: $students students ($(sqlite3 "$db" 'SELECT count(*) FROM student_evaluations') evaluated)"
baseline=$(best_of sqlite3 "$db" \
  "SELECT race_ethnicity, count(*), sum(ap_this_year > 0) FROM student_evaluations WHERE grade BETWEEN 9 AND 12 GROUP BY race_ethnicity")
empty=$(best_of sqlite3 "$db" "SELECT 1")
echo "baseline sqlite3 GROUP BY race_ethnicity: $baseline ms (sqlite3 'SELECT 1': $empty ms)"
echo
metrics=(ap ag ag-projected ag-on-track missing)
groupings=(race_ethnicity gender el sed swd foster homeless grade school)
printf '%-14s' metric; for g in "${groupings[@]}"; do printf '%10s' "${g:0:9}"; done; echo
worst=0
for m in "${metrics[@]}"; do
  printf '%-14s' "$m"
  for g in "${groupings[@]}"; do
    ms=$(best_of "$agmon" --db "$db" gaps --metric "$m" --by "$g" --json)
    (( ms > worst )) && worst=$ms
    printf '%10s' "$ms"
  done
  echo
done
echo
school=$(sqlite3 "$db" 'SELECT school_code FROM student_evaluations LIMIT 1')
echo "one school (--school $school, ap by race_ethnicity): $(best_of "$agmon" --db "$db" gaps --school "$school" --json) ms"
echo "trend (--years over the kept years, ap by race_ethnicity): $(best_of "$agmon" --db "$db" gaps --years 2024-2025..2025-2026 --json) ms"
echo "agmon --help (process start, no database): $(best_of "$agmon" help) ms"
echo "slowest table: $worst ms (target < 200 ms)"
(( worst < 200 ))
