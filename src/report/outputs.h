#pragma once
// The files a run writes, from `--report KIND[:PATH]` flags (several at once): html (default path
// .pacts/report.html), junit (default .pacts/junit.xml), json (a path is required; the same as --json).
#include <string>
#include <vector>

#include "run/runner.h"

namespace pacts {

struct ReportOutput {
  std::string kind;  // html, junit, json
  std::string path;
};

// Throws Error(BadInput) naming the flag and the kinds it takes.
ReportOutput parse_report_flag(const std::string& flag);
// Writes each; throws Error(BadInput) when one cannot be written.
void write_report_outputs(const RunReport& report, const std::vector<ReportOutput>& outputs);
// The same for `pacts run --repeat`: HTML and JUnit over every loop's tests, JSON with each run's loop.
void write_report_outputs(const std::vector<RunReport>& loops, const std::vector<ReportOutput>& outputs);
// Every run's own HTML report (report.html_dir): <dir>/<UTC start time>-<invocation id>.html, the folder
// created. Returns its path. Throws Error(BadInput) when it cannot be written.
std::string write_run_html_report(const RunReport& report, const std::string& dir);

}  // namespace pacts
