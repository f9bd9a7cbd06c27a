// The web-step vocabularies' readings: what each recipe builds from what a pattern's slots took
// (grammar_vocab_match.cpp matches a sentence against the table of grammar_vocab_table.cpp).
#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include <fmt/format.h>

#include "core/text.h"
#include "core/url.h"
#include "plan/grammar.h"

namespace pacts::grammar {

namespace {

// A location as the vocabularies write one: a URL or path ("/login", "node/add/page", "index.html", "?q=1"), a
// lower-case slug that Mink reads as a path ("user"), or a variable bound later. Not a name ("Account Settings").
bool looks_like_location(const std::string& v) {
  if (looks_like_url(v) || v.find("${") != std::string::npos || v.find("{{") != std::string::npos ||
      starts_with_ci(v, "@env:"))
    return true;
  if (v.find_first_of(" \t") != std::string::npos) return false;
  if (v.find_first_of("/.?#") != std::string::npos) return true;
  return std::all_of(v.begin(), v.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

// "Account Settings" -> "account-settings", for a hint.
std::string address_of(const std::string& name) {
  std::string out;
  for (char c : to_lower(name)) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return out;
}

const char* kMacroHint = "or define it as a macro (Step: ... in a .steps file next to the feature)";

// Moodle's selector types: "Save" "button", "Log in" "link", in the "page-footer" "region".
std::optional<std::string> moodle_kind_role(const std::string& kind) {
  static const std::map<std::string, std::string> kKinds = {
      {"button", "button"}, {"link", "link"},      {"checkbox", "checkbox"}, {"radio", "radio"},
      {"field", "textbox"}, {"select", "combobox"}, {"text", ""},            {"icon", ""},
      {"option", "option"}, {"heading", "heading"}, {"css_element", "css"},  {"xpath_element", "xpath"}};
  auto it = kKinds.find(to_lower(kind));
  if (it == kKinds.end()) return std::nullopt;
  return it->second;
}

bool moodle_container(const std::string& kind) {
  return in(to_lower(kind), {"region", "dialogue", "block", "table_row", "list_item", "section", "fieldset",
                             "form_row", "table", "activity"});
}

class Reader {
 public:
  Reader(const WebStep& w, Captures caps, const SentenceContext& ctx) : w_(w), caps_(std::move(caps)), ctx_(ctx) {}

  // nullopt: the pattern matched, but this entry does not read the sentence after all (a later one may).
  std::optional<SentenceResult> read() {
    // Moodle names a container's kind after it: in the "page-footer" "region".
    if (has("region") && !moodle_container(cap("region"))) return std::nullopt;
    // A sentence the vocabularies and PACTS's own grammar read differently (I press "Enter": Mink's button, the
    // others' key; I go to "Settings": Mink's address, PACTS's click): in a feature file, both readings are
    // named and neither taken; in a .txt test, PACTS's grammar reads it, as docs/sentences.md says.
    if (auto two = two_readings()) {
      if (!ctx_.strict) return std::nullopt;
      fail(two->message, two->hint);
      return std::move(out_);
    }
    switch (w_.recipe) {
      case Recipe::Act: act(); break;
      case Recipe::Goto: go_to(); break;
      case Recipe::GotoPage:
        if (!named_page_applies()) return std::nullopt;
        go_to_page();
        break;
      case Recipe::Assert:
        if (!assertion()) return std::nullopt;
        break;
      case Recipe::AssertPage:
        if (!named_page_applies()) return std::nullopt;
        assert_page();
        break;
      case Recipe::FillTable: fill_table(); break;
      case Recipe::TextTable: text_table(); break;
      case Recipe::Refuse: fail(w_.refusal, kMacroHint); break;
    }
    return std::move(out_);
  }

 private:
  bool has(const char* slot) const { return caps_.count(slot) > 0; }
  const std::string& cap(const char* slot) const { return caps_.at(slot).text; }

  void fail(std::string message, std::string hint = "") {
    out_.steps.clear();
    out_.assertions.clear();
    if (!out_.error) out_.error = SentenceError{std::move(message), std::move(hint)};
  }

  // The target of a slot: a selector when the sentence says so or the text looks like one, else a name.
  std::optional<Target> target_of(const char* slot, TargetAs as, const std::string& role) {
    Target t;
    const Capture& c = caps_.at(slot);
    std::string kind = has("kind") ? cap("kind") : "";
    auto moodle = kind.empty() ? std::optional<std::string>() : moodle_kind_role(kind);
    if (!kind.empty() && !moodle) {
      fail(fmt::format("unknown kind of element \"{}\"", kind), "\"Save\" \"button\"  |  \"Help\" \"link\"");
      return std::nullopt;
    }
    if (moodle && (*moodle == "css" || *moodle == "xpath")) {
      t.text = (*moodle == "css" ? "css:" : "xpath:") + c.text;
    } else if (c.quoted && as != TargetAs::Name) {
      if (auto sel = selector_override(c.text, as == TargetAs::Selector)) {
        t.text = *sel;
      } else if (as == TargetAs::Selector) {
        fail(fmt::format("\"{}\" is not a CSS selector or an XPath; say what the elements are named and what they "
                         "are instead",
                         c.text),
             "I should see 3 \"Add to cart\" buttons  |  I should see 3 \"section.post\" elements");
        return std::nullopt;
      } else {
        t.text = c.text;
      }
    } else {
      t.text = c.text;
    }
    if (t.text.empty()) {
      fail("the target is empty");
      return std::nullopt;
    }
    t.role_hint = moodle && *moodle != "css" && *moodle != "xpath" ? *moodle : has("role") ? cap("role") : role;
    classify_override(t);
    if (t.is_override()) t.role_hint.clear();
    if (has("in") || has("el")) {
      t.within = scope_of();
      if (out_.error) return std::nullopt;
    }
    if (has("ord")) t.ordinal = std::stoi(cap("ord"));
    return t;
  }

  // {in}: a scope by name, or by a selector when it looks like one; {el}: "the "h1" element", a selector.
  std::string scope_of() {
    if (has("el")) {
      if (auto sel = selector_override(cap("el"), true)) return *sel;
      fail(fmt::format("\"{}\" is not a CSS selector or an XPath", cap("el")), "I should see \"X\" in the \"h1\" element");
      return {};
    }
    const Capture& c = caps_.at("in");
    if (c.quoted)
      if (auto sel = selector_override(c.text, false)) return *sel;
    std::string s = c.text;
    if (starts_with_ci(s, "the ")) s = s.substr(4);
    if (has("sk")) s += " " + cap("sk");  // in the "Ada" row: the row named Ada
    return s;
  }

  std::optional<std::string> value_of(const char* slot) {
    if (has(slot)) return cap(slot);
    if (ctx_.argument && ctx_.argument->doc_string) {
      out_.used_argument = true;
      return *ctx_.argument->doc_string;
    }
    return std::nullopt;
  }

  std::optional<int> time_limit() const {
    if (has("ms")) return std::stoi(cap("ms"));
    if (has("secs")) return std::stoi(cap("secs")) * 1000;
    return std::nullopt;
  }

  // "I press "Enter"": Mink presses a button, other vocabularies a key. Both readings are named, neither taken.
  std::optional<SentenceError> two_readings() const {
    if (w_.recipe == Recipe::Goto && !cap("url").empty() && !looks_like_location(cap("url"))) {
      const std::string& url = cap("url");
      return SentenceError{
          fmt::format("\"{}\" could be the address of a page or the name of something to click on it; PACTS takes "
                      "neither",
                      url),
          fmt::format("I go to \"/{}\" (an address)  |  I follow \"{}\" (a link)  |  I go to the {} page (a named page, "
                      "[pages] in config.toml)",
                      address_of(url), url, to_lower(url))};
    }
    if (std::string_view(w_.pattern).rfind("press {t}", 0) != 0 || !caps_.at("t").quoted) return std::nullopt;
    const std::string& t = cap("t");
    if (!key_name(to_lower(t)) && !(t.size() == 1 && std::isgraph(static_cast<unsigned char>(t[0])))) return std::nullopt;
    return SentenceError{fmt::format("\"{}\" could be a key or the name of a button; PACTS takes neither", t),
                         fmt::format("I press the \"{}\" button  |  I press the {} key", t, t)};
  }

  void act() {
    Step s;
    s.action = w_.action;
    if (has("t")) {
      auto t = target_of("t", w_.target_as, w_.role);
      if (!t) return;
      s.target = *t;
    } else if (has("in") || has("el")) {
      s.target.within = scope_of();
    }
    if (has("to")) {
      auto d = target_of("to", w_.target_as, "");
      if (!d) return;
      d->within.reset();
      s.destination = *d;
    }
    if (auto v = value_of("v")) s.value = *v;
    else if (w_.action == Action::Fill) s.value = std::string();  // "clear the field": fill with nothing
    if (w_.action == Action::Press) {
      // A key's name ("Enter", "ArrowUp", "Control+A"), or one character typed as a key ("a").
      std::string written = s.value ? s.value->clear() : "";
      auto key = key_name(to_lower(written));
      if (!key && written.size() == 1 && std::isgraph(static_cast<unsigned char>(written[0]))) key = written;
      if (!key) return fail(fmt::format("\"{}\" is not a key", written), "Enter  |  Tab  |  Escape  |  Control+A");
      s.value = *key;
    }
    s.timeout_ms = time_limit();
    out_.steps.push_back(std::move(s));
  }

  void go_to() {
    Step s;
    s.action = Action::Goto;
    s.value = cap("url");
    const std::string& url = cap("url");
    if (url.empty()) return fail("go where? the location is empty", "I am on \"/login\"");
    out_.steps.push_back(std::move(s));
  }

  // "the login page", "homepage", "site homepage": the words name a page when they end with "page" or
  // "homepage", or when the table has them. Anything else is another form ("go to shopping cart").
  bool named_page_applies() const {
    std::string words = to_lower(cap("page"));
    if (ends_with_ci(words, " page") || words == "page" || ends_with_ci(words, "homepage")) return true;
    return ctx_.pages && ctx_.pages->count(page_key(words));
  }

  std::optional<std::string> page_path() {
    std::string key = page_key(cap("page"));
    if (ctx_.pages)
      if (auto it = ctx_.pages->find(key); it != ctx_.pages->end()) return it->second;
    if (key == "homepage" || key == "home") return std::string("/");
    std::string example = key.find(' ') == std::string::npos ? key : "\"" + key + "\"";
    fail(fmt::format("PACTS does not know the {} page", key),
         fmt::format("name its path in config.toml: [pages] {} = \"/path\"", example));
    return std::nullopt;
  }

  void go_to_page() {
    auto path = page_path();
    if (!path) return;
    Step s;
    s.action = Action::Goto;
    s.value = *path;
    s.page = page_key(cap("page"));
    out_.steps.push_back(std::move(s));
  }

  void assert_page() {
    auto path = page_path();
    if (!path) return;
    Assertion a;
    a.type = AssertionType::PathIs;
    a.value = *path;
    a.page = page_key(cap("page"));
    out_.assertions.push_back(std::move(a));
  }

  // A regular expression as the vocabularies write it: quoted, between slashes, or bare.
  std::optional<std::string> regex_of(const std::string& raw) {
    std::string re = trim(raw);
    if (re.size() >= 2 && ((re.front() == '"' && re.back() == '"') || (re.front() == '/' && re.back() == '/')))
      re = re.substr(1, re.size() - 2);
    if (re.empty()) {
      fail("the regular expression is empty");
      return std::nullopt;
    }
    try {
      std::regex check(re, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      fail(fmt::format("/{}/ is not a valid regular expression ({})", re, e.what()));
      return std::nullopt;
    }
    return re;
  }

  bool assertion() {
    Assertion a;
    a.type = w_.check;
    if (has("slashed")) {
      // Capybara writes a regular expression between slashes: "I should see /Post-\d+/"; other text is not one.
      std::string raw = trim(cap("slashed"));
      if (raw.size() < 3 || raw.front() != '/' || raw.back() != '/') return false;
      caps_["re"] = {raw, false};
    }
    if (has("re")) {
      auto re = regex_of(cap("re"));
      if (!re) return true;
      a.value = *re;
    }
    if (has("v")) a.value = cap("v");
    if (has("t")) {
      auto t = target_of("t", w_.target_as, w_.role);
      if (!t) return true;
      a.target = *t;
    } else if (has("in") || has("el")) {
      a.target.within = scope_of();
    }
    if (out_.error) return true;
    if (has("n")) a.count = std::stoi(cap("n"));
    if (w_.check == AssertionType::Count && !a.count) a.count = 0;
    if (auto limit = time_limit()) a.timeout_ms = limit;
    bool needs_value = !names_element(a.type) || a.type == AssertionType::FieldContains ||
                       a.type == AssertionType::FieldNotContains || a.type == AssertionType::FieldEquals;
    if (needs_value && a.type != AssertionType::FieldEquals && a.value.empty()) {
      fail("the expected text is empty");
      return true;
    }
    out_.assertions.push_back(std::move(a));
    return true;
  }

  const std::vector<std::vector<std::string>>* table(const char* what) {
    if (!ctx_.argument || ctx_.argument->table.empty()) {
      fail(fmt::format("this step needs a table of {} below it", what),
           fmt::format("| {} |", what));
      return nullptr;
    }
    out_.used_argument = true;
    return &ctx_.argument->table;
  }

  void fill_table() {
    auto* rows = table("field | value");
    if (!rows) return;
    for (const auto& row : *rows) {
      if (row.size() != 2) return fail("each row needs two cells: the field and its value", "| Email | a@b.c |");
      caps_["t"] = {row[0], true};
      caps_["v"] = {row[1], true};
      auto t = target_of("t", TargetAs::Either, "");
      if (!t) return;
      Step s;
      s.action = Action::Fill;
      s.target = *t;
      s.value = row[1];
      out_.steps.push_back(std::move(s));
    }
  }

  // The first row is the table's header ("| error messages |"); every other row is one text.
  void text_table() {
    auto* rows = table("messages");
    if (!rows) return;
    if (rows->size() < 2) return fail("the table has a header row and no messages under it");
    for (size_t i = 1; i < rows->size(); ++i) {
      const auto& row = (*rows)[i];
      if (row.size() != 1 || row[0].empty()) return fail("each row holds one message");
      Assertion a;
      a.type = w_.check;
      a.value = row[0];
      out_.assertions.push_back(std::move(a));
    }
  }

  const WebStep& w_;
  Captures caps_;
  const SentenceContext& ctx_;
  SentenceResult out_;
};

}  // namespace

std::optional<SentenceResult> read_web_step(const Tokenized& tk, size_t start, std::string_view sentence,
                                            const SentenceContext& ctx) {
  Range r{&tk.tokens, start, tk.tokens.size()};
  for (auto& m : match_web_steps(r, sentence))
    if (auto res = Reader(*m.step, std::move(m.captures), ctx).read()) return res;
  return std::nullopt;
}

}  // namespace pacts::grammar
