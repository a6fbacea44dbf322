#!/usr/bin/env bash
# Peak memory of `agmon import` (issue 9: under 300 MB whatever the size), measured with
# `/usr/bin/time -v`, for each size N in course marks (default 1M and 10M: the same peak at
# both sizes shows memory does not grow with the file). Two imports per size: "first", the
# district into a new database; "rollover", every student re-evaluated on the full database
# (as when the school year moves on: the stored evaluations are marked as made for another
# year, then courses.csv is imported unchanged). Also prints wall/CPU seconds and the DB size.
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

printf '%-9s %-8s %9s %9s %8s %8s %9s %8s %s\n' N import students marks wall_s cpu_s peak_MB db_MB outcome
for n in "${sizes[@]}"; do
  students=$(( (n * 2 + 29) / 59 ))
  data="$work/demo-$students"
  bench_demo "$agmon" "$data" "$students"
  marks=$(($(wc -l <"$data/course_marks.csv") - 1))
  db="$work/memory.db"
  rm -f "$db"*
  for import in first rollover; do
    files=("$data/students.csv" "$data/courses.csv" "$data/course_marks.csv")
    if [[ $import == rollover ]]; then
      sqlite3 "$db" "UPDATE student_evaluations SET as_of_year = '1999-2000';"
      files=("$data/courses.csv")
    fi
    /usr/bin/time -v -o "$work/memory.timev" "$agmon" --db "$db" import --json "${files[@]}" \
      >"$work/memory.json" 2>/dev/null || true
    peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/memory.timev")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/memory.timev")
    cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$work/memory.timev")
    outcome=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["outcome"], d["students_evaluated"], "evaluated, phases", d["phases"])' "$work/memory.json")
    printf '%-9s %-8s %9s %9s %8s %8s %9s %8s %s\n' "$n" "$import" "$students" "$marks" "$wall" "$cpu" \
      "$((peak_kb / 1024))" "$(du -m "$db" | cut -f1)" "$outcome"
  done
done
echo "target: peak RSS < 300 MB at every size"
