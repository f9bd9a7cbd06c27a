// Step sentences: one handler per form, reading the words after the verb into steps (sentence.cpp dispatches).
#include <fmt/format.h>

#include "core/text.h"
#include "core/url.h"
#include "plan/grammar.h"

namespace pacts::grammar {

Step& Parser::add(Action a) {
  out.steps.emplace_back();
  out.steps.back().action = a;
  return out.steps.back();
}

void Parser::apply_phrase(Step& s, const TargetPhrase& p) {
  s.target = p;
  classify_override(s.target);
}

// "... and press Enter" after a fill or type.
bool Parser::add_trailing_press(const Range& tail, Step field) {  // by value: add() may move the steps
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
  return true;
}

// Fill / Type / Enter / Input / Write / Put / Provide.
void Parser::fill(Range r, Action action, const std::string& verb) {
  if (r.word(0, {"in", "out"}) && !r.quote(1)) {
    // "Fill in the Name field with ..." / "Fill out the form:"
    r = r.from(1);
  } else if (r.word(0, {"in"}) && r.quote(1) && r.find_word({"with"})) {
    r = r.from(1);
  }
  size_t tail_at = and_press_at(r);
  Range tail = r.from(tail_at);
  r = r.sub(0, tail_at);
  if (fill_after_colon(r, tail, action) || fill_target_first(r, tail, action)) return;
  fill_value_first(r, tail, action, verb);
}

// A field list: "Fill customer info: FirstName="John", ..." or "Fill the form:" + bullets; or "Enter Name:
// "John"". False when the sentence has no such colon.
bool Parser::fill_after_colon(const Range& r, const Range& tail, Action action) {
  for (size_t i = 0; i < r.size(); ++i) {
    if (!r.punct(i, ":")) continue;
    Range items = r.from(i + 1);
    if (items.empty()) {
      out.opens_field_list = action;
      return true;
    }
    if (items.count_quotes() >= 1 && items.size() > 1) {
      field_list_inline(items, action);
      return true;
    }
    if (items.size() == 1 && items.quote(0)) {
      auto ph = parse_target_phrase(r.sub(0, i), true, false);
      if (!ph.error.empty()) {
        fail(ph.error, kFillHint);
        return true;
      }
      Step& s = add(action);
      apply_phrase(s, ph.phrase);
      s.value = items.at(0).text;
      if (!add_trailing_press(tail, s)) fail("cannot read what follows 'and press'", "... and press Enter");
      return true;
    }
    return false;
  }
  return false;
}

// Target first: Fill "T" with "V" / Fill T with "V" [in SCOPE]. False when there is no "with "V"".
bool Parser::fill_target_first(const Range& r, const Range& tail, Action action) {
  auto with_at = r.find_word({"with"});
  if (!(with_at && r.quote(*with_at + 1) && *with_at > 0)) return false;
  auto ph = parse_target_phrase(r.sub(0, *with_at), true, false);
  if (!ph.error.empty()) {
    fail(ph.error, kFillHint);
    return true;
  }
  if (ph.phrase.text.empty()) {
    fail("which field? no target before 'with'", kFillHint);
    return true;
  }
  Step& s = add(action);
  apply_phrase(s, ph.phrase);
  s.value = r.at(*with_at + 1).text;
  Range rest = r.from(*with_at + 2);
  if (!rest.empty()) {
    auto scope = parse_target_phrase(rest, true, false);
    if (!scope.error.empty() || !scope.phrase.text.empty()) {
      fail("unexpected words: '" + rest.text() + "'", kFillHint);
      return true;
    }
    if (scope.phrase.within) s.target.within = scope.phrase.within;
  }
  if (!add_trailing_press(tail, s)) fail("cannot read what follows 'and press'", "... and press Enter");
  return true;
}

// Value first: Fill "V" in T; or the target before the value: Enter password "secret".
void Parser::fill_value_first(const Range& r, const Range& tail, Action action, const std::string& verb) {
  auto q = r.find_quote();
  if (!q) return fail(fmt::format("'{}' needs the value in quotes", verb), kFillHint);
  Range before = r.sub(0, *q);
  Range after = r.from(*q + 1);
  TargetPhrase phrase;
  if (!after.empty() && after.word(0, {"in", "into", "on", "to", "for", "as", "inside", "within", "under"})) {
    // "Type "x" within the search box" reads as the field, not a scope.
    auto ph = parse_target_phrase(after.from(1), true);
    if (!ph.error.empty()) return fail(ph.error, kFillHint);
    if (ph.phrase.text.empty()) return fail("which field? nothing after '" + after.at(0).text + "'", kFillHint);
    phrase = ph.phrase;
  } else if (!after.empty()) {
    return fail(fmt::format("unexpected words after the value: '{}'", after.text()), kFillHint);
  } else if (!before.empty()) {
    auto ph = parse_target_phrase(before, true, false);
    if (!ph.error.empty()) return fail(ph.error, kFillHint);
    phrase = ph.phrase;
  } else if (action == Action::Fill) {
    return fail(fmt::format("which field? '{}' has a value but no target", verb), kFillHint);
  }
  Step& s = add(action);
  apply_phrase(s, phrase);
  s.value = r.at(*q).text;
  if (!add_trailing_press(tail, s)) fail("cannot read what follows 'and press'", "... and press Enter");
}

// "FirstName="John", LastName="Doe", ZipCode="12345"" (also "First Name: "John"", separated by , or and).
void Parser::field_list_inline(const Range& items, Action action) {
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
    s.target.text = split_camel_case(join(key_words, " "));
    s.value = inline_value;
  }
  if (out.steps.empty()) fail("the field list is empty", "Fill customer info: First Name=\"John\"");
}

