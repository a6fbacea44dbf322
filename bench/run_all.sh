#!/usr/bin/env bash
# The whole benchmark suite of issue 9, one script per figure, each printing its own table and
# same-run ratios: import (vs sqlite3 .import), evaluate (students/s, 1 thread and all cores),
# memory (peak RSS of the 10M-mark import), and, when present, serve / gaps / alerts / formats
# (written by the engineers of those parts). A failing script is reported and the rest still run.
#
# usage: bench/run_all.sh BUILD_DIR [--quick]
#   --quick: 1M marks only (no 10M import), for a check in a few minutes.
#   BENCH_DIR (default /tmp/agmon-bench) holds generated data and databases (~3 GB with 10M).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[[ $# -ge 1 ]] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 64; }
build=$1
quick=0
[[ "${2:-}" == "--quick" ]] && quick=1
failed=()

section() {  # section NAME SCRIPT ARGS...
  local name=$1 script=$2; shift 2
  [[ -x "$here/$script" || -f "$here/$script" ]] || { echo "== $name: $script not present, skipped"; return; }
  echo
  echo "== $name ($script $*)  $(date -u +%H:%M:%SZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
  if ! bash "$here/$script" "$@"; then failed+=("$name"); fi
}

echo "agmon benchmarks: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM," \
  "$(cd "$here/.." && git rev-parse --short HEAD 2>/dev/null || echo '?')"
if ((quick)); then
  section import import.sh "$build" 1000000
  section evaluate evaluate.sh "$build"
  section memory memory.sh "$build" 1000000
else
  section import import.sh "$build" --full
  section evaluate evaluate.sh "$build"
  section memory memory.sh "$build" 1000000 10000000
fi
section serve serve.sh "$build"
section gaps gaps.sh "$build/agmon"      # these two take the binary, not the build dir
section alerts alerts.sh "$build/agmon"
section formats formats.sh "$build"
echo
if ((${#failed[@]})); then
  echo "failed: ${failed[*]}"
  exit 1
fi
echo "all benchmarks ran"
