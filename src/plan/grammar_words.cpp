// The grammar's vocabulary: UI words, kind nouns, ordinals, purpose verbs, human-check words, durations, keys.
#include <array>
#include <cctype>
#include <set>

#include "core/text.h"
#include "plan/grammar.h"

namespace pacts::grammar {

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
// Range

std::optional<size_t> Range::find_word(std::initializer_list<const char*> set, size_t start) const {
  for (size_t i = start; i < size(); ++i)
    if (word(i, set)) return i;
  return std::nullopt;
}

std::optional<size_t> Range::find_quote(size_t start) const {
  for (size_t i = start; i < size(); ++i)
    if (quote(i)) return i;
  return std::nullopt;
}

size_t Range::count_quotes() const {
  size_t n = 0;
  for (size_t i = 0; i < size(); ++i) n += quote(i);
  return n;
}

std::string Range::text() const {
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

std::string Range::words_text() const {
  std::vector<std::string> parts;
  for (size_t i = 0; i < size(); ++i) {
    const auto& t = at(i);
    if (parts.empty() && t.kind == Tok::Word && is_article(t.lower)) continue;
    parts.push_back(t.text);
  }
  return join(parts, " ");
}

}  // namespace pacts::grammar
