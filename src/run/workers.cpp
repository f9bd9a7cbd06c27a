#include "run/workers.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "browser/browser.h"
#include "core/error.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/interrupt.h"
#include "core/secret.h"
#include "store/store.h"

namespace pacts {

namespace {

// One worker's view of the run's observer: every call under the run's console lock, after saying whose it is.
class WorkerObserver : public RunObserver {
 public:
  WorkerObserver(RunObserver& inner, std::mutex& mu, int worker) : inner_(inner), mu_(mu), worker_(worker) {}
  void test_started(const Test& t, const std::string& id) override { with([&] { inner_.test_started(t, id); }); }
  void acting_on(const Step& s, PageAgent& a, int h) override { with([&] { inner_.acting_on(s, a, h); }); }
  void step_finished(const StepRecord& s) override { with([&] { inner_.step_finished(s); }); }
  void assertion_finished(const StepRecord& a) override { with([&] { inner_.assertion_finished(a); }); }
  void test_finished(const TestResult& r) override { with([&] { inner_.test_finished(r); }); }
  void test_retrying(const TestResult& r, int a, int n) override { with([&] { inner_.test_retrying(r, a, n); }); }
  void warning(const std::string& m) override { with([&] { inner_.warning(m); }); }

 private:
  template <typename F>
  void with(F&& call) {
    std::lock_guard<std::mutex> lock(mu_);
    inner_.worker_label(worker_);
    call();
  }
  RunObserver& inner_;
  std::mutex& mu_;
  int worker_;
};

// The plan's tests, handed out in order, and why the run stopped early, if it did.
class TestQueue {
 public:
  explicit TestQueue(size_t size) : size_(size) {}
  std::optional<size_t> next() {
    std::lock_guard<std::mutex> lock(mu_);
    if (halted_ || next_ >= size_) return std::nullopt;
    return next_++;
  }
  void browser_lost(const std::string& why) {
    std::lock_guard<std::mutex> lock(mu_);
    halted_ = true;
    if (stopped_.empty()) stopped_ = why;
  }
  void fail(std::exception_ptr e) {
    std::lock_guard<std::mutex> lock(mu_);
    halted_ = true;
    if (!error_) error_ = e;
  }
  const std::string& stopped() const { return stopped_; }
  std::exception_ptr error() const { return error_; }

 private:
  std::mutex mu_;
  size_t size_;
  size_t next_ = 0;
  bool halted_ = false;
  std::string stopped_;
  std::exception_ptr error_;
};

// The result of a test that got no browser to run in (a Grid that refused a session, or lost it mid-test): an
// error, recorded and reported like any other test's.
TestResult browserless_result(const Test& test, const ExecutorOptions& options, const std::string& why, Store* store,
                              RunObserver& out) {
  TestResult r;
  r.id = new_uuid_v7();
  r.invocation_id = options.invocation_id;
  r.test_name = test.name;
  r.file = test.file;
  r.verdict = Verdict::Error;
  r.reason = FailureReason::BrowserError;
  r.error = mask_secrets(why);
  r.started_at = r.finished_at = now_iso8601();
  out.test_started(test, r.id);
  if (store) {
    try {
      store->begin_run(r);
      store->finish_run(r);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Setup) throw;
      out.warning(std::string("could not record the run: ") + e.what());
    }
  }
  out.test_finished(r);
  return r;
}

}  // namespace

int worker_count(int workers, size_t tests) {
  int n = workers > 0 ? workers : std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2);
  return std::max(1, std::min(n, static_cast<int>(tests)));
}

void run_in_workers(const Plan& plan, int workers, const BrowserSource& browsers, Store* store, SelectorCache* cache,
                    RunObserver& observer, const ExecutorOptions& options, RunReport& report) {
  std::vector<std::optional<TestResult>> results(plan.tests.size());
  std::vector<char> browserless(plan.tests.size(), 0);
  TestQueue queue(plan.tests.size());
  std::mutex console;
  auto work = [&](int worker) {
    // One worker alone (a Grid's) needs no label.
    WorkerObserver out(observer, console, workers > 1 ? worker : 0);
    Browser* given = worker == 1 ? browsers.first : nullptr;
    std::unique_ptr<Browser> own;  // launched, and so closed, on this thread (its death signal follows the thread)
    std::optional<TestExecutor> executor;
    // A browser for this worker's next test: nullopt when it has one, else why it could not get one.
    auto ready = [&]() -> std::optional<std::string> {
      if (executor) return std::nullopt;
      if (!given && !own) {
        try {
          own = browsers.launch();
        } catch (const Error& e) {
          if (e.kind() != ErrorKind::Setup) throw;
          return std::string(e.what());
        }
        std::lock_guard<std::mutex> lock(console);
        if (report.browser_version.empty()) report.browser_version = own->version();
      }
      executor.emplace(given ? *given : *own, store, cache, out, options);
      return std::nullopt;
    };
    try {
      if (!browsers.renewable) {
        if (auto why = ready()) {
          out.warning(fmt::format("worker {} could not start its browser, the others go on: {}", worker, *why));
          return;
        }
      }
      while (auto i = queue.next()) {
        const Test& test = plan.tests[*i];
        if (auto why = ready()) {
          browserless[*i] = 1;
          results[*i] = browserless_result(test, options, "no browser: " + *why, store, out);
          continue;
        }
        try {
          // Most likely another test follows in this worker's browser: its page is prepared meanwhile.
          bool next = *i + 1 < plan.tests.size();
          results[*i] = run_with_retries(*executor, test, out, next);
        } catch (const Error& e) {
          if (e.kind() != ErrorKind::BrowserLost) throw;
          if (!browsers.renewable) {
            queue.browser_lost(e.what());
            continue;
          }
          // This test errs; the worker's next test gets a new browser.
          executor.reset();
          own.reset();
          given = nullptr;
          results[*i] = browserless_result(test, options, std::string("the browser was lost: ") + e.what(), store, out);
        }
      }
    } catch (...) {
      queue.fail(std::current_exception());
    }
  };
  std::vector<std::thread> threads;
  for (int w = 1; w <= workers; ++w) threads.emplace_back(work, w);
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i]) continue;
    report.tests.push_back(std::move(*results[i]));
    report.without_browser += browserless[i];
  }
  report.stopped = queue.stopped();
  if (queue.error()) std::rethrow_exception(queue.error());
}

}  // namespace pacts
