#include "plan/plan.h"

#include "core/text.h"

namespace pacts {

namespace {
struct ActionName {
  Action action;
  const char* name;
};
constexpr ActionName kActions[] = {
    {Action::Fill, "fill"},     {Action::Type, "type"},   {Action::Click, "click"},   {Action::Press, "press"},
    {Action::Select, "select"}, {Action::Check, "check"}, {Action::Uncheck, "uncheck"}, {Action::Hover, "hover"},
    {Action::Goto, "goto"},     {Action::Wait, "wait"},   {Action::Manual, "manual"},
};
}  // namespace

const char* action_name(Action a) {
  for (const auto& an : kActions)
    if (an.action == a) return an.name;
  return "?";
}

std::optional<Action> action_from_name(const std::string& name) {
  for (const auto& an : kActions)
    if (name == an.name) return an.action;
  return std::nullopt;
}

void classify_override(Target& t) {
  if (starts_with_ci(t.text, "css:")) t.kind = TargetKind::Css;
  else if (starts_with_ci(t.text, "role:")) t.kind = TargetKind::Role;
}

const char* assertion_type_name(AssertionType t) {
  switch (t) {
    case AssertionType::TextVisible: return "text_visible";
    case AssertionType::ElementVisible: return "element_visible";
    case AssertionType::ElementHidden: return "element_hidden";
    case AssertionType::TitleContains: return "title_contains";
    case AssertionType::UrlContains: return "url_contains";
  }
  return "?";
}

}  // namespace pacts
