#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined) in their own
# build folder and runs each for SECONDS from its seeds (tests/data/samples, tests/fuzz/seeds,
# every past finding in tests/fuzz/regressions) plus the corpus of earlier runs. Prints one
# line per target: executions, time, corpus size, crashes. A crash stops that target with
# the input in BUILD/findings/<target>/: fix the bug, then copy the input into
# tests/fuzz/regressions/<target>/ (ctest replays it from then on) and say what it was.
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]     (default 60 s, every target)
#        AGMON_FUZZ_BUILD=DIR to build elsewhere (default build-fuzz)
#        AGMON_FUZZ_JOBS=N to run N targets at once (default 1; each target is one process on
#        one core and still gets SECONDS, so N = the number of idle cores divides the wall time)
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(csv_reader canonical_mapper calpads oneroster uc_course_list http_parsing)
build=${AGMON_FUZZ_BUILD:-build-fuzz}

jobs=${AGMON_FUZZ_JOBS:-1}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "AGMON_FUZZ_JOBS must be a positive number" >&2; exit 64; }

scripts/install-deps --fuzz  # clang and its libFuzzer runtime (Debian 12: clang-14, libclang-rt-14-dev)

build_start=$SECONDS
generator=(); command -v ninja >/dev/null && generator=(-G Ninja)
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -gline-tables-only"  # file:line in reports, a faster build than -g
cmake -S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
  -DAGMON_FUZZ=ON -DAGMON_BUILD_TESTS=OFF -DCMAKE_CXX_FLAGS="$flags" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
echo "fuzz: built in $((SECONDS - build_start)) s"

seeds_for() {  # the sample files each target starts from
  case $1 in
    canonical_mapper) ls tests/data/samples/canonical/*.csv ;;
    calpads) ls tests/data/samples/calpads-*.txt ;;
    csv_reader) ls tests/data/samples/canonical/*.csv tests/data/samples/calpads-*.txt tests/data/samples/oneroster/*.csv ;;
    oneroster) ls tests/data/formats/oneroster.zip tests/fuzz/seeds/oneroster/* ;;
    uc_course_list) ls tests/data/samples/ucop/*.json ;;
    http_parsing) ls tests/fuzz/seeds/http_parsing/* ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fuzz_one() {  # runs target $1; prints its line; a crash leaves $build/crashed_$1
  local t=$1 corpus=$build/corpus/$1 seeds=$build/seeds/$1 findings=$build/findings/$1
  local log=$build/fuzz_$1.log start=$SECONDS crashes=0 execs
  mkdir -p "$corpus" "$seeds" "$findings"
  rm -f "$seeds"/* "$build/crashed_$t"
  for f in $(seeds_for "$t"); do cp "$f" "$seeds/$(echo "$f" | tr / _)"; done
  cp tests/fuzz/regressions/"$t"/* "$seeds"/ 2>/dev/null || true
  rm -f "$seeds"/README*
  if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$findings/" "$corpus" "$seeds" > "$log" 2>&1; then
    crashes=1; touch "$build/crashed_$t"
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  echo "fuzz_$t: ${execs:-?} executions in $((SECONDS - start)) s, corpus $(ls "$corpus" | wc -l) inputs, crashes $crashes"
  if ((crashes)); then
    grep -E 'ERROR|SUMMARY|contract broken|runtime error|Test unit written' "$log" | head -20 >&2
  fi
}

running=0
for t in "${targets[@]}"; do
  if ((running >= jobs)); then wait -n || true; running=$((running - 1)); fi
  fuzz_one "$t" &
  running=$((running + 1))
done
wait
status=0
for t in "${targets[@]}"; do [[ -e $build/crashed_$t ]] && status=1; done
exit $status
