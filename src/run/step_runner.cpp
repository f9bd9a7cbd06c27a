#include "run/step_runner.h"

#include <fmt/format.h>

#include "browser/page.h"
#include "browser/poll.h"
#include "core/clock.h"
#include "core/secret.h"
#include "core/url.h"
#include "discovery/locator.h"
#include "discovery/page_agent.h"
#include "discovery/selectors.h"
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
  std::vector<DialogSeen>& answered;  // dialogs answered as asked, since the step before the dialog steps
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

  // Reload, back, forward: the document they bring must load.
  StepError history() {
    Millis limit(ctx.options.run.navigation_timeout_ms);
    auto nav = step.action == Action::Reload ? ctx.page.reload(limit)
               : step.action == Action::Back ? ctx.page.go_back(limit)
                                             : ctx.page.go_forward(limit);
    if (nav.ok) return std::nullopt;
    return fail(FailureReason::NavigationFailed, fmt::format("{}: {}", action_name(step.action), nav.error));
  }

  // Accept, dismiss or answer a dialog: the answer was given as it opened (the executor asks the page for it
  // before the step that opens it); here PACTS waits for it to have opened, up to the step's deadline.
  StepError dialog() {
    if (!ctx.page.dialog_expected() && answered.empty()) ctx.page.expect_dialog(answer_for({step}, 0));
    if (answered.empty()) {
      poll_until(ctx.page, deadline, kElementCheckPause, [&]() -> std::optional<bool> {
        if (ctx.page.wait_for_dialog(std::min(kElementCheckPause, left_until(deadline)))) return true;
        return std::nullopt;
      });
      for (auto& d : ctx.page.take_dialogs()) answered.push_back(std::move(d));
    }
    settle_after = false;
    const DialogSeen* d = nullptr;
    for (const auto& seen : answered)
      if (seen.expected) d = &seen;
    if (!d) {
      ctx.page.cancel_expected_dialog();
      return fail(FailureReason::Timeout,
                  fmt::format("no dialog opened within {} ms", ctx.options.run.step_timeout_ms));
    }
    record.value = mask_secrets(d->message);
    if (step.action == Action::DialogAnswer && d->type != "prompt")
      return fail(FailureReason::NotApplied, fmt::format("the {} \"{}\" takes no answer (it is not a prompt)", d->type,
                                                         mask_secrets(d->message)));
    return std::nullopt;
  }

  // Wait for an element to be shown ("I wait on element ".lateElem" to be displayed").
  StepError wait_for_element() {
    Deadline until = step.timeout_ms ? std::chrono::steady_clock::now() + Millis(*step.timeout_ms) : deadline;
    auto shown = poll_until(ctx.page, until, kElementCheckPause, [&]() -> std::optional<bool> {
      if (step.target.is_override()) {
        auto r = ctx.agent.resolve(selector_of_override(step.target.text), kAgentCallTimeout);
        for (bool v : r.visible)
          if (v) return true;
      } else if (!visible_matches(ctx.agent, step.target.text, step.target.role_hint, 0.9, kAgentCallTimeout).empty()) {
        return true;
      }
      return std::nullopt;
    });
    if (shown) return std::nullopt;
    return fail(FailureReason::Timeout, fmt::format("\"{}\" was not shown within {} ms", step.target.text,
                                                    step.timeout_ms.value_or(ctx.options.run.step_timeout_ms)));
  }

  StepError wait() {
    if (step.has_target()) return wait_for_element();
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
    record.heal = found.heal;
    if (!found.element) return found.failure;
    record.source = found.element->source;
    record.strategy = found.element->strategy;
    record.score = found.element->score;
    ctx.observer.acting_on(step, ctx.agent, found.element->handle);
    before_action = ctx.page.activity_mark();
    if (step.action == Action::Drag) return drag(*found.element);
    auto start = Clock::now();
    StepError result = act(ctx, step, *found.element, deadline);
    record.timings.action_ms = ms_since(start);
    return result;
  }

  // The drop target is found like any target (and cached under "drop").
  StepError drag(ResolvedElement& from) {
    StepRecord scratch;
    ResolveOutcome to = resolver.resolve(LocateRequest{*step.destination, Interaction::Hover}, "drop", deadline, scratch);
    if (!to.element) {
      record.candidates = to.candidates;
      return StepFailure{to.failure.reason, "the place to drop onto: " + to.failure.message};
    }
    auto start = Clock::now();
    StepError result = drag_onto(ctx, from, *to.element, deadline);
    record.timings.action_ms = ms_since(start);
    return result;
  }

  StepError run() {
    before_action = ctx.page.activity_mark();
    switch (step.action) {
      case Action::Goto: return go_to();
      case Action::Reload:
      case Action::Back:
      case Action::Forward: return history();
      case Action::Wait: return wait();
      case Action::DialogAccept:
      case Action::DialogDismiss:
      case Action::DialogAnswer: return dialog();
      case Action::Manual: return run_manual_step(step, ctx.options, ctx.observer);
      case Action::Unclear: return fail(FailureReason::InternalError, "a step PACTS did not understand: " + step.refusal);
      default: return on_element();
    }
  }

  // A dialog nobody asked to answer fails the step it opened in, and says what it said.
  StepError unexpected_dialogs() {
    for (auto& d : ctx.page.take_dialogs()) {
      if (d.expected) {
        answered.push_back(std::move(d));
        continue;
      }
      return fail(FailureReason::NotApplied,
                  fmt::format("an unexpected {} dialog opened: \"{}\" (PACTS dismissed it; if the test expects it, add "
                              "\"I accept the alert\" or \"I dismiss the alert\" after this step)",
                              d.type, mask_secrets(d.message)));
    }
    return std::nullopt;
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

// Whether a step acts on (or looks into) the current document, and so needs it parsed. Navigations bring their
// own, waits have their own condition, and dialogs are answered as they open.
bool acts_on_the_document(Action a) {
  switch (a) {
    case Action::Goto:
    case Action::Reload:
    case Action::Back:
    case Action::Forward:
    case Action::Wait:
    case Action::Manual: return false;
    default: return !is_dialog_action(a);
  }
}

}  // namespace

