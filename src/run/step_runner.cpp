#include "run/step_runner.h"

#include <fmt/format.h>

#include "browser/page.h"
#include "browser/poll.h"
#include "core/clock.h"
#include "core/url.h"
#include "discovery/page_agent.h"
#include "run/actions.h"
#include "run/manual_step.h"
#include "run/observer.h"

namespace pacts {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct StepRun {
  TestContext& ctx;
  ElementResolver& resolver;
  const Step& step;
  StepRecord& record;
  Deadline deadline;
  bool settle_after = true;
  ActivityMark before_action;  // what the page had started before this step acted

  StepError go_to() {
    const auto& o = ctx.options;
    std::string base = o.base_url.empty() ? ctx.page.current_url() : o.base_url;
    auto nav = ctx.page.navigate(resolve_url(base, step.clear_value()), Millis(o.run.navigation_timeout_ms));
    if (nav.ok) return std::nullopt;
    return fail(FailureReason::NavigationFailed,
                fmt::format("could not load {}: {}", resolve_url(base, record.value.value_or("")), nav.error));
  }

  StepError wait() {
    auto start = Clock::now();
    StepError result;
    if (step.value) {
      auto appeared = poll_until(ctx.page, deadline, kElementCheckPause, [&]() -> std::optional<bool> {
        if (ctx.agent.wait_for("text_visible", step.value->clear(), left_until(deadline))) return true;
        return std::nullopt;
      });
      if (!appeared)
        result = fail(FailureReason::Timeout, fmt::format("\"{}\" did not appear within {} ms", *record.value,
                                                          ctx.options.run.step_timeout_ms));
    } else {
      // "Wait for the page to load": the load event of the document that is there (or is coming).
      if (!ctx.page.wait_for_load(left_until(deadline)))
        result = fail(FailureReason::Timeout, fmt::format("the page did not finish loading within {} ms: {}",
                                                          ctx.options.run.step_timeout_ms, ctx.page.still_going()));
      else if (ctx.options.run.settle_quiet_ms > 0)
        ctx.page.settle(Millis(ctx.options.run.settle_quiet_ms), left_until(deadline));
      settle_after = false;
    }
    record.timings.action_ms = ms_since(start);
    return result;
  }

  StepError on_element() {
    before_action = ctx.page.activity_mark();
    if (step.action == Action::Press && !step.has_target()) {
      ctx.page.press_key(step.clear_value("Enter"));
      return std::nullopt;
    }
    if (step.action == Action::Select && !step.has_target()) return select_in_open_list(ctx, step.value.value_or(MaskedText()), deadline);
    ResolveOutcome found = resolver.resolve(step, deadline, record);
    if (!found.selector.empty()) record.selector = found.selector;
    record.candidates = found.candidates;
    if (!found.element) return found.failure;
    record.source = found.element->source;
    record.strategy = found.element->strategy;
    record.score = found.element->score;
    ctx.observer.acting_on(step, ctx.agent, found.element->handle);
    before_action = ctx.page.activity_mark();
    auto start = Clock::now();
    StepError result = act(ctx, step, *found.element, deadline);
    record.timings.action_ms = ms_since(start);
    return result;
  }

  StepError run() {
    switch (step.action) {
      case Action::Goto: return go_to();
      case Action::Wait: return wait();
      case Action::Manual: return run_manual_step(step, ctx.options, ctx.observer);
      default: return on_element();
    }
  }
};

StepRecord record_for(const Step& step, int index) {
  StepRecord r;
  r.kind = StepKind::Step;
  r.index = index;
  r.line = step.line;
  r.action = action_name(step.action);
  if (step.has_target()) {
    r.target = step.target.text;
    r.within = step.target.within;
    r.context = step.target.context;
    r.ordinal = step.target.ordinal;
  }
  if (step.value) r.value = step.value->masked();
  return r;
}

}  // namespace

StepRecord skipped_step(const Step& step, int index) { return record_for(step, index); }

StepRecord run_step(TestContext& ctx, ElementResolver& resolver, const Step& step, int index) {
  StepRecord r = record_for(step, index);
  r.started_at = now_iso8601();
  auto start = Clock::now();
  double browser_before = ctx.page.browser_wait_ms();
  int64_t trips_before = ctx.page.browser_round_trips();
  StepRun run{ctx, resolver, step, r, start + Millis(ctx.options.run.step_timeout_ms)};
  StepError failure;
  try {
    failure = run.run();
    if (!failure && run.settle_after) {
      auto settle_start = Clock::now();
      settle_after_action(ctx, run.before_action);
      r.timings.settle_ms = ms_since(settle_start);
    }
  } catch (const ContextLost&) {
    failure = StepFailure{FailureReason::Navigated, "the page navigated away during the step"};
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted || e.kind() == ErrorKind::BrowserLost) throw;
    failure = StepFailure{e.kind() == ErrorKind::Internal ? FailureReason::InternalError : FailureReason::BrowserError,
                          e.what()};
  } catch (const std::exception& e) {
    failure = StepFailure{FailureReason::InternalError, std::string("internal error: ") + e.what()};
  }
  r.outcome = failure ? Outcome::Failed : Outcome::Passed;
  if (failure) {
    r.reason = failure->reason;
    r.error = failure->message;
  }
  r.duration_ms = ms_since(start);
  r.timings.browser_ms = ctx.page.browser_wait_ms() - browser_before;
  r.timings.round_trips = ctx.page.browser_round_trips() - trips_before;
  return r;
}

}  // namespace pacts
