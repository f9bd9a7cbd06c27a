#include "spec/sentence.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "core/text.h"
#include "core/url.h"

namespace pacts {

namespace {

// ---------------------------------------------------------------------------------------------------------
// Tokens: words, quoted strings and the punctuation the grammar cares about (, ; : =).

enum class Tok { Word, Quote, Punct };

struct Token {
  Tok kind;
  std::string text;   // as written
  std::string lower;  // lower case, for matching words
};

struct Tokenized {
  std::vector<Token> tokens;
  std::vector<std::string> remarks;  // parenthesised text, dropped from the sentence
  std::string error;
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// UTF-8 curly quotes: “ ” ‘ ’
constexpr std::string_view kLdquo = "\xE2\x80\x9C";
constexpr std::string_view kRdquo = "\xE2\x80\x9D";
constexpr std::string_view kLsquo = "\xE2\x80\x98";
constexpr std::string_view kRsquo = "\xE2\x80\x99";

Tokenized tokenize(std::string_view s) {
  Tokenized out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.tokens.push_back({Tok::Word, word, to_lower(word)});
    word.clear();
  };
  auto push_quote = [&](std::string text) { out.tokens.push_back({Tok::Quote, text, to_lower(text)}); };
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    std::string_view rest = s.substr(i);
    if (is_ws(c)) {
      flush();
      ++i;
    } else if (c == '"' || rest.substr(0, 3) == kLdquo || rest.substr(0, 3) == kRdquo) {
      flush();
      size_t open_len = c == '"' ? 1 : 3;
      size_t j = i + open_len;
      size_t close = std::string_view::npos, close_len = 0;
      for (size_t k = j; k < s.size(); ++k) {
        if (s[k] == '"') { close = k; close_len = 1; break; }
        if (s.substr(k, 3) == kRdquo || s.substr(k, 3) == kLdquo) { close = k; close_len = 3; break; }
      }
      if (close == std::string_view::npos) {
        out.error = "a quote is opened and never closed";
        return out;
      }
      push_quote(std::string(s.substr(j, close - j)));
      i = close + close_len;
    } else if (rest.substr(0, 3) == kLsquo) {
      flush();
      size_t close = s.find(kRsquo, i + 3);
      if (close == std::string_view::npos) {
        out.error = "a quote is opened and never closed";
        return out;
      }
      push_quote(std::string(s.substr(i + 3, close - i - 3)));
      i = close + 3;
    } else if (c == '\'' && word.empty()) {
      // A single quote opens a quoted string only at the start of a word and when a closing one follows at
      // the end of a word; otherwise it is an apostrophe ("the user's profile").
      size_t close = std::string_view::npos;
      for (size_t k = i + 1; k < s.size(); ++k) {
        if (s[k] == '\'' && (k + 1 == s.size() || !std::isalnum(static_cast<unsigned char>(s[k + 1])))) {
          close = k;
          break;
        }
      }
      if (close == std::string_view::npos || close == i + 1) {
        word += c;
        ++i;
      } else {
        push_quote(std::string(s.substr(i + 1, close - i - 1)));
        i = close + 1;
      }
    } else if (c == '(') {
      flush();
      int depth = 0;
      size_t k = i;
      for (; k < s.size(); ++k) {
        if (s[k] == '(') ++depth;
        if (s[k] == ')' && --depth == 0) break;
      }
      if (k >= s.size()) {
        out.error = "a '(' is opened and never closed";
        return out;
      }
      out.remarks.push_back(std::string(s.substr(i + 1, (k < s.size() ? k : s.size()) - i - 1)));
      i = k < s.size() ? k + 1 : s.size();
    } else if (c == ',' || c == ';') {
      flush();
      out.tokens.push_back({Tok::Punct, std::string(1, c), std::string(1, c)});
      ++i;
    } else if (c == ':' && (i + 1 == s.size() || is_ws(s[i + 1]) || s[i + 1] == '"' ||
                            rest.substr(1, 3) == kLdquo)) {
      flush();
      out.tokens.push_back({Tok::Punct, ":", ":"});
      ++i;
    } else if (c == '=' && (word.empty() || i + 1 == s.size() || is_ws(s[i + 1]) || s[i + 1] == '"' ||
                            rest.substr(1, 3) == kLdquo)) {
      flush();
      out.tokens.push_back({Tok::Punct, "=", "="});
      ++i;
    } else {
      word += c;
      ++i;
    }
  }
  flush();
  // A sentence's final full stop, exclamation or question mark is not part of its last word.
  if (!out.tokens.empty() && out.tokens.back().kind == Tok::Word) {
    auto& last = out.tokens.back();
    while (!last.text.empty() && (last.text.back() == '.' || last.text.back() == '!' || last.text.back() == '?')) {
      last.text.pop_back();
      last.lower.pop_back();
    }
    if (last.text.empty()) out.tokens.pop_back();
  }
  while (!out.tokens.empty() && out.tokens.back().kind == Tok::Punct && out.tokens.back().text != ":")
    out.tokens.pop_back();
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary.

bool in(const std::string& w, std::initializer_list<const char*> set) {
  for (const char* s : set)
    if (w == s) return true;
  return false;
}

// Trailing words that name the kind of element, not the element; mapped to a role hint for discovery.
std::optional<std::string> ui_word_role(const std::string& w) {
  static const std::array<std::pair<const char*, const char*>, 40> kUiWords = {{
      {"button", "button"},     {"buttons", "button"},   {"btn", "button"},       {"link", "link"},
      {"hyperlink", "link"},    {"tab", "tab"},          {"field", "textbox"},    {"textfield", "textbox"},
      {"box", "textbox"},       {"textbox", "textbox"},  {"input", "textbox"},    {"textarea", "textbox"},
      {"dropdown", "combobox"}, {"drop-down", "combobox"}, {"combobox", "combobox"}, {"picklist", "combobox"},
      {"select", "combobox"},   {"list", "listbox"},     {"listbox", "listbox"},  {"checkbox", "checkbox"},
      {"check-box", "checkbox"}, {"radio", "radio"},     {"icon", ""},            {"menu", "menu"},
      {"menuitem", "menuitem"}, {"option", "option"},    {"filter", "button"},    {"chip", "button"},
      {"toggle", "switch"},     {"switch", "switch"},    {"image", "img"},        {"logo", "img"},
      {"heading", "heading"},   {"header", "heading"},   {"title", "heading"},    {"label", ""},
      {"text", ""},             {"message", ""},         {"banner", ""},          {"area", "textbox"},
  }};
  for (const auto& [word, role] : kUiWords)
    if (w == word) return std::string(role);
  return std::nullopt;
}

bool is_ui_word(const std::string& w) { return ui_word_role(w).has_value(); }

// Nouns that, after an ordinal, name a kind of element rather than a label ("first video result").
bool is_kind_noun(const std::string& w) {
  static const std::set<std::string> kKinds = {
      "result", "results", "video", "videos", "link", "links", "button", "buttons", "item", "items",
      "card", "cards", "tile", "tiles", "article", "articles", "post", "posts", "comment", "comments",
      "image", "images", "thumbnail", "thumbnails", "product", "products", "option", "options", "choice",
      "choices", "row", "rows", "entry", "entries", "suggestion", "suggestions", "tab", "tabs", "checkbox",
      "checkboxes", "listing", "listings", "match", "matches", "hit", "hits", "record", "records", "heading",
      "headings", "one"};
  return kKinds.count(w) > 0;
}

// Role of a kind-only target, from its head noun.
std::string kind_role(const std::string& head) {
  if (in(head, {"button", "buttons"})) return "button";
  if (in(head, {"item", "items", "entry", "entries"})) return "listitem";
  if (in(head, {"card", "cards", "tile", "tiles", "article", "articles", "post", "posts", "comment", "comments"}))
    return "article";
  if (in(head, {"image", "images", "thumbnail", "thumbnails"})) return "img";
  if (in(head, {"option", "options", "choice", "choices", "suggestion", "suggestions"})) return "option";
  if (in(head, {"row", "rows", "record", "records"})) return "row";
  if (in(head, {"tab", "tabs"})) return "tab";
  if (in(head, {"checkbox", "checkboxes"})) return "checkbox";
  if (in(head, {"heading", "headings"})) return "heading";
  return "link";  // result, video, link, product, listing, match, hit: search results are links
}

std::optional<int> ordinal_of(const std::string& w) {
  static const std::array<const char*, 10> kWords = {"first", "second", "third",   "fourth", "fifth",
                                                     "sixth", "seventh", "eighth", "ninth",  "tenth"};
  for (size_t i = 0; i < kWords.size(); ++i)
    if (w == kWords[i]) return static_cast<int>(i) + 1;
  if (w == "last") return -1;
  if (w.size() >= 3) {
    std::string digits = w.substr(0, w.size() - 2), suffix = w.substr(w.size() - 2);
    if (is_all_digits(digits) && digits.size() <= 4 && in(suffix, {"st", "nd", "rd", "th"})) {
      int n = std::stoi(digits);
      if (n >= 1 && n <= 1000) return n;
    }
  }
  return std::nullopt;
}

bool is_article(const std::string& w) { return in(w, {"the", "a", "an"}); }

// "to view cart": a purpose clause after a click target is dropped.
bool is_purpose_verb(const std::string& w) {
  return in(w, {"view", "see", "open", "submit", "go", "proceed", "continue", "navigate", "confirm", "complete",
                "start", "finish", "show", "display", "expand", "collapse", "close", "return", "access", "reveal",
                "load", "save", "sort", "filter", "switch", "begin", "trigger", "apply", "log", "login", "sign",
                "create", "add", "remove", "check", "launch", "search", "choose", "pick", "get", "enter", "reach",
                "toggle", "activate", "dismiss", "move", "select", "make"});
}

// Second-factor and human-check vocabulary, for manual steps decided by meaning.
bool mentions_human_check(const std::vector<Token>& toks, const std::vector<std::string>& remarks) {
  auto check = [](const std::string& lower_text) {
    auto words = split_words(lower_text);
    for (size_t i = 0; i < words.size(); ++i) {
      std::string w = words[i];
      while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back()))) w.pop_back();
      if (in(w, {"2fa", "mfa", "otp", "captcha", "recaptcha", "two-factor", "multi-factor", "authenticator",
                 "one-time", "manual", "manually", "human", "totp", "2-step", "two-step"}))
        return true;
      if (i + 1 < words.size()) {
        std::string next = words[i + 1];
        while (!next.empty() && std::ispunct(static_cast<unsigned char>(next.back()))) next.pop_back();
        if ((w == "two" && next == "factor") || (w == "multi" && next == "factor") ||
            (w == "security" && next == "code") || (w == "verification" && next == "code") ||
            (w == "sms" && next == "code") || (w == "email" && next == "code") || (w == "one" && next == "time"))
          return true;
      }
    }
    return false;
  };
  // Only the sentence's own words count: quoted text is what the page says ("Verification code sent").
  std::string all;
  for (const auto& t : toks)
    if (t.kind == Tok::Word) all += " " + t.lower;
  for (const auto& r : remarks) all += " " + to_lower(r);
  return check(all);
}

