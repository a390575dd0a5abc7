#!/usr/bin/env bash
# test.sh — the second command: installs what is missing, builds, and runs every test (unit, scenario,
# CLI and GUI tests through ctest), then the headless suite again built with AddressSanitizer and
# UndefinedBehaviorSanitizer (unit, scenario and CLI tests; the GUI is left out of that pass because
# Mesa's llvmpipe threads make it slow and leak-noisy under ASan). Set INTERLEAVE_SKIP_ASAN=1 to skip it.
# Last, the two libFuzzer targets (the scenario loader and the Go front end), built with clang 14 in
# build-fuzz, run 30 s each. Set INTERLEAVE_SKIP_FUZZ=1 to skip them.
set -euo pipefail
cd "$(dirname "$0")"

./build.sh
echo "== Tests"
ctest --test-dir build --output-on-failure -j2 --timeout 900

if [ "${INTERLEAVE_SKIP_ASAN:-0}" != 1 ]; then
  echo "== Tests under ASan + UBSan"
  BUILD_DIR=build-asan CMAKE_ARGS="-DINTERLEAVE_SANITIZE=ON -DINTERLEAVE_BENCH=OFF -DINTERLEAVE_GUI=OFF" ./build.sh
  ASAN_OPTIONS=abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j2 --timeout 1800
fi

if [ "${INTERLEAVE_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== Fuzzing: the scenario loader and the Go front end (libFuzzer, clang 14)"
  CXX=clang++-14 BUILD_DIR=build-fuzz EXTRA_PACKAGES="clang-14 libclang-rt-14-dev" \
    CMAKE_ARGS="-DINTERLEAVE_FUZZ=ON -DINTERLEAVE_GUI=OFF -DINTERLEAVE_BENCH=OFF" \
    BUILD_TARGETS="interleave-fuzz-loader interleave-fuzz-go" ./build.sh
  ctest --test-dir build-fuzz -R '^fuzz_' --output-on-failure
fi
