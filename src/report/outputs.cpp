#include "report/outputs.h"

#include "core/error.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/junit_report.h"

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

void write_report_outputs(const RunReport& report, const std::vector<ReportOutput>& outputs) {
  for (const auto& o : outputs) {
    if (o.kind == "html") write_html_report(report, o.path);
    else if (o.kind == "junit") write_junit_report(report, o.path);
    else write_run_report(report, o.path);
  }
}

}  // namespace pacts
