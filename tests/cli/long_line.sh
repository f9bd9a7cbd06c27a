#!/bin/sh
# long_line.sh PACTS: a sentence of 200,000 apostrophe-led words must be read (and refused or accepted) in linear
# time. Before the fix each word scanned the rest of the line for a closing quote (minutes for this file); ctest's
# TIMEOUT on this test is the deadline.
set -e
pacts=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
{
  echo "Test: many apostrophes"
  echo "URL: /"
  printf '1. Click '
  i=0
  awk 'BEGIN { for (i = 0; i < 200000; i++) printf "'"'"'a "; print "" }'
} > "$dir/long.txt"
"$pacts" plan --quiet "$dir/long.txt" >/dev/null 2>&1 || [ $? -eq 2 ]
