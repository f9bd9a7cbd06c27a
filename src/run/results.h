#pragma once
// What a run produced: the records the store keeps (store/records.h), gathered per test for the console, the
// reports and the caller.
#include <string>
#include <vector>

#include "store/records.h"

namespace pacts {

// One test's run record with everything it ran and kept.
struct TestResult : RunRecord {
  std::vector<StepRecord> steps;
  std::vector<StepRecord> assertions;
  std::vector<std::string> artifacts;  // paths of screenshots (and later DOM snapshots)
};

}  // namespace pacts
