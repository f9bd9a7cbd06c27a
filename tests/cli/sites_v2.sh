#!/bin/sh
# sites_v2.sh PACTS SOURCE_DIR: the shop requirements (and tests/data/sites_v2) run green on examples/sites,
# then, with the same store, on examples/sites-v2 (the shop after a release: renamed ids and test ids, a
# reworded label, a button moved into a menu, a wrapper, a look-alike button, a removed field, a re-ordered
# list); each test must end as tests/tools/check_sites_v2.py writes down.
pacts=$1; src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export PACTS_STORE_PATH="$tmp/pacts.db"
files="$src/examples/requirements/shop_login_simple.txt $src/examples/requirements/shop_flow.txt $src/examples/requirements/shop_e2e.txt $src/tests/data/sites_v2/cart_menu.txt"
# shellcheck disable=SC2086
"$pacts" run --serve "$src/examples/sites" $files --json v1.json --screenshots off > v1.log 2>&1
code=$?
[ "$code" -eq 0 ] || { cat v1.log; echo "v1: exit $code, expected 0"; exit 1; }
# shellcheck disable=SC2086
"$pacts" run --serve "$src/examples/sites-v2" --serve "$src/examples/sites" $files --json v2.json --screenshots off > v2.log 2>&1
code=$?
[ "$code" -eq 1 ] || { cat v2.log; echo "v2: exit $code, expected 1 (some tests fail)"; exit 1; }
python3 "$src/tests/tools/check_sites_v2.py" v1.json v2.json || { cat v2.log; exit 1; }