bool says_manual(const std::vector<Token>& toks, const std::vector<std::string>& remarks) {
  for (const auto& t : toks)
    if (t.kind == Tok::Word && in(t.lower, {"manual", "manually", "human"})) return true;
  for (const auto& r : remarks)
    for (auto& w : split_words(to_lower(r)))
      if (w.rfind("manual", 0) == 0 || w == "human") return true;
  return false;
}

std::optional<int> duration_ms(const std::vector<Token>& toks, const std::vector<std::string>& remarks) {
  std::vector<std::string> words;
  for (const auto& t : toks)
    if (t.kind == Tok::Word) words.push_back(t.lower);
  for (const auto& r : remarks)
    for (auto& w : split_words(to_lower(r))) words.push_back(w);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (!is_all_digits(words[i]) || words[i].size() > 4) continue;  // up to 9999 units: no overflow
    int n = std::stoi(words[i]);
    const std::string& unit = words[i + 1];
    if (unit.rfind("second", 0) == 0 || unit == "s" || unit == "secs" || unit == "sec") return n * 1000;
    if (unit.rfind("minute", 0) == 0 || unit == "min" || unit == "mins") return n * 60000;
  }
  return std::nullopt;
}

// Key names for "Press ...", normalised to the DOM's KeyboardEvent.key values.
std::optional<std::string> key_name(const std::string& lower) {
  static const std::array<std::pair<const char*, const char*>, 24> kKeys = {{
      {"enter", "Enter"},       {"return", "Enter"},        {"tab", "Tab"},           {"escape", "Escape"},
      {"esc", "Escape"},        {"space", " "},             {"spacebar", " "},        {"backspace", "Backspace"},
      {"delete", "Delete"},     {"del", "Delete"},          {"arrowup", "ArrowUp"},   {"arrowdown", "ArrowDown"},
      {"arrowleft", "ArrowLeft"}, {"arrowright", "ArrowRight"}, {"up", "ArrowUp"},    {"down", "ArrowDown"},
      {"left", "ArrowLeft"},    {"right", "ArrowRight"},    {"home", "Home"},         {"end", "End"},
      {"pageup", "PageUp"},     {"pagedown", "PageDown"},   {"insert", "Insert"},     {"f5", "F5"},
  }};
  for (const auto& [name, key] : kKeys)
    if (lower == name) return std::string(key);
  if (lower.size() >= 2 && lower.size() <= 3 && lower[0] == 'f' && is_all_digits(lower.substr(1))) {
    int n = std::stoi(lower.substr(1));
    if (n >= 1 && n <= 12) return "F" + std::to_string(n);
  }
  // Chords: "Control+A", "Shift+Tab", "Ctrl+Enter".
  if (lower.find('+') != std::string::npos && lower.size() > 2) {
    auto parts = split(lower, '+');
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
      const auto& p = parts[i];
      std::string name;
      if (i + 1 < parts.size()) {
        if (in(p, {"ctrl", "control"})) name = "Control";
        else if (p == "shift") name = "Shift";
        else if (in(p, {"alt", "option"})) name = "Alt";
        else if (in(p, {"cmd", "command", "meta"})) name = "Meta";
        else return std::nullopt;
      } else if (p.size() == 1 && std::isalnum(static_cast<unsigned char>(p[0]))) {
        name = std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(p[0]))));
      } else if (auto k = key_name(p)) {
        name = *k;
      } else {
        return std::nullopt;
      }
      out += (out.empty() ? "" : "+") + name;
    }
    return out;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------
// A view over a token range with the helpers the handlers share.

struct Range {
  const std::vector<Token>* toks;
  size_t begin, end;

  size_t size() const { return end - begin; }
  bool empty() const { return begin >= end; }
  const Token& at(size_t i) const { return (*toks)[begin + i]; }
  bool word(size_t i, std::initializer_list<const char*> set) const {
    return i < size() && at(i).kind == Tok::Word && in(at(i).lower, set);
  }
  bool quote(size_t i) const { return i < size() && at(i).kind == Tok::Quote; }
  bool punct(size_t i, const char* p) const { return i < size() && at(i).kind == Tok::Punct && at(i).text == p; }
  Range sub(size_t from, size_t to) const {
    return {toks, begin + std::min(from, size()), begin + std::min(to, size())};
  }
  Range from(size_t i) const { return sub(i, size()); }
  // First index >= start of a word in set (outside quotes: quotes are single tokens anyway).
  std::optional<size_t> find_word(std::initializer_list<const char*> set, size_t start = 0) const {
    for (size_t i = start; i < size(); ++i)
      if (word(i, set)) return i;
    return std::nullopt;
  }
  std::optional<size_t> find_quote(size_t start = 0) const {
    for (size_t i = start; i < size(); ++i)
      if (quote(i)) return i;
    return std::nullopt;
  }
  size_t count_quotes() const {
    size_t n = 0;
    for (size_t i = 0; i < size(); ++i) n += quote(i);
    return n;
  }
  std::string text() const {
    std::string out;
    for (size_t i = 0; i < size(); ++i) {
      const auto& t = at(i);
      if (t.kind == Tok::Punct && t.text != ":") {
        out += t.text;
        continue;
      }
      if (!out.empty()) out += ' ';
      out += t.kind == Tok::Quote ? "\"" + t.text + "\"" : t.text;
    }
    return out;
  }
  // The words as written, without articles at the start.
  std::string words_text() const {
    std::vector<std::string> parts;
    for (size_t i = 0; i < size(); ++i) {
      const auto& t = at(i);
      if (parts.empty() && t.kind == Tok::Word && is_article(t.lower)) continue;
      parts.push_back(t.text);
    }
    return join(parts, " ");
  }
};

