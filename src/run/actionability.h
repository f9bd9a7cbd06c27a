#pragma once
// Actionability, as Playwright defines it: before acting, wait (up to the step's deadline, with no fixed
// sleeps) until the element is attached and visible, not inert (behind an open dialog), and, as the
// interaction needs, enabled, editable, still (the same box over two animation frames), and the one the hit
// test at its centre lands on. If the page replaced the element (a re-render), it is found again by its
// selector, on the same document only.
#include <variant>

#include "discovery/interaction.h"
#include "run/resolve.h"

namespace pacts {

struct ActionPoint {
  double x = 0, y = 0;    // viewport pixels: where a click lands
  bool prepared = false;  // what when_ready asked was done in the call that found the element ready
  bool focused = false;   // ... for a focus: the keyboard focus is on the element
};

// The point to act at, or why the element never became actionable. May update element.handle.
// when_ready: done in the call that finds the element ready (arm a click's hit check, focus a field for keys),
// saving a round trip; the caller does it itself when prepared is false. On failure nothing is left armed.
std::variant<ActionPoint, StepFailure> wait_actionable(TestContext& ctx, ResolvedElement& element,
                                                       Interaction interaction, Deadline deadline,
                                                       WhenReady when_ready = WhenReady::Nothing);

}  // namespace pacts
