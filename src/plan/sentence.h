#pragma once
// The deterministic grammar of requirement sentences (docs/sentences.md). One sentence gives zero or more
// steps and assertions, or an error with a hint of the closest form; it never guesses. Values are returned
// unbound: variables (${x}, @env:X, {timestamp}) are bound later, per test.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/plan.h"

namespace pacts {

struct SentenceError {
  std::string message;
  std::string hint;  // the closest supported form(s)
};

struct SentenceResult {
  std::vector<Step> steps;            // file, line and sentence left for the caller to fill
  std::vector<Assertion> assertions;
  // "Fill customer info:" with nothing after the colon: the bulleted lines that follow are its fields, read
  // with parse_field_list_item using this action.
  std::optional<Action> opens_field_list;
  std::optional<SentenceError> error;
  bool used_argument = false;  // the reading took the step's data table or doc string
};

// A Gherkin step's argument: a data table (rows of cells, as written) or a doc string.
struct StepArgument {
  std::vector<std::vector<std::string>> table;
  std::optional<std::string> doc_string;
  int line = 0;  // where the table or doc string starts
};

// Named pages ("the login page", [pages] in config.toml): keys are lower-case names as testers write them,
// without a leading "the" and the trailing word "page" ("new user registration" -> "/users/sign_up").
// "homepage" and "home" are "/" unless the table says otherwise (Mink's and Capybara's definition).
using PageTable = std::map<std::string, std::string>;
// "the New User Registration page" -> "new user registration"; "homepage" stays "homepage".
std::string page_key(std::string_view written);

// What came before, and what surrounds a sentence: sentences that refer back ("Press Enter" presses in the last
// filled field; "Select "X" from dropdown" selects in the dropdown just clicked), the named pages, a Gherkin
// step's table or doc string, and how strict to be.
struct SentenceContext {
  const Step* last_fill = nullptr;
  const Step* last_step = nullptr;
  const PageTable* pages = nullptr;
  const StepArgument* argument = nullptr;
  // Gherkin steps: only sentences with one reading. A domain step ("I log out", "I submit the publisher",
  // "I add "Mug" to my basket") is left to a macro instead of being read as a click on the verb, a composite
  // login, a text check of the quoted words, or a click on a place named after "go to".
  bool strict = false;
};

SentenceResult parse_step_sentence(std::string_view text, const SentenceContext& ctx);
// A line of an Expected: section (no verb needed: `"Thank you" is visible`, `URL contains /done`).
SentenceResult parse_expected_sentence(std::string_view text);
// "- First Name: John", "Zip Code = 12345" under a field-list sentence.
SentenceResult parse_field_list_item(std::string_view text, Action action);

// Strips "1.", "1)", "Step 1:", "-", "*" from the start of a line; returns the rest trimmed.
std::string strip_step_marker(std::string_view line);
bool has_step_marker(std::string_view line);
bool has_bullet_marker(std::string_view line);

}  // namespace pacts