// ---------------------------------------------------------------------------------------------------------
// Target phrases: [on] [the] [ordinal] ("T" | words) [UI words] [for CONTEXT] [in|within SCOPE] [to PURPOSE]

struct TargetPhrase {
  std::optional<std::string> target;
  TargetKind kind = TargetKind::Name;
  std::string role_hint;
  std::optional<int> ordinal;
  std::optional<std::string> within;
  std::optional<std::string> context;
};

struct PhraseResult {
  TargetPhrase phrase;
  std::string error;
};

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
  // "the "New Account" dialog" -> "New Account dialog"; "App Launcher" -> "App Launcher".
  std::vector<std::string> parts;
  for (size_t i = 0; i < r.size(); ++i) {
    const auto& t = r.at(i);
    if (parts.empty() && t.kind == Tok::Word && is_article(t.lower)) continue;
    if (t.kind == Tok::Punct) continue;
    parts.push_back(t.text);
  }
  return join(parts, " ");
}

PhraseResult parse_target_phrase(const Range& r, bool allow_scope, bool allow_ordinal = true) {
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

  // The main target.
  size_t main_end = i;
  bool quoted = false;
  std::vector<std::string> words;   // as written
  std::vector<std::string> lowers;
  if (r.quote(i)) {
    p.target = r.at(i).text;
    quoted = true;
    main_end = i + 1;
    // Descriptors up to a UI word: `"r/programming" subreddit link`, `"Save" button`.
    size_t k = main_end;
    while (k < r.size() && r.at(k).kind == Tok::Word && !is_clause_start(r, k, allow_scope)) ++k;
    if (k > main_end) {
      // Only words ending with a UI word are descriptors; anything else is unexpected.
      const auto& last = r.at(k - 1).lower;
      if (auto role = ui_word_role(last)) {
        p.role_hint = *role;
        main_end = k;
      } else if (k == main_end + 1 && is_kind_noun(last)) {
        main_end = k;  // `"Paris" suggestion`
      } else {
        res.error = fmt::format("unexpected words after the target \"{}\": '{}'", *p.target,
                                r.sub(main_end, k).text());
        return res;
      }
    }
  } else {
    while (main_end < r.size() && !is_clause_start(r, main_end, allow_scope)) {
      const auto& t = r.at(main_end);
      if (t.kind == Tok::Quote) {
        res.error = fmt::format("a quoted text in the middle of an unquoted target: '{}'", r.from(i).text());
        return res;
      }
      if (t.kind == Tok::Punct) break;
      words.push_back(t.text);
      lowers.push_back(t.lower);
      ++main_end;
    }
    // Trailing UI words are a hint, not part of the name ("Login button" -> "Login", role button).
    while (!lowers.empty()) {
      auto role = ui_word_role(lowers.back());
      if (!role) break;
      if (lowers.size() == 1 && !ordinal) break;  // "Click Menu": the word is the name
      if (p.role_hint.empty()) p.role_hint = *role;
      words.pop_back();
      lowers.pop_back();
    }
    // "shopping cart page" -> "shopping cart" when going somewhere.
  }

  // Ordinal or name? "First Name" is a name; "first video result" and "the 2nd "Add" button" are ordinals.
  if (ordinal) {
    bool valid = false;
    const std::string& ord_word = r.at(ordinal_at).text;
    bool capitalised_pair = std::isupper(static_cast<unsigned char>(ord_word[0])) && !words.empty() &&
                            std::isupper(static_cast<unsigned char>(words.front()[0]));
    if (quoted) valid = true;
    else if (capitalised_pair) valid = false;
    else if (!lowers.empty() && is_kind_noun(lowers.back())) valid = true;
    else if (in(p.role_hint, {"button", "link", "tab", "checkbox", "option", "menuitem", "img", "radio", "heading"}))
      valid = true;
    else if (lowers.empty() && !p.role_hint.empty()) valid = true;
    if (valid) {
      p.ordinal = ordinal;
      if (!quoted) {
        bool all_kind = !lowers.empty();
        if (all_kind) p.kind = TargetKind::Kind;
        if (lowers.empty()) {
          // "the first button": the UI word itself is the kind.
          p.kind = TargetKind::Kind;
          words.push_back(p.role_hint.empty() ? "element" : p.role_hint);
          lowers.push_back(words.back());
        }
        if (p.role_hint.empty() && is_kind_noun(lowers.back())) p.role_hint = kind_role(lowers.back());
      }
    } else {
      words.insert(words.begin(), ord_word);
      lowers.insert(lowers.begin(), to_lower(ord_word));
    }
  }
  if (!quoted) {
    if (!words.empty()) p.target = join(words, " ");
  }

  // Clauses, in any order.
  size_t k = main_end;
  while (k < r.size()) {
    if (r.punct(k, ",")) {
      ++k;
      continue;
    }
    auto clause_end = [&](size_t from) {
      size_t e = from;
      while (e < r.size() && !is_clause_start(r, e, allow_scope) && !r.punct(e, ",")) ++e;
      return e;
    };
    if (r.word(k, {"for", "beside", "near"}) || (r.word(k, {"next"}) && r.word(k + 1, {"to"}))) {
      size_t start = k + (r.word(k, {"next"}) ? 2 : 1);
      if (r.word(start, {"the"})) ++start;
      size_t e = clause_end(start);
      if (e == start) {
        res.error = "'for' must be followed by the item that holds the target, e.g. for \"Blue Backpack\"";
        return res;
      }
      Range c = r.sub(start, e);
      p.context = c.size() == 1 && c.quote(0) ? c.at(0).text : scope_text(c);
      k = e;
    } else if (r.word(k, {"to"}) && k + 1 < r.size() && is_purpose_verb(r.at(k + 1).lower)) {
      // A purpose clause runs to the end of the sentence, except a following scope.
      size_t e = k + 1;
      while (e < r.size() && !(allow_scope && r.word(e, {"within", "inside"}))) ++e;
      k = e;
    } else if (allow_scope && r.word(k, {"in", "within", "inside", "under"})) {
      size_t start = k + 1;
      size_t e = start;
      while (e < r.size() && !r.punct(e, ",") &&
             !(r.word(e, {"to"}) && e + 1 < r.size() && is_purpose_verb(r.at(e + 1).lower)) &&
             !r.word(e, {"for"}))
        ++e;
      Range c = r.sub(start, e);
      std::string scope = scope_text(c);
      if (scope.empty()) {
        res.error = "'in' must be followed by a scope, e.g. in the \"New Account\" dialog";
        return res;
      }
      p.within = scope;
      k = e;
    } else if (r.word(k, {"and"}) && r.word(k + 1, {"press", "hit"})) {
      break;  // handled by the caller
    } else {
      res.error = fmt::format("unexpected words: '{}'", r.from(k).text());
      return res;
    }
  }
  return res;
}

// Where a phrase ends with "and press Enter": the index of "and", else r.size().
size_t and_press_at(const Range& r) {
  for (size_t i = 0; i + 1 < r.size(); ++i)
    if (r.word(i, {"and", "then"}) && r.word(i + 1, {"press", "hit"})) return i;
  return r.size();
}

// ---------------------------------------------------------------------------------------------------------
// Sentence handlers.

struct Parser {
  Range all;
  std::vector<std::string> remarks;
  const SentenceContext& ctx;
  SentenceResult out;

  void fail(std::string message, std::string hint) { out.error = SentenceError{std::move(message), std::move(hint)}; }

  Step& add(Action a) {
    out.steps.emplace_back();
    out.steps.back().action = a;
    return out.steps.back();
  }

  void apply_phrase(Step& s, const TargetPhrase& p) {
    s.target = p.target;
    s.target_kind = p.kind;
    s.role_hint = p.role_hint;
    s.ordinal = p.ordinal;
    s.within = p.within;
    s.context = p.context;
    if (s.target) classify_override(s);
  }

  static void classify_override(Step& s) {
    if (starts_with_ci(*s.target, "css:")) s.target_kind = TargetKind::Css;
    else if (starts_with_ci(*s.target, "role:")) s.target_kind = TargetKind::Role;
  }

