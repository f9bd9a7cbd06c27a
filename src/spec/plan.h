#pragma once
// The plan: what a requirement file asks for, as typed steps and assertions. Produced by the spec readers
// (plain text, JSON suites) with variables already bound; consumed by the executor. Plain values, no I/O.
#include <optional>
#include <string>
#include <vector>

namespace pacts {

enum class Action { Fill, Type, Click, Press, Select, Check, Uncheck, Hover, Goto, Wait, Manual };

const char* action_name(Action a);
std::optional<Action> action_from_name(const std::string& name);

// How a target is given. A plain target is found by discovery; overrides bypass it.
enum class TargetKind {
  Name,   // what a person sees: label, placeholder, text, test id
  Kind,   // only a kind of element with an ordinal: "first video result"
  Css,    // "css:.cart-link"
  Role,   // "role:button=Save"
};

struct Step {
  std::string file;
  int line = 0;                       // 0 when the source has no lines (JSON)
  std::string sentence;               // as written, for messages
  Action action = Action::Click;
  std::optional<std::string> target;  // as written, overrides included ("css:.x")
  TargetKind target_kind = TargetKind::Name;
  std::string role_hint;              // from a trailing UI word ("button", "tab", "link", ...) or role:
  std::optional<std::string> value;   // bound; secrets included, never print it: use display_value
  std::optional<std::string> display_value;  // value with secrets masked as ***
  std::optional<int> ordinal;         // 1-based; -1 is "last"
  std::optional<std::string> within;  // a scope: "New Account dialog", "App Launcher", "menu"
  std::optional<std::string> context; // relative target: the item that holds `target`
  std::optional<int> timeout_ms;      // a manual step's own limit ("Wait 30 seconds for manual 2FA")

  bool secret() const { return value && display_value && *value != *display_value; }
};

enum class AssertionType { TextVisible, ElementVisible, ElementHidden, TitleContains, UrlContains };

const char* assertion_type_name(AssertionType t);

struct Assertion {
  std::string file;
  int line = 0;
  std::string sentence;
  AssertionType type = AssertionType::TextVisible;
  std::string value;
  std::string display_value;
  std::string role_hint;  // element checks: the kind of element named ("Login" button)
  int after_step = 0;  // checked once this many steps have run (all of them for Expected: outcomes)
};

struct Test {
  std::string name;
  std::string file;
  int line = 0;
  std::string url;          // bound; relative URLs resolve against the run's base
  std::string display_url;  // the same with secrets masked as ***, for everything but the browser
  std::string priority;
  std::string description;
  std::vector<Step> steps;
  std::vector<Assertion> assertions;
};

struct Plan {
  std::vector<Test> tests;
};

}  // namespace pacts
