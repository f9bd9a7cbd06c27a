#include "core/outcome.h"

#include <array>
#include <utility>

namespace pacts {

namespace {

template <typename E, size_t N>
const char* name_in(const std::array<std::pair<E, const char*>, N>& table, E value) {
  for (const auto& [v, n] : table)
    if (v == value) return n;
  return "?";
}

template <typename E, size_t N>
std::optional<E> parse_in(const std::array<std::pair<E, const char*>, N>& table, std::string_view s) {
  for (const auto& [v, n] : table)
    if (s == n) return v;
  return std::nullopt;
}

constexpr std::array<std::pair<Outcome, const char*>, 3> kOutcomes = {{
    {Outcome::Passed, "passed"}, {Outcome::Failed, "failed"}, {Outcome::Skipped, "skipped"}}};

constexpr std::array<std::pair<Verdict, const char*>, 5> kVerdicts = {{{Verdict::Running, "running"},
                                                                      {Verdict::Pass, "pass"},
                                                                      {Verdict::Fail, "fail"},
                                                                      {Verdict::Error, "error"},
                                                                      {Verdict::Flaky, "flaky"}}};

constexpr std::array<std::pair<FailureReason, const char*>, 18> kReasons = {{
    {FailureReason::None, ""},
    {FailureReason::NotFound, "not_found"},
    {FailureReason::Ambiguous, "ambiguous"},
    {FailureReason::HealAbstained, "heal_abstained"},
    {FailureReason::NotVisible, "not_visible"},
    {FailureReason::Disabled, "disabled"},
    {FailureReason::NotEditable, "not_editable"},
    {FailureReason::Covered, "covered"},
    {FailureReason::Unstable, "unstable"},
    {FailureReason::Navigated, "navigated"},
    {FailureReason::NotApplied, "not_applied"},
    {FailureReason::Timeout, "timeout"},
    {FailureReason::AssertionFailed, "assertion_failed"},
    {FailureReason::NavigationFailed, "navigation_failed"},
    {FailureReason::ManualStep, "manual_step"},
    {FailureReason::BrowserError, "browser_error"},
    {FailureReason::Interrupted, "interrupted"},
    {FailureReason::InternalError, "internal_error"},
}};

}  // namespace

const char* name(Outcome o) { return name_in(kOutcomes, o); }
const char* name(Verdict v) { return name_in(kVerdicts, v); }
const char* name(FailureReason r) { return name_in(kReasons, r); }

std::optional<Outcome> parse_outcome(std::string_view s) { return parse_in(kOutcomes, s); }
std::optional<Verdict> parse_verdict(std::string_view s) { return parse_in(kVerdicts, s); }
std::optional<FailureReason> parse_failure_reason(std::string_view s) { return parse_in(kReasons, s); }

}  // namespace pacts
