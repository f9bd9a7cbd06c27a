// The web-step vocabularies' matcher: a sentence against the table of patterns (grammar_vocab_table.cpp), and
// the reading each recipe builds from what the pattern's slots took.
#include <cctype>
#include <map>
#include <regex>

#include <fmt/format.h>

#include "core/text.h"
#include "core/url.h"
#include "plan/grammar.h"

namespace pacts::grammar {

namespace {

// ---------------------------------------------------------------------------------------------------------
// Patterns

enum class SlotKind { Quote, Words, Rest, Num, Dur, Ordinal, Ui };

struct Elem {
  enum Kind { Word, Punct, Slot } kind = Word;
  std::vector<std::vector<std::string>> alts;  // Word: alternatives, each a run of words ("go_to|visit")
  std::string punct;
  bool optional = false;
  std::string slot;
  SlotKind slot_kind = SlotKind::Quote;
};

std::vector<Elem> compile(const std::string& pattern) {
  std::vector<Elem> out;
  for (const auto& part : split_words(pattern)) {
    Elem e;
    std::string p = part;
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      e.kind = Elem::Slot;
      std::string inner = p.substr(1, p.size() - 2);
      auto colon = inner.find(':');
      e.slot = inner.substr(0, colon);
      std::string kind = colon == std::string::npos ? "" : inner.substr(colon + 1);
      e.slot_kind = kind == "words"     ? SlotKind::Words
                    : kind == "rest"    ? SlotKind::Rest
                    : kind == "num"     ? SlotKind::Num
                    : kind == "dur"     ? SlotKind::Dur
                    : kind == "ordinal" ? SlotKind::Ordinal
                    : kind == "ui"      ? SlotKind::Ui
                                        : SlotKind::Quote;
    } else if (p == ":" || p == ",") {
      e.kind = Elem::Punct;
      e.punct = p;
    } else {
      if (p.size() > 2 && p.front() == '[' && p.back() == ']') {
        e.optional = true;
        p = p.substr(1, p.size() - 2);
      }
      for (const auto& alt : split(p, '|')) e.alts.push_back(split(alt, '_'));
    }
    out.push_back(std::move(e));
  }
  return out;
}

// "press {t} [in the {in} region]" -> "press {t} in the {in} region" and "press {t}": an optional group of
// several words is two patterns (a group of one word stays an optional word).
std::vector<std::string> expand_groups(const std::string& pattern) {
  for (size_t open = pattern.find('['); open != std::string::npos; open = pattern.find('[', open + 1)) {
    size_t close = pattern.find(']', open);
    if (close == std::string::npos) break;
    std::string inner = pattern.substr(open + 1, close - open - 1);
    if (inner.find(' ') == std::string::npos) continue;
    std::vector<std::string> out;
    for (const auto& with : expand_groups(pattern.substr(0, open) + inner + pattern.substr(close + 1))) out.push_back(with);
    for (const auto& without : expand_groups(pattern.substr(0, open) + pattern.substr(close + 1))) out.push_back(without);
    return out;
  }
  return {pattern};
}

struct Compiled {
  size_t entry;  // index in web_steps()
  std::vector<Elem> elems;
};

const std::vector<Compiled>& compiled() {
  static const std::vector<Compiled> all = [] {
    std::vector<Compiled> v;
    const auto& table = web_steps();
    for (size_t i = 0; i < table.size(); ++i)
      for (const auto& p : expand_groups(table[i].pattern)) v.push_back({i, compile(p)});
    return v;
  }();
  return all;
}

struct Capture {
  std::string text;
  bool quoted = false;
};
using Captures = std::map<std::string, Capture>;

std::optional<int> number_of(const std::string& w) {
  static const char* kWords[] = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
  for (int i = 0; i <= 10; ++i)
    if (w == kWords[i]) return i;
  if (w == "zero") return 0;
  if (!w.empty() && w.size() <= 6 && is_all_digits(w)) return std::stoi(w);
  return std::nullopt;
}

// "5000ms", "5s" (one token); "5 seconds", "300 ms" (two). Milliseconds and how many tokens, or nullopt.
std::optional<std::pair<int, size_t>> duration_at(const Range& r, size_t i) {
  if (i >= r.size() || r.at(i).kind != Tok::Word) return std::nullopt;
  const std::string& w = r.at(i).lower;
  size_t digits = 0;
  while (digits < w.size() && std::isdigit(static_cast<unsigned char>(w[digits]))) ++digits;
  if (digits == 0 || digits > 7) return std::nullopt;
  int n = std::stoi(w.substr(0, digits));
  auto scale = [](const std::string& unit) -> int {
    if (in(unit, {"ms", "millisecond", "milliseconds"})) return 1;
    if (in(unit, {"s", "sec", "secs", "second", "seconds"})) return 1000;
    if (in(unit, {"min", "mins", "minute", "minutes"})) return 60000;
    return 0;
  };
  if (digits < w.size()) {
    int k = scale(w.substr(digits));
    return k ? std::optional(std::pair{n * k, size_t{1}}) : std::nullopt;
  }
  if (i + 1 < r.size() && r.at(i + 1).kind == Tok::Word)
    if (int k = scale(r.at(i + 1).lower)) return std::pair{n * k, size_t{2}};
  return std::nullopt;
}

bool match(const std::vector<Elem>& p, size_t pi, const Range& r, size_t ti, std::string_view sentence,
           Captures& caps) {
  if (pi == p.size()) return ti == r.size();
  const Elem& e = p[pi];
  auto next = [&](size_t t) { return match(p, pi + 1, r, t, sentence, caps); };
  switch (e.kind) {
    case Elem::Word: {
      for (const auto& alt : e.alts) {
        size_t k = 0;
        while (k < alt.size() && ti + k < r.size() && r.at(ti + k).kind == Tok::Word && r.at(ti + k).lower == alt[k]) ++k;
        if (k == alt.size() && next(ti + k)) return true;
      }
      return e.optional && next(ti);
    }
    case Elem::Punct:
      return r.punct(ti, e.punct.c_str()) && next(ti + 1);
    case Elem::Slot:
      break;
  }
  switch (e.slot_kind) {
    case SlotKind::Quote:
      if (!r.quote(ti)) return false;
      caps[e.slot] = {r.at(ti).text, true};
      return next(ti + 1);
    case SlotKind::Words:
      for (size_t end = ti + 1; end <= r.size() && r.at(end - 1).kind == Tok::Word; ++end) {
        caps[e.slot] = {r.sub(ti, end).text(), false};
        if (next(end)) return true;
      }
      return false;
    case SlotKind::Rest: {
      if (ti >= r.size()) return false;
      caps[e.slot] = {trim(sentence.substr(r.at(ti).at)), false};
      return pi + 1 == p.size();
    }
    case SlotKind::Num: {
      if (ti >= r.size() || r.at(ti).kind != Tok::Word) return false;
      auto n = number_of(r.at(ti).lower);
      if (!n) return false;
      caps[e.slot] = {std::to_string(*n), false};
      return next(ti + 1);
    }
    case SlotKind::Dur: {
      auto d = duration_at(r, ti);
      if (!d) return false;
      caps[e.slot] = {std::to_string(d->first), false};
      return next(ti + d->second);
    }
    case SlotKind::Ui: {
      // The kind of element a sentence names after its target: "the "Save" button", "the "Help" link".
      if (ti >= r.size() || !r.word(ti, {"button", "link", "heading", "checkbox", "radio", "tab", "field", "textbox",
                                         "box", "dropdown", "image", "icon", "menu", "menuitem", "option", "switch",
                                         "toggle", "input", "textarea"}))
        return false;
      caps[e.slot] = {ui_word_role(r.at(ti).lower).value_or(""), false};
      return next(ti + 1);
    }
    case SlotKind::Ordinal: {
      if (ti >= r.size() || r.at(ti).kind != Tok::Word) return false;
      auto o = ordinal_of(r.at(ti).lower);
      if (!o) return false;
      caps[e.slot] = {std::to_string(*o), false};
      return next(ti + 1);
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Readings

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
    if (cap("url").empty()) return fail("go where? the location is empty", "I am on \"/login\"");
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

// A pattern as a sentence a tester would write: the first of each choice, no optional words, an example for each
// slot ("should see {n:num} {t} buttons|button" -> "I should see 3 "..." buttons").
std::string as_sentence(const std::string& pattern) {
  std::vector<std::string> words;
  for (const auto& group : {expand_groups(pattern).back()}) {  // the form without its optional words
    for (auto part : split_words(group)) {
      if (part.front() == '[') continue;
      if (part.front() == '{') {
        auto colon = part.find(':');
        std::string kind = colon == std::string::npos ? "" : part.substr(colon + 1, part.size() - colon - 2);
        static const std::map<std::string, std::string> kExamples = {
            {"", "\"...\""},     {"words", "..."},       {"rest", "..."},  {"num", "3"},
            {"dur", "5 seconds"}, {"ordinal", "first"}, {"ui", "button"}};
        words.push_back(kExamples.at(kind));
        continue;
      }
      std::string first = split(part, '|').front();
      for (char& c : first)
        if (c == '_') c = ' ';
      words.push_back(first);
    }
  }
  std::string s = join(words, " ");
  s = std::regex_replace(s, std::regex(" :"), ":");
  bool sentence_subject = !words.empty() && (in(words[0], {"the", "a", "an", "there", "field", "for", "browser"}) ||
                                             words[0].front() == '"');
  return sentence_subject ? s : "I " + s;
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

std::optional<SentenceResult> read_web_step(const Tokenized& tk, size_t start, std::string_view sentence,
                                            const SentenceContext& ctx) {
  Range r{&tk.tokens, start, tk.tokens.size()};
  const auto& table = web_steps();
  for (const auto& c : compiled()) {
    Captures caps;
    if (!match(c.elems, 0, r, 0, sentence, caps)) continue;
    if (auto res = Reader(table[c.entry], std::move(caps), ctx).read()) return res;
  }
  return std::nullopt;
}

std::string nearest_web_steps(const Tokenized& tk, size_t start) {
  // The patterns sharing the most leading words with the sentence (its verb and what follows), as examples.
  std::vector<std::string> words;
  for (size_t i = start; i < tk.tokens.size(); ++i)
    words.push_back(tk.tokens[i].kind == Tok::Quote ? "{}" : tk.tokens[i].lower);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const auto& w : web_steps()) {
    if (w.recipe == Recipe::Refuse) continue;
    auto parts = split_words(w.pattern);
    size_t same = 0;
    for (size_t k = 0; k < parts.size() && k < words.size(); ++k) {
      std::string p = parts[k];
      if (p.size() > 2 && p.front() == '[') p = p.substr(1, p.size() - 2);
      bool slot = p.front() == '{';
      std::vector<std::string> alts;
      for (const auto& a : split(p, '|')) alts.push_back(split(a, '_').front());
      if (slot ? words[k] == "{}" : std::find(alts.begin(), alts.end(), words[k]) != alts.end()) ++same;
      else break;
    }
    if (same > 0) scored.push_back({same, w.pattern});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (const auto& [n, p] : scored) {
    std::string shown = as_sentence(p);
    if (std::find(out.begin(), out.end(), shown) == out.end()) out.push_back(shown);
    if (out.size() == 3) break;
  }
  return join(out, "  |  ");
}

}  // namespace pacts::grammar
