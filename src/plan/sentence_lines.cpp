// The line-level parts of the grammar: step markers and bullets, field-list lines ("- First Name: John"), and
// the key of a named page.
#include <cctype>

#include "core/text.h"
#include "plan/sentence.h"

namespace pacts {

std::string page_key(std::string_view written) {
  auto words = split_words(to_lower(written));
  if (!words.empty() && words.front() == "the") words.erase(words.begin());
  if (words.size() > 1 && words.back() == "page") words.pop_back();
  return join(words, " ");
}

SentenceResult parse_field_list_item(std::string_view text, Action action) {
  SentenceResult res;
  std::string line = strip_step_marker(text);
  // "First Name: John", "First Name = "John"", "FirstName=John"
  size_t sep = std::string::npos;
  bool in_quote = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') in_quote = !in_quote;
    if (!in_quote && (line[i] == ':' || line[i] == '=')) {
      sep = i;
      break;
    }
  }
  if (sep == std::string::npos) {
    res.error = SentenceError{"a field line needs a name and a value", "- First Name: John"};
    return res;
  }
  std::string key = trim(line.substr(0, sep));
  std::string value = trim(line.substr(sep + 1));
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  if (key.empty() || value.empty()) {
    res.error = SentenceError{"a field line needs a name and a value", "- First Name: John"};
    return res;
  }
  Step s;
  s.action = action;
  s.target.text = split_camel_case(key);
  s.value = value;
  res.steps.push_back(std::move(s));
  return res;
}

bool has_bullet_marker(std::string_view line) {
  std::string t = trim(line);
  if (t.empty()) return false;
  if ((t[0] == '-' || t[0] == '*' || t[0] == '+') && t.size() > 1 && (t[1] == ' ' || t[1] == '\t')) return true;
  return t.rfind("\xE2\x80\xA2", 0) == 0;  // •
}

bool has_step_marker(std::string_view line) {
  std::string t = trim(line);
  size_t i = 0;
  if (starts_with_ci(t, "step")) {
    i = 4;
    while (i < t.size() && t[i] == ' ') ++i;
  }
  size_t digits = i;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i == digits) return false;
  return i < t.size() && (t[i] == '.' || t[i] == ')' || t[i] == ':') && (i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == '\t');
}

std::string strip_step_marker(std::string_view line) {
  std::string t = trim(line);
  if (has_step_marker(t)) {
    size_t i = 0;
    if (starts_with_ci(t, "step")) i = 4;
    while (i < t.size() && (t[i] == ' ' || std::isdigit(static_cast<unsigned char>(t[i])))) ++i;
    return trim(t.substr(i + 1));
  }
  if (has_bullet_marker(t)) {
    if (t.rfind("\xE2\x80\xA2", 0) == 0) return trim(t.substr(3));
    return trim(t.substr(1));
  }
  return t;
}

}  // namespace pacts
