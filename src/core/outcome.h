#pragma once
// One vocabulary for what happened, shared by the console, the JSON report, the store and metrics: each
// value has exactly one name(), and parse_*() reads it back from a stored row.
#include <optional>
#include <string_view>

namespace pacts {

// One step or one assertion.
enum class Outcome { Passed, Failed, Skipped };

// One test. Running is only ever seen in the store, for a run that has not finished (or was killed). Flaky:
// the test passed on a retry (run.retries) after failing; the attempts before it keep their own fail or error.
enum class Verdict { Running, Pass, Fail, Error, Flaky };

// Why a step, an assertion or a test did not pass. Each says what happened, not how long PACTS waited.
enum class FailureReason {
  None,
  NotFound,          // nothing on the page is named so (or not of the kind the action needs)
  Ambiguous,         // several elements match about equally well
  HealAbstained,     // a cached selector drifted and no heal strategy was sure of one element
  NotVisible,        // it is there, but hidden
  Disabled,          // it is there, but disabled
  NotEditable,       // a fill on something that does not take text, or that refused the focus
  Covered,           // another element (or an open dialog) takes the click
  Unstable,          // it kept moving (an animation that never ended)
  Navigated,         // the page navigated away while the step was using the element
  NotApplied,        // the action ran but its effect is not there (the box is still unchecked)
  Timeout,           // a wait for a condition (a text, a person, a settled page) ran out
  AssertionFailed,   // an expected outcome did not hold
  NavigationFailed,  // a page did not load
  ManualStep,        // a step only a person can do, in CI
  BrowserError,      // the browser broke the protocol or crashed
  Interrupted,       // Ctrl-C or SIGTERM; or its pacts was killed outright (closed by the next pacts)
  InternalError,     // a bug in PACTS
};

const char* name(Outcome o);
const char* name(Verdict v);
const char* name(FailureReason r);  // "" for None

std::optional<Outcome> parse_outcome(std::string_view s);
std::optional<Verdict> parse_verdict(std::string_view s);
std::optional<FailureReason> parse_failure_reason(std::string_view s);

}  // namespace pacts
