// Expected outcomes: "X is visible", "X is hidden", "title contains X", "URL contains /x", "user is redirected to
// /x", "the page shows X", or only quoted texts. Anything else is refused: an outcome PACTS cannot check is an
// error, never silently passed.
#include <cctype>

#include <fmt/format.h>

#include "core/url.h"
#include "plan/grammar.h"

namespace pacts::grammar {

namespace {

bool is_subject_filler(const std::string& w) {
  return in(w, {"the", "a", "an", "that", "page", "current", "browser", "its", "it", "tab", "window"});
}

bool is_negation(const std::string& w) {
  return in(w, {"not", "no", "never", "doesn't", "isn't", "aren't", "don't", "shouldn't", "mustn't", "won't",
                "cannot", "can't"});
}

bool negation_at(const Range& s, size_t i) { return i < s.size() && s.at(i).kind == Tok::Word && is_negation(s.at(i).lower); }

// Quoted texts joined by "and" or commas: `"A" and "B"`. Empty when anything else is there.
std::vector<std::string> quoted_list(const Range& v) {
  std::vector<std::string> out;
  for (size_t k = 0; k < v.size(); ++k) {
    if (v.quote(k)) out.push_back(v.at(k).text);
    else if (!(v.punct(k, ",") || v.word(k, {"and"}))) return {};
  }
  return out;
}

// Words that may close a visibility predicate without changing it.
bool is_closing_filler(const std::string& w) {
  return in(w, {"on", "the", "page", "screen", "again", "now", "anymore", "any", "more", "longer"});
}

bool filler_at(const Range& s, size_t i) { return s.at(i).kind == Tok::Word && is_closing_filler(s.at(i).lower); }

const std::initializer_list<const char*> kAux = {"is", "are", "should", "must", "will", "be", "gets",
                                                 "becomes", "still", "does", "do", "remains", "stays"};
const std::initializer_list<const char*> kShown = {"visible", "displayed", "shown", "present", "rendered",
                                                   "available", "there", "appear", "appears", "show",
                                                   "shows", "display", "displays", "exist", "exists"};
const std::initializer_list<const char*> kGone = {"hidden", "gone", "absent", "invisible", "removed",
                                                  "closed", "dismissed", "disappears", "disappear",
                                                  "vanishes", "vanish"};

}  // namespace

void AssertionParser::add(AssertionType type, std::string value) {
  if (value.empty()) return fail("the expected text is empty");
  Assertion a;
  a.type = type;
  a.value = std::move(value);
  out.assertions.push_back(std::move(a));
}

void AssertionParser::add_element(AssertionType type, std::string name, std::string role) {
  if (name.empty()) return fail("which element?");
  Assertion a;
  a.type = type;
  a.target.text = std::move(name);
  a.target.role_hint = std::move(role);
  classify_override(a.target);
  out.assertions.push_back(std::move(a));
}

void AssertionParser::parse() {
  size_t i = 0;
  while (r.word(i, {"that", "the", "whether", "if"})) ++i;
  Range s = r.from(i);
  if (s.empty()) return fail("nothing to check");
  if (title_or_url(s) || redirected(s) || visibility(s) || shows(s)) return;
  // Only quoted texts: `"Thank you for your order!"`, `"A" and "B"`.
  auto quotes = quoted_list(s);
  if (!quotes.empty()) {
    for (const auto& q : quotes) add(AssertionType::TextVisible, q);
    return;
  }
  if (described_texts(s)) return;
  fail("PACTS cannot check this outcome as written");
}

// "Order confirmation with "Thank you for your order"": words that describe, around quoted texts that must
// be on the page. Refused when the words could change what is checked (a negation, an alternative, a page
// property, a state): then the sentence means something a text check would misread.
bool AssertionParser::described_texts(const Range& s) {
  if (strict) return false;
  std::vector<std::string> quotes;
  for (size_t k = 0; k < s.size(); ++k) {
    if (s.quote(k)) {
      quotes.push_back(s.at(k).text);
      continue;
    }
    if (s.at(k).kind != Tok::Word) continue;
    const std::string& w = s.at(k).lower;
    if (is_negation(w) || in(w, {"or", "either", "unless", "except", "without", "instead", "hidden", "invisible", "gone",
                                 "disappears", "disappear", "absent", "removed", "title", "url", "address", "location",
                                 "redirected", "enabled", "disabled", "checked", "unchecked", "selected", "empty",
                                 "value", "values", "field", "fields", "input", "textbox", "count", "before", "after", "until", "less", "more", "fewer", "than"}))
      return false;
    for (char c : w)
      if (std::isdigit(static_cast<unsigned char>(c))) return false;  // "3 items": a count, not a text
  }
  if (quotes.empty()) return false;
  for (const auto& q : quotes) add(AssertionType::TextVisible, q);
  return true;
}

// "title contains "Wiki"", "the URL should contain /orders", "page title is "X"".
bool AssertionParser::title_or_url(const Range& s) {
  for (size_t k = 0; k < s.size() && k < 4; ++k) {
    bool title = s.word(k, {"title"});
    bool url = s.word(k, {"url", "address", "location"});
    if (!title && !url) continue;
    for (size_t m = 0; m < k; ++m)
      if (!(s.at(m).kind == Tok::Word && is_subject_filler(s.at(m).lower))) return false;
    size_t v = k + 1;
    bool negated = false;
    while (s.word(v, {"should", "must", "will", "does", "do"}) || negation_at(s, v)) {
      negated |= negation_at(s, v);
      ++v;
    }
    if (s.word(v, {"contains", "contain", "includes", "include", "is", "equals", "has", "shows", "matches", "reads"}))
      ++v;
    else if (s.word(v, {"ends", "starts", "end", "start"}) && s.word(v + 1, {"with"}))
      v += 2;
    else if (s.word(v, {"be", "equal", "have"}))
      ++v;
    else
      return false;
    if (s.word(v, {"not"})) {
      negated = true;
      ++v;
    }
    if (s.word(v, {"to", "with"})) ++v;
    if (negated) {
      fail(fmt::format("PACTS cannot check that the {} does not contain a text; check what it should show instead",
                       title ? "title" : "URL"));
      return true;
    }
    Range val = s.from(v);
    AssertionType type = title ? AssertionType::TitleContains : AssertionType::UrlContains;
    auto quotes = quoted_list(val);
    if (val.empty()) fail("contains what?");
    else if (!quotes.empty()) for (auto& q : quotes) add(type, q);
    else if (val.count_quotes() > 0) fail("unexpected words around the quoted text: '" + val.text() + "'");
    else add(type, val.size() == 1 ? val.at(0).text : val.words_text());
    return true;
  }
  return false;
}

// "user is redirected to /orders.html", "lands on /done".
bool AssertionParser::redirected(const Range& s) {
  for (size_t k = 0; k + 1 < s.size(); ++k) {
    bool moved = s.word(k, {"redirected", "taken", "navigated", "sent", "brought", "forwarded"}) && s.word(k + 1, {"to"});
    bool lands = s.word(k, {"lands", "land", "arrives"}) && s.word(k + 1, {"on", "at"});
    if (!moved && !lands) continue;
    for (size_t m = 0; m < k; ++m)
      if (negation_at(s, m)) {
        fail("PACTS cannot check where a user is not taken; check the page they should reach instead");
        return true;
      }
    Range val = s.from(k + 2);
    if (val.word(0, {"the"})) val = val.from(1);
    if (val.size() == 1 && looks_like_url(val.at(0).text)) add(AssertionType::UrlContains, val.at(0).text);
    else if (val.size() == 1 && val.quote(0)) add(AssertionType::TextVisible, val.at(0).text);
    else fail("redirected where? give a path (/orders.html) or a quoted text on the page");
    return true;
  }
  return false;
}

// "X is visible", "X should not be visible", "X is hidden", "X appears", "X does not appear", "X disappears".
bool AssertionParser::visibility(const Range& s) {
  for (size_t k = 1; k < s.size(); ++k) {
    if (!(s.word(k, kAux) || s.word(k, kShown) || s.word(k, kGone) || negation_at(s, k))) continue;
    // The subject ends here; the rest must be exactly a visibility predicate.
    size_t m = k;
    bool negated = false;
    while (m < s.size() && (s.word(m, kAux) || negation_at(s, m) || s.word(m, {"longer"}))) {
      if (negation_at(s, m)) negated = !negated;
      ++m;
    }
    bool gone;
    if (s.word(m, kShown)) {
      gone = negated;
    } else if (s.word(m, kGone)) {
      gone = !negated;
    } else if (s.word(m, {"on"}) && s.word(m + 1, {"the"}) && s.word(m + 2, {"page", "screen"})) {
      gone = negated;
      m += 2;
    } else {
      continue;  // "X has Y" and the like: another form
    }
    // "shows", "displays", "appears" may also take an object ("the page shows "X""): that is the next form.
    bool transitive = s.word(m, {"show", "shows", "display", "displays", "exist", "exists", "appear", "appears"});
    ++m;
    bool rest_is_filler = true;
    for (size_t q = m; q < s.size(); ++q)
      if (!filler_at(s, q)) rest_is_filler = false;
    if (transitive && !rest_is_filler) continue;
    for (; m < s.size(); ++m)
      if (!filler_at(s, m)) {
        fail(fmt::format("unexpected words after the outcome: '{}' (a scope such as 'in the dialog' is not "
                         "checked in an expected outcome)",
                         s.from(m).text()));
        return true;
      }
    visibility_of(s.sub(0, k), gone);
    return true;
  }
  return false;
}

// The subject of a visibility outcome: quoted texts are texts, unless a UI word makes them an element of that
// kind (`"Login" button is visible`); unquoted words name an element.
void AssertionParser::visibility_of(const Range& subject_in, bool gone) {
  Range subject = subject_in;
  while (!subject.empty() && subject.at(0).kind == Tok::Word && is_article(subject.at(0).lower)) subject = subject.from(1);
  if (subject.empty()) return fail("what is visible?");
  std::string role;
  size_t end = subject.size();
  if (end >= 2 && subject.at(end - 1).kind == Tok::Word && is_ui_word(subject.at(end - 1).lower)) {
    role = *ui_word_role(subject.at(end - 1).lower);
    --end;
  }
  Range named = subject.sub(0, end);
  auto quotes = quoted_list(named);
  if (named.count_quotes() > 0 && quotes.empty())
    return fail("unexpected words around the quoted text: '" + named.text() + "'");
  if (quotes.empty()) quotes.push_back(named.words_text());
  bool element = !role.empty() || named.count_quotes() == 0;
  for (const auto& q : quotes) {
    if (gone || element) add_element(gone ? AssertionType::ElementHidden : AssertionType::ElementVisible, q, role);
    else add(AssertionType::TextVisible, q);
  }
}

// "<subject> shows|contains|displays "X"", "the page does not show "Error"".
bool AssertionParser::shows(const Range& s) {
  for (size_t k = 0; k < s.size(); ++k) {
    if (!s.word(k, {"shows", "show", "contains", "contain", "displays", "display", "includes", "include", "lists",
                    "list", "reads", "says", "has", "have", "mentions", "see", "sees"}))
      continue;
    bool negated = false;
    for (size_t m = 0; m < k; ++m)
      if (negation_at(s, m)) negated = !negated;
    // Strict: only the page (or the person looking at it) shows a text; "cookie "test" contains "x"" is not a
    // check of the page.
    if (strict)
      for (size_t m = 0; m < k; ++m)
        if (!(s.word(m, {"the", "page", "screen", "i", "we", "you", "user", "it", "should", "must", "will", "does",
                         "do", "still", "now"}) ||
              negation_at(s, m)))
          return false;
    // A field holds a value, which the page's text does not show: "the "Email" field contains "x"" is no text check.
    for (size_t m = 0; m < k; ++m)
      if (s.word(m, {"field", "fields", "input", "textbox", "value", "values"})) return false;
    Range val = s.from(k + 1);
    if (val.word(0, {"no"})) {
      negated = !negated;
      val = val.from(1);
    }
    while (val.word(0, {"the", "a", "an", "text", "message", "heading", "title", "that", "with", "at"}) && val.size() > 1)
      val = val.from(1);
    if (val.empty()) {
      fail("shows what?");
      return true;
    }
    auto quotes = quoted_list(val);
    if (quotes.empty()) {
      if (val.count_quotes() > 0) {
        fail("unexpected words around the quoted text: '" + val.text() + "'");
        return true;
      }
      quotes.push_back(val.words_text());
    }
    for (const auto& q : quotes) add(negated ? AssertionType::TextHidden : AssertionType::TextVisible, q);
    return true;
  }
  return false;
}

}  // namespace pacts::grammar
