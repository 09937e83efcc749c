#!/usr/bin/env bash
# The two README commands:
#   bash .ci/build.sh main   install dependencies, build, print the assessment report of the bundled
#                            example (docs/examples/assessment.json) and validate the default rulebook
#   bash .ci/build.sh test   install dependencies, build, run every test (C++, C consumer, Python),
#                            then the hardening checks below
#   bash .ci/build.sh hardening   only the hardening checks (docs/hardening.md), each in its own
#                            build directory next to the main one:
#     <build>-asan  ASan+UBSan build (Debug): the whole test suite, and the ABI check
#                   against capi/abi (abi_check, abi_check_detects_break)
#     <build>-tsan  ThreadSanitizer build of the 8-thread concurrency test and of the CLI's
#                   --batch --threads pipeline (test cli_threads), run
#     <build>-fuzz  clang-14 libFuzzer build of the fuzz targets, a short smoke run of each
#                   (SQP_FUZZ_SMOKE_SECONDS, default 15)
set -euo pipefail
mode=${1:-test}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SQP_BUILD_DIR:-$root/build}
jobs=${SQP_JOBS:-$(nproc)}

bash "$root/.ci/install-deps.sh"
if [ "$mode" != hardening ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=${SQP_BUILD_TYPE:-Release} >/dev/null
  cmake --build "$build" -j "$jobs"
fi

# Issue 8. Each step prints its wall time; sanitizer builds skip the benchmarks.
hardening() {
  local asan=${SQP_ASAN_BUILD_DIR:-$build-asan} tsan=${SQP_TSAN_BUILD_DIR:-$build-tsan}
  local fuzz=${SQP_FUZZ_BUILD_DIR:-$build-fuzz} start
  # Sanitizer builds are Debug (-g -O0): half the compile time of -O2, full stacks, and the
  # debug information the ABI check reads. The fuzz targets are optimised (they run for time).
  local common=(-DSQP_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug)
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

  start=$SECONDS
  echo "== hardening: ASan+UBSan build, every test, ABI check ($asan)"
  cmake -S "$root" -B "$asan" "${common[@]}" -DSQP_SANITIZE=ON -DSQP_ABI_CHECK=ON >/dev/null
  cmake --build "$asan" -j "$jobs"
  ctest --test-dir "$asan" --output-on-failure -j "$jobs"
  echo "== ASan+UBSan: $((SECONDS - start)) s"

  start=$SECONDS
  echo "== hardening: ThreadSanitizer, 8 threads on one engine, the CLI's --batch workers ($tsan)"
  cmake -S "$root" -B "$tsan" "${common[@]}" -DSQP_SANITIZE_THREAD=ON >/dev/null
  cmake --build "$tsan" -j "$jobs" --target sqp_concurrency_test sqp_cli
  ctest --test-dir "$tsan" --output-on-failure -R '^(concurrency|cli_threads)$'
  echo "== TSan: $((SECONDS - start)) s"

  start=$SECONDS
  echo "== hardening: libFuzzer smoke runs ($fuzz)"
  CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$fuzz" -DSQP_BUILD_BENCH=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSQP_FUZZ=ON \
    -DSQP_FUZZ_SMOKE_SECONDS=${SQP_FUZZ_SMOKE_SECONDS:-15} >/dev/null
  cmake --build "$fuzz" -j "$jobs" --target sqp_fuzz_operations sqp_fuzz_batch sqp_fuzz_rulebook sqp_fuzz_json
  ctest --test-dir "$fuzz" --output-on-failure -L fuzz -j "$jobs"
  echo "== fuzz smoke: $((SECONDS - start)) s"
}

case "$mode" in
  main)
    cli="$build/src/cli/sqp"
    echo "\$ sqp assess docs/examples/assessment.json --format text"
    "$cli" assess "$root/docs/examples/assessment.json" --format text
    echo
    echo "\$ sqp rulebook validate src/rulebook/default_rulebook.json"
    "$cli" rulebook validate "$root/src/rulebook/default_rulebook.json"
    ;;
  test)
    ctest --test-dir "$build" --output-on-failure -j "$jobs"
    hardening
    ;;
  hardening)
    hardening
    ;;
  *)
    echo "usage: $0 main|test|hardening" >&2; exit 2 ;;
esac
