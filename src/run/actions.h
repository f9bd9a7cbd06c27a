#pragma once
// The actions, with trusted mouse and keyboard input: click (also double and right), hover, fill (with a change
// event and a check that the value stuck), type, press, select (a native <select> through the DOM; an ARIA
// combobox or listbox the way a person does it: open, pick the option by name, check the value shows), check,
// uncheck and choose a radio (verified afterwards), focus, scroll into view, drag, and attach a file (the
// browser's file chooser API, checked in the input afterwards). Each waits for actionability first
// (actionability.h). nullopt: done.
#include "plan/plan.h"
#include "run/resolve.h"

namespace pacts {

StepError act(TestContext& ctx, const Step& step, ResolvedElement& element, Deadline deadline);

// A trusted click on the element once it is actionable, with the identity guarantee: if the click's first event
// would land on anything but the element (a re-render moved it, an overlay came), the page never sees the
// click and PACTS looks again, until the deadline (then `covered`, naming what took it).
StepError click_element(TestContext& ctx, ResolvedElement& element, Interaction interaction, Deadline deadline,
                        int click_count = 1, const std::string& button = "left");
// A click_element whose caller reads something right after it (the list the click opened, the state a choice
// changed): `also` is read in the call that gets the hit check's answer, saving a round trip; `after` holds the
// answer (its options and state are empty when the click navigated). note_popups: the popups open before the
// click are remembered in the actionability call that arms it (PageAgent::note_popups, without its answer).
StepError click_and_read(TestContext& ctx, ResolvedElement& element, Interaction interaction, Deadline deadline,
                         const AfterClick& also, HitCheck& after, bool note_popups = false);

// Presses on `from` and releases on `to`, both actionable first (an HTML5 drag and drop or a mouse drag).
StepError drag_onto(TestContext& ctx, ResolvedElement& from, ResolvedElement& to, Deadline deadline);

// After an action: waits for what it started since `before` (Page::settle_after: a navigation until the new
// document commits, its requests until they finish), then, only when run.settle_quiet_ms asks for it, for a
// quiet page.
void settle_after_action(TestContext& ctx, const ActivityMark& before);

// For a step or check that judges the document as a whole (finding an element, "X is not shown"): waits until the
// main frame's document is parsed, up to run.navigation_timeout_ms (an action that navigated waited only for the
// commit). nullopt: parsed; else navigation_failed, saying so.
StepError wait_until_parsed(TestContext& ctx);

// "Select "X"" with no target: the option in the list that is open.
StepError select_in_open_list(TestContext& ctx, const MaskedText& value, Deadline deadline);

}  // namespace pacts