  // "... and press Enter" after a fill or type.
  bool add_trailing_press(const Range& tail, Step field) {  // by value: add() may move the steps
    if (tail.empty()) return true;
    size_t i = 1;  // past "and"/"then"
    if (!tail.word(i, {"press", "hit"})) return false;
    ++i;
    std::optional<std::string> key;
    if (tail.quote(i)) key = key_name(tail.at(i).lower);
    else if (i < tail.size()) key = key_name(tail.at(i).lower);
    if (!key) return false;
    ++i;
    if (tail.word(i, {"key"})) ++i;
    if (i != tail.size()) return false;
    Step& press = add(Action::Press);
    press.value = *key;
    press.target = field.target;
    press.target_kind = field.target_kind;
    press.role_hint = field.role_hint;
    press.ordinal = field.ordinal;
    press.within = field.within;
    press.context = field.context;
    return true;
  }

  // Fill / Type / Enter / Input / Write / Put / Provide.
  void fill(Range r, Action action, const std::string& verb) {
    static const char* kFillHint =
        "Fill \"value\" in <field>  |  Fill \"<field>\" with \"value\"  |  Enter <field> \"value\"  |  "
        "Fill customer info: First Name=\"John\", Last Name=\"Doe\"";
    if (r.word(0, {"in", "out"}) && !r.quote(1 + 0) ) {
      // "Fill in the Name field with ..." / "Fill out the form:"
      r = r.from(1);
    } else if (r.word(0, {"in"}) && r.quote(1) && r.find_word({"with"})) {
      r = r.from(1);
    }
    size_t tail_at = and_press_at(r);
    Range tail = r.from(tail_at);
    r = r.sub(0, tail_at);

    // A field list: "Fill customer info: FirstName="John", ..." or "Fill the form:" + bullets.
    for (size_t i = 0; i < r.size(); ++i) {
      if (!r.punct(i, ":")) continue;
      Range items = r.from(i + 1);
      if (items.empty()) {
        out.opens_field_list = action;
        return;
      }
      if (items.count_quotes() >= 1 && (items.size() > 1)) {
        field_list_inline(items, action);
        return;
      }
      if (items.size() == 1 && items.quote(0)) {
        // "Enter Name: "John"": a target, a colon and a value.
        auto ph = parse_target_phrase(r.sub(0, i), true, false);
        if (!ph.error.empty()) return fail(ph.error, kFillHint);
        Step& s = add(action);
        apply_phrase(s, ph.phrase);
        s.value = items.at(0).text;
        if (!add_trailing_press(tail, s)) fail("cannot read what follows 'and press'", "... and press Enter");
        return;
      }
      break;
    }

    auto with_at = r.find_word({"with"});
    if (with_at && r.quote(*with_at + 1) && *with_at > 0) {
      // Target first: Fill "T" with "V" / Fill T with "V" [in SCOPE].
      auto ph = parse_target_phrase(r.sub(0, *with_at), true, false);
      if (!ph.error.empty()) return fail(ph.error, kFillHint);
      if (!ph.phrase.target) return fail("which field? no target before 'with'", kFillHint);
      Step& s = add(action);
      apply_phrase(s, ph.phrase);
      s.value = r.at(*with_at + 1).text;
      Range rest = r.from(*with_at + 2);
      if (!rest.empty()) {
        auto scope = parse_target_phrase(rest, true, false);
        if (!scope.error.empty() || scope.phrase.target) return fail("unexpected words: '" + rest.text() + "'", kFillHint);
        if (scope.phrase.within) s.within = scope.phrase.within;
      }
      if (!add_trailing_press(tail, s)) fail("cannot read what follows 'and press'", "... and press Enter");
      return;
    }

    auto q = r.find_quote();
    if (!q) {
      return fail(fmt::format("'{}' needs the value in quotes", verb), kFillHint);
    }
    Range before = r.sub(0, *q);
    Range after = r.from(*q + 1);
    std::string value = r.at(*q).text;
    TargetPhrase phrase;
    if (!after.empty() && after.word(0, {"in", "into", "on", "to", "for", "as", "inside", "within", "under"})) {
      size_t skip = 1;
      auto ph = parse_target_phrase(after.from(skip), true);
      if (!ph.error.empty()) return fail(ph.error, kFillHint);
      if (!ph.phrase.target) return fail("which field? nothing after '" + after.at(0).text + "'", kFillHint);
      phrase = ph.phrase;
      if (after.word(0, {"within", "inside", "under"})) {
        // "Type "x" within the search box" reads as the field, not a scope.
      }
    } else if (!after.empty()) {
      return fail(fmt::format("unexpected words after the value: '{}'", after.text()), kFillHint);
    } else if (!before.empty()) {
      // "Enter password "secret"", "Enter Name: "x"" (colon handled above).
      auto ph = parse_target_phrase(before, true, false);
      if (!ph.error.empty()) return fail(ph.error, kFillHint);
      phrase = ph.phrase;
    } else if (action == Action::Fill) {
      return fail(fmt::format("which field? '{}' has a value but no target", verb), kFillHint);
    }
    Step& s = add(action);
    apply_phrase(s, phrase);
    s.value = value;
    if (!add_trailing_press(tail, s)) fail("cannot read what follows 'and press'", "... and press Enter");
  }

  // "FirstName="John", LastName="Doe", ZipCode="12345"" (also "First Name: "John"", separated by , or and).
  void field_list_inline(const Range& items, Action action) {
    size_t i = 0;
    while (i < items.size()) {
      if (items.punct(i, ",") || items.punct(i, ";") || items.word(i, {"and"})) {
        ++i;
        continue;
      }
      size_t key_start = i;
      std::vector<std::string> key_words;
      std::string inline_value;
      bool have_value = false;
      while (i < items.size() && !items.punct(i, "=") && !items.punct(i, ":") && !items.quote(i)) {
        std::string w = items.at(i).text;
        // FirstName=John (unquoted value glued to the key)
        if (auto eq = w.find('='); eq != std::string::npos) {
          key_words.push_back(w.substr(0, eq));
          inline_value = w.substr(eq + 1);
          have_value = true;
          ++i;
          break;
        }
        key_words.push_back(w);
        ++i;
      }
      if (!have_value) {
        if (items.punct(i, "=") || items.punct(i, ":")) ++i;
        if (items.quote(i)) {
          inline_value = items.at(i).text;
          have_value = true;
          ++i;
        } else if (i < items.size() && items.at(i).kind == Tok::Word) {
          std::vector<std::string> vw;
          while (i < items.size() && items.at(i).kind == Tok::Word && !items.word(i, {"and"})) vw.push_back(items.at(i++).text);
          inline_value = join(vw, " ");
          have_value = !vw.empty();
        }
      }
      if (key_words.empty() || !have_value) {
        return fail(fmt::format("cannot read the field list at '{}'", items.from(key_start).text()),
                    "Fill customer info: First Name=\"John\", Last Name=\"Doe\", Zip Code=\"12345\"");
      }
      Step& s = add(action);
      s.target = split_camel_case(join(key_words, " "));
      s.value = inline_value;
    }
    if (out.steps.empty()) fail("the field list is empty", "Fill customer info: First Name=\"John\"");
  }

  void set(Range r) {
    // Set T to "V"
    auto to = r.find_word({"to", "as"});
    if (!to || !r.quote(*to + 1)) return fail("cannot read this 'Set' sentence", "Set <field> to \"value\"");
    auto ph = parse_target_phrase(r.sub(0, *to), true, false);
    if (!ph.error.empty() || !ph.phrase.target) return fail(ph.error.empty() ? "which field?" : ph.error, "Set <field> to \"value\"");
    Step& s = add(Action::Fill);
    apply_phrase(s, ph.phrase);
    s.value = r.at(*to + 1).text;
    if (*to + 2 < r.size()) {
      auto scope = parse_target_phrase(r.from(*to + 2), true, false);
      if (!scope.error.empty() || scope.phrase.target) return fail("unexpected words: '" + r.from(*to + 2).text() + "'", "Set <field> to \"value\"");
      if (scope.phrase.within) s.within = scope.phrase.within;
    }
  }

  static constexpr const char* kClickHint =
      "Click \"Save\"  |  Click the Login button  |  Click \"Add to cart\" for \"Blue Backpack\"  |  "
      "Click first video result  |  Click \"Save\" in the \"New Account\" dialog";

