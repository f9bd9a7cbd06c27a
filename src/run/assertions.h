#pragma once
// Expected outcomes, checked where they stand with a retrying deadline (run.assertion_timeout_ms, or the
// assertion's own longer limit): a text on the page (or inside a scope, or matching a regular expression), an
// element visible or hidden, a count, a form field's value, checked, enabled, the title, the URL (contains,
// equals, matches, its path). A failure says what was there instead.
#include "plan/plan.h"
#include "run/context.h"
#include "store/records.h"

namespace pacts {

// The assertion's record (kind Assertion, its index among the test's assertions): passed or failed, timed.
StepRecord check_assertion(TestContext& ctx, const Assertion& assertion, int index);
// Its record before it is checked (and as it stays when it is skipped).
StepRecord assertion_record(const Assertion& assertion, int index);

}  // namespace pacts
