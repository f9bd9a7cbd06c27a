#!/bin/sh
# expect_exit.sh CODE TEXT COMMAND...: runs COMMAND, passes when it exits with CODE and its output holds TEXT.
want=$1; text=$2; shift 2
out=$("$@" 2>&1); code=$?
printf '%s\n' "$out"
[ "$code" = "$want" ] || { echo "expected exit code $want, got $code"; exit 1; }
printf '%s' "$out" | grep -qF -- "$text" || { echo "expected the output to contain: $text"; exit 1; }
