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
  double x = 0, y = 0;  // viewport pixels: where a click lands
  bool hit_check_armed = false;  // the click's hit check is armed already (asked for with arm_hit_check)
};

// The point to act at, or why the element never became actionable. May update element.handle.
// arm_hit_check: arm the click's hit check in the call that finds the element ready, when it can (a click
// saves a round trip); on failure none is left armed.
std::variant<ActionPoint, StepFailure> wait_actionable(TestContext& ctx, ResolvedElement& element,
                                                       Interaction interaction, Deadline deadline,
                                                       bool arm_hit_check = false);

}  // namespace pacts
