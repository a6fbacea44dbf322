# Shared helpers for the bench/ scripts (sourced, not run): tool checks, timing of one
# command (wall, CPU, peak RSS) and medians. The machine is shared, so every script reports
# CPU seconds next to wall seconds, and ratios measured in the same run.

bench_need() {  # bench_need CMD [DEBIAN_PACKAGE]: install the package when CMD is missing
  local cmd=$1 pkg=${2:-$1}
  command -v "$cmd" >/dev/null 2>&1 && return 0
  echo "installing $pkg for $cmd" >&2
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$pkg" >/dev/null
}

bench_tools() {
  bench_need python3
  bench_need sqlite3
  [[ -x /usr/bin/time ]] || bench_need /usr/bin/time time
}

# bench_time OUT CMD...: runs CMD, writes "wall user sys maxrss_kb exit" to OUT. The command's
# stdout goes to OUT.stdout, its stderr to OUT.stderr.
bench_time() {
  local out=$1; shift
  /usr/bin/time -f '%e %U %S %M %x' -o "$out" "$@" >"$out.stdout" 2>"$out.stderr" || true
  tail -n 1 "$out" >"$out.tmp" && mv "$out.tmp" "$out"
}

# bench_field FILE N: field N (1 wall, 2 user, 3 sys, 4 rss KB, 5 exit) of a bench_time file.
bench_field() { awk -v n="$2" '{print $n}' "$1"; }
bench_cpu() { awk '{printf "%.2f", $2 + $3}' "$1"; }

# bench_median V...: the median of the numbers given.
bench_median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# bench_agmon BUILD_DIR: the agmon binary of a build dir, or exit.
bench_agmon() {
  local bin="$1/agmon"
  [[ -x "$bin" ]] || { echo "no agmon binary in $1 (build it: cmake --build $1 --target agmon)" >&2; exit 2; }
  echo "$(cd "$(dirname "$bin")" && pwd)/agmon"
}

# bench_demo AGMON DIR STUDENTS: demo data for a district, generated once per size (seeded).
bench_demo() {
  local agmon=$1 dir=$2 students=$3
  if [[ ! -f "$dir/course_marks.csv" || "$(cat "$dir/.students" 2>/dev/null)" != "$students" ]]; then
    mkdir -p "$dir"
    "$agmon" demo-data --students "$students" --seed 1 --year 2024-2025 --out "$dir" >/dev/null
    echo "$students" >"$dir/.students"
  fi
}
