#!/bin/sh
# plan_json_unclear.sh PACTS FEATURE: `pacts plan --json` on a feature with a step PACTS refuses still writes the
# plan of every test, the refused step as "action": "unclear" with its message, names file and line, and exits 2.
pacts=$1; feature=$2
out=$(mktemp); trap 'rm -f "$out"' EXIT
msg=$("$pacts" plan --json "$out" "$feature" 2>&1); code=$?
printf '%s\n' "$msg"
[ "$code" = 2 ] || { echo "expected exit code 2, got $code"; exit 1; }
printf '%s' "$msg" | grep -qF "refused.feature:12:" || { echo "expected the refusal to name refused.feature:12"; exit 1; }
tests=$(grep -c '"name": ' "$out")
[ "$tests" = 2 ] || { echo "expected both tests in the JSON plan, found $tests"; cat "$out"; exit 1; }
grep -qF '"action": "unclear"' "$out" || { echo "expected an unclear step in the JSON plan"; cat "$out"; exit 1; }
grep -qF '"message": "' "$out" || { echo "expected the unclear step's message in the JSON plan"; exit 1; }
grep -qF '"action": "fill"' "$out" || { echo "expected the understood test's steps in the JSON plan"; exit 1; }
echo "ok"
