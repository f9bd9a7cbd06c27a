#pragma once
// The plan: what a requirement file asks for, as typed steps and assertions. Produced by the requirement readers
// (plain text, JSON suites, Gherkin features) with variables already bound; consumed by the executor. Plain
// values, no I/O.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/secret.h"
#include "core/target.h"

namespace pacts {

// SelectAlso: one more option of a list that takes several ("I additionally select"), the others kept.
enum class Action {
  Fill, Type, Click, DoubleClick, RightClick, Press, Select, SelectAlso, Choose, Check, Uncheck, Hover, Focus, ScrollTo,
  Drag, Attach, Goto, Reload, Back, Forward, Wait, DialogAccept, DialogDismiss, DialogAnswer, Manual,
  Unclear,  // a sentence PACTS refused: kept in the plan so that a reviewer sees it; never run
};

const char* action_name(Action a);
std::optional<Action> action_from_name(const std::string& name);
// Accept, dismiss or answer a JavaScript dialog (alert, confirm, prompt).
bool is_dialog_action(Action a);

// "css:...", "xpath:..." and "role:..." targets are overrides; anything else stays as the grammar read it.
void classify_override(Target& target);

struct Step {
  std::string file;
  int line = 0;                       // 0 when the source has no lines (JSON)
  std::string sentence;               // as written, for messages
  Action action = Action::Click;
  Target target;                      // what it acts on; empty text: no element (Press Enter, Go to, Wait)
  std::optional<Target> destination;  // drag: where the target is dropped
  std::optional<MaskedText> value;    // bound: clear() for the browser, masked() (or fmt) for everything else
  std::optional<int> timeout_ms;      // a manual step's own limit ("Wait 30 seconds for manual 2FA")
  std::string page;                   // goto: the named page ("login") the URL came from ([pages] in the config)
  std::string refusal;                // Unclear: why PACTS refused the sentence
  std::string hint;                   // Unclear: the closest forms, or how to define a macro

  bool has_target() const { return !target.text.empty(); }
  bool secret() const { return value && value->has_secret(); }
  // What the browser gets: the clear value, or `otherwise` when the step has none.
  std::string clear_value(const std::string& otherwise = "") const { return value ? value->clear() : otherwise; }
};

enum class AssertionType {
  TextVisible,     // value: a text on the page (target.within: only inside that scope)
  TextHidden,      // value: a text nowhere visible (target.within: not inside that scope)
  TextMatches,     // value: a regular expression (ECMAScript) some visible text matches
  TextNotMatches,
  ElementVisible,  // target: something visible is named so (of the kind target.role_hint says)
  ElementHidden,
  TitleContains,   // value: a part of the document's title
  TitleEquals,
  UrlContains,     // value: a part of the URL
  UrlEquals,       // value: the whole URL (relative: against the run's base)
  UrlMatches,      // value: a regular expression the URL's path and query match
  PathIs,          // value: the URL's path (and query, when value has one); `page` names where it came from
  FieldContains,   // target: a form field; value: a part of its value
  FieldNotContains,
  FieldEquals,
  FieldEmpty,
  Checked,         // target: a checkbox, radio, switch or option
  Unchecked,
  Enabled,         // target: a control
  Disabled,
  Count,           // target: elements named so (or a CSS selector); count: how many are there
};

const char* assertion_type_name(AssertionType t);
std::optional<AssertionType> assertion_type_from_name(const std::string& name);
// True for the checks that are about one named element (or a count of them) rather than the page's text.
bool names_element(AssertionType t);

struct Assertion {
  std::string file;
  int line = 0;
  std::string sentence;
  AssertionType type = AssertionType::TextVisible;
  MaskedText value;
  Target target;            // element checks: the element named; text checks: target.within is the scope
  std::optional<int> count;  // Count
  std::string page;          // PathIs: the named page the path came from
  std::optional<int> timeout_ms;  // its own limit ("within 5 seconds"), when longer than run.assertion_timeout_ms
  int after_step = 0;  // checked once this many steps have run (all of them for Expected: outcomes)
};

struct Test {
  std::string name;
  std::string file;
  int line = 0;
  MaskedText url;  // bound; relative URLs resolve against the run's base
  std::string priority;
  std::string description;
  std::vector<std::string> tags;  // Gherkin tags, "@" included, of the feature, rule, scenario and examples
  // The Examples row (or --data row) this test was made from, header -> cell as written (an @env: reference
  // stays a reference: the secret itself is bound into the steps only).
  std::vector<std::pair<std::string, std::string>> example;
  std::vector<Step> steps;
  std::vector<Assertion> assertions;

  // The steps PACTS refused (Action::Unclear); a test with any is never run.
  std::vector<const Step*> unclear_steps() const;
};

struct Plan {
  std::vector<Test> tests;
};

}  // namespace pacts
