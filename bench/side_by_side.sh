#!/usr/bin/env bash
# Side-by-side benchmark (issue 12): PACTS against the Playwright scripts a careful tester would write for the same
# tests (bench/playwright/tests.mjs), on the same pages served by one static server.
#
#   bench/side_by_side.sh [ROUNDS]        # ROUNDS defaults to $ROUNDS, else 5
#
# Each round runs, PACTS first in odd rounds and Playwright first in even ones:
#   PACTS cold   build/pacts run with a fresh, empty store (every element discovered)
#   PACTS warm   the same store again (selectors from the SQLite cache)
#   Playwright   node bench/playwright/tests.mjs (one browser, a fresh context per test)
# and prints the median wall time of each, the per-round ratios warm/PW and cold/PW and their medians, and the
# median duration per action (fill, click, press, select, check, wait) of PACTS warm (and cold) vs Playwright.
# Exits 1 if any test fails in either tool, or if the two tools did not run the same tests; 2 on set-up errors.
#
# Environment:
#   BENCH_REQUIREMENTS  requirement files to run (space-separated, relative to the repo root or the current folder);
#                       every one needs Playwright twins in bench/playwright/tests.mjs. Default: the four below.
#   PACTS_BIN           the pacts binary (default build/pacts)
#   BENCH_JSON          also write the figures as JSON to this path
#   BENCH_KEEP=1        keep the temporary folder (logs, JSON reports) and print its path
# No Redis or Postgres tier is used (PACTS_REDIS_URL and PACTS_POSTGRES_URL are set empty), so "cold" is cold.
# The figures depend on the machine's load: run on a quiet machine, and read them as indicative.
set -euo pipefail

ORIG_PWD=$PWD
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

ROUNDS=${1:-${ROUNDS:-5}}
if ! [[ $ROUNDS =~ ^[1-9][0-9]*$ ]]; then echo "side_by_side: ROUNDS must be a positive integer, not '$ROUNDS'" >&2; exit 2; fi
PACTS_BIN=${PACTS_BIN:-build/pacts}
DEFAULT_REQS="examples/requirements/shop_e2e.txt examples/requirements/crm_opportunity.txt examples/requirements/crm_contact.txt examples/requirements/wiki_search.txt"
read -r -a REQ_ARGS <<<"${BENCH_REQUIREMENTS:-$DEFAULT_REQS}"

