#!/usr/bin/env bash
# Builds and runs the benchmarks, printing their figures.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake --build build -j "$(nproc)" --target bench_discovery bench_actions bench_tiers bench_tier_load bench_sync bench_scrape bench_heal >/dev/null
./build/bench/bench_discovery "${DISCOVERY_ROUNDS:-30}" build/material-site
echo
./build/bench/bench_actions
echo
./build/bench/bench_tiers

echo
./build/bench/bench_tier_load "${LOAD_CALLS:-1000}"
echo
./build/bench/bench_sync
echo
./build/bench/bench_scrape "${SCRAPE_RUNS:-10000}"
echo
./build/bench/bench_heal
echo
./bench/workers.sh
