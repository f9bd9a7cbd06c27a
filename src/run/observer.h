#pragma once
// Progress of a run, for whoever shows it (the console reporter). With one worker, called on the runner's thread;
// with several, on the workers' threads, one call at a time, each after worker_label() says whose it is.
#include <string>

#include "plan/plan.h"
#include "run/results.h"

namespace pacts {

class PageAgent;

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void test_started(const Test& /*test*/, const std::string& /*run_id*/) {}
  // Just before a step acts on the element it resolved to (handle, in the page's current document), with the
  // agent that can look at the page: for checks that PACTS acts on the element the sentence names.
  virtual void acting_on(const Step& /*step*/, PageAgent& /*agent*/, int /*handle*/) {}
  virtual void step_finished(const StepRecord& /*step*/) {}
  virtual void assertion_finished(const StepRecord& /*assertion*/) {}
  virtual void test_finished(const TestResult& /*result*/) {}
  // A test failed and is run again (run.retries): `attempt` of at most `attempts`.
  virtual void test_retrying(const TestResult& /*failed*/, int /*attempt*/, int /*attempts*/) {}
  virtual void warning(const std::string& /*message*/) {}
  // The calls that follow come from worker `worker` (1-based), until the next worker_label(); only with several.
  virtual void worker_label(int /*worker*/) {}
};

}  // namespace pacts