StepRecord skipped_step(const Step& step, int index) { return record_for(step, index); }

DialogAnswer answer_for(const std::vector<Step>& steps, size_t first) {
  DialogAnswer a;
  for (size_t i = first; i < steps.size() && is_dialog_action(steps[i].action); ++i) {
    if (steps[i].action == Action::DialogDismiss) a.accept = false;
    if (steps[i].action == Action::DialogAnswer) a.prompt_text = steps[i].clear_value();
  }
  return a;
}

StepRecord run_step(TestContext& ctx, ElementResolver& resolver, const Step& step, int index,
                    std::vector<DialogSeen>& answered) {
  StepRecord r = record_for(step, index);
  r.started_at = now_iso8601();
  auto start = Clock::now();
  double browser_before = ctx.page.browser_wait_ms();
  int64_t trips_before = ctx.page.browser_round_trips();
  StepError failure;
  try {
    // The step before may have left a navigation it started committed but not yet parsed (settle_after_action).
    // Finding an element judges the whole document, so a step starts on a parsed one; the wait is this step's,
    // bounded as a navigation is, and the step's own time starts after it.
    StepRun run{ctx, resolver, step, r, {}, answered};
    if (acts_on_the_document(step.action)) failure = wait_until_parsed(ctx);
    run.deadline = Clock::now() + Millis(ctx.options.run.step_timeout_ms);
    if (!failure) failure = run.run();
    if (!failure && run.settle_after) {
      auto settle_start = Clock::now();
      settle_after_action(ctx, run.before_action);
      r.timings.settle_ms = ms_since(settle_start);
    }
    if (StepError d = run.unexpected_dialogs(); d && !failure) failure = d;
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
