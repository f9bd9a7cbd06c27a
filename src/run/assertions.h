#pragma once
// Expected outcomes, checked where they stand with a retrying deadline (run.assertion_timeout_ms): a text on the
// page, an element of a kind visible or hidden, the title, the URL. A failure says what was there instead.
#include "plan/plan.h"
#include "run/context.h"
#include "store/records.h"

namespace pacts {

// The assertion's record (kind Assertion, its index among the test's assertions): passed or failed, timed.
StepRecord check_assertion(TestContext& ctx, const Assertion& assertion, int index);

}  // namespace pacts
