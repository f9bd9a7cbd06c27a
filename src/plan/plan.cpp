#include "plan/plan.h"

#include "core/text.h"

namespace pacts {

namespace {
struct ActionName {
  Action action;
  const char* name;
};
constexpr ActionName kActions[] = {
    {Action::Fill, "fill"},           {Action::Type, "type"},
    {Action::Click, "click"},         {Action::DoubleClick, "double_click"},
    {Action::RightClick, "right_click"}, {Action::Press, "press"},
    {Action::Select, "select"},       {Action::SelectAlso, "select_also"},
    {Action::Choose, "choose"},
    {Action::Check, "check"},         {Action::Uncheck, "uncheck"},
    {Action::Hover, "hover"},         {Action::Focus, "focus"},
    {Action::ScrollTo, "scroll_to"},  {Action::Drag, "drag"},
    {Action::Attach, "attach"},       {Action::Goto, "goto"},
    {Action::Reload, "reload"},       {Action::Back, "back"},
    {Action::Forward, "forward"},     {Action::Wait, "wait"},
    {Action::DialogAccept, "dialog_accept"}, {Action::DialogDismiss, "dialog_dismiss"},
    {Action::DialogAnswer, "dialog_answer"}, {Action::Manual, "manual"},
    {Action::Unclear, "unclear"},
};

struct AssertionName {
  AssertionType type;
  const char* name;
};
constexpr AssertionName kAssertions[] = {
    {AssertionType::TextVisible, "text_visible"},       {AssertionType::TextHidden, "text_hidden"},
    {AssertionType::TextMatches, "text_matches"},       {AssertionType::TextNotMatches, "text_not_matches"},
    {AssertionType::ElementVisible, "element_visible"}, {AssertionType::ElementHidden, "element_hidden"},
    {AssertionType::TitleContains, "title_contains"},   {AssertionType::TitleEquals, "title_equals"},
    {AssertionType::UrlContains, "url_contains"},       {AssertionType::UrlEquals, "url_equals"},
    {AssertionType::UrlMatches, "url_matches"},         {AssertionType::PathIs, "path_is"},
    {AssertionType::FieldContains, "field_contains"},   {AssertionType::FieldNotContains, "field_not_contains"},
    {AssertionType::FieldEquals, "field_equals"},       {AssertionType::FieldEmpty, "field_empty"},
    {AssertionType::Checked, "checked"},                {AssertionType::Unchecked, "unchecked"},
    {AssertionType::Enabled, "enabled"},                {AssertionType::Disabled, "disabled"},
    {AssertionType::Count, "count"},
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

bool is_dialog_action(Action a) {
  return a == Action::DialogAccept || a == Action::DialogDismiss || a == Action::DialogAnswer;
}

void classify_override(Target& t) {
  if (starts_with_ci(t.text, "css:")) t.kind = TargetKind::Css;
  else if (starts_with_ci(t.text, "xpath:")) t.kind = TargetKind::Xpath;
  else if (starts_with_ci(t.text, "role:")) t.kind = TargetKind::Role;
}

const char* assertion_type_name(AssertionType t) {
  for (const auto& an : kAssertions)
    if (an.type == t) return an.name;
  return "?";
}

std::optional<AssertionType> assertion_type_from_name(const std::string& name) {
  for (const auto& an : kAssertions)
    if (name == an.name) return an.type;
  return std::nullopt;
}

bool names_element(AssertionType t) {
  switch (t) {
    case AssertionType::ElementVisible:
    case AssertionType::ElementHidden:
    case AssertionType::FieldContains:
    case AssertionType::FieldNotContains:
    case AssertionType::FieldEquals:
    case AssertionType::FieldEmpty:
    case AssertionType::Checked:
    case AssertionType::Unchecked:
    case AssertionType::Enabled:
    case AssertionType::Disabled:
    case AssertionType::Count:
      return true;
    default:
      return false;
  }
}

std::vector<const Step*> Test::unclear_steps() const {
  std::vector<const Step*> out;
  for (const auto& s : steps)
    if (s.action == Action::Unclear) out.push_back(&s);
  return out;
}

}  // namespace pacts
