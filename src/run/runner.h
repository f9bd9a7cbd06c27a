#pragma once
// A whole `pacts run`: every test of a plan, one after another, in one browser, each in a fresh context.
#include <string>
#include <vector>

#include "cache/selector_cache.h"
#include "run/executor.h"

namespace pacts {

struct RunReport {
  std::string invocation_id;
  std::vector<TestResult> tests;
  CacheStats cache;
  bool cache_enabled = false;
  double duration_ms = 0;
  std::string browser_version;

  int passed() const;
  int failed() const;  // fail or error
};

RunReport run_plan(const Plan& plan, Browser& browser, Store* store, SelectorCache* cache, RunObserver& observer,
                   ExecutorOptions options);

}  // namespace pacts
