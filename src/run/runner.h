#pragma once
// A whole `pacts run`: every test of a plan, one after another, in one browser, each in a fresh context.
#include <string>
#include <vector>

#include "cache/selector_cache.h"
#include "plan/plan.h"
#include "run/executor.h"

namespace pacts {

struct RunReport {
  std::string invocation_id;
  std::vector<TestResult> tests;
  CacheStats cache;
  bool cache_enabled = false;
  double duration_ms = 0;
  std::string browser_version;
  std::string stopped;  // non-empty: the browser was lost and the run stopped early (the tests after it did not run)

  int passed() const;
  int failed() const;  // fail or error
  bool internal_error() const;  // a test ended with a bug in PACTS
};

// Throws Error(Interrupted) on Ctrl-C or SIGTERM; a lost browser ends the run with `stopped` set.
RunReport run_plan(const Plan& plan, Browser& browser, Store* store, SelectorCache* cache, RunObserver& observer,
                   ExecutorOptions options);

}  // namespace pacts
