#!/usr/bin/env python3
"""Prints a Markdown table of pacts results for the reallibs flows.

    summarize.py DIR [RELATIONS.json]

DIR holds reallibs-<flow>.json written by `pacts run --json`. RELATIONS.json (optional) is what
tools/replay.mjs writes with RELATIONS_OUT: for each step PACTS ran, how PACTS's element relates to the
expected one (same / host / inner / ancestor / descendant / OTHER).
A NEGATIVE test is meant to fail: "pass" there means PACTS acted on the wrong element (or did nothing).
"""
import glob
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
flows = os.path.join(here, '..', 'flows')
src = sys.argv[1] if len(sys.argv) > 1 else '/tmp'
rel = {}
if len(sys.argv) > 2:
    for r in json.load(open(sys.argv[2])):
        rel[(r['stem'], r['test'], r['line'])] = r['relation']


def cell(s):
    return (s or '').replace('|', '\\|').replace('\n', ' ')


print('| flow | test | result | failing step | reason | message | steps PACTS ran vs expected element |')
print('|---|---|---|---|---|---|---|')
for f in sorted(glob.glob(os.path.join(flows, '*.txt'))):
    stem = os.path.basename(f)[:-4]
    path = os.path.join(src, f'reallibs-{stem}.json')
    if not os.path.exists(path):
        print(f'| {stem} | (no results) | | | | | |')
        continue
    for r in json.load(open(path))['runs']:
        negative = r['test'].startswith('NEGATIVE')
        verdict = r['verdict']
        if negative:
            verdict = f'{verdict} ({"ok: must fail" if verdict == "fail" else "WRONG: the wrong outcome held"})'
        failing = next((s for s in r['steps'] if s['outcome'] not in ('passed', 'skipped')), None)
        fa = next((a for a in r['assertions'] if a['outcome'] == 'failed'), None)
        where = reason = msg = ''
        if failing:
            where = f"line {failing['line']}: {failing['action']} \"{failing['target']}\""
            reason = failing['reason'] or ''
            msg = (failing['error'] or '').splitlines()[0][:160]
            cands = [c for c in (failing.get('candidates') or [])][:3]
            if cands:
                msg += ' [' + '; '.join(cands) + ']'
        elif fa:
            where = f"line {fa['line']}: expect \"{fa['value']}\""
            reason = 'assertion_failed'
            msg = (fa['error'] or '').split(';')[0][:120]
        ran = []
        for s in r['steps']:
            if s['outcome'] == 'passed' and s.get('selector'):
                k = (stem, r['test'], s['line'])
                ran.append(f"{s['line']}: {rel.get(k, '?')}")
        print(f"| {stem} | {cell(r['test'])} | {cell(verdict)} | {cell(where)} | {cell(reason)} | {cell(msg)} | {cell(', '.join(ran))} |")
