#!/usr/bin/env bash
# Configures (once) and builds the sanitizer build that both scripts/sanitize.sh (the whole test suite) and
# tests/fuzz/run.sh (the libFuzzer harnesses) use: one build, not two, because it is the costliest part of CI.
#   clang, AddressSanitizer (with LeakSanitizer) and UBSan, undefined behaviour fatal (cmake/Sanitize.cmake);
#   libFuzzer's coverage instrumentation on every target (PACTS_FUZZ), so the fuzz_* binaries link against the
#     same libraries the tests use (in the test binaries the coverage hooks are the runtime's no-ops);
#   -O1 with line tables only, assertions on (no NDEBUG): -O2 -g took twice the compile time of -O1 with line
#     tables under ASan (the DevTools websocket unit, g++: 145 s of CPU against 70 s), and line tables are all
#     the sanitizers' stack traces need.
#
# Usage: scripts/sanitizer-build.sh [TARGET...]      (default: every test target)
# Environment: PACTS_SANITIZE_BUILD, the build folder (default build-asan).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${PACTS_SANITIZE_BUILD:-build-asan}

if [ ! -f "$build/CMakeCache.txt" ]; then
  mkdir -p "$build"
  CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Sanitize \
    -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -gline-tables-only" -DPACTS_SANITIZE=address,undefined -DPACTS_FUZZ=ON \
    >"$build/configure.log" 2>&1 || { cat "$build/configure.log"; echo "sanitizer build: cmake failed"; exit 2; }
fi
targets=()
for t in "$@"; do targets+=(--target "$t"); done
start=$SECONDS
if ! cmake --build "$build" -j "$(nproc)" "${targets[@]}" >"$build/build.log" 2>&1; then
  grep -E 'error|Error' -A5 "$build/build.log" | head -80
  echo "sanitizer build: the build failed (full log: $build/build.log)"
  exit 2
fi
echo "sanitizer build: ${*:-all} built in $((SECONDS - start)) s in $build/"
