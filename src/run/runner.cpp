#include "run/runner.h"

#include <chrono>

#include "browser/browser.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/interrupt.h"
#include "run/workers.h"
#include "store/store.h"

namespace pacts {

int RunReport::passed() const {
  int n = 0;
  for (const auto& t : tests) n += t.verdict == Verdict::Pass;
  return n;
}

int RunReport::flaky() const {
  int n = 0;
  for (const auto& t : tests) n += t.verdict == Verdict::Flaky;
  return n;
}

int RunReport::failed() const { return static_cast<int>(tests.size()) - passed() - flaky(); }

bool RunReport::internal_error() const {
  for (const auto& t : tests)
    if (t.reason == FailureReason::InternalError) return true;
  return false;
}

TestResult run_with_retries(TestExecutor& executor, const Test& test, RunObserver& observer, bool another_follows) {
  int attempts = 1 + executor.retries();
  // While an attempt runs, the page of what may come next is prepared: the next test's, or a retry's.
  TestResult result = executor.run(test, 1, another_follows || attempts > 1);
  std::vector<RunRecord> earlier;
  for (int attempt = 2; result.retry_follows; ++attempt) {
    throw_if_interrupted();
    observer.test_retrying(result, attempt, attempts);
    earlier.push_back(static_cast<const RunRecord&>(result));
    result = executor.run(test, attempt, another_follows || attempt < attempts);
  }
  result.earlier_attempts = std::move(earlier);
  return result;
}

RunReport run_plan(const Plan& plan, Browser& browser, Store* store, SelectorCache* cache, RunObserver& observer,
                   ExecutorOptions options, const BrowserLauncher& launch) {
  return run_plan(plan, BrowserSource{&browser, launch, false}, store, cache, observer, std::move(options));
}

RunReport run_plan(const Plan& plan, const BrowserSource& browsers, Store* store, SelectorCache* cache,
                   RunObserver& observer, ExecutorOptions options) {
  auto start = std::chrono::steady_clock::now();
  RunReport report;
  report.invocation_id = options.invocation_id.empty() ? new_uuid_v7() : options.invocation_id;
  options.invocation_id = report.invocation_id;
  if (browsers.first) report.browser_version = browsers.first->version();
  report.cache_enabled = cache != nullptr;
  int workers = browsers.launch ? worker_count(options.run.workers, plan.tests.size()) : 1;
  report.workers = workers;
  if (workers > 1 || !browsers.first || browsers.renewable) {
    run_in_workers(plan, workers, browsers, store, cache, observer, options, report);
  } else {
    Browser& browser = *browsers.first;
    TestExecutor executor(browser, store, cache, observer, options);
    for (size_t i = 0; i < plan.tests.size(); ++i) {
      throw_if_interrupted();
      try {
        bool next = i + 1 < plan.tests.size();
        report.tests.push_back(run_with_retries(executor, plan.tests[i], observer, next));
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::BrowserLost) throw;
        report.stopped = e.what();
        break;
      }
    }
  }
  if (cache) {
    report.cache = cache->stats();
    if (store) {
      try {
        store->add_cache_stats(report.invocation_id, cache_stats_rows(report.cache));
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::Setup) throw;
        observer.warning(std::string("could not record the cache's counters: ") + e.what());
      }
    }
  }
  report.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace pacts
