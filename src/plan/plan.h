#pragma once
// The plan: what a requirement file asks for, as typed steps and assertions. Produced by the requirement readers
// (plain text, JSON suites) with variables already bound; consumed by the executor. Plain values, no I/O.
#include <optional>
#include <string>
#include <vector>

#include "core/secret.h"
#include "core/target.h"

namespace pacts {

enum class Action { Fill, Type, Click, Press, Select, Check, Uncheck, Hover, Goto, Wait, Manual };

const char* action_name(Action a);
std::optional<Action> action_from_name(const std::string& name);

// "css:..." and "role:..." targets are overrides; anything else stays as the grammar read it.
void classify_override(Target& target);

struct Step {
  std::string file;
  int line = 0;                       // 0 when the source has no lines (JSON)
  std::string sentence;               // as written, for messages
  Action action = Action::Click;
  Target target;                      // what it acts on; empty text: no element (Press Enter, Go to, Wait)
  std::optional<MaskedText> value;    // bound: clear() for the browser, masked() (or fmt) for everything else
  std::optional<int> timeout_ms;      // a manual step's own limit ("Wait 30 seconds for manual 2FA")

  bool has_target() const { return !target.text.empty(); }
  bool secret() const { return value && value->has_secret(); }
  // What the browser gets: the clear value, or `otherwise` when the step has none.
  std::string clear_value(const std::string& otherwise = "") const { return value ? value->clear() : otherwise; }
};

enum class AssertionType { TextVisible, ElementVisible, ElementHidden, TitleContains, UrlContains };

const char* assertion_type_name(AssertionType t);

struct Assertion {
  std::string file;
  int line = 0;
  std::string sentence;
  AssertionType type = AssertionType::TextVisible;
  MaskedText value;
  std::string role_hint;  // element checks: the kind of element named ("Login" button)
  int after_step = 0;  // checked once this many steps have run (all of them for Expected: outcomes)
};

struct Test {
  std::string name;
  std::string file;
  int line = 0;
  MaskedText url;  // bound; relative URLs resolve against the run's base
  std::string priority;
  std::string description;
  std::vector<Step> steps;
  std::vector<Assertion> assertions;
};

struct Plan {
  std::vector<Test> tests;
};

}  // namespace pacts
