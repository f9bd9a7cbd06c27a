#!/usr/bin/env bash
# Wall time of the bundled example suite with 1, 2 and 4 workers (or the counts given as arguments), cold (an
# empty store: every element discovered) and warm (every selector from SQLite), in three set-ups:
#   own      each worker launches a Chromium of its own (what `pacts run --workers N` does)
#   shared   every worker is a browser context of one Chromium this script starts (--browser-ws)
#   grid     each worker is a session on a local Selenium Grid 4 (scripts/grid.sh, as many slots as workers)
# and the discoveries each run made, with single-flight and without it (cache.single_flight = false: each
# worker discovers on its own), cold, at the largest worker count.
# Prints figures; asserts nothing. Needs build/pacts (./scripts/setup.sh builds it); the grid set-up needs the
# Selenium jar from scripts/fetch-test-material.sh (skipped, saying so, without it). BENCH_SETUPS limits the
# set-ups ("own shared grid").
set -euo pipefail
cd "$(dirname "$0")/.."
pacts=${PACTS_BIN:-build/pacts}
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 2 4)
tmp=$(mktemp -d)
chromium_pid=
cleanup() {
  ./scripts/grid.sh stop "$tmp/grid" >/dev/null 2>&1 || true
  [ -z "$chromium_pid" ] || kill "$chromium_pid" 2>/dev/null || true
  [ -z "$chromium_pid" ] || wait "$chromium_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# One Chromium with a DevTools port of its choosing; its websocket URL from the DevToolsActivePort file.
start_shared_chromium() {
  # The window pacts gives the browsers it launches (browser.window_width/height): layouts depend on it.
  /usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars --mute-audio \
    --window-size=1280,800 --remote-debugging-port=0 --user-data-dir="$tmp/profile" about:blank \
    >"$tmp/chromium.log" 2>&1 &
  chromium_pid=$!
  for _ in $(seq 200); do
    [ -s "$tmp/profile/DevToolsActivePort" ] && [ "$(wc -l < "$tmp/profile/DevToolsActivePort")" -ge 2 ] && break
    sleep 0.05
  done
  local port path
  port=$(sed -n 1p "$tmp/profile/DevToolsActivePort")
  path=$(sed -n 2p "$tmp/profile/DevToolsActivePort")
  echo "ws://127.0.0.1:$port$path"
}

# setup workers [extra pacts arguments...]
measure() {
  local setup=$1 workers=$2
  shift 2
  local store="$tmp/$setup-$workers.db"
  for phase in cold warm; do
    local start end code=0
    start=$(date +%s.%N)
    PACTS_STORE_PATH="$store" PACTS_RUN_ARTIFACTS_DIR="$tmp/artifacts" "$pacts" run --serve examples/sites \
      examples/requirements/ examples/features/ --workers "$workers" --json "$tmp/r.json" "$@" >"$tmp/log" 2>&1 || code=$?
    end=$(date +%s.%N)
    local tests discoveries spared
    tests=$(grep -o '^[0-9]* tests: .*' "$tmp/log" | head -1)
    discoveries=$(grep -o '"discoveries": [0-9]*' "$tmp/r.json" | head -1 | grep -o '[0-9]*$' || echo '?')
    spared=$(grep -o '"discoveries_spared": [0-9]*' "$tmp/r.json" | head -1 | grep -o '[0-9]*$' || echo '?')
    printf '%-22s %2d workers  %-4s  %6.1f s  discoveries %3s (spared %s)  exit %d  %s\n' "$setup" "$workers" "$phase" \
      "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$discoveries" "$spared" "$code" "$tests"
  done
}

setups=${BENCH_SETUPS:-own shared grid}
most=$(printf '%s\n' "${counts[@]}" | sort -n | tail -1)
echo "bundled examples: $("$pacts" plan examples/requirements/ examples/features/ -q | tail -1); $(nproc) cores"
if [[ " $setups " == *" own "* ]]; then
  for n in "${counts[@]}"; do measure own "$n"; done
  # The same, cold only matters: each worker discovers what it misses even when another is discovering it.
  PACTS_CACHE_SINGLE_FLIGHT=false measure own-no-single-flight "$most"
fi
if [[ " $setups " == *" shared "* ]]; then
  ws=$(start_shared_chromium)
  for n in "${counts[@]}"; do measure shared "$n" --browser-ws "$ws"; done
fi
if [[ " $setups " == *" grid "* ]]; then
  if grid=$(./scripts/grid.sh start "$tmp/grid" "$most" 60 2>&1); then
    for n in "${counts[@]}"; do measure grid "$n" --grid "${grid#PACTS_GRID_URL=}"; done
  else
    echo "grid: not measured: $grid"
  fi
fi
