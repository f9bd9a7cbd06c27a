#pragma once
// The run as one self-contained HTML file (`pacts run --report html[:PATH]`): no external resource, so it
// works from file:// and as a CI artifact. Per test: verdict, reason and error, timings; per step: line,
// action, target, value, where the selector came from (tier or discovery), strategy, score, selector, the
// time of lookup, discovery, action and settle; the assertions; the failure screenshots inlined as data: URLs.
// Every text is HTML-escaped after its secrets are masked (page text may hold markup or a secret).
#include <string>

#include "run/runner.h"

namespace pacts {

std::string html_report(const RunReport& report);
// Throws Error(BadInput) when the file cannot be written.
void write_html_report(const RunReport& report, const std::string& path);

// Secrets masked, then & < > " ' escaped.
std::string html_escape(const std::string& text);

}  // namespace pacts