  void click(Range r, Action action = Action::Click) {
    auto ph = parse_target_phrase(r, true);
    if (!ph.error.empty()) return fail(ph.error, action == Action::Click ? kClickHint : "Hover over \"Menu\"");
    if (!ph.phrase.target) return fail("what should be clicked? no target", kClickHint);
    Step& s = add(action);
    apply_phrase(s, ph.phrase);
  }

  void press(Range r) {
    static const char* kHint = "Press Enter  |  Press Enter on the Search field  |  Press \"Tab\" on \"Username\"  |  Press Control+A";
    std::optional<std::string> key;
    size_t i = 0;
    if (r.word(i, {"the"})) ++i;
    if (i < r.size()) key = key_name(r.at(i).lower);
    // "down arrow", "arrow down", "page down"
    if (!key && r.word(i, {"arrow", "page"}) && i + 1 < r.size()) {
      key = key_name(r.at(i).lower + r.at(i + 1).lower);
      if (key) ++i;
    }
    if (!key && i + 1 < r.size() && r.word(i + 1, {"arrow"})) {
      key = key_name("arrow" + r.at(i).lower);
      if (key) ++i;
    }
    if (!key) {
      // "Press the Login button", "Press "Save"": a click.
      if (r.empty()) return fail("which key?", kHint);
      return click(r);
    }
    ++i;
    if (r.word(i, {"arrow"})) ++i;  // "the down arrow"
    if (r.word(i, {"key", "button"})) ++i;
    Step& s = add(Action::Press);
    s.value = *key;
    Range rest = r.from(i);
    if (rest.word(0, {"on", "in", "into", "inside", "at"}) && rest.size() > 1) {
      auto ph = parse_target_phrase(rest.from(1), true);
      if (!ph.error.empty()) return fail(ph.error, kHint);
      if (ph.phrase.target) {
        apply_phrase(s, ph.phrase);
        return;
      }
      rest = Range{};
    } else if (!rest.empty()) {
      // "Press Enter key to submit search": a purpose clause only.
      if (!(rest.word(0, {"to"}) || rest.word(0, {"again", "once", "twice"})))
        return fail(fmt::format("unexpected words after the key: '{}'", rest.text()), kHint);
    }
    if (ctx.last_fill) {
      const Step& f = *ctx.last_fill;
      s.target = f.target;
      s.target_kind = f.target_kind;
      s.role_hint = f.role_hint;
      s.ordinal = f.ordinal;
      s.within = f.within;
      s.context = f.context;
    }
  }

  void select(Range r) {
    static const char* kHint =
        "Select \"Prospecting\" from the Stage dropdown  |  Select \"Canada\" from \"Country\"  |  "
        "Select \"Prospecting\" from dropdown (after Click Stage dropdown)";
    size_t i = 0;
    if (r.word(i, {"the"})) ++i;
    std::optional<std::string> value;
    size_t after_value = i;
    auto from = r.find_word({"from", "in", "within", "on", "for", "as"}, i);
    if (r.quote(i)) {
      value = r.at(i).text;
      after_value = i + 1;
      if (r.word(after_value, {"option", "value", "item", "entry"})) ++after_value;
    } else if (from && *from > i) {
      value = r.sub(i, *from).words_text();
      after_value = *from;
    } else if (!r.empty() && !from) {
      value = r.from(i).words_text();
      after_value = r.size();
    }
    if (!value || value->empty()) return fail("which option? put it in quotes", kHint);
    Step& s = add(Action::Select);
    s.value = *value;
    Range rest = r.from(after_value);
    if (!rest.empty()) {
      if (!rest.word(0, {"from", "in", "within", "on", "for", "as"})) return fail("unexpected words: '" + rest.text() + "'", kHint);
      auto ph = parse_target_phrase(rest.from(1), true, false);
      if (!ph.error.empty()) return fail(ph.error, kHint);
      apply_phrase(s, ph.phrase);
      // "from dropdown", "from the list": only a kind of control, no name.
      if (s.target && s.target->find(' ') == std::string::npos && is_ui_word(to_lower(*s.target))) {
        if (s.role_hint.empty()) s.role_hint = *ui_word_role(to_lower(*s.target));
        s.target.reset();
      }
    }
    if (!s.target && ctx.last_step && ctx.last_step->action == Action::Click && ctx.last_step->target) {
      // "Click Stage dropdown" then "Select "Prospecting" from dropdown": the dropdown just opened.
      const Step& c = *ctx.last_step;
      s.target = c.target;
      s.target_kind = c.target_kind;
      s.role_hint = c.role_hint;
      s.ordinal = c.ordinal;
      s.within = c.within;
      s.context = c.context;
    }
  }

  void check(Range r, Action action) {
    auto ph = parse_target_phrase(r, true);
    if (!ph.error.empty() || !ph.phrase.target)
      return fail(ph.error.empty() ? "which checkbox?" : ph.error, "Check \"Remember me\"  |  Uncheck the Newsletter checkbox");
    Step& s = add(action);
    apply_phrase(s, ph.phrase);
  }

  // go to / navigate to / visit / open / proceed to / return to ...
  void go(Range r, bool open_verb) {
    size_t i = 0;
    if (r.word(i, {"back"})) {
      ++i;
      if (!r.word(i, {"to"})) return fail("going back in history is not supported", "Go to /path  |  Click \"Home\"");
    }
    if (r.word(i, {"to", "into"})) ++i;
    Range rest = r.from(i);
    if (rest.size() >= 1) {
      size_t j = 0;
      if (rest.word(j, {"url", "page", "address"}) && rest.size() > 1) ++j;
      const Token& t = rest.at(j);
      if (j + 1 == rest.size() && looks_like_url(t.text)) {
        Step& s = add(Action::Goto);
        s.value = t.text;
        return;
      }
    }
    if (rest.empty()) return fail("go where?", "Go to /cart.html  |  Go to shopping cart  |  Navigate to https://example.com/");
    // Not a URL: a place named on the page ("Go to shopping cart", "Proceed to checkout").
    std::vector<Token> copy(rest.toks->begin() + rest.begin, rest.toks->begin() + rest.end);
    while (!copy.empty() && copy.back().kind == Tok::Word && in(copy.back().lower, {"page", "screen", "view"})) copy.pop_back();
    Range trimmed{&copy, 0, copy.size()};
    (void)open_verb;
    auto ph = parse_target_phrase(trimmed, true);
    if (!ph.error.empty() || !ph.phrase.target)
      return fail(ph.error.empty() ? "go where?" : ph.error, "Go to /cart.html  |  Go to shopping cart");
    Step& s = add(Action::Click);
    apply_phrase(s, ph.phrase);
  }

  void login(Range r, const std::string& verb_text) {
    static const char* kHint =
        "Login with username \"u\" and password \"p\"  |  Log in as \"u\" with password \"p\"  |  "
        "Sign in with email \"e\" and password \"p\"";
    if (r.count_quotes() == 0) {
      // "Log in" alone, or "Log in to the application": the button.
      if (r.empty() || (r.word(0, {"to", "into"}))) {
        Step& s = add(Action::Click);
        s.target = verb_text;
        return;
      }
      return fail("a login needs the user and the password in quotes", kHint);
    }
    if (r.count_quotes() != 2) return fail("a login needs exactly two quoted values: the user and the password", kHint);
    size_t q1 = *r.find_quote(), q2 = *r.find_quote(q1 + 1);
    std::string user_field = "Username";
    for (size_t i = 0; i < q1; ++i) {
      if (r.word(i, {"email", "e-mail"})) user_field = "Email";
      if (r.word(i, {"user", "username", "login"})) user_field = "Username";
    }
    if (r.word(q1 - 1, {"name"}) && q1 >= 2 && r.word(q1 - 2, {"user"})) user_field = "Username";
    Step& u = add(Action::Fill);
    u.target = user_field;
    u.value = r.at(q1).text;
    Step& p = add(Action::Fill);
    p.target = "Password";
    p.value = r.at(q2).text;
    Step& c = add(Action::Click);
    c.target = verb_text;
  }

