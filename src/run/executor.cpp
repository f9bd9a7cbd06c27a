#include "run/executor.h"

#include <fmt/format.h>

#include "browser/browser.h"
#include "browser/page.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/secret.h"
#include "core/url.h"
#include "discovery/page_agent.h"
#include "run/assertions.h"
#include "run/recording.h"
#include "run/step_runner.h"

namespace pacts {

namespace {

using Clock = std::chrono::steady_clock;

// One test's run: the lifecycle (page, navigation, steps and assertions in order) and the verdict.
class TestRun {
 public:
  TestRun(Browser& browser, Store* store, SelectorCache* cache, RunObserver& observer, const ExecutorOptions& options,
          const Test& test, int attempt, bool another_follows)
      : browser_(browser), cache_(cache), observer_(observer), options_(options), test_(test), attempt_(attempt),
        recorder_(store, observer, options.run.artifacts_dir, options.run.screenshots),
        another_follows_(another_follows) {}

  TestResult run();

 private:
  void begin();
  void navigate_to_start(TestContext& ctx);
  void run_steps(TestContext& ctx);
  void arm_dialogs(TestContext& ctx, size_t step_index);
  // Checks the assertions that stand before step `step_index` (all remaining ones at the end).
  void check_until(TestContext& ctx, int step_index);
  void fail_test(FailureReason reason, int line, const std::string& message);
  void finish(double started_ms_ago);

