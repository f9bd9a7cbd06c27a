#include "run/actions.h"

#include <utility>

#include <fmt/format.h>

#include "browser/page.h"
#include "browser/poll.h"
#include "discovery/match.h"
#include "discovery/page_agent.h"
#include "run/actionability.h"
#include "run/select.h"

namespace pacts {

namespace {

// Waits until actionable; on success `point` is where to act.
StepError ready(TestContext& ctx, ResolvedElement& e, Interaction i, Deadline deadline, ActionPoint& point,
               WhenReady when_ready = WhenReady::Nothing) {
  auto r = wait_actionable(ctx, e, i, deadline, when_ready);
  if (auto* f = std::get_if<StepFailure>(&r)) return *f;
  point = std::get<ActionPoint>(r);
  return std::nullopt;
}

}  // namespace

void settle_after_action(TestContext& ctx, const ActivityMark& before) {
  const auto& run = ctx.options.run;
  // As Playwright's actions do, a navigation the action started is followed until it commits; the next step waits
  // for the parts of the new document it needs (run_step: a parsed document; assertions: their condition).
  ctx.page.settle_after(before, Millis(run.settle_timeout_ms), Millis(run.navigation_timeout_ms));
  if (run.settle_quiet_ms > 0) ctx.page.settle(Millis(run.settle_quiet_ms), Millis(run.settle_timeout_ms));
}

StepError wait_until_parsed(TestContext& ctx) {
  Millis limit(ctx.options.run.navigation_timeout_ms);
  if (ctx.page.wait_interactive(std::chrono::steady_clock::now() + limit)) return std::nullopt;
  return fail(FailureReason::NavigationFailed,
              fmt::format("the page did not finish loading within {} ms, so PACTS cannot judge it yet", limit.count()));
}

namespace {

// The one click loop: click_element and click_and_read.
StepError click_checked(TestContext& ctx, ResolvedElement& e, Interaction i, Deadline deadline, int click_count,
                        const std::string& button, bool note_popups, const AfterClick& also, HitCheck& hit) {
  std::string intercepted;
  // What is read of the clicked element is read of the one clicked: each wait may find a re-rendered copy.
  const int asked_of = e.handle;
  for (;;) {
    ActionPoint p;
    if (auto f = ready(ctx, e, i, deadline, p, note_popups ? WhenReady::ArmHitCheckNotingPopups : WhenReady::ArmHitCheck)) {
      if (intercepted.empty()) return f;
      return fail(FailureReason::Covered, fmt::format("the click landed on {} instead (PACTS stopped it)", intercepted));
    }
    if (!p.prepared) {
      if (note_popups) ctx.agent.note_popups(e.handle, kAgentCallTimeout);
      ctx.agent.arm_hit_check(e.handle, kAgentCallTimeout);
    }
    ctx.page.mouse_click(p.x, p.y, click_count, button);
    AfterClick read = also;
    if (read.options_of == asked_of) read.options_of = e.handle;
    if (read.state_of == asked_of) read.state_of = e.handle;
    try {
      hit = ctx.agent.hit_check_result(kAgentCallTimeout, read);
    } catch (const ContextLost&) {
      hit = HitCheck{};
      return std::nullopt;  // the click navigated: it reached the element
    }
    if (hit.intercepted.empty()) return std::nullopt;
    intercepted = hit.intercepted;
    if (left_until(deadline).count() == 0)
      return fail(FailureReason::Covered, fmt::format("the click landed on {} instead (PACTS stopped it)", intercepted));
    ctx.page.wait_for_change(std::min(kActionabilityPause, left_until(deadline)));
  }
}

}  // namespace

StepError click_element(TestContext& ctx, ResolvedElement& e, Interaction i, Deadline deadline, int click_count,
                        const std::string& button) {
  HitCheck hit;
  return click_checked(ctx, e, i, deadline, click_count, button, false, {}, hit);
}

StepError click_and_read(TestContext& ctx, ResolvedElement& e, Interaction i, Deadline deadline, const AfterClick& also,
                         HitCheck& after, bool note_popups) {
  return click_checked(ctx, e, i, deadline, 1, "left", note_popups, also, after);
}

namespace {

// Waits until actionable and gives the element the keyboard focus (select_all: its content selected, so that a
// fill replaces it): in the actionability call that finds it ready, else with a call of its own. `refused`: the
// failure when the focus is elsewhere afterwards.
StepError ready_and_focused(TestContext& ctx, ResolvedElement& e, Interaction i, Deadline deadline, bool select_all,
                            StepFailure refused) {
  ActionPoint p;
  if (auto f = ready(ctx, e, i, deadline, p, select_all ? WhenReady::FocusAndSelectAll : WhenReady::Focus)) return f;
  bool focused = p.prepared ? p.focused : ctx.agent.focus_for_input(e.handle, select_all, kAgentCallTimeout);
  if (!focused) return refused;
  return std::nullopt;
}

StepError fill(TestContext& ctx, const Step& step, ResolvedElement& e, Deadline deadline) {
  if (auto f = ready_and_focused(ctx, e, Interaction::Fill, deadline, true,
                                 {FailureReason::NotEditable, "the field could not take the keyboard focus"}))
    return f;
  const std::string value = step.clear_value();
  if (value.empty()) ctx.page.press_key("Delete");
  else ctx.page.insert_text(value);
  auto now = ctx.agent.commit_input(e.handle, kAgentCallTimeout);
  if (now && *now != value && slug(*now) != slug(value))
    return fail(FailureReason::NotApplied,
                step.secret() ? std::string("the field did not take the value")
                              : fmt::format("the field shows \"{}\" after filling \"{}\"", *now, *step.value));
  return std::nullopt;
}

// Keys go where the focus is: the element must take it first, or they would go elsewhere.
StepError focus_for_keys(TestContext& ctx, ResolvedElement& e, Interaction i, Deadline deadline) {
  return ready_and_focused(ctx, e, i, deadline, false,
                           {FailureReason::NotEditable,
                            i == Interaction::Type ? "the field could not take the keyboard focus"
                                                   : "the element could not take the keyboard focus, so the key would go elsewhere"});
}

StepError type(TestContext& ctx, const Step& step, ResolvedElement& e, Deadline deadline) {
  if (auto f = focus_for_keys(ctx, e, Interaction::Type, deadline)) return f;
  ctx.page.type_text(step.clear_value());
  return std::nullopt;
}

StepError press(TestContext& ctx, const Step& step, ResolvedElement& e, Deadline deadline) {
  if (auto f = focus_for_keys(ctx, e, Interaction::Press, deadline)) return f;
  ctx.page.press_key(step.clear_value("Enter"));
  return std::nullopt;
}

StepError check(TestContext& ctx, const Step& step, ResolvedElement& e, Deadline deadline) {
  bool want = step.action != Action::Uncheck;  // check, or choose a radio
  // The state its resolve saw (a cache hit's verifying call brings it), else a call of its own.
  auto checked = e.basics ? e.basics->checked : ctx.agent.state(e.handle, kAgentCallTimeout).checked;
  if (checked && *checked == want) return std::nullopt;  // already as asked
  auto before = ctx.page.activity_mark();
  Interaction i = step.action == Action::Choose ? Interaction::Choose : want ? Interaction::Check : Interaction::Uncheck;
  // The box's state is the condition, read first in the click's own answer (after one task of the page's); a
  // component may render it later, or render a new box, which state_after_action finds again.
  HitCheck after;
  if (auto f = click_and_read(ctx, e, i, deadline, AfterClick{std::nullopt, e.handle}, after)) return f;
  settle_after_action(ctx, before);
  // The state the click's answer brought holds only if the click started nothing that could still change it (a
  // request that may undo an optimistic toggle, a navigation): then it is read again, after the settle.
  std::optional<ElementState> brought;
  if (!ctx.page.activity_mark().started_since(before)) brought = std::move(after.state);
  ElementState st;
  auto applied = poll_until(ctx.page, deadline, kActionabilityPause, [&]() -> std::optional<bool> {
    st = state_after_action(ctx, e, std::exchange(brought, std::nullopt));
    if (st.checked && *st.checked == want) return true;
    return std::nullopt;
  });
  if (applied) return std::nullopt;
  if (!st.checked) return fail(FailureReason::NotApplied, "after the click PACTS cannot tell whether the box is checked");
  return fail(FailureReason::NotApplied, fmt::format("the box is still {} after the click", want ? "unchecked" : "checked"));
}

StepError focus(TestContext& ctx, ResolvedElement& e, Deadline deadline) {
  return ready_and_focused(ctx, e, Interaction::Focus, deadline, false,
                           {FailureReason::NotApplied, "the element did not take the keyboard focus (it is not focusable)"});
}

StepError scroll_to(TestContext& ctx, ResolvedElement& e, Deadline deadline) {
  ActionPoint p;
  if (auto f = ready(ctx, e, Interaction::Scroll, deadline, p)) return f;
  auto in_view = poll_until(ctx.page, deadline, kActionabilityPause, [&]() -> std::optional<bool> {
    auto v = ctx.agent.scroll_into_view(e.handle, kAgentCallTimeout);
    if (v && *v) return true;
    return std::nullopt;
  });
  if (!in_view) return fail(FailureReason::NotApplied, "the element is still outside the window after scrolling");
  return std::nullopt;
}

// The file goes to the input through the browser's file chooser API; the input must show it afterwards.
StepError attach(TestContext& ctx, const Step& step, ResolvedElement& e, Deadline deadline) {
  ActionPoint p;
  if (auto f = ready(ctx, e, Interaction::Attach, deadline, p)) return f;
  const std::string path = step.clear_value();
  try {
    ctx.page.set_input_files(PageAgent::file_input_expression(e.handle), {path});
  } catch (const ScriptError&) {
    return fail(FailureReason::NotApplied, "the element is not a file input, so it cannot take a file");
  }
  std::string file = path.substr(path.find_last_of('/') + 1);
  // The browser fired input and change itself (as for a person choosing the file): read what the input shows.
  auto now = ctx.agent.value_of(e.handle, kAgentCallTimeout);
  if (!now || now->find(file) == std::string::npos)
    return fail(FailureReason::NotApplied, fmt::format("the file input does not show {} after attaching it", file));
  return std::nullopt;
}

}  // namespace

StepError drag_onto(TestContext& ctx, ResolvedElement& from, ResolvedElement& to, Deadline deadline) {
  ActionPoint a, b;
  if (auto f = ready(ctx, from, Interaction::Hover, deadline, a)) return f;
  if (auto f = ready(ctx, to, Interaction::Hover, deadline, b)) return f;
  ctx.page.drag(a.x, a.y, b.x, b.y);
  return std::nullopt;
}

StepError act(TestContext& ctx, const Step& step, ResolvedElement& e, Deadline deadline) {
  ActionPoint p;
  switch (step.action) {
    case Action::Click:
      return click_element(ctx, e, Interaction::Click, deadline);
    case Action::DoubleClick:
      return click_element(ctx, e, Interaction::Click, deadline, 2);
    case Action::RightClick:
      return click_element(ctx, e, Interaction::Click, deadline, 1, "right");
    case Action::Focus:
      return focus(ctx, e, deadline);
    case Action::ScrollTo:
      return scroll_to(ctx, e, deadline);
    case Action::Attach:
      return attach(ctx, step, e, deadline);
    case Action::Hover:
      if (auto f = ready(ctx, e, Interaction::Hover, deadline, p)) return f;
      ctx.page.mouse_move(p.x, p.y);
      return std::nullopt;
    case Action::Fill:
      return fill(ctx, step, e, deadline);
    case Action::Type:
      return type(ctx, step, e, deadline);
    case Action::Press:
      return press(ctx, step, e, deadline);
    case Action::Select:
      return select_option(ctx, step.value.value_or(MaskedText()), e, deadline);
    case Action::SelectAlso:
      return select_option(ctx, step.value.value_or(MaskedText()), e, deadline, true);
    case Action::Check:
    case Action::Uncheck:
    case Action::Choose:
      return check(ctx, step, e, deadline);
    default:
      return fail(FailureReason::InternalError, fmt::format("{} has no element to act on", action_name(step.action)));
  }
}

}  // namespace pacts
