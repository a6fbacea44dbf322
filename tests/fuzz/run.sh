#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined) in their own
# build folder and runs each for SECONDS from its seeds (tests/data/samples, tests/fuzz/seeds,
# every past finding in tests/fuzz/regressions) plus the corpus of earlier runs. Prints one
# line per target: executions, time, corpus size, crashes. A crash stops that target with
# the input in BUILD/findings/<target>/: fix the bug, then copy the input into
# tests/fuzz/regressions/<target>/ (ctest replays it from then on) and say what it was.
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]     (default 60 s, every target)
#        AGMON_FUZZ_BUILD=DIR to build elsewhere (default build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(csv_reader canonical_mapper calpads oneroster uc_course_list http_parsing)
build=${AGMON_FUZZ_BUILD:-build-fuzz}

# clang and its libFuzzer runtime (Debian 12: clang-14, libclang-rt-14-dev).
missing=()
command -v clang++ >/dev/null || missing+=(clang)
compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null || missing+=(libclang-rt-14-dev)
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

generator=(); command -v ninja >/dev/null && generator=(-G Ninja)
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g"
cmake -S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
  -DAGMON_FUZZ=ON -DAGMON_BUILD_TESTS=OFF -DCMAKE_CXX_FLAGS="$flags" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

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

status=0
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t seeds=$build/seeds/$t findings=$build/findings/$t
  mkdir -p "$corpus" "$seeds" "$findings"
  rm -f "$seeds"/*
  for f in $(seeds_for "$t"); do cp "$f" "$seeds/$(echo "$f" | tr / _)"; done
  cp tests/fuzz/regressions/"$t"/* "$seeds"/ 2>/dev/null || true
  rm -f "$seeds"/README*
  log=$build/fuzz_$t.log
  start=$SECONDS
  if "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$findings/" "$corpus" "$seeds" > "$log" 2>&1; then
    crashes=0
  else
    crashes=1; status=1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  echo "fuzz_$t: ${execs:-?} executions in $((SECONDS - start)) s, corpus $(ls "$corpus" | wc -l) inputs, crashes $crashes"
  if ((crashes)); then
    grep -E 'ERROR|SUMMARY|contract broken|runtime error|Test unit written' "$log" | head -20 >&2
  fi
done
exit $status