  Browser& browser_;
  SelectorCache* cache_;
  RunObserver& observer_;
  const ExecutorOptions& options_;
  const Test& test_;
  int attempt_;
  Recorder recorder_;
  bool another_follows_;
  TestResult result_;
  size_t next_assertion_ = 0;
  bool failed_ = false;
  std::vector<DialogSeen> answered_;  // dialogs answered as the current run of dialog steps asked
};

void TestRun::begin() {
  result_.id = new_uuid_v7();
  result_.invocation_id = options_.invocation_id;
  result_.test_name = test_.name;
  result_.file = test_.file;
  result_.attempt = attempt_;
  // The browser gets the bound URL; records, reports and messages get the one with secrets masked.
  result_.url = test_.url.empty() ? "" : resolve_url(options_.base_url, test_.url.masked());
  result_.started_at = now_iso8601();
  observer_.test_started(test_, result_.id);
  recorder_.run_started(result_);
}

void TestRun::fail_test(FailureReason reason, int line, const std::string& message) {
  failed_ = true;
  result_.reason = reason;
  result_.error = line > 0 ? fmt::format("{}:{}: {}", test_.file, line, message) : fmt::format("{}: {}", test_.file, message);
}

void TestRun::navigate_to_start(TestContext& ctx) {
  if (test_.url.empty()) return;
  // A test that starts with "I accept the alert" answers a dialog the start page opens.
  if (!test_.steps.empty() && is_dialog_action(test_.steps.front().action))
    ctx.page.expect_dialog(answer_for(test_.steps, 0));
  auto nav = ctx.page.navigate(resolve_url(options_.base_url, test_.url.clear()), Millis(options_.run.navigation_timeout_ms));
  if (!nav.ok) {
    fail_test(FailureReason::NavigationFailed, test_.line, fmt::format("could not load {}: {}", result_.url, nav.error));
    recorder_.screenshot(ctx.page, result_, "navigation", std::nullopt);
    return;
  }
  // The load event has fired; what the page does after it is waited for by the first step's own conditions.
  if (options_.run.settle_quiet_ms > 0)
    ctx.page.settle(Millis(options_.run.settle_quiet_ms), Millis(options_.run.settle_timeout_ms));
  for (auto& d : ctx.page.take_dialogs()) {
    if (d.expected) answered_.push_back(std::move(d));  // the test starts by answering it
    else
      fail_test(FailureReason::NotApplied, test_.line,
                fmt::format("an unexpected {} dialog opened on the start page: \"{}\" (PACTS dismissed it)", d.type,
                            mask_secrets(d.message)));
  }
}

void TestRun::check_until(TestContext& ctx, int step_index) {
  for (; next_assertion_ < test_.assertions.size() && test_.assertions[next_assertion_].after_step <= step_index;
       ++next_assertion_) {
    const auto& a = test_.assertions[next_assertion_];
    int index = static_cast<int>(next_assertion_);
    StepRecord r;
    if (failed_) {
      r = assertion_record(a, index);
    } else {
      r = check_assertion(ctx, a, index);
      if (r.outcome == Outcome::Failed) {
        fail_test(FailureReason::AssertionFailed, a.line, r.error);
        r.screenshot = recorder_.screenshot(ctx.page, result_, fmt::format("assertion-line-{}", a.line), std::nullopt);
      }
    }
    mask_echoes(r);
    r.run_id = result_.id;
    r.id = new_uuid_v7();
    if (r.started_at.empty()) r.started_at = now_iso8601();
    result_.assertions.push_back(r);
    observer_.assertion_finished(result_.assertions.back());
  }
}

// The dialog steps after step i ("I accept the alert") answer the dialog step i opens: the page is told how
// before step i runs, since a dialog is answered the moment it opens.
void TestRun::arm_dialogs(TestContext& ctx, size_t i) {
  const auto& steps = test_.steps;
  if (is_dialog_action(steps[i].action)) return;  // part of the run of dialog steps armed before (or at the start)
  answered_.clear();
  if (i + 1 < steps.size() && is_dialog_action(steps[i + 1].action)) ctx.page.expect_dialog(answer_for(steps, i + 1));
  else ctx.page.cancel_expected_dialog();
}

void TestRun::run_steps(TestContext& ctx) {
  ElementResolver resolver(ctx);
  for (size_t i = 0; i < test_.steps.size(); ++i) {
    check_until(ctx, static_cast<int>(i));
    const Step& s = test_.steps[i];
    int index = static_cast<int>(i);
    if (!failed_) arm_dialogs(ctx, i);
    StepRecord r = failed_ ? skipped_step(s, index) : run_step(ctx, resolver, s, index, answered_);
    mask_echoes(r);
    if (r.outcome == Outcome::Failed) {
      fail_test(r.reason, s.line, r.error);
      r.screenshot = recorder_.screenshot(ctx.page, result_, fmt::format("step-{:02}-{}", index + 1, name(r.reason)), index);
    } else if (r.outcome == Outcome::Passed && r.source == "healed") {  // the page after the heal's action
      r.screenshot = recorder_.screenshot(ctx.page, result_, fmt::format("step-{:02}-healed", index + 1), index,
                                          false, true);
    } else if (r.outcome == Outcome::Passed) {  // kept only when run.screenshots is "all"
      r.screenshot = recorder_.screenshot(ctx.page, result_, fmt::format("step-{:02}-passed", index + 1), index, false);
    }
    r.run_id = result_.id;
    r.id = new_uuid_v7();
    if (r.started_at.empty()) r.started_at = now_iso8601();
    result_.steps.push_back(r);
    observer_.step_finished(result_.steps.back());
  }
  check_until(ctx, static_cast<int>(test_.steps.size()));
}

void TestRun::finish(double duration_ms) {
  mask_echoes(static_cast<RunRecord&>(result_));
  result_.duration_ms = duration_ms;
  result_.finished_at = now_iso8601();
  result_.total_steps = static_cast<int>(test_.steps.size());
  result_.steps_passed = 0;
  for (const auto& s : result_.steps) result_.steps_passed += s.outcome == Outcome::Passed;
  result_.total_assertions = static_cast<int>(test_.assertions.size());
  result_.assertions_passed = 0;
  for (const auto& a : result_.assertions) result_.assertions_passed += a.outcome == Outcome::Passed;
  recorder_.run_finished(result_);
}

TestResult TestRun::run() {
  auto start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); };
  begin();
  auto since = [](Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); };
  try {
    auto mark = Clock::now();
    auto page = browser_.new_page();
    {
      PageAgent agent(*page);
      result_.timings.context_ms = since(mark);
      TestContext ctx{*page, agent, options_, cache_, observer_, recorder_};
      mark = Clock::now();
      // The next test's page (a renderer process starting: CPU, and most of a context's cost) is made while this
      // one's start page loads, not later: started after it, it took the CPU from this test's first step
      // (first fills took 100-150 ms more than the fills after them); during the load it shares the wait.
      if (another_follows_) browser_.prepare_page();
      navigate_to_start(ctx);
      result_.timings.navigation_ms = since(mark);
      run_steps(ctx);
    }
    mark = Clock::now();
    page.reset();
    result_.timings.teardown_ms = since(mark);
    // A pass after failed attempts is reported as what it is: the test does not pass reliably.
    result_.verdict = failed_ ? Verdict::Fail : attempt_ > 1 ? Verdict::Flaky : Verdict::Pass;
  } catch (const Error& e) {
    result_.verdict = Verdict::Error;
    result_.error = e.what();
    if (e.kind() == ErrorKind::Interrupted || e.kind() == ErrorKind::BrowserLost) {
      // The run cannot go on: record this test as it stands, and let the runner stop.
      result_.reason = e.kind() == ErrorKind::Interrupted ? FailureReason::Interrupted : FailureReason::BrowserError;
      finish(elapsed());
      throw;
    }
    result_.reason = e.kind() == ErrorKind::Internal ? FailureReason::InternalError : FailureReason::BrowserError;
  } catch (const std::exception& e) {
    result_.verdict = Verdict::Error;
    result_.reason = FailureReason::InternalError;
    result_.error = std::string("internal error: ") + e.what();
  }
  finish(elapsed());
  bool failed = result_.verdict == Verdict::Fail || result_.verdict == Verdict::Error;
  result_.retry_follows = failed && attempt_ <= options_.run.retries;
  observer_.test_finished(result_);
  return result_;
}

}  // namespace

TestExecutor::TestExecutor(Browser& browser, Store* store, SelectorCache* cache, RunObserver& observer,
                           ExecutorOptions options)
    : browser_(browser), store_(store), cache_(cache), observer_(observer), options_(std::move(options)) {}

TestResult TestExecutor::run(const Test& test, int attempt, bool another_follows) {
  TestRun run(browser_, store_, cache_, observer_, options_, test, attempt, another_follows);
  return run.run();
}

}  // namespace pacts
