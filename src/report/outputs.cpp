#include "report/outputs.h"

#include <chrono>
#include <ctime>
#include <filesystem>

#include <fmt/format.h>

#include "core/error.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/junit_report.h"
#include "report/loops.h"

namespace pacts {

ReportOutput parse_report_flag(const std::string& flag) {
  auto colon = flag.find(':');
  ReportOutput out{flag.substr(0, colon), colon == std::string::npos ? "" : flag.substr(colon + 1)};
  if (out.kind != "html" && out.kind != "junit" && out.kind != "json")
    throw_bad_input("--report " + flag + ": the kinds are html[:PATH], junit[:PATH] and json:PATH");
  if (colon != std::string::npos && out.path.empty()) throw_bad_input("--report " + flag + ": the path is empty");
  if (out.path.empty()) {
    if (out.kind == "json") throw_bad_input("--report json needs a path: --report json:PATH");
    out.path = out.kind == "html" ? ".pacts/report.html" : ".pacts/junit.xml";
  }
  return out;
}

std::string write_run_html_report(const RunReport& report, const std::string& dir) {
  auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);  // write_html_report says it when the folder is not there
  std::string path = (std::filesystem::path(dir) / fmt::format("{}-{}.html", stamp, report.invocation_id)).string();
  write_html_report(report, path);
  return path;
}

void write_report_outputs(const RunReport& report, const std::vector<ReportOutput>& outputs) {
  for (const auto& o : outputs) {
    if (o.kind == "html") write_html_report(report, o.path);
    else if (o.kind == "junit") write_junit_report(report, o.path);
    else write_run_report(report, o.path);
  }
}

void write_report_outputs(const std::vector<RunReport>& loops, const std::vector<ReportOutput>& outputs) {
  if (loops.size() == 1) return write_report_outputs(loops.front(), outputs);
  RunReport all = merged_loops(loops);
  for (const auto& o : outputs) {
    if (o.kind == "json") write_loops_report(loops, o.path);
    else write_report_outputs(all, {o});
  }
}

}  // namespace pacts
