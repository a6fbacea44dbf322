#!/usr/bin/env bash
# CALPADS SCSC import speed against the canonical importer on the same rows (issue 8, target:
# SCSC within 1.5x). Generates a seeded demo district of about N course marks, converts its
# course_marks.csv to an SCSC file (bench/make_scsc.py), loads the district's students.csv and
# courses.csv into two databases, then times `agmon import` of course_marks.csv into one and of
# the SCSC file into the other (each: read + validate + stage + merge + evaluate + alerts).
# Prints wall and CPU seconds of both, the read phase (the parsers themselves) and the ratios.
#
# usage: bench/formats.sh BUILD_DIR [--runs R] [N]
#   default N = 1000000, R = 1. BENCH_DIR (default /tmp/agmon-bench) holds data and databases.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

[[ $# -ge 1 ]] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 64; }
agmon=$(bench_agmon "$1"); shift
runs=1 n=1000000
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift ;;
    *) n=$1 ;;
  esac
  shift
done
bench_tools
work=${BENCH_DIR:-/tmp/agmon-bench}
mkdir -p "$work"
students=$(( (n * 2 + 29) / 59 ))  # about 29.5 marks per demo student
data="$work/demo-$students"
bench_demo "$agmon" "$data" "$students"
if [[ ! -f "$data/scsc.txt" || "$data/scsc.txt" -ot "$data/course_marks.csv" ]]; then
  python3 "$here/make_scsc.py" "$data" "$data/scsc.txt" >/dev/null
fi
rows=$(wc -l <"$data/scsc.txt")

phase() { python3 -c 'import json,sys; print("%.2f" % json.load(open(sys.argv[1]))["phases"].get("read", 0))' "$1"; }

printf '%-8s %-4s | %-10s %8s %8s %8s | %-10s %8s %8s %8s | %7s %7s %7s\n' rows run \
  canonical wall cpu read SCSC wall cpu read x_wall x_cpu x_read
declare -a xw=() xc=() xr=()
for ((run = 1; run <= runs; run++)); do
  for kind in canonical scsc; do
    rm -f "$work/$kind.db"*
    "$agmon" --db "$work/$kind.db" import "$data/students.csv" "$data/courses.csv" >/dev/null
  done
  sync
  bench_time "$work/canonical.time" "$agmon" --db "$work/canonical.db" import --json "$data/course_marks.csv"
  sync
  bench_time "$work/scsc.time" "$agmon" --db "$work/scsc.db" import --json "$data/scsc.txt"
  for kind in canonical scsc; do
    [[ $(bench_field "$work/$kind.time" 5) == 0 ]] || { echo "$kind import failed:" >&2; cat "$work/$kind.time.stderr" >&2; exit 1; }
  done
  cw=$(bench_field "$work/canonical.time" 1) cc=$(bench_cpu "$work/canonical.time")
  sw=$(bench_field "$work/scsc.time" 1) sc=$(bench_cpu "$work/scsc.time")
  cr=$(phase "$work/canonical.time.stdout") sr=$(phase "$work/scsc.time.stdout")
  xw+=("$(awk -v a="$sw" -v b="$cw" 'BEGIN {printf "%.2f", a / b}')")
  xc+=("$(awk -v a="$sc" -v b="$cc" 'BEGIN {printf "%.2f", a / b}')")
  xr+=("$(awk -v a="$sr" -v b="$cr" 'BEGIN {printf "%.2f", a / b}')")
  printf '%-8s %-4s | %-10s %8s %8s %8s | %-10s %8s %8s %8s | %7s %7s %7s\n' "$rows" "$run" \
    course_marks "$cw" "$cc" "$cr" scsc.txt "$sw" "$sc" "$sr" "${xw[-1]}" "${xc[-1]}" "${xr[-1]}"
done
echo "median SCSC/canonical: wall $(bench_median "${xw[@]}")x, cpu $(bench_median "${xc[@]}")x, read phase $(bench_median "${xr[@]}")x (target <= 1.5x)"
