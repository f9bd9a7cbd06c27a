#include "plan/macros.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/text.h"
#include "plan/grammar.h"
#include "plan/sentence.h"

namespace pacts {

namespace {

using grammar::Tok;
using grammar::Token;

// "user", "first name": a letter or _, then letters, digits, _, - and inner spaces.
bool is_placeholder_name(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_') || name.back() == ' ')
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ' ';
  });
}

bool is_parameter(const std::string& text) {
  return text.size() > 2 && text.front() == '<' && text.back() == '>' && is_placeholder_name(text.substr(1, text.size() - 2));
}

std::string parameter_name(const std::string& text) { return text.substr(1, text.size() - 2); }

// A Gherkin keyword at the start of a sentence is not part of it: "Given I am logged in" is "I am logged in".
std::string without_keyword(std::string_view sentence) {
  std::string s = trim(sentence);
  for (const char* k : {"given ", "when ", "then ", "and ", "but ", "* "})
    if (starts_with_ci(s, k)) return trim(s.substr(std::string_view(k).size()));
  return s;
}

bool match_tokens(const std::vector<Token>& p, size_t pi, const std::vector<Token>& s, size_t si,
                  std::map<std::string, std::string>& args) {
  if (pi == p.size()) return si == s.size();
  const Token& pt = p[pi];
  if (pt.kind == Tok::Quote && is_parameter(pt.text)) {
    if (si >= s.size() || s[si].kind != Tok::Quote) return false;
    args[parameter_name(pt.text)] = s[si].text;
    return match_tokens(p, pi + 1, s, si + 1, args);
  }
  if (pt.kind == Tok::Word && is_parameter(pt.text)) {
    // One or more words, as few as will do.
    for (size_t end = si + 1; end <= s.size() && s[end - 1].kind == Tok::Word; ++end) {
      std::vector<std::string> words;
      for (size_t k = si; k < end; ++k) words.push_back(s[k].text);
      args[parameter_name(pt.text)] = join(words, " ");
      if (match_tokens(p, pi + 1, s, end, args)) return true;
    }
    return false;
  }
  if (si >= s.size() || s[si].kind != pt.kind) return false;
  bool same = pt.kind == Tok::Quote ? s[si].text == pt.text : s[si].lower == pt.lower;
  return same && match_tokens(p, pi + 1, s, si + 1, args);
}

// A body sentence's <name> must be one of the macro's parameters: left as written, it would be typed as is.
void check_parameters(const Macro& m, std::vector<PlanError>& errors) {
  auto params = placeholders_in(m.sentence);
  for (const auto& [line, body] : m.body)
    for (const auto& name : placeholders_in(body))
      if (std::find(params.begin(), params.end(), name) == params.end())
        errors.push_back({m.file, line, {}, body,
                          fmt::format("<{}> is not a parameter of the macro \"{}\"", name, m.sentence),
                          params.empty() ? "put it in the macro's sentence: Step: ... \"<" + name + ">\""
                                         : "its parameters: <" + join(params, ">, <") + ">"});
}

}  // namespace

std::vector<std::string> placeholders_in(const std::string& text) {
  std::vector<std::string> out;
  for (size_t open = text.find('<'); open != std::string::npos; open = text.find('<', open + 1)) {
    size_t close = text.find('>', open);
    if (close == std::string::npos) break;
    std::string name = text.substr(open + 1, close - open - 1);
    if (is_placeholder_name(name) && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

void MacroSet::add_file(const std::string& file, const std::string& content, std::vector<PlanError>& errors) {
  auto lines = split(content, '\n');
  Macro* current = nullptr;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = trim(lines[i]);
    if (i == 0 && line.rfind("\xEF\xBB\xBF", 0) == 0) line = trim(line.substr(3));
    int line_no = static_cast<int>(i) + 1;
    if (line.empty() || line[0] == '#' || line.rfind("//", 0) == 0) continue;
    if (starts_with_ci(line, "step:")) {
      std::string sentence = without_keyword(line.substr(5));
      if (sentence.empty()) {
        errors.push_back({file, line_no, {}, line, "a macro needs a sentence after 'Step:'",
                          "Step: I am logged in as \"<user>\""});
        current = nullptr;
        continue;
      }
      auto tk = grammar::tokenize(sentence);
      if (!tk.error.empty()) {
        errors.push_back({file, line_no, {}, line, tk.error, {}});
        current = nullptr;
        continue;
      }
      for (const auto& m : macros_) {
        std::string ignored;
        if (to_lower(m.sentence) == to_lower(sentence))
          errors.push_back({file, line_no, {}, line,
                            fmt::format("this macro is also defined at {}:{}", m.file, m.line), {}});
      }
      macros_.push_back({file, line_no, sentence, {}});
      current = &macros_.back();
      continue;
    }
    if (!current) {
      errors.push_back({file, line_no, {}, line, "a sentence outside any macro",
                        "Step: I am logged in as \"<user>\"\n  1. Go to /login"});
      continue;
    }
    current->body.emplace_back(line_no, strip_step_marker(line));
  }
  for (const auto& m : macros_) {
    if (m.file != file) continue;
    if (m.body.empty())
      errors.push_back({file, m.line, {}, "Step: " + m.sentence, "this macro has no sentences under it",
                        "Step: I am logged in as \"<user>\"\n  1. Go to /login"});
    check_parameters(m, errors);
  }
}

std::optional<MacroSet::Use> MacroSet::match(std::string_view sentence, std::string& ambiguity) const {
  auto st = grammar::tokenize(without_keyword(sentence));
  if (!st.error.empty()) return std::nullopt;
  std::optional<Use> found;
  for (const auto& m : macros_) {
    auto pt = grammar::tokenize(m.sentence);
    Use use{&m, {}};
    if (!match_tokens(pt.tokens, 0, st.tokens, 0, use.args)) continue;
    if (found) {
      ambiguity = fmt::format("this step matches two macros: \"{}\" ({}:{}) and \"{}\" ({}:{})", found->macro->sentence,
                              found->macro->file, found->macro->line, m.sentence, m.file, m.line);
      return std::nullopt;
    }
    found = std::move(use);
  }
  return found;
}

std::string MacroSet::substitute(const std::string& sentence, const std::map<std::string, std::string>& args) {
  std::string out;
  for (size_t i = 0; i < sentence.size();) {
    if (sentence[i] == '<') {
      size_t close = sentence.find('>', i);
      if (close != std::string::npos) {
        auto it = args.find(sentence.substr(i + 1, close - i - 1));
        if (it != args.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += sentence[i++];
  }
  return out;
}

}  // namespace pacts
