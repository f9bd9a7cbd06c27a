#pragma once
// What a run produced: the records the store keeps (store/records.h), gathered per test for the console, the
// reports and the caller.
#include <string>
#include <vector>

#include "store/records.h"

namespace pacts {

// Where a test's time went around its steps, in milliseconds (the JSON report and bench/; not stored).
struct TestTimings {
  double context_ms = 0;     // a fresh browser context and page, and the page agent registered in it
  double navigation_ms = 0;  // the test's URL, until its document is interactive
  double teardown_ms = 0;    // closing the context (sent, not waited for: the browser does it meanwhile)
};

// One test's run record with everything it ran and kept.
struct TestResult : RunRecord {
  TestTimings timings;
  std::vector<StepRecord> steps;
  std::vector<StepRecord> assertions;
  std::vector<std::string> artifacts;  // paths of screenshots (and later DOM snapshots)
  std::vector<RunRecord> earlier_attempts;  // with run.retries: the attempts that failed before this one
  // A failed attempt that run.retries runs again: set before RunObserver::test_finished sees it, so that a
  // console counts the test once, when its last attempt finishes.
  bool retry_follows = false;
};

}  // namespace pacts