die() { echo "side_by_side: $*" >&2; exit 2; }
[[ -x $PACTS_BIN ]] || die "no pacts binary at $PACTS_BIN (build it first: scripts/setup.sh)"
command -v node >/dev/null || die "node is needed for the Playwright side"
command -v python3 >/dev/null || die "python3 is needed (static server, arithmetic)"
[[ ${#REQ_ARGS[@]} -gt 0 ]] || die "BENCH_REQUIREMENTS names no file"
REQS=()
for f in "${REQ_ARGS[@]}"; do
  if [[ $f = /* && -f $f ]]; then REQS+=("$f")
  elif [[ -f $ROOT/$f ]]; then REQS+=("$ROOT/$f")
  elif [[ -f $ORIG_PWD/$f ]]; then REQS+=("$ORIG_PWD/$f")
  else die "no requirement file $f"
  fi
done
if [[ ! -d bench/playwright/node_modules/playwright-core ]]; then
  echo "side_by_side: installing playwright-core for the benchmark peer (npm ci in bench/playwright)" >&2
  (cd bench/playwright && npm ci --no-audit --no-fund --silent) || die "npm ci failed in bench/playwright"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/pacts-sbs.XXXXXX")
# Before any round: every PACTS test of these files must have a Playwright twin of the same name, and no more.
"$PACTS_BIN" plan --json "$TMP/plan.json" "${REQS[@]}" >/dev/null 2>"$TMP/plan.err" \
  || { cat "$TMP/plan.err" >&2; rm -rf "$TMP"; die "pacts plan failed on the requirement files"; }
node bench/playwright/tests.mjs --list "${REQS[@]}" >"$TMP/twins.json" 2>"$TMP/twins.err" \
  || { cat "$TMP/twins.err" >&2; rm -rf "$TMP"; die "add the missing twins to bench/playwright/tests.mjs"; }
python3 - "$TMP/plan.json" "$TMP/twins.json" <<'PY' || { rm -rf "$TMP"; die "the Playwright twins do not match the PACTS tests"; }
import collections, json, sys
plan = collections.Counter(t['name'] for t in json.load(open(sys.argv[1]))['tests'])
twins = collections.Counter(json.load(open(sys.argv[2])))
if plan != twins:
    print('PACTS tests without a twin:', sorted((plan - twins).elements()), file=sys.stderr)
    print('twins without a PACTS test:', sorted((twins - plan).elements()), file=sys.stderr)
    sys.exit(1)
PY
SERVER_PID=
OK=0
cleanup() {
  if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [[ ${BENCH_KEEP:-0} = 1 || $OK = 0 ]]; then echo "side_by_side: logs and reports kept in $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# One static server for both tools, on a free loopback port (port 0: the kernel picks it, no race).
python3 -u -m http.server 0 --bind 127.0.0.1 --directory examples/sites >"$TMP/http.log" 2>&1 &
SERVER_PID=$!
PORT=
for _ in $(seq 100); do
  PORT=$(sed -n 's/^Serving HTTP on .* port \([0-9][0-9]*\).*/\1/p' "$TMP/http.log" | head -n1)
  [[ -n $PORT ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "the static server did not start: $(cat "$TMP/http.log")"
  sleep 0.1
done
[[ -n $PORT ]] || die "the static server did not report its port"
BASE="http://127.0.0.1:$PORT"
curl -fsS -o /dev/null --retry 20 --retry-connrefused --retry-delay 0 --max-time 5 "$BASE/index.html" || die "$BASE does not answer"
echo "side_by_side: serving examples/sites at $BASE (pid $SERVER_PID); $ROUNDS round(s); ${#REQS[@]} file(s): ${REQ_ARGS[*]}" >&2

: >"$TMP/runs.tsv"
now_ns() { date +%s%N; }

# run KIND ROUND JSON LOG CMD...: times CMD, records it, stops the benchmark if it fails.
run() {
  local kind=$1 round=$2 json=$3 log=$4; shift 4
  local t0 t1 rc=0
  t0=$(now_ns)
  "$@" >"$log.out" 2>"$log.err" || rc=$?
  t1=$(now_ns)
  local ms=$(( (t1 - t0) / 1000000 ))
  if [[ $rc -ne 0 ]]; then
    echo "side_by_side: round $round, $kind exited $rc; stopping (every test must pass in both tools: a benchmark of failing tests is meaningless)" >&2
    tail -n 40 "$log.out" "$log.err" >&2
    exit 1
  fi
  printf '%s\t%s\t%s\t%s\n' "$round" "$kind" "$ms" "$json" >>"$TMP/runs.tsv"
  printf '  round %s  %-11s %7.1f s\n' "$round" "$kind" "$(echo "$ms" | awk '{print $1/1000}')" >&2
}

pacts() {   # pacts ROUND KIND STORE
  local round=$1 kind=$2 store=$3 json="$TMP/r$1-$2.json"
  run "$kind" "$round" "$json" "$TMP/r$round-$kind" \
    env PACTS_STORE_PATH="$store" PACTS_REDIS_URL= PACTS_POSTGRES_URL= \
      PACTS_RUN_ARTIFACTS_DIR="$TMP/artifacts" PACTS_RUN_MANUAL_SIGNAL_FILE="$TMP/continue" \
      "$PACTS_BIN" run --ci --base-url "$BASE" --json "$json" "${REQS[@]}"
}
playwright() {   # playwright ROUND
  local round=$1 json="$TMP/r$1-playwright.json"
  run playwright "$round" "$json" "$TMP/r$round-playwright" node bench/playwright/tests.mjs "$BASE" "${REQS[@]}"
  cp "$TMP/r$round-playwright.out" "$json"
}

for r in $(seq "$ROUNDS"); do
  store="$TMP/store-r$r.db"
  rm -f "$store"
  if (( r % 2 == 1 )); then
    pacts "$r" pacts_cold "$store"; pacts "$r" pacts_warm "$store"; playwright "$r"
  else
    playwright "$r"; pacts "$r" pacts_cold "$store"; pacts "$r" pacts_warm "$store"
  fi
done

python3 - "$TMP/runs.tsv" "${BENCH_JSON:-}" "${REQ_ARGS[*]}" <<'PY'
import json, statistics, sys

runs_tsv, out_json, files = sys.argv[1], sys.argv[2], sys.argv[3]
rounds = {}
for line in open(runs_tsv):
    r, kind, ms, path = line.rstrip('\n').split('\t')
    rounds.setdefault(int(r), {})[kind] = {'wall_ms': float(ms), 'report': json.load(open(path))}

KINDS = ('pacts_cold', 'pacts_warm', 'playwright')
ACTIONS = ('fill', 'click', 'press', 'select', 'check', 'wait')
problems = []

def tests_of(rep):
    return {(x['test']): x for x in rep['runs']}

# Both tools must have run the same tests, and every one must have passed.
for r, kinds in sorted(rounds.items()):
    names = {k: set(tests_of(v['report'])) for k, v in kinds.items()}
    if names['pacts_cold'] != names['playwright'] or names['pacts_warm'] != names['playwright']:
        only_p = sorted(names['pacts_cold'] - names['playwright'])
        only_w = sorted(names['playwright'] - names['pacts_cold'])
        problems.append(f'round {r}: the tools ran different tests (PACTS only: {only_p}; Playwright only: {only_w})')
    for k, v in kinds.items():
        for x in v['report']['runs']:
            if x['verdict'] != 'pass':
                problems.append(f'round {r}: {k}: "{x["test"]}" did not pass: {x.get("reason") or x.get("error")}')
# The twins should take the same steps: warn (do not fail) where the action sequences differ.
warn = set()
for r, kinds in sorted(rounds.items()):
    pw = tests_of(kinds['playwright']['report'])
    for name, x in tests_of(kinds['pacts_warm']['report']).items():
        if name not in pw: continue
        a = [s['action'] for s in x['steps']]
        b = [s['action'] for s in pw[name]['actions'] if s['action'] != 'goto']
        if a != b: warn.add(f'"{name}": PACTS steps {a} vs Playwright actions {b}')
if problems:
    print('side_by_side: FAILED\n  ' + '\n  '.join(problems), file=sys.stderr)
    sys.exit(1)

med = statistics.median
n_tests = len(next(iter(rounds.values()))['playwright']['report']['runs'])
rows = []
for r, kinds in sorted(rounds.items()):
    w = {k: kinds[k]['wall_ms'] for k in KINDS}
    rows.append({'round': r, 'order': 'PACTS first' if r % 2 else 'Playwright first', **w,
                 'warm_over_pw': w['pacts_warm'] / w['playwright'], 'cold_over_pw': w['pacts_cold'] / w['playwright'],
                 'warm_discoveries': kinds['pacts_warm']['report']['cache']['discoveries'],
                 'warm_hit_rate': kinds['pacts_warm']['report']['cache']['hit_rate']})

def samples(kind):
    # Per action name, every step's duration; and every assertion's. (Playwright's "goto" is left out.)
    out, checks = {a: [] for a in ACTIONS}, []
    for kinds in rounds.values():
        for x in kinds[kind]['report']['runs']:
            for st in (x['actions'] if kind == 'playwright' else x['steps']):
                if st['action'] in out: out[st['action']].append(st['duration_ms'])
            checks += [c['duration_ms'] for c in x['assertions']]
    return out, checks

acts, asserts = {}, {}
for k in KINDS: acts[k], asserts[k] = samples(k)
# What part of a warm PACTS step is the settle wait after the action (timings.settle_ms).
settle = {a: [] for a in ACTIONS}
for kinds in rounds.values():
    for x in kinds['pacts_warm']['report']['runs']:
        for st in x['steps']:
            if st['action'] in settle and (st.get('timings') or {}).get('settle_ms') is not None:
                settle[st['action']].append(st['timings']['settle_ms'])
inproc = {k: med(v[k]['report']['summary']['duration_ms'] for v in rounds.values()) for k in KINDS}

s = lambda ms: f'{ms / 1000:6.1f} s'
print(f'\nPACTS vs Playwright: {len(rounds)} round(s), {n_tests} tests, files: {files}')
print(f'{"round":>5}  {"order":<16} {"PACTS cold":>10} {"PACTS warm":>10} {"Playwright":>10} {"warm/PW":>8} {"cold/PW":>8}  warm cache')
for x in rows:
    print(f'{x["round"]:>5}  {x["order"]:<16} {s(x["pacts_cold"]):>10} {s(x["pacts_warm"]):>10} {s(x["playwright"]):>10} '
          f'{x["warm_over_pw"]:8.2f} {x["cold_over_pw"]:8.2f}  {x["warm_hit_rate"]:.0%} hits, {x["warm_discoveries"]} discoveries')
mw = {k: med(x[k] for x in rows) for k in KINDS}
mr = {k: med(x[k] for x in rows) for k in ('warm_over_pw', 'cold_over_pw')}
print(f'\nmedian wall time:  PACTS cold {s(mw["pacts_cold"]).strip()}, PACTS warm {s(mw["pacts_warm"]).strip()}, '
      f'Playwright {s(mw["playwright"]).strip()}   (process start to exit, browser launch included)')
print(f'median run time:   PACTS cold {s(inproc["pacts_cold"]).strip()}, PACTS warm {s(inproc["pacts_warm"]).strip()}, '
      f'Playwright {s(inproc["playwright"]).strip()}   (as each tool reports its own run)')
print(f'pair-by-pair ratios (median of the per-round ratios):  warm/PW {mr["warm_over_pw"]:.2f}   cold/PW {mr["cold_over_pw"]:.2f}')

print('\nper action, median ms over every step of every round (n = steps):')
print(f'{"action":<8} {"PACTS warm":>16} {"Playwright":>16} {"warm/PW":>8} {"PACTS cold":>16} {"warm settle":>12}')
per_action = {}
def cell(v): return f'{med(v):8.1f} (n={len(v):>3})' if v else f'{"-":>8} {"":7}'
for a in ACTIONS + ('assert',):
    src = asserts if a == 'assert' else {k: acts[k][a] for k in KINDS}
    w, p, c = src['pacts_warm'], src['playwright'], src['pacts_cold']
    ratio = f'{med(w) / med(p):8.2f}' if w and p and med(p) > 0 else f'{"-":>8}'
    label = a if a != 'assert' else '(checks)'
    st = settle.get(a) or []
    print(f'{label:<8} {cell(w):>16} {cell(p):>16} {ratio} {cell(c):>16} {(f"{med(st):9.1f}" if st else "-"):>12}')
    per_action[a] = {k: {'median_ms': med(v) if v else None, 'n': len(v)}
                     for k, v in (('pacts_warm', w), ('playwright', p), ('pacts_cold', c), ('pacts_warm_settle', st))}
print('A PACTS step includes finding the element (cache or discovery), actionability, the action and the settle '
      'wait after it\n("warm settle": its median part of a warm step); a Playwright action resolves once the input is '
      'dispatched (a click\nalso waits for a navigation it starts to commit), so waits for the page land in the next '
      'action or check.')
# A test's own set-up and teardown, outside its steps (each tool's "timings" per test).
print('\nper test, median ms of its set-up and teardown (n = tests of every round):')
print(f'{"part":<12} {"PACTS warm":>16} {"Playwright":>16} {"PACTS cold":>16}')
setup = {}
for part in ('context_ms', 'navigation_ms', 'teardown_ms'):
    v = {k: [x['timings'][part] for kinds in rounds.values() for x in kinds[k]['report']['runs'] if 'timings' in x]
         for k in KINDS}
    print(f'{part[:-3]:<12} {cell(v["pacts_warm"]):>16} {cell(v["playwright"]):>16} {cell(v["pacts_cold"]):>16}')
    setup[part] = {k: {'median_ms': med(x) if x else None, 'n': len(x)} for k, x in v.items()}
for x in sorted(warn): print('note: steps differ:', x, file=sys.stderr)
if out_json:
    json.dump({'rounds': rows, 'median_wall_ms': mw, 'median_run_ms': inproc, 'median_ratios': mr,
               'per_action': per_action, 'per_test_setup': setup, 'tests': n_tests, 'files': files.split()}, open(out_json, 'w'), indent=1)
PY
OK=1
