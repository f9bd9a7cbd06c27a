#include "run/assertions.h"

#include <regex>

#include <fmt/format.h>

#include "browser/poll.h"
#include "core/clock.h"
#include "core/secret.h"
#include "core/text.h"
#include "core/url.h"
#include "discovery/page_agent.h"
#include "run/actions.h"
#include "run/element_checks.h"

namespace pacts {

namespace {

using Clock = std::chrono::steady_clock;

const char* condition_of(AssertionType t) {
  switch (t) {
    case AssertionType::TitleContains: return "title_contains";
    case AssertionType::UrlContains: return "url_contains";
    case AssertionType::TextHidden: return "text_hidden";
    case AssertionType::TextMatches: return "text_matches";
    case AssertionType::TextNotMatches: return "text_not_matches";
    default: return "text_visible";
  }
}

std::string sample(TestContext& ctx) {
  std::string s = ctx.agent.page_text_sample(kPageTextTimeout);
  return s.size() > 200 ? s.substr(0, 200) + "..." : s;
}

// A condition the page agent waits for in the page (re-checked on every DOM change).
StepError check_page_condition(TestContext& ctx, const Assertion& a, Deadline deadline) {
  auto held = poll_until(ctx.page, deadline, kElementCheckPause, [&]() -> std::optional<bool> {
    if (ctx.agent.wait_for(condition_of(a.type), a.value.clear(), left_until(deadline))) return true;
    return std::nullopt;
  });
  if (held) return std::nullopt;
  switch (a.type) {
    case AssertionType::TextVisible:
      return fail(FailureReason::AssertionFailed,
                  fmt::format("\"{}\" is not on the page; the page shows: \"{}\"", a.value, sample(ctx)));
    case AssertionType::TextHidden:
      return fail(FailureReason::AssertionFailed, fmt::format("\"{}\" is still on the page", a.value));
    case AssertionType::TextMatches:
      return fail(FailureReason::AssertionFailed,
                  fmt::format("no text on the page matches /{}/; the page shows: \"{}\"", a.value, sample(ctx)));
    case AssertionType::TextNotMatches:
      return fail(FailureReason::AssertionFailed, fmt::format("a text on the page still matches /{}/", a.value));
    case AssertionType::TitleContains:
      return fail(FailureReason::AssertionFailed,
                  fmt::format("the title is \"{}\", which does not contain \"{}\"", ctx.page.title(), a.value));
    default:
      return fail(FailureReason::AssertionFailed,
                  fmt::format("the URL is {}, which does not contain \"{}\"", ctx.page.current_url(), a.value));
  }
}

// The expected URL as an absolute one: relative ones resolve against the run's base (or the page).
std::string absolute(TestContext& ctx, const std::string& url) {
  if (is_absolute_url(url)) return url;
  return resolve_url(ctx.options.base_url.empty() ? ctx.page.current_url() : ctx.options.base_url, url);
}

std::string path_of(const std::string& url, bool with_query) {
  auto u = parse_url(url);
  if (!u) return url;
  std::string p = u->path.empty() ? "/" : u->path;
  if (with_query && !u->query.empty()) p += "?" + u->query;
  return percent_decode(p);
}

// "http://web" and "http://web/" are one URL.
std::string canonical(const std::string& url) {
  auto u = parse_url(url);
  if (!u) return url;
  if (u->path.empty()) u->path = "/";
  return u->str();
}

// The URL and the title, looked at again until they are as expected (a redirect may still be on its way).
StepError check_url_or_title(TestContext& ctx, const Assertion& a, Deadline deadline) {
  std::string want = a.value.clear();
  std::string seen;
  auto holds = [&]() -> bool {
    switch (a.type) {
      case AssertionType::TitleEquals:
        seen = ctx.page.title();
        return collapse_spaces(seen) == collapse_spaces(want);
      case AssertionType::UrlEquals:
        seen = ctx.page.current_url();
        return canonical(seen) == canonical(absolute(ctx, want)) ||
               percent_decode(canonical(seen)) == percent_decode(canonical(absolute(ctx, want)));
      case AssertionType::UrlMatches: {
        seen = ctx.page.current_url();
        auto u = parse_url(seen);
        std::string path = u ? (u->path.empty() ? "/" : u->path) + (u->query.empty() ? "" : "?" + u->query) +
                                   (u->fragment.empty() ? "" : "#" + u->fragment)
                             : seen;
        std::regex re(want, std::regex::ECMAScript);
        return std::regex_search(path, re) || std::regex_search(percent_decode(path), re);
      }
      default: {  // PathIs: the path, and the query when the expected value has one
        seen = ctx.page.current_url();
        std::string expected = absolute(ctx, want);
        bool query = want.find('?') != std::string::npos;
        return path_of(seen, query) == path_of(expected, query);
      }
    }
  };
  auto held = poll_until(ctx.page, deadline, kElementCheckPause, [&]() -> std::optional<bool> {
    if (holds()) return true;
    return std::nullopt;
  });
  if (held) return std::nullopt;
  std::string what = a.page.empty() ? "\"" + a.value.masked() + "\"" : fmt::format("the {} page ({})", a.page, a.value.masked());
  switch (a.type) {
    case AssertionType::TitleEquals:
      return fail(FailureReason::AssertionFailed, fmt::format("the title is \"{}\", not \"{}\"", mask_secrets(seen), a.value));
    case AssertionType::UrlEquals:
      return fail(FailureReason::AssertionFailed, fmt::format("the URL is {}, not {}", mask_secrets(seen), what));
    case AssertionType::UrlMatches:
      return fail(FailureReason::AssertionFailed, fmt::format("the URL {} does not match /{}/", mask_secrets(seen), a.value));
    default:
      return fail(FailureReason::AssertionFailed,
                  fmt::format("the page is {}, not {}", mask_secrets(path_of(seen, true)), what));
  }
}

StepError check(TestContext& ctx, ElementResolver& resolver, const Assertion& a, Deadline deadline) {
  switch (a.type) {
    case AssertionType::TextVisible:
    case AssertionType::TextHidden:
    case AssertionType::TextMatches:
    case AssertionType::TextNotMatches:
      return a.target.within ? check_text_in_scope(ctx, a, deadline) : check_page_condition(ctx, a, deadline);
    case AssertionType::TitleContains:
    case AssertionType::UrlContains:
      return check_page_condition(ctx, a, deadline);
    case AssertionType::TitleEquals:
    case AssertionType::UrlEquals:
    case AssertionType::UrlMatches:
    case AssertionType::PathIs:
      return check_url_or_title(ctx, a, deadline);
    case AssertionType::ElementVisible:
    case AssertionType::ElementHidden:
    case AssertionType::Count:
      return check_elements(ctx, a, deadline);
    default:
      return check_element_state(ctx, resolver, a, deadline);
  }
}

// A positive check of the page's text, title or URL may look at a document still being parsed: what it finds is
// there, and it looks again until the deadline. Any other check judges the whole document ("X is not shown", a
// count, an element and its state) and waits until it is parsed.
bool judges_whole_document(AssertionType t) {
  switch (t) {
    case AssertionType::TextVisible:
    case AssertionType::TextMatches:
    case AssertionType::TitleContains:
    case AssertionType::UrlContains:
    case AssertionType::TitleEquals:
    case AssertionType::UrlEquals:
    case AssertionType::UrlMatches:
    case AssertionType::PathIs: return false;
    default: return true;
  }
}

}  // namespace

StepRecord assertion_record(const Assertion& a, int index) {
  StepRecord r;
  r.kind = StepKind::Assertion;
  r.index = index;
  r.line = a.line;
  r.action = assertion_type_name(a.type);
  if (!a.target.text.empty()) r.target = a.target.text;
  r.within = a.target.within;
  if (!a.value.empty() || !names_element(a.type)) r.value = a.value.masked();
  if (a.count) r.value = std::to_string(*a.count);
  return r;
}

StepRecord check_assertion(TestContext& ctx, const Assertion& a, int index) {
  StepRecord r = assertion_record(a, index);
  r.started_at = now_iso8601();
  auto start = Clock::now();
  int limit = std::max(ctx.options.run.assertion_timeout_ms, a.timeout_ms.value_or(0));
  StepError failure;
  ElementResolver resolver(ctx);
  try {
    if (a.target.within || judges_whole_document(a.type)) failure = wait_until_parsed(ctx);
    if (!failure) failure = check(ctx, resolver, a, Clock::now() + Millis(limit));
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted || e.kind() == ErrorKind::BrowserLost) throw;
    failure = StepFailure{FailureReason::AssertionFailed, e.what()};
  }
  r.outcome = failure ? Outcome::Failed : Outcome::Passed;
  if (failure) {
    r.reason = failure->reason == FailureReason::None ? FailureReason::AssertionFailed : failure->reason;
    r.error = failure->message;
  }
  r.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return r;
}

}  // namespace pacts
