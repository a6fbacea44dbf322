#!/usr/bin/env bash
# Evaluation throughput (issue 9, issue 3): students evaluated per second over every student
# of a 100,000-student demo district, single-threaded (agmon.eval.threads=1) and with all
# cores, run back to back. The district is imported once; each run then marks the stored
# evaluations as made for another year, so the next import (of courses.csv alone, unchanged)
# re-evaluates everyone: the figure is the importer's whole evaluate phase (read the marks
# from SQLite, evaluate, write the report JSON, pack it, save it, judge student alerts).
# When BUILD_DIR/core_tests exists, the engine alone is timed too (core_tests "[.bench]").
#
# usage: bench/evaluate.sh BUILD_DIR [--students N] [--runs R]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

[[ $# -ge 1 ]] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 64; }
build=$1
agmon=$(bench_agmon "$build"); shift
students=100000 runs=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --students) students=$2; shift ;;
    --runs) runs=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
  shift
done
bench_tools
work=${BENCH_DIR:-/tmp/agmon-bench}
mkdir -p "$work"
data="$work/demo-$students"
bench_demo "$agmon" "$data" "$students"
base="$work/evaluate-$students.db"
if [[ ! -f "$base" || "$data/course_marks.csv" -nt "$base" || "$agmon" -nt "$base" ]]; then
  rm -f "$base"*
  echo "importing the $students-student district once ..." >&2
  "$agmon" --db "$base" import "$data/students.csv" "$data/courses.csv" "$data/course_marks.csv" >/dev/null
  sqlite3 "$base" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
fi
printf 'agmon.eval.threads=1\n' >"$work/threads1.properties"
printf 'agmon.eval.threads=0\n' >"$work/threads0.properties"

evaluate_run() {  # evaluate_run LABEL PROPERTIES -> "wall_s cpu_s evaluated"
  local db="$work/evaluate-run.db"
  rm -f "$db"*
  cp "$base" "$db"
  sqlite3 "$db" "UPDATE student_evaluations SET as_of_year = '1999-2000';"
  bench_time "$work/eval.time" "$agmon" --config "$2" --db "$db" import --json "$data/courses.csv"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.3f %d" % (d["phases"]["evaluate"], d["students_evaluated"]))' \
    "$work/eval.time.stdout"
}

cores=$(nproc)
printf '%-8s %-4s %10s %10s %12s %10s %14s\n' threads run evaluated seconds students/s proc_cpu_s students/cpu_s
declare -a one=() all=()
for ((run = 1; run <= runs; run++)); do
  for mode in 1 0; do
    read -r secs n < <(evaluate_run "$mode" "$work/threads$mode.properties")
    rate=$(awk -v n="$n" -v s="$secs" 'BEGIN{printf "%.0f", n/s}')
    label=$([[ $mode == 1 ]] && echo 1 || echo "all($cores)")
    cpu=$(bench_cpu "$work/eval.time")
    printf '%-8s %-4s %10s %10s %12s %10s %14s\n' "$label" "$run" "$n" "$secs" "$rate" "$cpu" \
      "$(awk -v n="$n" -v c="$cpu" 'BEGIN{printf "%.0f", n/c}')"
    if [[ $mode == 1 ]]; then one+=("$rate"); else all+=("$rate"); fi
  done
done
m1=$(bench_median "${one[@]}") ma=$(bench_median "${all[@]}")
echo "evaluate phase, $students students: single thread $m1 students/s, all cores $ma students/s" \
  "(speed-up $(awk -v a="$ma" -v b="$m1" 'BEGIN{printf "%.2f", a/b}')x on $cores cores);" \
  "100,000 students take $(awk -v r="$ma" 'BEGIN{printf "%.2f", 100000/r}') s (issue 3 target: < 2 s)"
echo "(students/cpu_s: per CPU second of the whole process, the figure to trust when the machine is shared)"
if [[ -x "$build/core_tests" ]]; then
  echo "engine alone (core::evaluate, no I/O), core_tests \"[.bench]\":"
  "$build/core_tests" "[.bench]" 2>&1 | grep -E '^(students|evaluate|one at a time)' || true
fi
