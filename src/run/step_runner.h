#pragma once
// One step, start to end: find the element (resolve.h), act (actions.h), and let the page settle; or go to a
// URL, wait for a text or for the page, or hand over to a person (manual_step.h). Times each part and turns
// every failure into a reason and a message; only an interrupt (Ctrl-C) or a lost browser leaves by exception.
#include "plan/plan.h"
#include "run/context.h"
#include "run/resolve.h"
#include "store/records.h"

namespace pacts {

StepRecord run_step(TestContext& ctx, ElementResolver& resolver, const Step& step, int index);

// The record of a step that did not run because an earlier one failed.
StepRecord skipped_step(const Step& step, int index);

}  // namespace pacts
