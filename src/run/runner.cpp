#include "run/runner.h"

#include <chrono>

#include "browser/browser.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/interrupt.h"
#include "store/store.h"

namespace pacts {

int RunReport::passed() const {
  int n = 0;
  for (const auto& t : tests) n += t.verdict == Verdict::Pass;
  return n;
}

int RunReport::failed() const { return static_cast<int>(tests.size()) - passed(); }

bool RunReport::internal_error() const {
  for (const auto& t : tests)
    if (t.reason == FailureReason::InternalError) return true;
  return false;
}

RunReport run_plan(const Plan& plan, Browser& browser, Store* store, SelectorCache* cache, RunObserver& observer,
                   ExecutorOptions options) {
  auto start = std::chrono::steady_clock::now();
  RunReport report;
  report.invocation_id = options.invocation_id.empty() ? new_uuid_v7() : options.invocation_id;
  options.invocation_id = report.invocation_id;
  report.browser_version = browser.version();
  report.cache_enabled = cache != nullptr;
  TestExecutor executor(browser, store, cache, observer, options);
  for (size_t i = 0; i < plan.tests.size(); ++i) {
    throw_if_interrupted();
    try {
      report.tests.push_back(executor.run(plan.tests[i], i + 1 < plan.tests.size()));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::BrowserLost) throw;
      report.stopped = e.what();
      break;
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
