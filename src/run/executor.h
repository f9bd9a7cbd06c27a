#pragma once
// Runs one test in a fresh page: navigates to its URL, runs its steps in order (step_runner.h) and checks each
// assertion where it stands (assertions.h). The verdict is pass only when every step ran and every assertion
// held; after the first failure the rest is recorded as skipped, never as passed. Each run, step, assertion
// and failure screenshot is recorded in the store (and so queued for sync).
#include "run/context.h"
#include "run/observer.h"
#include "run/results.h"

namespace pacts {

class Browser;
class Store;

class TestExecutor {
 public:
  // store and cache may be null (no recording, --no-cache).
  TestExecutor(Browser& browser, Store* store, SelectorCache* cache, RunObserver& observer, ExecutorOptions options);
  // Throws only Error(Interrupted) and Error(BrowserLost), after recording what ran; every other failure is in
  // the result. attempt: 1 for a test's first run, 2 for its first retry, ...; a retry that passes is Flaky.
  // `another_follows`: a test (or a retry) may run in this browser after this one, so its page is prepared while
  // this one runs (Browser::prepare_page).
  TestResult run(const Test& test, int attempt = 1, bool another_follows = false);
  int retries() const { return options_.run.retries; }

 private:
  Browser& browser_;
  Store* store_;
  SelectorCache* cache_;
  RunObserver& observer_;
  ExecutorOptions options_;
};

}  // namespace pacts
