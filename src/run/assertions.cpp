#include "run/assertions.h"

#include <fmt/format.h>

#include "browser/poll.h"
#include "core/clock.h"
#include "discovery/locator.h"

namespace pacts {

namespace {

using Clock = std::chrono::steady_clock;

const char* condition_of(AssertionType t) {
  switch (t) {
    case AssertionType::TitleContains: return "title_contains";
    case AssertionType::UrlContains: return "url_contains";
    default: return "text_visible";
  }
}

// A condition the page agent waits for in the page (re-checked on every DOM change).
StepError check_page_condition(TestContext& ctx, const Assertion& a, Deadline deadline) {
  auto held = poll_until(ctx.page, deadline, kElementCheckPause, [&]() -> std::optional<bool> {
    if (ctx.agent.wait_for(condition_of(a.type), a.value.clear(), left_until(deadline))) return true;
    return std::nullopt;
  });
  if (held) return std::nullopt;
  switch (a.type) {
    case AssertionType::TextVisible: {
      std::string sample = ctx.agent.page_text_sample(kPageTextTimeout);
      if (sample.size() > 200) sample = sample.substr(0, 200) + "...";
      return fail(FailureReason::AssertionFailed,
                  fmt::format("\"{}\" is not on the page; the page shows: \"{}\"", a.value, sample));
    }
    case AssertionType::TitleContains:
      return fail(FailureReason::AssertionFailed,
                  fmt::format("the title is \"{}\", which does not contain \"{}\"", ctx.page.title(), a.value));
    default:
      return fail(FailureReason::AssertionFailed,
                  fmt::format("the URL is {}, which does not contain \"{}\"", ctx.page.current_url(), a.value));
  }
}

// "X is visible" / "X is hidden": elements named as written (exact, case or marks aside), of the kind written.
StepError check_element(TestContext& ctx, const Assertion& a, Deadline deadline) {
  bool want_visible = a.type == AssertionType::ElementVisible;
  std::vector<ScoredCandidate> seen;
  auto held = poll_until(ctx.page, deadline, kElementCheckPause, [&]() -> std::optional<bool> {
    seen = visible_matches(ctx.agent, a.target.text, a.target.role_hint, 0.9, kAgentCallTimeout);
    if (want_visible ? !seen.empty() : seen.empty()) return true;
    return std::nullopt;
  });
  if (held) return std::nullopt;
  return fail(FailureReason::AssertionFailed,
              want_visible ? fmt::format("nothing visible is named \"{}\"", a.target.text)
                           : fmt::format("\"{}\" is still visible: {}", a.target.text, seen.empty() ? "" : seen[0].describe()));
}

}  // namespace

StepRecord check_assertion(TestContext& ctx, const Assertion& a, int index) {
  StepRecord r;
  r.kind = StepKind::Assertion;
  r.index = index;
  r.line = a.line;
  r.action = assertion_type_name(a.type);
  r.value = a.value.masked();
  r.started_at = now_iso8601();
  auto start = Clock::now();
  auto deadline = start + Millis(ctx.options.run.assertion_timeout_ms);
  StepError failure;
  try {
    bool element = a.type == AssertionType::ElementVisible || a.type == AssertionType::ElementHidden;
    failure = element ? check_element(ctx, a, deadline) : check_page_condition(ctx, a, deadline);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted || e.kind() == ErrorKind::BrowserLost) throw;
    failure = StepFailure{FailureReason::AssertionFailed, e.what()};
  }
  r.outcome = failure ? Outcome::Failed : Outcome::Passed;
  if (failure) {
    r.reason = failure->reason;
    r.error = failure->message;
  }
  r.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return r;
}

}  // namespace pacts
