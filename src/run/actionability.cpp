#include "run/actionability.h"

#include "browser/page.h"
#include "discovery/page_agent.h"

namespace pacts {

namespace {

// Why the element is not ready for the interaction now, or nullopt when it is.
StepError not_ready(const Actionability& a, Interaction interaction) {
  if (needs_visible(interaction) && !a.visible) return fail(FailureReason::NotVisible, "the element is not visible");
  if (a.inert) return fail(FailureReason::Covered, "the element is behind an open dialog (inert)");
  if (needs_enabled(interaction) && !a.enabled) return fail(FailureReason::Disabled, "the element is disabled");
  if (needs_editable(interaction) && !a.editable)
    return fail(FailureReason::NotEditable, "the element is not editable (read-only or not a text field)");
  if (needs_stable(interaction) && !a.stable) return fail(FailureReason::Unstable, "the element kept moving (animation)");
  if (needs_hit(interaction) && !a.receives_events)
    return fail(FailureReason::Covered, "the element is covered by " + a.covered_by);
  return std::nullopt;
}

}  // namespace

std::variant<ActionPoint, StepFailure> wait_actionable(TestContext& ctx, ResolvedElement& element,
                                                       Interaction interaction, Deadline deadline,
                                                       WhenReady when_ready) {
  StepFailure last{FailureReason::NotFound, "the element was removed from the page"};
  using Answer = std::variant<ActionPoint, StepFailure>;
  auto answer = poll_until(ctx.page, deadline, kActionabilityPause, [&]() -> std::optional<Answer> {
    // A handle replaced by a re-render is looked at again at once, a few times, before pausing.
    for (int look = 0; look < 3; ++look) {
      Actionability a = ctx.agent.actionability(element.handle, interaction, kAgentCallTimeout, when_ready);
      if (ctx.page.navigations() != element.navigations)
        return StepFailure{FailureReason::Navigated, "the page navigated away before the element could be used"};
      if (!a.attached) {
        // The page replaced the element (a re-render): find it again by its selector.
        last = {FailureReason::NotFound, "the element was removed from the page"};
        auto res = ctx.agent.resolve(element.selector, kAgentCallTimeout);
        if (res.count != 1) return std::nullopt;
        element.handle = res.handles[0];
        continue;
      }
      if (StepError why = not_ready(a, interaction)) {
        last = *why;
        if (a.visible || !needs_visible(interaction)) return std::nullopt;
        // The page may have rendered a new, visible copy (a list re-rendered): the selector tells.
        auto res = ctx.agent.resolve(element.selector, kAgentCallTimeout);
        if (res.count != 1 || res.handles[0] == element.handle) return std::nullopt;
        element.handle = res.handles[0];
        continue;
      }
      return ActionPoint{a.x, a.y, a.prepared, a.focused};
    }
    return std::nullopt;
  });
  if (!answer) return last;
  return *answer;
}

}  // namespace pacts
