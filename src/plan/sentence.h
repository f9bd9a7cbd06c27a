#pragma once
// The deterministic grammar of requirement sentences (docs/sentences.md). One sentence gives zero or more
// steps and assertions, or an error with a hint of the closest form; it never guesses. Values are returned
// unbound: variables (${x}, @env:X, {timestamp}) are bound later, per test.
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
};

// What came before, for sentences that refer back ("Press Enter" presses in the last filled field;
// "Select "X" from dropdown" selects in the dropdown just clicked).
struct SentenceContext {
  const Step* last_fill = nullptr;
  const Step* last_step = nullptr;
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
