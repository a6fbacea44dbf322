#!/usr/bin/env bash
# Import throughput against the storage engine's own limit (issue 9). For each size N (course
# marks), generates a seeded demo district of about N marks (N/29.5 students), then back to
# back: `sqlite3 .import` of course_marks.csv into one empty 9-column TEXT table (no checks,
# no index: the engine's limit) and `agmon import` of the district's three files into a new
# database (validates, quarantines, merges, evaluates every student, computes alerts), then an
# unchanged re-import. Prints rows/s of both, the ratio (target >= 0.40), agmon's phases and
# peak RSS. Wall and CPU seconds are both shown: the machine is shared, CPU is the steadier.
#
# usage: bench/import.sh BUILD_DIR [--full] [--runs R] [N...]
#   default N = 1000000; --full adds 10000000. BENCH_DIR (default /tmp/agmon-bench) holds the
#   data and databases (about 1.5 GB per 10M marks).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

[[ $# -ge 1 ]] || { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 64; }
agmon=$(bench_agmon "$1"); shift
runs=1 sizes=() full=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --full) full=1 ;;
    --runs) runs=$2; shift ;;
    *) sizes+=("$1") ;;
  esac
  shift
done
((${#sizes[@]})) || sizes=(1000000)
((full)) && [[ " ${sizes[*]} " != *" 10000000 "* ]] && sizes+=(10000000)
bench_tools
work=${BENCH_DIR:-/tmp/agmon-bench}
mkdir -p "$work"

phase() {  # phase JSON NAME
  python3 -c 'import json,sys; print("%.2f" % json.load(open(sys.argv[1]))["phases"].get(sys.argv[2], 0))' "$1" "$2"
}
json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

printf '%-9s %-6s %9s %8s %8s %10s | %8s %8s %10s | %6s %6s | %5s %5s %5s %5s %5s | %7s %6s\n' \
  N run rows sq_wall sq_cpu sq_rows/s ag_wall ag_cpu ag_rows/s r_wall r_cpu read merge eval alert commit \
  reimp MB_rss
for n in "${sizes[@]}"; do
  students=$(( (n * 2 + 29) / 59 ))  # about 29.5 marks per demo student
  data="$work/demo-$students"
  bench_demo "$agmon" "$data" "$students"
  marks=$(($(wc -l <"$data/course_marks.csv") - 1))
  header=$(head -n 1 "$data/course_marks.csv")
  ddl="CREATE TABLE t($(echo "$header" | sed 's/,/ TEXT, /g') TEXT);"
  declare -a r_wall=() r_cpu=()
  for ((run = 1; run <= runs; run++)); do
    rm -f "$work/engine.db"* "$work/agmon.db"*
    sqlite3 "$work/engine.db" "$ddl"
    sync
    bench_time "$work/engine.time" sqlite3 -cmd '.mode csv' "$work/engine.db" \
      ".import --csv --skip 1 $data/course_marks.csv t"
    sync
    bench_time "$work/agmon.time" "$agmon" --db "$work/agmon.db" import --json \
      "$data/students.csv" "$data/courses.csv" "$data/course_marks.csv"
    cp "$work/agmon.time.stdout" "$work/agmon.json"
    bench_time "$work/reimport.time" "$agmon" --db "$work/agmon.db" import --json \
      "$data/students.csv" "$data/courses.csv" "$data/course_marks.csv"
    rows=$(json_field "$work/agmon.json" rows_read)
    got=$(sqlite3 "$work/engine.db" 'SELECT count(*) FROM t')
    [[ "$got" == "$marks" ]] || echo "warning: sqlite3 imported $got of $marks rows" >&2
    sq_wall=$(bench_field "$work/engine.time" 1) sq_cpu=$(bench_cpu "$work/engine.time")
    ag_wall=$(bench_field "$work/agmon.time" 1) ag_cpu=$(bench_cpu "$work/agmon.time")
    sq_rate=$(awk -v r="$marks" -v s="$sq_wall" 'BEGIN{printf "%.0f", r/s}')
    ag_rate=$(awk -v r="$rows" -v s="$ag_wall" 'BEGIN{printf "%.0f", r/s}')
    ratio_wall=$(awk -v a="$ag_rate" -v b="$sq_rate" 'BEGIN{printf "%.2f", a/b}')
    ratio_cpu=$(awk -v ra="$rows" -v ca="$ag_cpu" -v rs="$marks" -v cs="$sq_cpu" \
      'BEGIN{printf "%.2f", (ra/ca)/(rs/cs)}')
    r_wall+=("$ratio_wall") r_cpu+=("$ratio_cpu")
    printf '%-9s %-6s %9s %8s %8s %10s | %8s %8s %10s | %6s %6s | %5s %5s %5s %5s %5s | %7s %6s\n' \
      "$n" "$run" "$rows" "$sq_wall" "$sq_cpu" "$sq_rate" "$ag_wall" "$ag_cpu" "$ag_rate" \
      "$ratio_wall" "$ratio_cpu" "$(phase "$work/agmon.json" read)" "$(phase "$work/agmon.json" merge)" \
      "$(phase "$work/agmon.json" evaluate)" "$(phase "$work/agmon.json" alerts)" \
      "$(phase "$work/agmon.json" commit)" "$(bench_field "$work/reimport.time" 1)" \
      "$(($(bench_field "$work/agmon.time" 4) / 1024))"
  done
  db_mb=$(du -m "$work/agmon.db" | cut -f1)
  echo "N=$n: $marks marks, $students students; ratio agmon/sqlite3 rows/s median: wall $(bench_median "${r_wall[@]}"), CPU $(bench_median "${r_cpu[@]}") (target >= 0.40); agmon.db ${db_mb} MB, engine.db $(du -m "$work/engine.db" | cut -f1) MB"
  unset r_wall r_cpu
done
echo "columns: sq_* = sqlite3 .import of course_marks.csv alone, ag_* = agmon import of all three files (rows = rows read),"
echo "  r_wall/r_cpu = ratio of rows/s (wall or CPU seconds), read..commit = agmon phases (s), reimp = unchanged re-import (s wall)"
