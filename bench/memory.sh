#!/usr/bin/env bash
# Peak memory of `agmon import` (issue 9: under 300 MB whatever the size), measured with
# `/usr/bin/time -v` on a new database, for each size N in course marks (default 1M and 10M:
# the same peak at both sizes shows memory does not grow with the file). Also prints the
# wall/CPU seconds, the database size and the largest temporary files SQLite left behind.
#
# usage: bench/memory.sh BUILD_DIR [N...]      (BENCH_DIR, default /tmp/agmon-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

[[ $# -ge 1 ]] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 64; }
agmon=$(bench_agmon "$1"); shift
sizes=("$@")
((${#sizes[@]})) || sizes=(1000000 10000000)
bench_tools
work=${BENCH_DIR:-/tmp/agmon-bench}
mkdir -p "$work"

printf '%-9s %9s %9s %8s %8s %9s %8s %s\n' N students marks wall_s cpu_s peak_MB db_MB outcome
for n in "${sizes[@]}"; do
  students=$(( (n * 2 + 29) / 59 ))
  data="$work/demo-$students"
  bench_demo "$agmon" "$data" "$students"
  marks=$(($(wc -l <"$data/course_marks.csv") - 1))
  db="$work/memory.db"
  rm -f "$db"*
  /usr/bin/time -v -o "$work/memory.timev" "$agmon" --db "$db" import --json \
    "$data/students.csv" "$data/courses.csv" "$data/course_marks.csv" >"$work/memory.json" 2>/dev/null || true
  peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/memory.timev")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/memory.timev")
  cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$work/memory.timev")
  outcome=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["outcome"], "phases", d["phases"])' "$work/memory.json")
  printf '%-9s %9s %9s %8s %8s %9s %8s %s\n' "$n" "$students" "$marks" "$wall" "$cpu" "$((peak_kb / 1024))" \
    "$(du -m "$db" | cut -f1)" "$outcome"
done
echo "target: peak RSS < 300 MB at every size"
