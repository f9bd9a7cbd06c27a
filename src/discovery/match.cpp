#include "discovery/match.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "core/text.h"

namespace pacts {

const char* const kGeneratedIdPattern =
    R"(\d{3,}|^:|[_-]\d+$|^(ember|react|mui|radix|headlessui|ext-gen|yui|jsx|sc-|css-|ng-|vue-)|[0-9a-f]{8,}|^[a-z]{1,3}\d+$|\d[a-z]+\d)";

const char* const kGeneratedClassPattern =
    R"(^(css|sc|jsx|emotion|styled|svelte)-|[0-9a-f]{5,}|\d{3,}|__[a-zA-Z0-9]{5}$|^_|)"
    R"(^(active|selected|hover|focus|focused|open|opened|closed|disabled|checked|current|visible|hidden|show|in|fade|collapsed|expanded)$|^(is|has)-)";

namespace {

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) >= 0x80); }

std::string compact(std::string_view s) {
  std::string out;
  for (char c : s)
    if (alnum(c)) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Drops leading and trailing marks: "First Name:" and "* Opportunity Name" read as their words.
std::string strip_marks(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && !alnum(s[b])) ++b;
  while (e > b && !alnum(s[e - 1])) --e;
  return collapse_spaces(s.substr(b, e - b));
}

double similarity(const std::string& a, const std::string& b) {
  size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 1.0;
  return 1.0 - static_cast<double>(levenshtein(a, b)) / static_cast<double>(longest);
}

}  // namespace

std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (alnum(c)) {
      cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::string slug(std::string_view s) { return join(words_of(split_camel_case(s)), "-"); }

double text_match(std::string_view target_in, std::string_view text_in) {
  std::string target = collapse_spaces(target_in);
  std::string text = collapse_spaces(text_in);
  if (target.empty() || text.empty()) return 0.0;
  if (target == text) return 1.0;
  if (equals_ci(target, text)) return 0.97;
  std::string t_marks = strip_marks(target), x_marks = strip_marks(text);
  if (!t_marks.empty() && equals_ci(t_marks, x_marks)) return 0.95;
  std::string tc = compact(target), xc = compact(text);
  if (!tc.empty() && tc == xc) return 0.92;

  auto tw = words_of(target), xw = words_of(text);
  if (tw.empty() || xw.empty()) return 0.0;
  double coverage = std::min(1.0, static_cast<double>(tw.size()) / static_cast<double>(xw.size()));
  // A consecutive phrase of whole words: "Account Name" in "Account Name (required)".
  for (size_t i = 0; i + tw.size() <= xw.size(); ++i) {
    if (std::equal(tw.begin(), tw.end(), xw.begin() + static_cast<long>(i))) return 0.6 + 0.3 * coverage;
  }
  // Every word present, in any order: "Zip Code" in "Zip/Postal Code".
  bool all = std::all_of(tw.begin(), tw.end(), [&](const std::string& w) {
    return std::find(xw.begin(), xw.end(), w) != xw.end();
  });
  if (all) return 0.55 + 0.3 * coverage;
  // Every word close to a word of the text: typos, plurals ("Adress", "Products").
  bool close = std::all_of(tw.begin(), tw.end(), [&](const std::string& w) {
    if (w.size() < 4) return std::find(xw.begin(), xw.end(), w) != xw.end();
    return std::any_of(xw.begin(), xw.end(), [&](const std::string& x) { return similarity(w, x) >= 0.8; });
  });
  if (close) return 0.4 + 0.15 * coverage;
  return 0.0;
}

double attribute_match(std::string_view target, std::string_view value) {
  if (target.empty() || value.empty()) return 0.0;
  if (target == value) return 1.0;
  if (equals_ci(target, value)) return 0.97;
  std::string a = slug(target), b = slug(value);
  if (!a.empty() && a == b) return 0.95;
  if (!a.empty() && compact(a) == compact(b)) return 0.92;
  return 0.0;
}

bool looks_generated_id(std::string_view id) {
  static const std::regex re(kGeneratedIdPattern, std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
  return std::regex_search(id.begin(), id.end(), re);
}

bool looks_generated_class(std::string_view cls) {
  static const std::regex re(kGeneratedClassPattern, std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
  return std::regex_search(cls.begin(), cls.end(), re);
}

}  // namespace pacts
