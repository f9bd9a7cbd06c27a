#pragma once
// Choosing an option: in a native <select> through the DOM, or in an ARIA combobox or listbox the way a person
// does it (open it, type to filter when it is editable, click the option whose name matches, check that the
// widget shows the choice).
#include <optional>
#include <string>

#include "core/secret.h"

#include "discovery/page_agent.h"
#include "run/resolve.h"

namespace pacts {

// also: keep the options chosen before ("I additionally select"); a native list that takes one choice refuses it.
// Without it, a native list that takes several keeps only this option.
StepError select_option(TestContext& ctx, const MaskedText& value, ResolvedElement& element, Deadline deadline,
                        bool also = false);
// Clicks the option named `value` in the list `combobox` controls (-1: any open list).
StepError click_option(TestContext& ctx, const MaskedText& value, int combobox, Deadline deadline);
// The element's state after an action; if the widget re-rendered, it is found again by its selector (on the
// same document only). brought: the state a click's answer already read of it (HitCheck::state), used instead of
// a call of its own unless it says the element is detached.
ElementState state_after_action(TestContext& ctx, ResolvedElement& element,
                                std::optional<ElementState> brought = std::nullopt);

}  // namespace pacts
