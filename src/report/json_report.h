#pragma once
// The run as JSON (`pacts run --json PATH`):
// {"runs":[{"id","test","file","verdict","duration_ms","attempt","earlier_attempts":[{"id","attempt","verdict",
//   "reason","error"}],"steps":[{"index","line","action","target","value","selector","strategy","source",
//   "outcome","duration_ms","error"}],"assertions":[{"line","type","value","outcome","error"}]}],
//   "summary":{"passed","flaky","failed"}}
// in the plan's order. verdict is pass, flaky (passed on a retry), fail or error.
// plus, beside them, reasons, screenshots, timings and the cache's counters. Secrets are already masked.
#include <string>

#include "run/runner.h"

namespace pacts {

std::string run_report_json(const RunReport& report);
void write_run_report(const RunReport& report, const std::string& path);
// `pacts run --repeat N`: the same document over every loop's runs, each run with its "loop" (1-based) and
// "invocation_id", and "loops": [{"loop","invocation_id","passed","failed","duration_ms","cache"}].
std::string loops_report_json(const std::vector<RunReport>& loops);
void write_loops_report(const std::vector<RunReport>& loops, const std::string& path);

}  // namespace pacts
