// Quoted CSS selectors and XPaths as the web-step vocabularies write them ("#id", ".class", "input[name='x']",
// "h2.title a", "//div[@id='x']"), told apart from names ("Save", "Log in").
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "core/text.h"
#include "plan/grammar.h"

namespace pacts::grammar {

namespace {

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// One compound selector: tag, #id, .class, [attr], :pseudo(...), in any mix ("input[name='x']",
// "h2.post-title", "option:nth-child(2)"). `marked`: it has more than a bare tag.
bool compound_selector(const std::string& s, bool& marked) {
  size_t i = 0;
  while (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) || (i > 0 && is_ident_char(s[i])))) ++i;
  bool tag = i > 0;
  if (tag && !std::all_of(s.begin(), s.begin() + static_cast<long>(i), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-';
      }))
    return false;  // tags are written in lower case; "Save" is a name
  if (s.size() > i && s[i] == '*') ++i;
  while (i < s.size()) {
    char c = s[i];
    if (c == '#' || c == '.') {
      size_t j = i + 1;
      if (j >= s.size() || !(std::isalpha(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '-')) return false;
      while (j < s.size() && is_ident_char(s[j])) ++j;
      i = j;
    } else if (c == '[' || c == '(') {
      char close = c == '[' ? ']' : ')';
      size_t j = s.find(close, i);
      if (j == std::string::npos) return false;
      i = j + 1;
    } else if (c == ':') {
      size_t j = i + 1;
      if (j < s.size() && s[j] == ':') ++j;
      size_t start = j;
      while (j < s.size() && is_ident_char(s[j])) ++j;
      if (j == start) return false;
      i = j;
    } else {
      return false;
    }
    marked = true;
  }
  return tag || marked;
}

}  // namespace

std::optional<std::string> selector_override(const std::string& quoted_in, bool element_word) {
  std::string q = trim(quoted_in);
  if (q.empty()) return std::nullopt;
  if (starts_with_ci(q, "css:") || starts_with_ci(q, "xpath:") || starts_with_ci(q, "role:")) return q;
  if (q.rfind("//", 0) == 0 || q.rfind("(//", 0) == 0 || q.rfind("./", 0) == 0 || q.rfind("/html", 0) == 0)
    return "xpath:" + q;
  // Compounds joined by spaces or combinators: "#selectElementTest option:nth-child(2)", ".hover-test .one",
  // "section[aria-label='Order summary'] > button" (spaces inside brackets and quotes belong to the compound).
  std::vector<std::string> parts(1);
  int depth = 0;
  char quote = 0;
  for (char c : q) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '[' || c == '(') {
      ++depth;
    } else if (c == ']' || c == ')') {
      --depth;
    } else if (depth == 0 && (c == ' ' || c == '>' || c == '+' || c == '~')) {
      if (!parts.back().empty()) parts.emplace_back();
      continue;
    }
    parts.back() += c;
  }
  if (parts.back().empty()) parts.pop_back();
  bool any_marked = false;
  size_t compounds = 0;
  for (const auto& part : parts) {
    bool marked = false;
    if (!compound_selector(part, marked)) return std::nullopt;
    any_marked |= marked;
    ++compounds;
  }
  if (compounds == 0) return std::nullopt;
  if (!any_marked && !element_word) return std::nullopt;  // "h1" alone is a selector only when called an element
  return "css:" + q;
}

}  // namespace pacts::grammar
