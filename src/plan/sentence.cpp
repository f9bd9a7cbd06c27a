// The sentence grammar's front: the verb table, and the dispatch of a step sentence to its handler
// (grammar.h lists the parts). Deterministic, no network: the same sentence always gives the same reading.
#include "plan/sentence.h"

#include <cctype>

#include <fmt/format.h>

#include "core/text.h"
#include "core/url.h"
#include "plan/grammar.h"

namespace pacts {

using namespace grammar;

namespace {

// ---------------------------------------------------------------------------------------------------------
// Verbs: one table serves dispatch, the hint of each form, and "did you mean".

enum class VerbKind {
  Fill, Type, Set, Click, DoubleClick, Press, Select, Check, Uncheck, Hover, Mouse, Move, Go, Open, LogIn, Search,
  Add, Remove, Wait, Pause, Verify, Button, Make, Should,
};

struct VerbEntry {
  const char* word;
  VerbKind kind;
};

// Every verb a step may start with. Conjugated forms ("clicks", "verifies") are derived from these.
constexpr VerbEntry kVerbs[] = {
    {"fill", VerbKind::Fill},       {"enter", VerbKind::Fill},       {"input", VerbKind::Fill},
    {"write", VerbKind::Fill},      {"put", VerbKind::Fill},         {"provide", VerbKind::Fill},
    {"populate", VerbKind::Fill},   {"key", VerbKind::Fill},         {"type", VerbKind::Type},
    {"set", VerbKind::Set},         {"click", VerbKind::Click},      {"tap", VerbKind::Click},
    {"double-click", VerbKind::Click}, {"doubleclick", VerbKind::Click}, {"double", VerbKind::DoubleClick},
    {"press", VerbKind::Press},     {"hit", VerbKind::Press},        {"push", VerbKind::Press},
    {"select", VerbKind::Select},   {"choose", VerbKind::Select},    {"pick", VerbKind::Select},
    {"check", VerbKind::Check},     {"tick", VerbKind::Check},       {"mark", VerbKind::Check},
    {"uncheck", VerbKind::Uncheck}, {"untick", VerbKind::Uncheck},   {"deselect", VerbKind::Uncheck},
    {"unmark", VerbKind::Uncheck},  {"clear", VerbKind::Uncheck},    {"hover", VerbKind::Hover},
    {"mouse", VerbKind::Mouse},     {"move", VerbKind::Move},        {"go", VerbKind::Go},
    {"navigate", VerbKind::Go},     {"visit", VerbKind::Go},         {"browse", VerbKind::Go},
    {"proceed", VerbKind::Go},      {"return", VerbKind::Go},        {"head", VerbKind::Go},
    {"load", VerbKind::Go},         {"open", VerbKind::Open},        {"login", VerbKind::LogIn},
    {"signin", VerbKind::LogIn},    {"log", VerbKind::LogIn},        {"sign", VerbKind::LogIn},
    {"search", VerbKind::Search},   {"add", VerbKind::Add},          {"remove", VerbKind::Remove},
    {"wait", VerbKind::Wait},       {"pause", VerbKind::Pause},      {"hold", VerbKind::Pause},
    {"verify", VerbKind::Verify},   {"assert", VerbKind::Verify},    {"ensure", VerbKind::Verify},
    {"validate", VerbKind::Verify}, {"expect", VerbKind::Verify},    {"make", VerbKind::Make},
    {"should", VerbKind::Should},   {"continue", VerbKind::Button},  {"finish", VerbKind::Button},
    {"submit", VerbKind::Button},   {"save", VerbKind::Button},      {"cancel", VerbKind::Button},
    {"checkout", VerbKind::Button}, {"next", VerbKind::Button},      {"close", VerbKind::Button},
    {"apply", VerbKind::Button},    {"accept", VerbKind::Button},    {"logout", VerbKind::Button},
    {"confirm", VerbKind::Button},  {"complete", VerbKind::Button},  {"done", VerbKind::Button},
    {"reset", VerbKind::Button},    {"create", VerbKind::Button},    {"delete", VerbKind::Button},
    {"edit", VerbKind::Button},     {"update", VerbKind::Button},    {"send", VerbKind::Button},
    {"book", VerbKind::Button},     {"buy", VerbKind::Button},       {"register", VerbKind::Button},
    {"subscribe", VerbKind::Button},
};

const VerbEntry* find_verb(const std::string& word) {
  for (const auto& v : kVerbs)
    if (word == v.word) return &v;
  return nullptr;
}

// "clicks" -> "click", "presses" -> "press", "verifies" -> "verify"; anything else as it is.
std::string de_conjugate(const std::string& w) {
  if (find_verb(w)) return w;
  for (const auto& v : kVerbs) {
    std::string base = v.word;
    if (w == base + "s" || w == base + "es") return base;
    if (base.back() == 'y' && w == base.substr(0, base.size() - 1) + "ies") return base;
  }
  return w;
}

const char* hint_for(VerbKind kind) {
  switch (kind) {
    case VerbKind::Fill: return "Fill \"value\" in <field>  |  Fill \"<field>\" with \"value\"  |  Enter <field> \"value\"";
    case VerbKind::Type: return "Type \"value\" in <field>";
    case VerbKind::Set: return "Set <field> to \"value\"";
    case VerbKind::Click:
    case VerbKind::DoubleClick: return Parser::kClickHint;
    case VerbKind::Press: return "Press Enter  |  Press Enter on the Search field";
    case VerbKind::Select: return "Select \"Prospecting\" from the Stage dropdown";
    case VerbKind::Check: return "Check \"Remember me\"  |  Check that \"Saved\" is visible";
    case VerbKind::Uncheck: return "Uncheck \"Newsletter\"";
    case VerbKind::Hover:
    case VerbKind::Mouse:
    case VerbKind::Move: return "Hover over \"Menu\"";
    case VerbKind::Go:
    case VerbKind::Open: return "Go to /cart.html  |  Go to shopping cart";
    case VerbKind::LogIn: return "Login with username \"u\" and password \"p\"";
    case VerbKind::Search: return "Search for \"Albert Einstein\"";
    case VerbKind::Add:
    case VerbKind::Remove: return "Add \"Blue Backpack\" to the cart  |  Remove \"Blue Backpack\" from the cart";
    case VerbKind::Wait:
    case VerbKind::Pause: return "Wait for \"Order placed\"  |  Wait for the page to load";
    case VerbKind::Verify:
    case VerbKind::Make:
    case VerbKind::Should: return AssertionParser::kHint;
    case VerbKind::Button: return "Continue  |  Save the record  |  Submit the form";
  }
  return "";
}

constexpr const char* kAnyStepHint =
    "Fill \"value\" in <field>  |  Click \"Save\"  |  Press Enter  |  Select \"X\" from <dropdown>  |  "
    "Verify \"text\" is visible  (see docs/sentences.md)";

// A verb that only works with the word after it: "double click", "mouse over", "sign in", "make sure".
SentenceResult verb_needs(const VerbEntry& entry, const char* followed_by) {
  SentenceResult res;
  res.error = SentenceError{fmt::format("'{}' must be followed by {}", entry.word, followed_by), hint_for(entry.kind)};
  return res;
}

SentenceResult unknown_verb(const std::string& verb) {
  SentenceResult res;
  const VerbEntry* best = nullptr;
  size_t best_d = 3;
  for (const auto& v : kVerbs) {
    size_t d = levenshtein(verb, v.word);
    if (d < best_d) {
      best_d = d;
      best = &v;
    }
  }
  std::string msg = fmt::format("unknown verb '{}'", verb);
  if (best) msg += fmt::format("; did you mean '{}'?", best->word);
  res.error = SentenceError{msg, best ? hint_for(best->kind) : kAnyStepHint};
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

// "PAUSE: ...", "MANUAL: ..." labels mark a manual step; the label is dropped.
bool strip_pause_label(std::string& s) {
  bool labelled = false;
  for (const char* label : {"pause:", "manual:", "hitl:"}) {
    if (starts_with_ci(s, label)) {
      labelled = true;
      s = trim(s.substr(std::string_view(label).size()));
    }
  }
  return labelled;
}

// "Verify ...", "Check that ...", "Make sure ...", "should see ...": the body of the assertion, or nullopt.
std::optional<Range> assertion_body(const std::string& verb, const Range& rest) {
  bool assertion = in(verb, {"verify", "assert", "ensure", "validate", "expect"}) ||
                   (in(verb, {"check", "confirm", "see"}) && rest.word(0, {"that", "if", "whether"})) ||
                   (verb == "make" && rest.word(0, {"sure"})) || (verb == "should" && rest.word(0, {"see"}));
  if (!assertion) return std::nullopt;
  return verb == "make" || verb == "should" ? rest.from(1) : rest;
}

// The vocabularies' reading of an outcome (a field's value, a checkbox, a count, a text in a scope), when it is
// one and gives only assertions; nullopt otherwise (the outcome grammar reads it then).
std::optional<SentenceResult> web_assertion(const Tokenized& tk, const Range& body, std::string_view sentence,
                                            const SentenceContext& ctx) {
  if (body.empty() || body.end != tk.tokens.size()) return std::nullopt;
  auto web = read_web_step(tk, body.begin, sentence, ctx);
  if (!web || web->error || !web->steps.empty() || web->assertions.empty()) return std::nullopt;
  return web;
}

// A human step, decided by meaning: a wait or pause for a person, a step done "manually", or a second-factor
// chore that carries no value to type. Strict (Gherkin): only a pause or a wait for a person ("I sign in
// manually as "u"" is a domain step, left to a macro).
bool is_manual_step(const std::string& verb, const Range& whole, const Tokenized& tk, bool strict) {
  if (in(verb, {"pause", "hold"})) return true;
  if (strict) return false;
  if (verb != "wait" && says_manual(tk.tokens, tk.remarks)) return true;
  return in(verb, {"complete", "solve", "approve", "pass", "enter", "type", "provide", "input"}) &&
         whole.count_quotes() == 0 && mentions_human_check(tk.tokens, tk.remarks);
}

SentenceResult log_in_or_out(Parser& p, const VerbEntry& entry, const std::string& verb, const std::string& verb_text,
                             const Range& rest) {
  bool two_words = verb == "log" || verb == "sign";
  if (two_words && rest.word(0, {"out", "off"})) {
    Step& s = p.add(Action::Click);
    s.target.text = verb_text + " " + rest.at(0).text;
    return p.out;
  }
  if (two_words && !rest.word(0, {"in", "into"})) return verb_needs(entry, "in or out");
  std::string written = verb_text;
  Range r = rest;
  if (two_words) {
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
  return p.out;
}

// Hover, "mouse over", "move the mouse over": a hover on the target.
SentenceResult hover(Parser& p, const VerbEntry& entry, const Range& rest) {
  Range r = rest;
  if (entry.kind == VerbKind::Mouse) {
    if (!rest.word(0, {"over"})) return verb_needs(entry, "over");
    r = rest.from(1);
  } else if (entry.kind == VerbKind::Move) {
    if (!(rest.word(0, {"the"}) && rest.word(1, {"mouse"}))) return verb_needs(entry, "the mouse over ...");
    r = rest.from(2);
    if (r.word(0, {"to"})) r = r.from(1);
  }
  if (r.word(0, {"over", "on", "onto"})) r = r.from(1);
  p.click(r, Action::Hover);
  return p.out;
}

SentenceResult dispatch(Parser& p, const VerbEntry& entry, const std::string& verb, const std::string& verb_text,
                        const Range& rest, const Range& whole) {
  switch (entry.kind) {
    case VerbKind::Fill: p.fill(verb == "key" && rest.word(0, {"in"}) ? rest.from(1) : rest, Action::Fill, verb_text); break;
    case VerbKind::Type: p.fill(rest.word(0, {"in"}) && rest.quote(1) ? rest.from(1) : rest, Action::Type, verb_text); break;
    case VerbKind::Set: p.set(rest); break;
    case VerbKind::Click: p.click(rest); break;
    case VerbKind::DoubleClick:
      if (!rest.word(0, {"click", "tap"})) return verb_needs(entry, "click");
      p.click(rest.from(1));
      break;
    case VerbKind::Press: p.press(rest); break;
    case VerbKind::Select: p.select(rest); break;
    case VerbKind::Check: p.check(rest, Action::Check); break;
    case VerbKind::Uncheck: p.check(rest, Action::Uncheck); break;
    case VerbKind::Hover:
    case VerbKind::Mouse:
    case VerbKind::Move: return hover(p, entry, rest);
    case VerbKind::Go: p.go(rest); break;
    case VerbKind::Open:
      if (rest.size() == 1 && looks_like_url(rest.at(0).text)) p.go(rest);
      else p.click(rest);
      break;
    case VerbKind::LogIn:
      // In a feature file, logging in or out is a domain step (which fields, which button, which menu).
      if (p.ctx.strict) {
        p.fail("logging in or out is a domain step here: PACTS does not guess its fields and buttons",
               "define it as a macro: Step: I log in as \"<user>\"  1. Go to /login  2. Fill \"<user>\" in Username ...");
        break;
      }
      return log_in_or_out(p, entry, verb, verb_text, rest);
    case VerbKind::Search: p.search(rest); break;
    case VerbKind::Add: p.add_to(rest, false, verb_text); break;
    case VerbKind::Remove: p.add_to(rest, true, verb_text); break;
    case VerbKind::Wait: p.wait(rest, whole); break;
    case VerbKind::Button: p.button_verb(rest, verb_text); break;
    case VerbKind::Make: return verb_needs(entry, "sure that ...");
    case VerbKind::Should: return verb_needs(entry, "see ...");
    case VerbKind::Pause:   // a manual step: read before dispatch
    case VerbKind::Verify:  // an assertion: read before dispatch
      break;
  }
  return p.out;
}

// The verb grammar (docs/sentences.md, Steps): the verb table dispatches to the form's handler.
SentenceResult read_with_verbs(const Tokenized& tk, size_t start, std::string_view sentence, bool labelled_pause,
                               const SentenceContext& ctx) {
  SentenceResult res;
  Range whole{&tk.tokens, start, tk.tokens.size()};
  Parser p{whole, tk.remarks, ctx, {}};
  if (whole.empty() || whole.at(0).kind != Tok::Word) {
    res.error = SentenceError{"a step starts with a verb", kAnyStepHint};
    return res;
  }
  std::string verb = de_conjugate(whole.at(0).lower);
  Range rest = whole.from(1);
  if (labelled_pause) {
    p.manual(whole);
    return p.out;
  }
  if (auto body = assertion_body(verb, rest)) {
    // "Verify the "Email" field should contain "x"": a check the web-step vocabularies name exactly.
    if (auto web = web_assertion(tk, *body, sentence, ctx)) return *web;
    AssertionParser ap{*body, {}, ctx.strict};
    ap.parse();
    return ap.out;
  }
  if (is_manual_step(verb, whole, tk, ctx.strict)) {
    p.manual(whole);
    return p.out;
  }
  const VerbEntry* entry = find_verb(verb);
  if (!entry) return unknown_verb(verb);
  return dispatch(p, *entry, verb, whole.at(0).text, rest, whole);
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
  if (auto web = web_assertion(tk, r, text, {})) return *web;
  AssertionParser ap{r, {}};
  ap.parse();
  return ap.out;
}

SentenceResult parse_step_sentence(std::string_view text, const SentenceContext& ctx) {
  SentenceResult res;
  std::string s = trim(text);
  bool labelled_pause = strip_pause_label(s);
  auto tk = tokenize(s);
  if (!tk.error.empty()) {
    res.error = SentenceError{tk.error, "\"quoted text\" must be closed with a second quote"};
    return res;
  }
  if (tk.tokens.empty()) {
    res.error = SentenceError{"empty step", kAnyStepHint};
    return res;
  }
  size_t start = skip_openers(tk.tokens);
  // The web-step vocabularies first: each of their sentences has one reading.
  if (!labelled_pause)
    if (auto web = read_web_step(tk, start, s, ctx)) return *web;
  auto general = read_with_verbs(tk, start, s, labelled_pause, ctx);
  if (!ctx.strict) return general;
  if (general.error) {
    SentenceResult r;  // a refused sentence has no reading, not even a part of one
    r.error = strict_refusal(tk, start, *general.error);
    return r;
  }
  if (auto refused = strict_check(tk, general)) {
    SentenceResult r;
    r.error = strict_refusal(tk, start, *refused);
    return r;
  }
  return general;
}

}  // namespace pacts
