#!/usr/bin/python3
"""Parses Prometheus text with the reference Python client's parser and checks the families PACTS promises.

usage: check_metrics.py FILE FAMILY:TYPE...   exit 0 when the text parses and every family is there with
its type and at least one sample; prints what is wrong otherwise."""
import sys

from prometheus_client.parser import text_string_to_metric_families

text = open(sys.argv[1], encoding="utf-8").read()
try:
    families = {f.name: f for f in text_string_to_metric_families(text)}
except Exception as e:  # the parser raises ValueError (and others) on malformed text
    print(f"unparseable: {e}")
    sys.exit(1)
problems = []
for want in sys.argv[2:]:
    name, kind = want.split(":")
    # The client strips _total from counter family names.
    f = families.get(name[:-6] if kind == "counter" and name.endswith("_total") else name)
    if f is None:
        problems.append(f"missing family {name}")
    elif f.type != kind:
        problems.append(f"{name} has type {f.type}, wanted {kind}")
    elif not f.samples:
        problems.append(f"{name} has no samples")
    elif not f.documentation:
        problems.append(f"{name} has no HELP")
for f in families.values():
    if f.type == "histogram":
        by_labels = {}
        for s in f.samples:
            if s.name.endswith("_bucket"):
                key = tuple(sorted((k, v) for k, v in s.labels.items() if k != "le"))
                by_labels.setdefault(key, []).append(s.value)
        for key, values in by_labels.items():
            if values != sorted(values):
                problems.append(f"{f.name}{dict(key)}: buckets are not cumulative")
print("\n".join(problems) if problems else f"ok: {len(families)} families")
sys.exit(1 if problems else 0)