  void search(Range r) {
    static const char* kHint = "Search for \"Albert Einstein\"  |  Search for \"laptop\" in the Products search";
    size_t i = 0;
    if (r.word(i, {"for"})) ++i;
    if (!r.quote(i)) return fail("what to search for? put it in quotes", kHint);
    std::string value = r.at(i).text;
    Range rest = r.from(i + 1);
    Step& f = add(Action::Fill);
    f.value = value;
    f.target = "Search";
    if (!rest.empty()) {
      if (rest.word(0, {"in", "on", "within", "using"})) {
        auto ph = parse_target_phrase(rest.from(1), true);
        if (!ph.error.empty() || !ph.phrase.target) return fail(ph.error.empty() ? "search where?" : ph.error, kHint);
        apply_phrase(f, ph.phrase);
      } else if (rest.size() == 1 && rest.at(0).kind == Tok::Word) {
        // "Search for "Acme" Account": the kind of record searched, not a target.
      } else {
        return fail("unexpected words: '" + rest.text() + "'", kHint);
      }
    }
    Step field = f;  // add() may move the steps
    Step& p = add(Action::Press);
    p.value = "Enter";
    p.target = field.target;
    p.target_kind = field.target_kind;
    p.role_hint = field.role_hint;
    p.within = field.within;
  }

  // Add "P" to the cart -> click "Add to cart" for "P"; Remove "P" from the cart -> click "Remove" for "P".
  void add_to(Range r, bool remove, const std::string& verb_text) {
    static const char* kHint = "Add \"Blue Backpack\" to the cart  |  Remove \"Blue Backpack\" from the cart";
    auto prep = r.find_word({remove ? "from" : "to"});
    if (!prep || *prep == 0) {
      if (remove) return click(r);
      return fail("add what to what?", kHint);
    }
    Range item = r.sub(0, *prep);
    std::string product = item.size() == 1 && item.quote(0) ? item.at(0).text : item.words_text();
    size_t j = *prep + 1;
    if (r.word(j, {"the", "my", "your"})) ++j;
    Range dest = r.from(j);
    if (dest.empty() || dest.count_quotes() > 0) return fail("add to what?", kHint);
    Step& s = add(Action::Click);
    s.target = remove ? verb_text : verb_text + " to " + dest.words_text();
    s.context = product;
  }

  void wait(Range r, const Range& whole) {
    static const char* kHint = "Wait for \"Order placed\"  |  Wait for the page to load  |  Wait for manual 2FA verification";
    if (mentions_human_check(*whole.toks, remarks)) return manual(whole);
    size_t i = 0;
    if (r.word(i, {"for", "until", "till"})) ++i;
    if (r.word(i, {"the"})) ++i;
    if (r.word(i, {"text", "message"}) && r.quote(i + 1)) ++i;
    if (r.quote(i)) {
      Step& s = add(Action::Wait);
      s.value = r.at(i).text;
      Range rest = r.from(i + 1);
      // "to appear", "is visible", "appears", "to be visible", "to show"
      for (size_t k = 0; k < rest.size(); ++k)
        if (!rest.word(k, {"to", "appear", "appears", "be", "is", "visible", "shown", "show", "displayed", "on",
                           "the", "page", "screen"}))
          return fail("unexpected words: '" + rest.text() + "'", kHint);
      return;
    }
    // "Wait for [the] [home] page to load", "Wait for page load", "Wait until the page loads".
    bool load = false;
    for (size_t k = i; k < r.size(); ++k)
      if (r.word(k, {"load", "loads", "loaded", "loading", "ready", "settle", "settles", "idle"})) load = true;
    if (load) {
      add(Action::Wait);
      return;
    }
    if (duration_ms(*whole.toks, remarks))
      return fail("a fixed pause is not a condition: PACTS waits for something to happen", kHint);
    fail("wait for what?", kHint);
  }

  void manual(const Range& whole) {
    Step& s = add(Action::Manual);
    s.value = whole.text();
    for (const auto& rm : remarks) *s.value += " (" + rm + ")";
    if (auto d = duration_ms(*whole.toks, remarks)) s.timeout_ms = *d;
  }

  void button_verb(Range r, const std::string& verb_text) {
    // "Continue to overview", "Finish the order", "Submit the form": the verb names the button. A scope may
    // follow ("Save the record in the New Account dialog").
    Step& s = add(Action::Click);
    s.target = verb_text;
    if (auto at = r.find_word({"in", "within", "inside"})) {
      auto ph = parse_target_phrase(r.from(*at), true, false);
      if (!ph.error.empty()) return fail(ph.error, kClickHint);
      if (ph.phrase.within) s.within = ph.phrase.within;
    }
  }
};

// ---------------------------------------------------------------------------------------------------------
// Assertions.

struct AssertionParser {
  Range r;
  SentenceResult out;

  static constexpr const char* kHint =
      "\"Thank you for your order!\" is visible  |  the page shows \"Products\"  |  \"Login\" button is hidden  |  "
      "title contains \"Wiki\"  |  URL contains \"/orders\"";

  void fail(std::string msg) { out.error = SentenceError{std::move(msg), kHint}; }

  void add(AssertionType type, std::string value) {
    if (value.empty()) return fail("the expected text is empty");
    Assertion a;
    a.type = type;
    a.value = std::move(value);
    out.assertions.push_back(std::move(a));
  }

  bool is_subject_filler(const std::string& w) {
    return in(w, {"the", "a", "an", "that", "page", "current", "browser", "its", "it", "tab", "window"});
  }

  static bool is_negation(const std::string& w) {
    return in(w, {"not", "no", "never", "doesn't", "isn't", "aren't", "don't", "shouldn't", "mustn't", "won't",
                  "cannot", "can't"});
  }

  // Quoted texts joined by "and" or commas: `"A" and "B"`. Empty when anything else is there.
  static std::vector<std::string> quoted_list(const Range& v) {
    std::vector<std::string> out;
    for (size_t k = 0; k < v.size(); ++k) {
      if (v.quote(k)) out.push_back(v.at(k).text);
      else if (!(v.punct(k, ",") || v.word(k, {"and"}))) return {};
    }
    return out;
  }

  // Words that may close a visibility predicate without changing it.
  static bool is_closing_filler(const std::string& w) {
    return in(w, {"on", "the", "page", "screen", "again", "now", "anymore", "any", "more", "longer"});
  }

