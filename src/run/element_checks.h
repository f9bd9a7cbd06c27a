#pragma once
// The checks of assertions.h that are about elements: visible or hidden by name (or selector), a count, a
// form field's value, checked, enabled; and texts inside a scope (a region, a dialog, a row, a CSS selector).
// Each retries until it holds or the deadline, through poll_until, and says what was there instead. An element
// named for a state check is resolved as a step's target is (strictly: two that fit equally are an ambiguity
// listing both), and its selector is cached under the check's kind.
#include "browser/poll.h"
#include "plan/plan.h"
#include "run/context.h"
#include "run/resolve.h"

namespace pacts {

// TextVisible / TextHidden / TextMatches / TextNotMatches with a.target.within.
StepError check_text_in_scope(TestContext& ctx, const Assertion& a, Deadline deadline);
// ElementVisible / ElementHidden / Count.
StepError check_elements(TestContext& ctx, const Assertion& a, Deadline deadline);
// Checked / Unchecked / Enabled / Disabled / FieldContains / FieldNotContains / FieldEquals / FieldEmpty.
StepError check_element_state(TestContext& ctx, ElementResolver& resolver, const Assertion& a, Deadline deadline);

}  // namespace pacts
