#!/usr/bin/env bash
# Runs every reallibs flow with a pacts binary, one file at a time, and prints a Markdown table of the results.
#   tests/reallibs/tools/run-pacts.sh DEST [OUTDIR]
# DEST: the site made by scripts/fetch-test-material.sh. OUTDIR (default /tmp): where reallibs-<flow>.json go.
# PACTS (default build/pacts) names the binary. The store is in memory and the cache off, so every step discovers.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
dest="${1:?usage: run-pacts.sh DEST [OUTDIR]}"
out="${2:-/tmp}"
pacts="${PACTS:-$repo/build/pacts}"
cd "$repo"
for f in tests/reallibs/flows/*.txt; do
  n="$(basename "$f" .txt)"
  PACTS_STORE_PATH=:memory: "$pacts" run --serve "$dest" --no-cache --json "$out/reallibs-$n.json" "$f" >"$out/reallibs-$n.log" 2>&1
  echo "$n: exit $?" >&2
done
python3 "$here/summarize.py" "$out"
