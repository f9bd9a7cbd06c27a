#include "run/element_checks.h"

#include <algorithm>
#include <regex>
#include <variant>

#include <fmt/format.h>

#include "core/secret.h"
#include "core/text.h"
#include "discovery/locator.h"
#include "discovery/match.h"
#include "discovery/scope.h"
#include "discovery/selectors.h"

namespace pacts {

namespace {

bool is_selector(const std::string& within) { return starts_with_ci(within, "css:") || starts_with_ci(within, "xpath:"); }

std::string clip(std::string s, size_t n = 200) {
  s = mask_secrets(s);
  return s.size() > n ? s.substr(0, n) + "..." : s;
}

// The one element a scope names, or why not (none yet: nullopt from the attempt, so the caller retries).
using ScopeAnswer = std::variant<int, StepFailure>;

std::optional<ScopeAnswer> find_scope_once(TestContext& ctx, const std::string& within) {
  if (is_selector(within)) {
    auto r = ctx.agent.resolve(selector_of_override(within), kAgentCallTimeout);
    if (!r.error.empty()) return StepFailure{FailureReason::NotFound, fmt::format("the scope {} is not valid: {}", within, r.error)};
    if (r.count == 1) return r.handles[0];
    if (r.count > 1)
      return StepFailure{FailureReason::Ambiguous, fmt::format("the scope {} matches {} elements; make it match one", within, r.count)};
    return std::nullopt;
  }
  ScopeSpec spec = parse_scope(within);
  auto words = words_of(spec.name);
  if (!spec.kind.empty()) words.push_back(spec.kind);
  auto scopes = ctx.agent.scopes_named(words, kAgentCallTimeout);
  double best = 0;
  for (const auto& s : scopes)
    if (s.visible) best = std::max(best, scope_score(s, spec));
  if (best < 0.5) return std::nullopt;
  std::vector<const ScopeElement*> tied;
  for (const auto& s : scopes)
    if (s.visible && scope_score(s, spec) >= best - ctx.options.run.ambiguity_margin) tied.push_back(&s);
  // Nested containers that fit alike (a region and the block it is made of) are one scope: the outer one.
  std::vector<const ScopeElement*> outer;
  for (const auto* s : tied) {
    bool inside_another = std::any_of(tied.begin(), tied.end(), [&](const ScopeElement* o) {
      return o != s && ctx.agent.inside(o->handle, s->handle, kAgentCallTimeout);
    });
    if (!inside_another) outer.push_back(s);
  }
  if (outer.size() == 1) return outer[0]->handle;
  std::string listed;
  for (const auto* s : outer) listed += "\n      " + scope_describe(*s);
  return StepFailure{FailureReason::Ambiguous,
                     fmt::format("\"{}\" names {} places about equally well; say which:{}", within, outer.size(), listed)};
}

ScopeAnswer find_scope(TestContext& ctx, const std::string& within, Deadline deadline) {
  auto answer = poll_until(ctx.page, deadline, kElementCheckPause, [&] { return find_scope_once(ctx, within); });
  if (answer) return *answer;
  return StepFailure{FailureReason::NotFound, fmt::format("nothing on the page is the scope \"{}\"", within)};
}

bool text_holds(const Assertion& a, const std::string& text) {
  std::string hay = to_lower(collapse_spaces(text));
  switch (a.type) {
    case AssertionType::TextVisible: return hay.find(to_lower(collapse_spaces(a.value.clear()))) != std::string::npos;
    case AssertionType::TextHidden: return hay.find(to_lower(collapse_spaces(a.value.clear()))) == std::string::npos;
    default: {
      bool found = std::regex_search(collapse_spaces(text), std::regex(a.value.clear(), std::regex::ECMAScript));
      return (a.type == AssertionType::TextMatches) == found;
    }
  }
}

// The elements a target names, visible or not: by selector (all of them, counted in the DOM as Mink counts), or
// by name (what a person sees: visible ones named so, of the kind written). scope: -1, or a container.
struct Named {
  int count = 0;                      // by selector: every match; by name: the visible ones
  int visible = 0;
  std::vector<std::string> described;  // for messages
};

Named named_elements(TestContext& ctx, const Target& t, int scope) {
  Named n;
  if (t.is_override()) {
    std::string sel = selector_of_override(t.text);
    if (t.within && is_selector(*t.within)) sel = selector_of_override(*t.within) + " >> " + sel;
    auto r = ctx.agent.resolve(sel, kAgentCallTimeout);
    if (!r.error.empty()) throw Error(ErrorKind::BadInput, fmt::format("the selector {} is not valid: {}", t.text, r.error));
    for (size_t i = 0; i < r.handles.size(); ++i) {
      if (scope >= 0 && !ctx.agent.inside(scope, r.handles[i], kAgentCallTimeout)) continue;
      ++n.count;
      if (r.visible[i]) ++n.visible;
    }
    if (scope < 0) n.count = r.count;  // beyond the 10 handles returned
    return n;
  }
  for (const auto& c : visible_matches(ctx.agent, t.text, t.role_hint, 0.9, kAgentCallTimeout)) {
    if (scope >= 0 && !ctx.agent.inside(scope, c.element.handle, kAgentCallTimeout)) continue;
    ++n.count;
    ++n.visible;
    n.described.push_back(c.describe());
  }
  return n;
}

}  // namespace

StepError check_text_in_scope(TestContext& ctx, const Assertion& a, Deadline deadline) {
  auto scope = find_scope(ctx, *a.target.within, deadline);
  if (auto* f = std::get_if<StepFailure>(&scope)) return *f;
  int handle = std::get<int>(scope);
  std::string seen;
  auto held = poll_until(ctx.page, deadline, kElementCheckPause, [&]() -> std::optional<bool> {
    auto t = ctx.agent.visible_text_of(handle, kAgentCallTimeout);
    if (!t) {  // re-rendered: find the scope again
      auto again = find_scope_once(ctx, *a.target.within);
      if (again && std::holds_alternative<int>(*again)) handle = std::get<int>(*again);
      return std::nullopt;
    }
    seen = t->text;
    if (text_holds(a, t->visible ? t->text : "")) return true;
    return std::nullopt;
  });
  if (held) return std::nullopt;
  const char* how = a.type == AssertionType::TextVisible      ? "is not"
                    : a.type == AssertionType::TextHidden     ? "is still"
                    : a.type == AssertionType::TextMatches    ? "matches nothing"
                                                              : "still matches";
  bool regex = a.type == AssertionType::TextMatches || a.type == AssertionType::TextNotMatches;
  return fail(FailureReason::AssertionFailed,
              fmt::format("{} {} {} {}; it shows: \"{}\"", regex ? "/" + a.value.masked() + "/" : "\"" + a.value.masked() + "\"",
                          how, regex ? "inside" : "inside", *a.target.within, clip(seen)));
}

StepError check_elements(TestContext& ctx, const Assertion& a, Deadline deadline) {
  int scope = -1;
  if (a.target.within && !(a.target.is_override() && is_selector(*a.target.within))) {
    auto s = find_scope(ctx, *a.target.within, deadline);
    if (auto* f = std::get_if<StepFailure>(&s)) return *f;
    scope = std::get<int>(s);
  }
  Named last;
  auto held = poll_until(ctx.page, deadline, kElementCheckPause, [&]() -> std::optional<bool> {
    last = named_elements(ctx, a.target, scope);
    bool ok = a.type == AssertionType::ElementVisible   ? last.visible > 0
              : a.type == AssertionType::ElementHidden ? last.visible == 0
                                                       : last.count == a.count.value_or(0);
    if (ok) return true;
    return std::nullopt;
  });
  if (held) return std::nullopt;
  std::string where = a.target.within ? " inside " + *a.target.within : "";
  std::string listed;
  for (size_t i = 0; i < last.described.size() && i < 5; ++i) listed += "\n      " + last.described[i];
  switch (a.type) {
    case AssertionType::ElementVisible:
      return fail(FailureReason::AssertionFailed, fmt::format("nothing visible is \"{}\"{}{}", a.target.text, where,
                                                              last.count ? fmt::format(" ({} hidden)", last.count) : ""));
    case AssertionType::ElementHidden:
      return fail(FailureReason::AssertionFailed,
                  fmt::format("\"{}\" is still visible{}{}", a.target.text, where, listed));
    default:
      return fail(FailureReason::AssertionFailed, fmt::format("expected {} \"{}\"{}, found {}{}", a.count.value_or(0),
                                                              a.target.text, where, last.count, listed));
  }
}

namespace {

Interaction interaction_for(AssertionType t) {
  switch (t) {
    case AssertionType::Checked:
    case AssertionType::Unchecked: return Interaction::Check;
    case AssertionType::Enabled:
    case AssertionType::Disabled: return Interaction::Inspect;
    default: return Interaction::Read;
  }
}

struct Observed {
  std::optional<bool> checked;
  bool disabled = false;
  std::optional<ElementValue> value;
};

bool state_holds(const Assertion& a, const Observed& o) {
  std::string want = a.value.clear();
  switch (a.type) {
    case AssertionType::Checked: return o.checked && *o.checked;
    case AssertionType::Unchecked: return o.checked && !*o.checked;
    case AssertionType::Enabled: return !o.disabled;
    case AssertionType::Disabled: return o.disabled;
    case AssertionType::FieldEmpty: return o.value && trim(o.value->value).empty();
    case AssertionType::FieldEquals: return o.value && collapse_spaces(o.value->value) == collapse_spaces(want);
    case AssertionType::FieldContains:
      return o.value && to_lower(collapse_spaces(o.value->value)).find(to_lower(collapse_spaces(want))) != std::string::npos;
    case AssertionType::FieldNotContains:
      return o.value && to_lower(collapse_spaces(o.value->value)).find(to_lower(collapse_spaces(want))) == std::string::npos;
    default: return false;
  }
}

std::string state_failure(const Assertion& a, const Observed& o) {
  const std::string& name = a.target.text;
  switch (a.type) {
    case AssertionType::Checked:
    case AssertionType::Unchecked:
      if (!o.checked) return fmt::format("\"{}\" is not something that is checked or unchecked", name);
      return fmt::format("\"{}\" is {}", name, *o.checked ? "checked" : "unchecked");
    case AssertionType::Enabled: return fmt::format("\"{}\" is disabled", name);
    case AssertionType::Disabled: return fmt::format("\"{}\" is enabled", name);
    default: break;
  }
  // A field's value: shown, unless the expected value is a secret (the field may hold it, or part of it).
  std::string shown = !o.value ? "nothing" : a.value.has_secret() ? "a value that is not shown (the expected one is a secret)"
                                                                  : "\"" + clip(o.value->value) + "\"";
  const char* what = o.value && !o.value->field ? "its text" : "its value";
  switch (a.type) {
    case AssertionType::FieldEmpty: return fmt::format("\"{}\" is not empty: {} is {}", name, what, shown);
    case AssertionType::FieldEquals: return fmt::format("\"{}\" should be \"{}\"; {} is {}", name, a.value.masked(), what, shown);
    case AssertionType::FieldContains: return fmt::format("\"{}\" does not contain \"{}\"; {} is {}", name, a.value.masked(), what, shown);
    default: return fmt::format("\"{}\" still contains \"{}\"; {} is {}", name, a.value.masked(), what, shown);
  }
}

}  // namespace

StepError check_element_state(TestContext& ctx, ElementResolver& resolver, const Assertion& a, Deadline deadline) {
  StepRecord scratch;
  auto found = resolver.resolve(LocateRequest{a.target, interaction_for(a.type)}, assertion_type_name(a.type), deadline,
                                scratch);
  if (!found.element) return found.failure;
  int handle = found.element->handle;
  Observed last;
  auto held = poll_until(ctx.page, deadline, kElementCheckPause, [&]() -> std::optional<bool> {
    auto st = ctx.agent.state(handle, kAgentCallTimeout);
    if (st.detached) {  // re-rendered: the selector finds it again
      auto r = ctx.agent.resolve(found.element->selector, kAgentCallTimeout);
      if (r.count == 1) handle = r.handles[0];
      return std::nullopt;
    }
    last.checked = st.checked;
    last.disabled = st.disabled;
    last.value = ctx.agent.read_value(handle, kAgentCallTimeout);
    if (state_holds(a, last)) return true;
    return std::nullopt;
  });
  if (held) return std::nullopt;
  return fail(FailureReason::AssertionFailed, state_failure(a, last));
}

}  // namespace pacts
