#pragma once
// Progress of a run, for whoever shows it (the console reporter). Called on the runner's thread.
#include <string>

#include "run/results.h"
#include "spec/plan.h"

namespace pacts {

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void test_started(const Test& /*test*/, const std::string& /*run_id*/) {}
  virtual void step_finished(const StepResult& /*step*/) {}
  virtual void assertion_finished(const AssertionResult& /*assertion*/) {}
  virtual void test_finished(const TestResult& /*result*/) {}
  virtual void warning(const std::string& /*message*/) {}
};

}  // namespace pacts
