#pragma once
// One step, start to end: find the element (resolve.h), act (actions.h), and let the page settle; or go to a
// URL, wait for a text or for the page, or hand over to a person (manual_step.h). Times each part and turns
// every failure into a reason and a message; only an interrupt (Ctrl-C) or a lost browser leaves by exception.
#include <vector>

#include "browser/page.h"
#include "plan/plan.h"
#include "run/context.h"
#include "run/resolve.h"
#include "store/records.h"

namespace pacts {

// `answered`: the dialogs answered as the following dialog steps asked (Page::expect_dialog, armed by the
// executor before the step that opens them); a dialog step passes when one was answered, and a dialog nobody
// asked to answer fails the step it opened in.
StepRecord run_step(TestContext& ctx, ElementResolver& resolver, const Step& step, int index,
                    std::vector<DialogSeen>& answered);

// How a run of dialog steps (steps[first] and the dialog steps right after it) answers the dialog they are about:
// dismissed if one dismisses, a prompt answered with the text given, else accepted.
DialogAnswer answer_for(const std::vector<Step>& steps, size_t first);

// The record of a step that did not run because an earlier one failed.
StepRecord skipped_step(const Step& step, int index);

}  // namespace pacts
