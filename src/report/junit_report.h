#pragma once
// The run as JUnit XML, the way CI systems (Jenkins, GitLab, GitHub's test reporters) read it
// (`pacts run --report junit[:PATH]`): <testsuites> with one <testsuite> per requirement file, one <testcase>
// per test (classname: the file; time in seconds), <failure> for a FAIL and <error> for an ERROR, each with the
// reason as its type, the first line of the error as its message and the whole error (with the failed step
// and its line) as text. Each suite's <properties> hold the cache counts of its steps: how many came from
// each tier and how many were discovered. Text is XML-escaped, characters XML cannot hold are dropped, and
// the document passes mask_secrets.
#include <string>

#include "run/runner.h"

namespace pacts {

std::string junit_report_xml(const RunReport& report);
// Throws Error(BadInput) when the file cannot be written.
void write_junit_report(const RunReport& report, const std::string& path);

// Text for an XML attribute or element: secrets masked, then & < > " ' escaped and the characters XML 1.0
// cannot hold removed.
std::string xml_escape(const std::string& text);

}  // namespace pacts
