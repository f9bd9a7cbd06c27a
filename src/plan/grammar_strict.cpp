// Strict reading for Gherkin steps: the verb grammar's reading is kept only when what it acts on was quoted, and
// a step no form reads gets an error that says what it looks like and how to define it as a macro.
#include <set>

#include <fmt/format.h>

#include "core/text.h"
#include "core/url.h"
#include "plan/grammar.h"

namespace pacts::grammar {

namespace {

// Given, set up before the test: "the following "users" exist:", "there is a project called "X"", "I have no
// users", "a user named "X" with email "Y"".
bool looks_like_data_setup(const Tokenized& tk, size_t start) {
  Range r{&tk.tokens, start, tk.tokens.size()};
  if (r.empty()) return false;
  if (r.word(0, {"the"}) && r.word(1, {"following"})) return true;
  if (r.word(0, {"there"}) && r.word(1, {"is", "are", "exists", "exist"})) return true;
  if (r.word(0, {"have"}) && r.word(1, {"no", "the"})) return true;
  for (size_t i = 0; i < r.size(); ++i)
    if (r.word(i, {"exist", "exists", "records"})) return true;
  if (r.word(0, {"a", "an"}) && r.find_word({"named", "called", "with"}) && r.count_quotes() > 0) return true;
  return false;
}

// The kinds of container a scope may name after its quoted name (discovery's parse_scope knows them too).
bool is_scope_kind(const std::string& w) {
  return in(w, {"dialog", "modal", "popup", "pop-up", "panel", "section", "region", "form", "menu", "navigation",
                "nav", "sidebar", "header", "footer", "toolbar", "table", "row", "list", "card", "frame", "iframe",
                "window", "drawer", "tabpanel", "bar", "overlay", "sheet", "group", "fieldset", "grid", "item", "tab"});
}

}  // namespace

std::optional<SentenceError> strict_check(const Tokenized& tk, const SentenceResult& reading) {
  std::set<std::string> quoted;
  for (const auto& t : tk.tokens)
    if (t.kind == Tok::Quote) quoted.insert(t.text);
  auto was_quoted = [&](const std::string& text) {
    if (quoted.count(text)) return true;
    // A scope written as a quoted name and its kind: in the "Login" form.
    if (auto space = text.rfind(' '); space != std::string::npos && quoted.count(text.substr(0, space)) &&
                                      is_scope_kind(to_lower(text.substr(space + 1))))
      return true;
    for (std::string prefix : {"css:", "xpath:"})  // a selector the vocabulary recognised in a quoted text
      if (starts_with_ci(text, prefix) && quoted.count(text.substr(prefix.size()))) return true;
    return false;
  };
  auto unquoted = [&](const std::string& what, const std::string& text) {
    std::string message =
        text.find('"') != std::string::npos
            ? fmt::format("the words around the quoted texts fit no form PACTS knows ('{}')", text)
            : fmt::format("'{}' would be a {} PACTS guessed from unquoted words; in a feature file it reads only "
                          "quoted ones (I press \"Save\"), so that a domain step is never taken for a click",
                          text, what);
    return SentenceError{message, ""};
  };
  for (const auto& s : reading.steps) {
    if (s.action == Action::Manual) continue;
    if (s.action == Action::Goto) {
      if (s.value && !was_quoted(s.value->clear()) && !looks_like_url(s.value->clear()))
        return unquoted("location", s.value->clear());
      continue;
    }
    if (s.action == Action::Press) continue;  // a key name, on the field just filled or a named one
    if (s.has_target() && !was_quoted(s.target.text)) return unquoted("target", s.target.text);
    if (s.target.within && !was_quoted(*s.target.within)) return unquoted("scope", *s.target.within);
    if (s.target.context && !was_quoted(*s.target.context)) return unquoted("context", *s.target.context);
    if (s.value && !s.value->empty() && !was_quoted(s.value->clear())) return unquoted("value", s.value->clear());
  }
  for (const auto& a : reading.assertions) {
    bool url = a.type == AssertionType::UrlContains || a.type == AssertionType::PathIs;
    if (!a.value.empty() && !was_quoted(a.value.clear()) && !(url && looks_like_url(a.value.clear())))
      return unquoted("text", a.value.clear());
    if (!a.target.text.empty() && !was_quoted(a.target.text)) return unquoted("name", a.target.text);
  }
  return std::nullopt;
}

SentenceError strict_refusal(const Tokenized& tk, size_t start, const SentenceError& error) {
  const char* macro = "define it as a macro: a .steps file next to the feature, with \"Step: <this sentence>\" "
                      "and the PACTS sentences it stands for";
  if (looks_like_data_setup(tk, start))
    return SentenceError{"this sets up data outside the browser: define it as a macro or move it to a fixture",
                         macro};
  std::string nearest = nearest_web_steps(tk, start);
  // The verb grammar's own words ("unknown verb 'the'") say little about a Gherkin step: say what is true.
  std::string message = error.message;
  for (const char* vague : {"unknown verb", "a step starts with a verb", "' must be followed by",
                            "PACTS cannot check this outcome as written"})
    if (message.find(vague) != std::string::npos) message = "no web step and no PACTS sentence reads this step";
  return SentenceError{message, nearest.empty() ? macro : nearest + "  |  or " + macro};
}

}  // namespace pacts::grammar
