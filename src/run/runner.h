#pragma once
// A whole `pacts run`: every test of a plan, each in a fresh context, one after another in one browser, or
// several at once (run.workers, run/workers.h), each worker in a browser of its own.
#include <functional>
#include <memory>
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
  int workers = 1;      // tests run at once
  int without_browser = 0;  // tests that got no browser (a Grid that refused a session): errors, never run
  std::string stopped;  // non-empty: the browser was lost and the run stopped early (the tests after it did not run)

  int passed() const;  // passed on the first attempt
  int flaky() const;   // passed on a retry
  int failed() const;  // fail or error on every attempt
  bool internal_error() const;  // a test ended with a bug in PACTS
};

// Runs `test` until it passes, at most 1 + run.retries times (the executor's options), each attempt in a fresh
// context; the last attempt's result, with the earlier ones in earlier_attempts. another_follows: a test runs in
// this browser after it. Throws as TestExecutor::run does.
TestResult run_with_retries(TestExecutor& executor, const Test& test, RunObserver& observer,
                            bool another_follows = false);

// Starts the browser of one more worker (workers 2, 3, ...). Throws Error(Setup) when it cannot.
using BrowserLauncher = std::function<std::unique_ptr<Browser>()>;

// Where the workers' browsers come from: `first` (worker 1's; null: every worker launches its own) and
// `launch`. renewable (a Grid's sessions): a browser that cannot be had, or is lost mid-test, is that test's
// error (verdict error, reason browser), and the worker asks `launch` again for its next test; the run goes on.
// Otherwise a lost browser stops the run, and a worker whose browser does not start leaves its tests to the
// others.
struct BrowserSource {
  Browser* first = nullptr;
  BrowserLauncher launch;
  bool renewable = false;
};

// Throws Error(Interrupted) on Ctrl-C or SIGTERM; a lost browser ends the run with `stopped` set. With
// options.run.workers other than 1 and a launcher, the tests run in that many workers (worker 1 in `browser`).
RunReport run_plan(const Plan& plan, Browser& browser, Store* store, SelectorCache* cache, RunObserver& observer,
                   ExecutorOptions options, const BrowserLauncher& launch = {});
// The same with browsers from `browsers`; it needs browsers.first or browsers.launch.
RunReport run_plan(const Plan& plan, const BrowserSource& browsers, Store* store, SelectorCache* cache,
                   RunObserver& observer, ExecutorOptions options);

}  // namespace pacts
