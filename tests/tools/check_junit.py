#!/usr/bin/python3
"""Reads a JUnit XML file with junitparser (the library CI tools build on) and prints what it understood,
one line per test case: suite, name, time, result kind, result type and message. Exit 1 when it cannot read it."""
import sys

from junitparser import Error, Failure, JUnitXml, Skipped

try:
    xml = JUnitXml.fromfile(sys.argv[1])
except Exception as e:
    print(f"unreadable: {e}")
    sys.exit(1)
xml.update_statistics()
print(f"totals tests={xml.tests} failures={xml.failures} errors={xml.errors}")
for suite in xml:
    props = {p.name: p.value for p in suite.properties()}
    print(f"suite {suite.name} tests={suite.tests} failures={suite.failures} properties={sorted(props)}")
    for case in suite:
        kinds = [("failure" if isinstance(r, Failure) else "error" if isinstance(r, Error) else
                  "skipped" if isinstance(r, Skipped) else "other", r.type, r.message) for r in case.result]
        print(f"case {case.classname} | {case.name} | {case.time > 0} | {kinds}")
