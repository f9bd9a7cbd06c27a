#!/usr/bin/env bash
# Builds the two layering probes: the allowed include must compile, the upward one must fail because the
# header is not there for that module (not for any other reason).
set -u
cmake=$1 build=$2
if ! out=$("$cmake" --build "$build" --target layering_probe_allowed 2>&1); then
  echo "the allowed include (discovery -> browser) does not compile:"; echo "$out"; exit 1
fi
if out=$("$cmake" --build "$build" --target layering_probe_upward 2>&1); then
  echo "discovery could include run/executor.h: the layering is not enforced"; exit 1
fi
# g++ says "run/executor.h: No such file or directory", clang "'run/executor.h' file not found".
if ! grep -qE "run/executor.h: No such file or directory|'run/executor.h' file not found" <<<"$out"; then
  echo "the upward include failed, but not because the header is hidden:"; echo "$out"; exit 1
fi
echo "ok: discovery cannot see run/, and can see browser/"
