#pragma once
// The run as JSON (`pacts run --json PATH`):
// {"runs":[{"id","test","file","verdict","duration_ms","steps":[{"index","line","action","target","value",
//   "selector","strategy","source","outcome","duration_ms","error"}],"assertions":[{"line","type","value",
//   "outcome","error"}]}],"summary":{"passed","failed"}}
// plus, beside them, reasons, screenshots, timings and the cache's counters. Secrets are already masked.
#include <string>

#include "run/runner.h"

namespace pacts {

std::string run_report_json(const RunReport& report);
void write_run_report(const RunReport& report, const std::string& path);

}  // namespace pacts
