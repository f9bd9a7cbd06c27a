#pragma once
// The one retry loop every wait in PACTS goes through (Playwright's retryWithProgressAndTimeouts, frames.ts):
// an attempt looks at the page as it is now and returns a final answer, or nullopt for "not yet"; between
// attempts the loop waits for the page to change (a DOM mutation) or for `pause`, whichever comes first. A lost
// page context (the page navigated while the attempt ran) is "not yet" here, in this one place, and the next
// attempt looks at the new document at once. At the deadline the loop returns nullopt; the caller keeps
// whatever it needs to say why (the last candidates, the last reason) from its attempts.
#include <algorithm>
#include <chrono>
#include <optional>
#include <type_traits>

#include "browser/page.h"

namespace pacts {

using Deadline = std::chrono::steady_clock::time_point;

inline Millis left_until(Deadline deadline) {
  return std::max(Millis(0), std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now()));
}

// How long an attempt may wait between looks when nothing changes on the page. A DOM change ends the pause
// early, so these bound only the waits for changes the DOM does not show (animations, styles, timers).
inline constexpr Millis kActionabilityPause{100};  // boxes that move, elements enabled by a timer
inline constexpr Millis kOptionPause{150};         // option lists rendering after a debounce
inline constexpr Millis kElementCheckPause{200};   // "X is visible" / "X is hidden"
inline constexpr Millis kDiscoveryPause{250};      // elements and cached selectors appearing

// attempt: () -> std::optional<T>. Returns the first final answer, or nullopt at the deadline (after at least
// one attempt).
template <typename Attempt>
auto poll_until(Page& page, Deadline deadline, Millis pause, Attempt&& attempt) -> std::invoke_result_t<Attempt&> {
  for (;;) {
    bool navigated = false;
    try {
      if (auto final_answer = attempt()) return final_answer;
    } catch (const ContextLost&) {
      navigated = true;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    if (!navigated) page.wait_for_change(std::min(pause, left_until(deadline)));
  }
}

}  // namespace pacts
