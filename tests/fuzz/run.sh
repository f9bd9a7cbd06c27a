#!/usr/bin/env bash
# Builds the fuzz harnesses of tests/fuzz in the sanitizer build (scripts/sanitizer-build.sh: clang, libFuzzer,
# AddressSanitizer and UBSan, fatal; build-asan/, the build scripts/sanitize.sh runs the suite in), then fuzzes
# each one in turn for an equal share of a fixed total time, starting from its seeds.
# Prints, per harness: executions, the coverage libFuzzer reports (cov: edges, ft: features), the corpus size
# and the findings. Exits non-zero when any harness finds anything: a crash, a sanitizer report (memory error,
# leak, undefined behaviour), an uncaught exception, a broken contract (FUZZ FINDING), a timeout or an
# out-of-memory. Each finding's input is kept under build-asan/fuzz-findings/<harness>/; once fixed, it goes
# into tests/fuzz/corpus/<harness>/ so that every build replays it.
#
# Usage: tests/fuzz/run.sh [TOTAL_SECONDS [HARNESS...]]     (default: 120 seconds, every harness)
# Environment: PACTS_SANITIZE_BUILD (default build-asan); PACTS_FUZZ_TIMEOUT_S, the limit for one input (10).
set -euo pipefail
cd "$(dirname "$0")/../.."

total=${1:-120}
shift || true
build=${PACTS_SANITIZE_BUILD:-build-asan}
input_timeout=${PACTS_FUZZ_TIMEOUT_S:-10}

./scripts/sanitizer-build.sh fuzz_harnesses

if (($#)); then harnesses=("$@"); else mapfile -t harnesses <"$build/tests/fuzz/harnesses.txt"; fi
share=$((total / ${#harnesses[@]}))
((share >= 1)) || share=1

# The harnesses write each input to a scratch file: on tmpfs that costs no disk flushes.
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
if ! command -v llvm-symbolizer >/dev/null && [ -x /usr/bin/llvm-symbolizer-14 ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=0
summary=()
for h in "${harnesses[@]}"; do
  bin="$build/tests/fuzz/fuzz_$h"
  seeds="$build/fuzz-seeds/$h"
  corpus="$build/fuzz-corpus/$h"   # what the fuzzer learns; kept between local runs, fresh in CI
  findings="$build/fuzz-findings/$h"
  log="$build/fuzz-logs/$h.log"
  rm -rf "$seeds" "$findings"
  mkdir -p "$seeds" "$corpus" "$findings" "$(dirname "$log")"
  n=0
  while IFS= read -r f; do
    [ -n "$f" ] && cp "$f" "$seeds/$((++n))-$(basename "$f")"
  done <"$build/tests/fuzz/$h.seeds"
  dict=()
  [ -f "tests/fuzz/$h.dict" ] && dict=(-dict="tests/fuzz/$h.dict")

  echo "fuzz: $h for $share s ($(find "$seeds" -type f | wc -l) seeds)"
  # Value profiles help it past the grammar's string comparisons; the entropic schedule is off because its
  # bookkeeping took half the time with these harnesses' feature counts (measured: twice the executions).
  code=0
  "$bin" "$corpus" "$seeds" "${dict[@]}" -max_total_time="$share" -timeout="$input_timeout" -rss_limit_mb=2048 \
    -max_len=16384 -use_value_profile=1 -entropic=0 -print_final_stats=1 -artifact_prefix="$findings/" \
    -error_exitcode=77 -timeout_exitcode=70 >"$log" 2>&1 || code=$?

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  found=$(find "$findings" -type f | wc -l)
  line=$(printf '%-18s executions %-9s (%s/s)  cov %-5s ft %-6s corpus %-5s findings %s' \
    "$h" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$found")
  if [ "$code" -ne 0 ] || [ "$found" -ne 0 ]; then
    failed=1
    line+="  FAILED (exit $code)"
    echo "fuzz: $h FAILED (exit $code); the report:"
    grep -nE 'ERROR: |FUZZ FINDING|runtime error|SUMMARY|Test unit written|DEADLY|terminate called|what\(\)' "$log" |
      head -40 || true
    echo "fuzz: full log $log; reproduce with: $bin $findings/<file>"
  fi
  summary+=("$line")
done

echo "fuzz: summary (${total} s in total, ASan+UBSan)"
printf '  %s\n' "${summary[@]}"
exit "$failed"
