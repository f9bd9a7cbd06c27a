#pragma once
// `pacts run --repeat N`: the suite run N times in one browser, each loop a run of its own (its own invocation
// id, its own cache counters), so that "cold, then warm" is one command.
#include <string>
#include <vector>

#include "run/runner.h"

namespace pacts {

// Per loop and test, a row per step and assertion: loop, line, action and target, the source of its selector
// (a tier or discovery), the selector, the lookup's latency and the outcome; then the hit rate of each loop.
std::string loops_table(const std::vector<RunReport>& loops);
// Every loop's tests as one run (the summary, the exit code, the HTML and JUnit reports): the counters summed,
// the durations added, the first loop's invocation id.
RunReport merged_loops(const std::vector<RunReport>& loops);

}  // namespace pacts
