#!/usr/bin/env bash
# Runs the whole test suite through ctest in the sanitizer build (scripts/sanitizer-build.sh: clang,
# AddressSanitizer with LeakSanitizer, UBSan with undefined behaviour fatal; build-asan/).
#
# Every process the tests start from our code (the test binaries, the pacts executable they run) writes its
# sanitizer reports to build-asan/sanitizer-reports/ and exits 86 on a memory error, a leak or undefined
# behaviour, so the test fails; the reports are printed at the end, and any report fails this script even if the
# test that caused it did not look at the exit code. Chromium, Redis and PostgreSQL are not instrumented
# (Debian's builds); what runs under the sanitizers is ours.
#
# Usage: scripts/sanitize.sh [ctest arguments]      e.g. scripts/sanitize.sh -R unit/
# Environment: PACTS_SANITIZE_BUILD (default build-asan).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${PACTS_SANITIZE_BUILD:-build-asan}
case $build in /*) ;; *) build=$root/$build ;; esac

./scripts/sanitizer-build.sh
# A stage that ran uninstrumented binaries would pass without checking anything: make sure it cannot.
for binary in "$build/pacts" "$build/tests/unit_tests" "$build/tests/integration_tests"; do
  symbols=$(nm "$binary")
  if ! grep -q ' __asan_report_load' <<<"$symbols" || ! grep -q ' __ubsan_handle_' <<<"$symbols"; then
    echo "sanitize: $binary is not built with ASan and UBSan (see scripts/sanitizer-build.sh)"
    exit 2
  fi
done
./scripts/fetch-test-material.sh "$build/material-site"

reports="$build/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
common="exitcode=86:log_path=$reports/report:print_stacktrace=1"
export ASAN_OPTIONS="$common:detect_leaks=1:check_initialization_order=1"
export UBSAN_OPTIONS="$common:halt_on_error=1"
if ! command -v llvm-symbolizer >/dev/null && [ -x /usr/bin/llvm-symbolizer-14 ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
fi
export LSAN_OPTIONS="suppressions=$root/tests/sanitize/lsan.supp:print_suppressions=0"

run_start=$SECONDS
code=0
(cd "$build" && ctest --output-on-failure -j "$(nproc)" "$@") || code=$?
echo "sanitize: ctest ran in $((SECONDS - run_start)) s (exit $code)"

found=$(find "$reports" -type f | wc -l)
if [ "$found" -ne 0 ]; then
  echo "sanitize: $found sanitizer report(s):"
  for f in "$reports"/*; do
    echo "---- $f"
    head -60 "$f"
  done
  [ "$code" -ne 0 ] || code=1
fi
exit "$code"