void Parser::set(Range r) {
  // Set T to "V"
  auto to = r.find_word({"to", "as"});
  if (!to || !r.quote(*to + 1)) return fail("cannot read this 'Set' sentence", "Set <field> to \"value\"");
  auto ph = parse_target_phrase(r.sub(0, *to), true, false);
  if (!ph.error.empty() || ph.phrase.text.empty()) return fail(ph.error.empty() ? "which field?" : ph.error, "Set <field> to \"value\"");
  Step& s = add(Action::Fill);
  apply_phrase(s, ph.phrase);
  s.value = r.at(*to + 1).text;
  if (*to + 2 < r.size()) {
    auto scope = parse_target_phrase(r.from(*to + 2), true, false);
    if (!scope.error.empty() || !scope.phrase.text.empty()) return fail("unexpected words: '" + r.from(*to + 2).text() + "'", "Set <field> to \"value\"");
    if (scope.phrase.within) s.target.within = scope.phrase.within;
  }
}

void Parser::click(Range r, Action action) {
  auto ph = parse_target_phrase(r, true);
  if (!ph.error.empty()) return fail(ph.error, action == Action::Click ? kClickHint : "Hover over \"Menu\"");
  if (ph.phrase.text.empty()) return fail("what should be clicked? no target", kClickHint);
  Step& s = add(action);
  apply_phrase(s, ph.phrase);
}

void Parser::press(Range r) {
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
    if (!ph.phrase.text.empty()) {
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
  }
}

void Parser::select(Range r) {
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
    if (s.has_target() && s.target.text.find(' ') == std::string::npos && is_ui_word(to_lower(s.target.text))) {
      if (s.target.role_hint.empty()) s.target.role_hint = *ui_word_role(to_lower(s.target.text));
      s.target.text.clear();
    }
  }
  if (!s.has_target() && ctx.last_step && ctx.last_step->action == Action::Click && ctx.last_step->has_target()) {
    // "Click Stage dropdown" then "Select "Prospecting" from dropdown": the dropdown just opened.
    const Step& c = *ctx.last_step;
    s.target = c.target;
  }
}

void Parser::check(Range r, Action action) {
  auto ph = parse_target_phrase(r, true);
  if (!ph.error.empty() || ph.phrase.text.empty())
    return fail(ph.error.empty() ? "which checkbox?" : ph.error, "Check \"Remember me\"  |  Uncheck the Newsletter checkbox");
  Step& s = add(action);
  apply_phrase(s, ph.phrase);
}

