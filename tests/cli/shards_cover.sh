#!/bin/sh
# shards_cover.sh PACTS N FILE...: `pacts plan --shard i/N` for i = 1..N lists, together, every test that
# `pacts plan` lists, each exactly once.
pacts=$1; n=$2; shift 2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# "file" header lines, then "  Test: name  (URL ...)": one line per test, prefixed with its file.
list() { "$pacts" plan "$@" | awk '/^[^ ]/ && !/ tests?, / { file = $0 } /^  Test: / { print file " :: " $0 }'; }
list "$@" | sort > "$tmp/all" || exit 1
[ -s "$tmp/all" ] || { echo "the suite lists no tests"; exit 1; }
i=1
while [ "$i" -le "$n" ]; do
  list --shard "$i/$n" "$@" > "$tmp/shard$i" || exit 1
  [ -s "$tmp/shard$i" ] || { echo "shard $i/$n is empty"; exit 1; }
  i=$((i + 1))
done
cat "$tmp"/shard* | sort > "$tmp/union"
if ! cmp -s "$tmp/all" "$tmp/union"; then
  echo "the shards differ from the suite (< suite, > shards):"; diff "$tmp/all" "$tmp/union"; exit 1
fi
echo "$(wc -l < "$tmp/all") tests, each in exactly one of $n shards"
