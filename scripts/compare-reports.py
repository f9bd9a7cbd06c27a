#!/usr/bin/env python3
"""Compares two `pacts run --json` reports apart from timings, ids, paths and invocation ids."""
import json, re, sys
DROP = {"id", "invocation_id", "duration_ms", "timings", "screenshot", "artifacts", "browser", "time_ms"}
# What legitimately differs between two runs of the same suite: the served port, ids the example pages
# generate per load (input-373), and {timestamp} values.
VOLATILE = [(re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:PORT"), (re.compile(r"-\d{3,}\b"), "-N"),
            (re.compile(r"\b1\d{9}\b"), "TIMESTAMP")]
def norm(x):
    if isinstance(x, str):
        for pattern, repl in VOLATILE:
            x = pattern.sub(repl, x)
        return x
    if isinstance(x, dict):
        return {k: norm(v) for k, v in x.items() if k not in DROP}
    if isinstance(x, list):
        return [norm(v) for v in x]
    return x
a, b = (norm(json.load(open(p))) for p in sys.argv[1:3])
def diff(x, y, path=""):
    n = 0
    if type(x) != type(y):
        print(f"{path}: {x!r} != {y!r}"); return 1
    if isinstance(x, dict):
        for k in sorted(set(x) | set(y)):
            if k not in x or k not in y:
                print(f"{path}.{k}: only in {'second' if k not in x else 'first'}"); n += 1
            else:
                n += diff(x[k], y[k], f"{path}.{k}")
    elif isinstance(x, list):
        if len(x) != len(y):
            print(f"{path}: {len(x)} items != {len(y)}"); return 1
        for i, (u, v) in enumerate(zip(x, y)):
            n += diff(u, v, f"{path}[{i}]")
    elif x != y:
        print(f"{path}: {x!r} != {y!r}"); n += 1
    return n
n = diff(a, b)
print(f"{n} differences")
sys.exit(1 if n else 0)
