#include "run/select.h"

#include <utility>

#include <fmt/format.h>

#include "browser/page.h"
#include "browser/poll.h"
#include "core/text.h"
#include "discovery/match.h"
#include "discovery/selectors.h"
#include "run/actionability.h"
#include "run/actions.h"

namespace pacts {

namespace {

StepError select_native(TestContext& ctx, const MaskedText& value, ResolvedElement& e, Deadline deadline, bool also) {
  auto ready = wait_actionable(ctx, e, Interaction::Select, deadline);
  if (auto* f = std::get_if<StepFailure>(&ready)) return *f;
  auto res = ctx.agent.select_native(e.handle, value.clear(), also, kAgentCallTimeout);
  if (res.single)
    return fail(FailureReason::NotApplied, "the list takes one choice, so nothing can be selected additionally");
  if (!res.error.empty())
    return fail(FailureReason::NotFound, fmt::format("{}: \"{}\"; the options are: {}", res.error, value, join(res.options, ", ")));
  return std::nullopt;
}

}  // namespace

ElementState state_after_action(TestContext& ctx, ResolvedElement& e, std::optional<ElementState> brought) {
  auto st = brought && !brought->detached ? std::move(*brought) : ctx.agent.state(e.handle, kAgentCallTimeout);
  if (!st.detached || ctx.page.navigations() != e.navigations) return st;
  auto res = ctx.agent.resolve(e.selector, kAgentCallTimeout);
  if (res.count != 1) return st;
  e.handle = res.handles[0];
  return ctx.agent.state(e.handle, kAgentCallTimeout);
}

namespace {

// Clicks the option named `value` in the list `combobox` controls (-1: any open list). `seen`: the list's choices
// as the opening click's answer brought them (looked at first, before asking the page). `chose_for`: the control
// whose state the option click's answer also reads, into *chosen_state.
StepError click_named_option(TestContext& ctx, const MaskedText& value, int combobox, Deadline deadline,
                             std::optional<std::vector<ListboxOption>> seen, std::optional<int> chose_for,
                             std::optional<ElementState>* chosen_state) {
  std::vector<ListboxOption> options;
  using Choice = std::variant<ListboxOption, StepFailure>;
  auto chosen = poll_until(ctx.page, deadline, kOptionPause, [&]() -> std::optional<Choice> {
    if (seen && !seen->empty()) {
      options = std::move(*seen);
      seen.reset();
    } else {
      options = ctx.agent.listbox_options(combobox, kAgentCallTimeout);
    }
    std::vector<ListboxOption> best_named;
    double best = 0;
    for (const auto& o : options) {
      double q = std::max(text_match(value.clear(), o.name), text_match(value.clear(), o.text));
      if (q < 0.9) continue;
      if (q > best + 1e-9) {
        best_named.clear();
        best = q;
      }
      if (q >= best - 1e-9) best_named.push_back(o);
    }
    if (best_named.size() > 1)
      return StepFailure{FailureReason::Ambiguous, fmt::format("{} options are named \"{}\"", best_named.size(), value)};
    if (best_named.size() == 1) return best_named[0];
    return std::nullopt;
  });
  if (!chosen) {
    std::string names;
    for (size_t i = 0; i < options.size() && i < 15; ++i) names += (i ? ", " : "") + options[i].name;
    return fail(FailureReason::NotFound, options.empty()
                                             ? std::string("no list of options opened")
                                             : fmt::format("no option \"{}\"; the options are: {}", value, names));
  }
  if (auto* f = std::get_if<StepFailure>(&*chosen)) return *f;
  const auto& picked = std::get<ListboxOption>(*chosen);
  ResolvedElement option;
  option.handle = picked.handle;
  option.navigations = ctx.page.navigations();
  option.selector = fmt::format("role=option[name={}]", css_attribute_value(picked.name));
  HitCheck after;
  auto clicked = click_and_read(ctx, option, Interaction::Click, deadline, AfterClick{std::nullopt, chose_for}, after);
  if (!clicked && chosen_state) *chosen_state = after.state;
  return clicked;
}

}  // namespace

StepError click_option(TestContext& ctx, const MaskedText& value, int combobox, Deadline deadline) {
  return click_named_option(ctx, value, combobox, deadline, std::nullopt, std::nullopt, nullptr);
}

StepError select_option(TestContext& ctx, const MaskedText& value, ResolvedElement& e, Deadline deadline, bool also) {
  auto b = e.basics ? *e.basics : ctx.agent.basics(e.handle, kAgentCallTimeout);
  if (b.tag == "select") return select_native(ctx, value, e, deadline, also);
  // An ARIA combobox, or a control that opens a list: open it, then choose the option by its name (the list
  // may be rendered elsewhere: a popover, the end of the page).
  if (b.role == "listbox") {
    auto ready = wait_actionable(ctx, e, Interaction::Click, deadline);
    if (auto* f = std::get_if<StepFailure>(&ready)) return *f;
    return click_option(ctx, value, e.handle, deadline);
  }
  // Open it unless a "Click the Stage dropdown" step already did (the click waits for it to be actionable).
  // No settle between the stages: each waits for its own condition (the list and its option, then the value
  // shown), and the step's settle afterwards waits for what the whole select started. Round trips: the opening
  // click remembers the popups open before it in its actionability call and reads the list it opened in its hit
  // check's answer; the option's click reads the control's state in its answer. A control that is not expanded
  // cannot have its list open, so nothing asks.
  std::optional<std::vector<ListboxOption>> opened;
  bool open_already = b.expanded == "true" && ctx.agent.note_popups(e.handle, kAgentCallTimeout);
  if (!open_already) {
    HitCheck after;
    if (auto f = click_and_read(ctx, e, Interaction::Click, deadline, AfterClick{e.handle, std::nullopt}, after, true)) return f;
    opened = std::move(after.options);
  }
  if (b.editable && (opened ? opened->empty() : ctx.agent.listbox_options(e.handle, kAgentCallTimeout).empty())) {
    ctx.agent.focus_for_input(e.handle, true, kAgentCallTimeout);
    ctx.page.insert_text(value.clear());
    opened.reset();  // typing filters the list: look again
  }
  std::optional<ElementState> chosen;
  if (auto f = click_named_option(ctx, value, e.handle, deadline, std::move(opened), e.handle, &chosen)) return f;
  // The choice shows in the control (its value, token or chip), perhaps a render later.
  ElementState st;
  std::string shown;
  auto applied = poll_until(ctx.page, deadline, kOptionPause, [&]() -> std::optional<bool> {
    st = state_after_action(ctx, e, std::exchange(chosen, std::nullopt));
    shown = st.name + " " + st.text + " " + st.value.value_or("") + " " + st.shown;
    if (!st.detached && to_lower(shown).find(to_lower(value.clear())) != std::string::npos) return true;
    return std::nullopt;
  });
  if (applied) return std::nullopt;
  if (st.detached) return fail(FailureReason::NotApplied, "the dropdown went away after the choice");
  return fail(FailureReason::NotApplied,
              fmt::format("the dropdown shows \"{}\", not \"{}\"", collapse_spaces(shown), value));
}

StepError select_in_open_list(TestContext& ctx, const MaskedText& value, Deadline deadline) {
  return click_option(ctx, value, -1, deadline);
}

}  // namespace pacts