// go to / navigate to / visit / open / proceed to / return to ...
void Parser::go(Range r) {
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
  if (ctx.strict)
    return fail(fmt::format("go where? '{}' is neither a location in quotes nor a named page", rest.text()),
                "I go to \"/cart\"  |  I go to the cart page (with cart = \"/cart\" under [pages] in config.toml)");
  // Not a URL: a place named on the page ("Go to shopping cart", "Proceed to checkout").
  std::vector<Token> copy(rest.toks->begin() + rest.begin, rest.toks->begin() + rest.end);
  while (!copy.empty() && copy.back().kind == Tok::Word && in(copy.back().lower, {"page", "screen", "view"})) copy.pop_back();
  Range trimmed{&copy, 0, copy.size()};
  auto ph = parse_target_phrase(trimmed, true);
  if (!ph.error.empty() || ph.phrase.text.empty())
    return fail(ph.error.empty() ? "go where?" : ph.error, "Go to /cart.html  |  Go to shopping cart");
  Step& s = add(Action::Click);
  apply_phrase(s, ph.phrase);
}

void Parser::login(Range r, const std::string& verb_text) {
  static const char* kHint =
      "Login with username \"u\" and password \"p\"  |  Log in as \"u\" with password \"p\"  |  "
      "Sign in with email \"e\" and password \"p\"";
  if (r.count_quotes() == 0) {
    // "Log in" alone, or "Log in to the application": the button.
    if (r.empty() || (r.word(0, {"to", "into"}))) {
      Step& s = add(Action::Click);
      s.target.text = verb_text;
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
  u.target.text = user_field;
  u.value = r.at(q1).text;
  Step& p = add(Action::Fill);
  p.target.text = "Password";
  p.value = r.at(q2).text;
  Step& c = add(Action::Click);
  c.target.text = verb_text;
}

void Parser::search(Range r) {
  static const char* kHint = "Search for \"Albert Einstein\"  |  Search for \"laptop\" in the Products search";
  size_t i = 0;
  if (r.word(i, {"for"})) ++i;
  if (!r.quote(i)) return fail("what to search for? put it in quotes", kHint);
  std::string value = r.at(i).text;
  Range rest = r.from(i + 1);
  Step& f = add(Action::Fill);
  f.value = value;
  f.target.text = "Search";
  if (!rest.empty()) {
    if (rest.word(0, {"in", "on", "within", "using"})) {
      auto ph = parse_target_phrase(rest.from(1), true);
      if (!ph.error.empty() || ph.phrase.text.empty()) return fail(ph.error.empty() ? "search where?" : ph.error, kHint);
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
  p.target.ordinal.reset();
  p.target.context.reset();
}

// Add "P" to the cart -> click "Add to cart" for "P"; Remove "P" from the cart -> click "Remove" for "P".
void Parser::add_to(Range r, bool remove, const std::string& verb_text) {
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
  s.target.text = remove ? verb_text : verb_text + " to " + dest.words_text();
  s.target.context = product;
}

void Parser::wait(Range r, const Range& whole) {
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

void Parser::manual(const Range& whole) {
  Step& s = add(Action::Manual);
  s.value = whole.text();
  for (const auto& rm : remarks) *s.value += " (" + rm + ")";
  if (auto d = duration_ms(*whole.toks, remarks)) s.timeout_ms = *d;
}

void Parser::button_verb(Range r, const std::string& verb_text) {
  // "Continue to overview", "Finish the order", "Submit the form": the verb names the button. A scope may
  // follow ("Save the record in the New Account dialog").
  Step& s = add(Action::Click);
  s.target.text = verb_text;
  if (auto at = r.find_word({"in", "within", "inside"})) {
    auto ph = parse_target_phrase(r.from(*at), true, false);
    if (!ph.error.empty()) return fail(ph.error, kClickHint);
    if (ph.phrase.within) s.target.within = ph.phrase.within;
  }
}

}  // namespace pacts::grammar
