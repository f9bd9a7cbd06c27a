// Target phrases: [on] [the] [ordinal] ("T" | words) [UI words] [for CONTEXT] [in|within SCOPE] [to PURPOSE].
#include <cctype>

#include <fmt/format.h>

#include "core/text.h"
#include "plan/grammar.h"

namespace pacts::grammar {

bool is_clause_start(const Range& r, size_t i, bool allow_scope) {
  if (r.word(i, {"for", "beside", "near"})) return true;
  if (r.word(i, {"next"}) && r.word(i + 1, {"to"})) return true;
  if (r.word(i, {"to"}) && i + 1 < r.size() && r.at(i + 1).kind == Tok::Word && is_purpose_verb(r.at(i + 1).lower))
    return true;
  if (r.word(i, {"and"}) && r.word(i + 1, {"press", "hit"})) return true;
  if (allow_scope && r.word(i, {"in", "within", "inside", "under"})) {
    // A scope is a quote, an article, or a word that is not a UI word ("Sign in button" is a name, "in the
    // menu" and "in App Launcher" are scopes).
    if (i + 1 < r.size()) {
      const auto& t = r.at(i + 1);
      if (t.kind == Tok::Quote || (t.kind == Tok::Word && (is_article(t.lower) || !is_ui_word(t.lower)))) return true;
    }
  }
  return false;
}

std::string scope_text(const Range& r) {
  // "the "New Account" dialog" -> "New Account dialog"; "App Launcher" -> "App Launcher"; "#main" (a quoted
  // selector) -> "css:#main", so that it is never taken for the words of a name.
  Range q = r.word(0, {"the"}) ? r.from(1) : r;
  if (q.size() == 1 && q.quote(0))
    if (auto sel = selector_override(q.at(0).text, false)) return *sel;
  std::vector<std::string> parts;
  for (size_t i = 0; i < r.size(); ++i) {
    const auto& t = r.at(i);
    if (parts.empty() && t.kind == Tok::Word && is_article(t.lower)) continue;
    if (t.kind == Tok::Punct) continue;
    parts.push_back(t.text);
  }
  return join(parts, " ");
}

size_t and_press_at(const Range& r) {
  for (size_t i = 0; i + 1 < r.size(); ++i)
    if (r.word(i, {"and", "then"}) && r.word(i + 1, {"press", "hit"})) return i;
  return r.size();
}

namespace {

// The main target of a phrase, before its clauses.
struct MainTarget {
  bool quoted = false;
  size_t end = 0;                   // index of the first token after it
  std::vector<std::string> words;   // as written (unquoted targets)
  std::vector<std::string> lowers;
};

// `"Save"`, with descriptors up to a UI word: `"r/programming" subreddit link`, `"Save" button`.
std::string read_quoted_target(const Range& r, size_t i, bool allow_scope, TargetPhrase& p, MainTarget& m) {
  p.text = r.at(i).text;
  m.quoted = true;
  m.end = i + 1;
  size_t k = m.end;
  while (k < r.size() && r.at(k).kind == Tok::Word && !is_clause_start(r, k, allow_scope)) ++k;
  if (k == m.end) return "";
  // Only words ending with a UI word are descriptors; anything else is unexpected.
  const auto& last = r.at(k - 1).lower;
  if (auto role = ui_word_role(last)) {
    p.role_hint = *role;
    m.end = k;
  } else if (k == m.end + 1 && is_kind_noun(last)) {
    m.end = k;  // `"Paris" suggestion`
  } else {
    return fmt::format("unexpected words after the target \"{}\": '{}'", p.text, r.sub(m.end, k).text());
  }
  return "";
}

// Words up to the first clause; trailing UI words are a hint, not part of the name ("Login button" -> "Login",
// role button).
std::string read_word_target(const Range& r, size_t i, bool allow_scope, bool has_ordinal, TargetPhrase& p,
                             MainTarget& m) {
  m.end = i;
  while (m.end < r.size() && !is_clause_start(r, m.end, allow_scope)) {
    const auto& t = r.at(m.end);
    if (t.kind == Tok::Quote) return fmt::format("a quoted text in the middle of an unquoted target: '{}'", r.from(i).text());
    if (t.kind == Tok::Punct) break;
    m.words.push_back(t.text);
    m.lowers.push_back(t.lower);
    ++m.end;
  }
  while (!m.lowers.empty()) {
    auto role = ui_word_role(m.lowers.back());
    if (!role) break;
    if (m.lowers.size() == 1 && !has_ordinal) break;  // "Click Menu": the word is the name
    if (p.role_hint.empty()) p.role_hint = *role;
    m.words.pop_back();
    m.lowers.pop_back();
  }
  return "";
}

// Ordinal or name? "First Name" is a name; "first video result" and "the 2nd "Add" button" are ordinals.
void read_ordinal(const std::string& ord_word, int ordinal, TargetPhrase& p, MainTarget& m) {
  bool capitalised_pair = std::isupper(static_cast<unsigned char>(ord_word[0])) && !m.words.empty() &&
                          std::isupper(static_cast<unsigned char>(m.words.front()[0]));
  bool valid = m.quoted ||
               (!capitalised_pair &&
                ((!m.lowers.empty() && is_kind_noun(m.lowers.back())) ||
                 in(p.role_hint, {"button", "link", "tab", "checkbox", "option", "menuitem", "img", "radio", "heading"}) ||
                 (m.lowers.empty() && !p.role_hint.empty())));
  if (!valid) {
    m.words.insert(m.words.begin(), ord_word);
    m.lowers.insert(m.lowers.begin(), to_lower(ord_word));
    return;
  }
  p.ordinal = ordinal;
  if (m.quoted) return;
  p.kind = TargetKind::Kind;
  if (m.lowers.empty()) {
    // "the first button": the UI word itself is the kind.
    m.words.push_back(p.role_hint.empty() ? "element" : p.role_hint);
    m.lowers.push_back(m.words.back());
  }
  if (p.role_hint.empty() && is_kind_noun(m.lowers.back())) p.role_hint = kind_role(m.lowers.back());
}

// Clauses after the target, in any order: for CONTEXT, in SCOPE, to PURPOSE; "and press" ends the phrase.
std::string read_clauses(const Range& r, size_t k, bool allow_scope, TargetPhrase& p) {
  auto clause_end = [&](size_t from) {
    size_t e = from;
    while (e < r.size() && !is_clause_start(r, e, allow_scope) && !r.punct(e, ",")) ++e;
    return e;
  };
  while (k < r.size()) {
    if (r.punct(k, ",")) {
      ++k;
    } else if (r.word(k, {"for", "beside", "near"}) || (r.word(k, {"next"}) && r.word(k + 1, {"to"}))) {
      size_t start = k + (r.word(k, {"next"}) ? 2 : 1);
      if (r.word(start, {"the"})) ++start;
      size_t e = clause_end(start);
      if (e == start) return "'for' must be followed by the item that holds the target, e.g. for \"Blue Backpack\"";
      Range c = r.sub(start, e);
      p.context = c.size() == 1 && c.quote(0) ? c.at(0).text : scope_text(c);
      k = e;
    } else if (r.word(k, {"to"}) && k + 1 < r.size() && is_purpose_verb(r.at(k + 1).lower)) {
      // A purpose clause runs to the end of the sentence, except a following scope.
      size_t e = k + 1;
      while (e < r.size() && !(allow_scope && r.word(e, {"within", "inside"}))) ++e;
      k = e;
    } else if (allow_scope && r.word(k, {"in", "within", "inside", "under"})) {
      size_t e = k + 1;
      while (e < r.size() && !r.punct(e, ",") &&
             !(r.word(e, {"to"}) && e + 1 < r.size() && is_purpose_verb(r.at(e + 1).lower)) && !r.word(e, {"for"}))
        ++e;
      std::string scope = scope_text(r.sub(k + 1, e));
      if (scope.empty()) return "'in' must be followed by a scope, e.g. in the \"New Account\" dialog";
      p.within = scope;
      k = e;
    } else if (r.word(k, {"and"}) && r.word(k + 1, {"press", "hit"})) {
      break;  // handled by the caller
    } else {
      return fmt::format("unexpected words: '{}'", r.from(k).text());
    }
  }
  return "";
}

}  // namespace

PhraseResult parse_target_phrase(const Range& r, bool allow_scope, bool allow_ordinal) {
  PhraseResult res;
  auto& p = res.phrase;
  size_t i = 0;
  if (r.word(i, {"on", "onto"})) ++i;
  if (r.word(i, {"the", "a", "an"})) ++i;
  std::optional<int> ordinal;
  size_t ordinal_at = i;
  if (allow_ordinal && i < r.size() && r.at(i).kind == Tok::Word) {
    ordinal = ordinal_of(r.at(i).lower);
    if (ordinal) ++i;
  }
  MainTarget m;
  res.error = r.quote(i) ? read_quoted_target(r, i, allow_scope, p, m)
                         : read_word_target(r, i, allow_scope, ordinal.has_value(), p, m);
  if (!res.error.empty()) return res;
  if (ordinal) read_ordinal(r.at(ordinal_at).text, *ordinal, p, m);
  if (!m.quoted && !m.words.empty()) p.text = join(m.words, " ");
  res.error = read_clauses(r, m.end, allow_scope, p);
  return res;
}

}  // namespace pacts::grammar
