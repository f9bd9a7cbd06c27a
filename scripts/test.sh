#!/usr/bin/env bash
# Sets up (installs what is missing, builds) and runs every test, in three stages:
#   suite     every test through ctest in build/
#   sanitize  the same suite built with clang, AddressSanitizer and UBSan, in build-asan/ (scripts/sanitize.sh)
#   fuzz      each fuzz harness under ASan and UBSan, 2 minutes in all, in the same build-asan/ (tests/fuzz/run.sh)
# Every stage runs even when an earlier one fails; the exit code is the first failing stage's.
# Arguments go to both ctest runs (e.g. -R unit/). PACTS_TEST_STAGES picks stages (default "suite sanitize fuzz");
# PACTS_FUZZ_SECONDS sets the fuzzing time (default 120).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# CI has 60 minutes on 2 cores for all of this: the summary keeps each part's time in view.
summary=("$(printf '%-9s done (%d s: installing what was missing, building build/)' setup "$SECONDS")")

stages=${PACTS_TEST_STAGES:-suite sanitize fuzz}
result=0
for stage in $stages; do
  start=$SECONDS
  code=0
  echo "test: stage $stage"
  case $stage in
    suite) (cd build && ctest --output-on-failure -j "$(nproc)" "$@") || code=$? ;;
    sanitize) ./scripts/sanitize.sh "$@" || code=$? ;;
    fuzz) ./tests/fuzz/run.sh "${PACTS_FUZZ_SECONDS:-120}" || code=$? ;;
    *) echo "test: unknown stage '$stage' (known: suite sanitize fuzz)"; code=2 ;;
  esac
  summary+=("$(printf '%-9s %s (%d s)' "$stage" "$([ $code -eq 0 ] && echo passed || echo "FAILED, exit $code")" $((SECONDS - start)))")
  ((result != 0 || code == 0)) || result=$code
done
echo "test: summary ($SECONDS s in all)"
printf '  %s\n' "${summary[@]}"
exit "$result"