  void parse() {
    size_t i = 0;
    while (r.word(i, {"that", "the", "whether", "if"})) ++i;
    Range s = r.from(i);
    if (s.empty()) return fail("nothing to check");

    // The page's title or URL.
    for (size_t k = 0; k < s.size() && k < 4; ++k) {
      bool title = s.word(k, {"title"});
      bool url = s.word(k, {"url", "address", "location"});
      if (!title && !url) continue;
      bool filler = true;
      for (size_t m = 0; m < k; ++m)
        if (!(s.at(m).kind == Tok::Word && is_subject_filler(s.at(m).lower))) filler = false;
      if (!filler) break;
      size_t v = k + 1;
      bool negated = false;
      while (s.word(v, {"should", "must", "will", "does", "do"}) || (v < s.size() && s.at(v).kind == Tok::Word && is_negation(s.at(v).lower))) {
        negated |= is_negation(s.at(v).lower);
        ++v;
      }
      if (s.word(v, {"contains", "contain", "includes", "include", "is", "equals", "has", "shows", "matches", "reads"}))
        ++v;
      else if (s.word(v, {"ends", "starts", "end", "start"}) && s.word(v + 1, {"with"}))
        v += 2;
      else if (s.word(v, {"be", "equal", "have"}))
        ++v;
      else
        break;
      if (s.word(v, {"not"})) {
        negated = true;
        ++v;
      }
      if (s.word(v, {"to", "with"})) ++v;
      if (negated)
        return fail(fmt::format("PACTS cannot check that the {} does not contain a text; check what it should show instead",
                                title ? "title" : "URL"));
      Range val = s.from(v);
      if (val.empty()) return fail("contains what?");
      AssertionType type = title ? AssertionType::TitleContains : AssertionType::UrlContains;
      auto quotes = quoted_list(val);
      if (!quotes.empty()) {
        for (auto& q : quotes) add(type, q);
        return;
      }
      if (val.count_quotes() > 0) return fail("unexpected words around the quoted text: '" + val.text() + "'");
      if (val.size() == 1) return add(type, val.at(0).text);
      return add(type, val.words_text());
    }

    // "user is redirected to /orders.html", "lands on /done"
    for (size_t k = 0; k + 1 < s.size(); ++k) {
      bool moved = s.word(k, {"redirected", "taken", "navigated", "sent", "brought", "forwarded"}) &&
                   s.word(k + 1, {"to"});
      bool lands = s.word(k, {"lands", "land", "arrives"}) && s.word(k + 1, {"on", "at"});
      if (!moved && !lands) continue;
      for (size_t m = 0; m < k; ++m)
        if (s.at(m).kind == Tok::Word && is_negation(s.at(m).lower))
          return fail("PACTS cannot check where a user is not taken; check the page they should reach instead");
      Range val = s.from(k + 2);
      if (val.word(0, {"the"})) val = val.from(1);
      if (val.size() == 1 && looks_like_url(val.at(0).text)) return add(AssertionType::UrlContains, val.at(0).text);
      if (val.size() == 1 && val.quote(0)) return add(AssertionType::TextVisible, val.at(0).text);
      return fail("redirected where? give a path (/orders.html) or a quoted text on the page");
    }

    // "X is visible", "X should not be visible", "X is hidden", "X appears", "X does not appear", "X disappears".
    static const std::initializer_list<const char*> kAux = {"is", "are", "should", "must", "will", "be", "gets",
                                                            "becomes", "still", "does", "do", "remains", "stays"};
    static const std::initializer_list<const char*> kShown = {"visible", "displayed", "shown", "present", "rendered",
                                                              "available", "there", "appear", "appears", "show",
                                                              "shows", "display", "displays", "exist", "exists"};
    static const std::initializer_list<const char*> kGone = {"hidden", "gone", "absent", "invisible", "removed",
                                                             "closed", "dismissed", "disappears", "disappear",
                                                             "vanishes", "vanish"};
    for (size_t k = 1; k < s.size(); ++k) {
      if (!(s.word(k, kAux) || s.word(k, kShown) || s.word(k, kGone) ||
            (s.at(k).kind == Tok::Word && is_negation(s.at(k).lower))))
        continue;
      // The subject ends here; the rest must be exactly a visibility predicate.
      size_t m = k;
      bool negated = false;
      while (m < s.size() && (s.word(m, kAux) || (s.at(m).kind == Tok::Word && is_negation(s.at(m).lower)) ||
                              s.word(m, {"longer"}))) {
        if (s.at(m).kind == Tok::Word && is_negation(s.at(m).lower)) negated = !negated;
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
        continue;  // "X has Y" and the like: see the next form
      }
      // "shows", "displays", "appears" may also take an object ("the page shows "X""): that is the next form.
      bool transitive = s.word(m, {"show", "shows", "display", "displays", "exist", "exists", "appear", "appears"});
      ++m;
      bool rest_is_filler = true;
      for (size_t q = m; q < s.size(); ++q)
        if (!(s.at(q).kind == Tok::Word && is_closing_filler(s.at(q).lower))) rest_is_filler = false;
      if (transitive && !rest_is_filler) continue;
      for (; m < s.size(); ++m)
        if (!(s.at(m).kind == Tok::Word && is_closing_filler(s.at(m).lower)))
          return fail(fmt::format("unexpected words after the outcome: '{}' (a scope such as 'in the dialog' is not "
                                  "checked in an expected outcome)",
                                  s.from(m).text()));
      Range subject = s.sub(0, k);
      while (!subject.empty() && subject.at(0).kind == Tok::Word && is_article(subject.at(0).lower)) subject = subject.from(1);
      if (subject.empty()) return fail("what is visible?");
      // A UI word after the subject makes it an element of that kind: `"Login" button is visible`.
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
        if (gone) add(AssertionType::ElementHidden, q);
        else add(element ? AssertionType::ElementVisible : AssertionType::TextVisible, q);
        if (!out.assertions.empty()) out.assertions.back().role_hint = role;
      }
      return;
    }

    // "<subject> shows|contains|displays "X"", "the page does not show "Error"".
    for (size_t k = 0; k < s.size(); ++k) {
      if (!s.word(k, {"shows", "show", "contains", "contain", "displays", "display", "includes", "include", "lists",
                      "list", "reads", "says", "has", "have", "mentions", "see", "sees"}))
        continue;
      bool negated = false;
      for (size_t m = 0; m < k; ++m)
        if (s.at(m).kind == Tok::Word && is_negation(s.at(m).lower)) negated = !negated;
      Range val = s.from(k + 1);
      if (val.word(0, {"no"})) {
        negated = !negated;
        val = val.from(1);
      }
      while (val.word(0, {"the", "a", "an", "text", "message", "heading", "title", "that", "with", "at"}) && val.size() > 1)
        val = val.from(1);
      if (val.empty()) return fail("shows what?");
      auto quotes = quoted_list(val);
      if (quotes.empty()) {
        if (val.count_quotes() > 0) return fail("unexpected words around the quoted text: '" + val.text() + "'");
        quotes.push_back(val.words_text());
      }
      for (const auto& q : quotes) add(negated ? AssertionType::ElementHidden : AssertionType::TextVisible, q);
      return;
    }

    // Only quoted texts: `"Thank you for your order!"`, `"A" and "B"`.
    auto quotes = quoted_list(s);
    if (!quotes.empty()) {
      for (const auto& q : quotes) add(AssertionType::TextVisible, q);
      return;
    }
    fail("PACTS cannot check this outcome as written");
  }
};

// ---------------------------------------------------------------------------------------------------------
// Verbs.

struct VerbInfo {
  std::string verb;       // canonical lower-case verb ("log in", "fill")
  std::string as_written; // for button-like verbs: the words as the tester wrote them
  size_t words = 1;       // tokens the verb takes
};

const std::vector<std::string>& known_verbs() {
  static const std::vector<std::string> v = {
      "fill", "type", "enter", "input", "write", "put", "provide", "set", "click", "tap", "press", "hit",
      "select", "choose", "pick", "check", "tick", "uncheck", "untick", "hover", "go", "navigate", "visit",
      "open", "browse", "proceed", "return", "login", "log", "sign", "search", "add", "remove", "wait", "pause",
      "verify", "assert", "ensure", "confirm", "validate", "expect", "continue", "finish", "submit", "save",
      "cancel", "checkout", "next", "close", "apply", "accept", "logout", "complete", "solve", "approve"};
  return v;
}

std::string de_conjugate(const std::string& w) {
  static const std::array<std::pair<const char*, const char*>, 30> kMap = {{
      {"clicks", "click"}, {"fills", "fill"},       {"enters", "enter"},     {"types", "type"},
      {"selects", "select"}, {"chooses", "choose"}, {"presses", "press"},    {"hits", "hit"},
      {"navigates", "navigate"}, {"goes", "go"},    {"waits", "wait"},       {"hovers", "hover"},
      {"checks", "check"}, {"unchecks", "uncheck"}, {"verifies", "verify"},  {"opens", "open"},
      {"visits", "visit"}, {"logs", "log"},         {"signs", "sign"},       {"searches", "search"},
      {"adds", "add"},     {"removes", "remove"},   {"taps", "tap"},         {"submits", "submit"},
      {"saves", "save"},   {"sets", "set"},         {"inputs", "input"},     {"proceeds", "proceed"},
      {"continues", "continue"}, {"confirms", "confirm"},
  }};
  for (const auto& [from, to] : kMap)
    if (w == from) return to;
  return w;
}

std::string verb_hint(const std::string& verb) {
  static const std::array<std::pair<const char*, const char*>, 12> kHints = {{
      {"fill", "Fill \"value\" in <field>  |  Fill \"<field>\" with \"value\""},
      {"type", "Type \"value\" in <field>"},
      {"enter", "Enter \"value\" in <field>  |  Enter <field> \"value\""},
      {"click", Parser::kClickHint},
      {"press", "Press Enter  |  Press Enter on the Search field"},
      {"select", "Select \"Prospecting\" from the Stage dropdown"},
      {"check", "Check \"Remember me\"  |  Check that \"Saved\" is visible"},
      {"go", "Go to /cart.html  |  Go to shopping cart"},
      {"wait", "Wait for \"Order placed\"  |  Wait for the page to load"},
      {"verify", AssertionParser::kHint},
      {"login", "Login with username \"u\" and password \"p\""},
      {"hover", "Hover over \"Menu\""},
  }};
  for (const auto& [v, h] : kHints)
    if (verb == v) return h;
  return "Fill \"value\" in <field>  |  Click \"Save\"  |  Press Enter  |  Select \"X\" from <dropdown>  |  "
         "Verify \"text\" is visible  (see docs/sentences.md)";
}

