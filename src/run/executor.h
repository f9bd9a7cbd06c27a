#pragma once
// Runs one test in a fresh page: navigates to its URL, then for each step finds the element (cache first,
// then discovery), waits until it is actionable, acts, and waits for the page to settle; checks every
// assertion where it stands. The verdict is pass only when every step ran and every assertion held. Each
// run, step, assertion and artifact is recorded in the store (and so queued for sync).
#include <memory>
#include <string>

#include "config/config.h"
#include "run/observer.h"
#include "run/results.h"
#include "spec/plan.h"

namespace pacts {

class Browser;
class Store;
class SelectorCache;

struct ExecutorOptions {
  RunConfig run;
  std::string base_url;       // relative URLs resolve against it; it is also the "{base}" of URL patterns
  std::string invocation_id;  // the `pacts run` this test belongs to
  bool ci = false;            // manual steps fail at once instead of waiting for a person
};

class TestExecutor {
 public:
  // store and cache may be null (no recording, --no-cache).
  TestExecutor(Browser& browser, Store* store, SelectorCache* cache, RunObserver& observer, ExecutorOptions options);
  TestResult run(const Test& test);

 private:
  Browser& browser_;
  Store* store_;
  SelectorCache* cache_;
  RunObserver& observer_;
  ExecutorOptions options_;
};

}  // namespace pacts