SentenceResult unknown_verb(const std::string& verb) {
  SentenceResult res;
  std::string best;
  size_t best_d = 3;
  for (const auto& v : known_verbs()) {
    size_t d = levenshtein(verb, v);
    if (d < best_d) {
      best_d = d;
      best = v;
    }
  }
  std::string msg = fmt::format("unknown verb '{}'", verb);
  if (!best.empty()) msg += fmt::format("; did you mean '{}'?", best);
  res.error = SentenceError{msg, verb_hint(best)};
  return res;
}

// Drops connectives and Gherkin-style openings: "Then", "And", "Next,", "When the user clicks ...".
size_t skip_openers(const std::vector<Token>& toks) {
  size_t i = 0;
  while (i < toks.size() && toks[i].kind == Tok::Word &&
         in(toks[i].lower, {"then", "and", "next", "finally", "now", "also", "given", "when", "but", "afterwards"})) {
    ++i;
    if (i < toks.size() && toks[i].kind == Tok::Punct && toks[i].text == ",") ++i;
  }
  if (i + 1 < toks.size() && toks[i].kind == Tok::Word && ordinal_of(toks[i].lower) && toks[i + 1].text == ",")
    i += 2;  // "First, click ..."
  if (i < toks.size() && toks[i].kind == Tok::Word && in(toks[i].lower, {"i", "we", "user"})) ++i;
  else if (i + 1 < toks.size() && toks[i].lower == "the" && toks[i + 1].lower == "user") i += 2;
  return i;
}

}  // namespace

SentenceResult parse_expected_sentence(std::string_view text) {
  auto tk = tokenize(text);
  SentenceResult res;
  if (!tk.error.empty()) {
    res.error = SentenceError{tk.error, AssertionParser::kHint};
    return res;
  }
  size_t i = skip_openers(tk.tokens);
  Range r{&tk.tokens, i, tk.tokens.size()};
  // An Expected line may still start with a verify verb.
  if (r.word(0, {"verify", "assert", "ensure", "validate", "expect", "confirm", "check"})) r = r.from(1);
  if (r.word(0, {"make"}) && r.word(1, {"sure"})) r = r.from(2);
  AssertionParser ap{r, {}};
  ap.parse();
  return ap.out;
}

SentenceResult parse_step_sentence(std::string_view text, const SentenceContext& ctx) {
  SentenceResult res;
  std::string s = trim(text);
  // "PAUSE: ...", "WAIT: ...", "MANUAL: ..." labels
  bool labelled_pause = false;
  for (const char* label : {"pause:", "manual:", "hitl:"}) {
    if (starts_with_ci(s, label)) {
      labelled_pause = true;
      s = trim(s.substr(std::string_view(label).size()));
    }
  }
  auto tk = tokenize(s);
  if (!tk.error.empty()) {
    res.error = SentenceError{tk.error, "\"quoted text\" must be closed with a second quote"};
    return res;
  }
  if (tk.tokens.empty()) {
    res.error = SentenceError{"empty step", verb_hint("")};
    return res;
  }
  size_t start = skip_openers(tk.tokens);
  Range whole{&tk.tokens, start, tk.tokens.size()};
  Parser p{whole, tk.remarks, ctx, {}};
  if (whole.empty() || whole.at(0).kind != Tok::Word) {
    res.error = SentenceError{"a step starts with a verb", verb_hint("")};
    return res;
  }
  std::string verb = de_conjugate(whole.at(0).lower);
  Range rest = whole.from(1);
  const std::string& verb_text = whole.at(0).text;

  if (labelled_pause) {
    p.manual(whole);
    return p.out;
  }

  // Assertions first: "Verify ...", "Check that ...", "Make sure ...".
  bool assertion = in(verb, {"verify", "assert", "ensure", "validate", "expect"}) ||
                   (in(verb, {"check", "confirm", "see"}) && rest.word(0, {"that", "if", "whether"})) ||
                   (verb == "make" && rest.word(0, {"sure"})) || (verb == "should" && rest.word(0, {"see"}));
  if (assertion) {
    Range body = rest;
    if (verb == "make" || verb == "should") body = rest.from(1);
    AssertionParser ap{body, {}};
    ap.parse();
    return ap.out;
  }

  // A human step, decided by meaning: a wait or pause for a person, a step done "manually", or a
  // second-factor chore that carries no value to type.
  if (in(verb, {"pause", "hold"})) {
    p.manual(whole);
    return p.out;
  }
  if (verb != "wait" && says_manual(tk.tokens, tk.remarks)) {
    p.manual(whole);
    return p.out;
  }
  if (in(verb, {"complete", "solve", "approve", "pass", "enter", "type", "provide", "input"}) &&
      whole.count_quotes() == 0 && mentions_human_check(tk.tokens, tk.remarks)) {
    p.manual(whole);
    return p.out;
  }

  if (in(verb, {"fill", "enter", "input", "write", "put", "provide", "populate", "key"})) {
    Range r = rest;
    if (verb == "key" && r.word(0, {"in"})) r = r.from(1);
    p.fill(r, Action::Fill, verb_text);
  } else if (verb == "type") {
    Range r = rest;
    if (r.word(0, {"in"}) && r.quote(1)) r = r.from(1);
    p.fill(r, Action::Type, verb_text);
  } else if (verb == "set") {
    p.set(rest);
  } else if (in(verb, {"click", "tap", "double-click", "doubleclick"})) {
    p.click(rest);
  } else if (verb == "double" && rest.word(0, {"click", "tap"})) {
    p.click(rest.from(1));
  } else if (in(verb, {"press", "hit", "push"})) {
    p.press(rest);
  } else if (in(verb, {"select", "choose", "pick"})) {
    p.select(rest);
  } else if (in(verb, {"check", "tick", "mark"})) {
    p.check(rest, Action::Check);
  } else if (in(verb, {"uncheck", "untick", "deselect", "unmark", "clear"}) ) {
    p.check(rest, Action::Uncheck);
  } else if (verb == "hover" || (verb == "mouse" && rest.word(0, {"over"}))) {
    Range r = verb == "mouse" ? rest.from(1) : rest;
    if (r.word(0, {"over", "on", "onto"})) r = r.from(1);
    p.click(r, Action::Hover);
  } else if (verb == "move" && rest.word(0, {"the"}) && rest.word(1, {"mouse"})) {
    Range r = rest.from(2);
    if (r.word(0, {"over", "to", "onto"})) r = r.from(1);
    p.click(r, Action::Hover);
  } else if (in(verb, {"go", "navigate", "visit", "browse", "proceed", "return", "head", "load"})) {
    p.go(rest, false);
  } else if (verb == "open") {
    if (rest.size() == 1 && looks_like_url(rest.at(0).text)) p.go(rest, true);
    else p.click(rest);
  } else if (verb == "login" || verb == "signin" || ((verb == "log" || verb == "sign") && rest.word(0, {"in", "into"}))) {
    std::string written = verb_text;
    Range r = rest;
    if (verb == "log" || verb == "sign") {
      written += " " + rest.at(0).text;
      if (rest.word(0, {"into"})) written = verb_text + " in";
      r = rest.from(1);
    }
    if (r.word(0, {"to", "into"})) {
      // "Login to the application with ...": skip the destination.
      auto with = r.find_word({"with", "as", "using"});
      r = with ? r.from(*with) : r.from(r.size());
    }
    if (r.word(0, {"with", "as", "using"})) r = r.from(1);
    if (r.word(0, {"credentials"})) r = r.from(1);
    p.login(r, written);
  } else if ((verb == "log" || verb == "sign") && rest.word(0, {"out", "off"})) {
    Step& s = p.add(Action::Click);
    s.target = verb_text + " " + rest.at(0).text;
  } else if (verb == "search") {
    p.search(rest);
  } else if (verb == "add") {
    p.add_to(rest, false, verb_text);
  } else if (verb == "remove") {
    p.add_to(rest, true, verb_text);
  } else if (verb == "wait") {
    p.wait(rest, whole);
  } else if (in(verb, {"continue", "finish", "submit", "save", "cancel", "checkout", "next", "close", "apply",
                       "accept", "logout", "confirm", "complete", "done", "reset", "create", "delete", "edit",
                       "update", "send", "book", "buy", "register", "subscribe"})) {
    p.button_verb(rest, verb_text);
  } else {
    return unknown_verb(verb);
  }
  return p.out;
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
  s.target = split_camel_case(key);
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
