#pragma once
// The sentence grammar's parts, private to the plan module (sentence.h is its public face):
//   tokens      words, quoted strings, remarks in parentheses, the punctuation that matters (grammar_tokens.cpp)
//   words       the vocabulary: UI words, kind nouns, ordinals, keys, human-check words (grammar_words.cpp)
//   phrases     target phrases: [the] [ordinal] "T" [UI word] [for CONTEXT] [in SCOPE] (grammar_phrases.cpp)
//   steps       one handler per kind of step sentence (grammar_steps.cpp)
//   assertions  expected outcomes (grammar_assertions.cpp)
// and sentence.cpp holds the verb table that dispatches a sentence to its handler.
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/sentence.h"

namespace pacts::grammar {

// ---------------------------------------------------------------------------------------------------------
// Tokens

enum class Tok { Word, Quote, Punct };

struct Token {
  Tok kind;
  std::string text;   // as written
  std::string lower;  // lower case, for matching words
  size_t at = 0;      // offset of its first character in the sentence (for text taken as written: a regex)
};

struct Tokenized {
  std::vector<Token> tokens;
  std::vector<std::string> remarks;  // parenthesised text, dropped from the sentence
  std::string error;
};

Tokenized tokenize(std::string_view s);

// ---------------------------------------------------------------------------------------------------------
// Words

bool in(const std::string& w, std::initializer_list<const char*> set);
// Trailing words that name the kind of element, not the element; mapped to a role hint for discovery.
std::optional<std::string> ui_word_role(const std::string& w);
bool is_ui_word(const std::string& w);
// Nouns that, after an ordinal, name a kind of element rather than a label ("first video result").
bool is_kind_noun(const std::string& w);
// Role of a kind-only target, from its head noun.
std::string kind_role(const std::string& head);
std::optional<int> ordinal_of(const std::string& w);
bool is_article(const std::string& w);
// "to view cart": a purpose clause after a click target is dropped.
bool is_purpose_verb(const std::string& w);
// Second-factor and human-check vocabulary, for manual steps decided by meaning (quoted text does not count).
bool mentions_human_check(const std::vector<Token>& toks, const std::vector<std::string>& remarks);
bool says_manual(const std::vector<Token>& toks, const std::vector<std::string>& remarks);
// "30 seconds", "2 minutes" in the sentence or its remarks.
std::optional<int> duration_ms(const std::vector<Token>& toks, const std::vector<std::string>& remarks);
// Key names for "Press ...", normalised to the DOM's KeyboardEvent.key values ("Control+A" chords too).
std::optional<std::string> key_name(const std::string& lower);

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
  std::optional<size_t> find_word(std::initializer_list<const char*> set, size_t start = 0) const;
  std::optional<size_t> find_quote(size_t start = 0) const;
  size_t count_quotes() const;
  std::string text() const;
  // The words as written, without articles at the start.
  std::string words_text() const;
};

// ---------------------------------------------------------------------------------------------------------
// Target phrases: [on] [the] [ordinal] ("T" | words) [UI words] [for CONTEXT] [in|within SCOPE] [to PURPOSE]

// A target phrase reads into a Target; an empty text means the phrase named no element ("from dropdown").
using TargetPhrase = Target;

struct PhraseResult {
  TargetPhrase phrase;
  std::string error;
};

PhraseResult parse_target_phrase(const Range& r, bool allow_scope, bool allow_ordinal = true);
bool is_clause_start(const Range& r, size_t i, bool allow_scope);
// "the "New Account" dialog" -> "New Account dialog"
std::string scope_text(const Range& r);
// Where a phrase ends with "and press Enter": the index of "and", else r.size().
size_t and_press_at(const Range& r);

// ---------------------------------------------------------------------------------------------------------
// Step sentences: one handler per form, each reading the words after the verb into out.steps (or out.error).

struct Parser {
  Range all;
  std::vector<std::string> remarks;
  const SentenceContext& ctx;
  SentenceResult out;

  static constexpr const char* kClickHint =
      "Click \"Save\"  |  Click the Login button  |  Click \"Add to cart\" for \"Blue Backpack\"  |  "
      "Click first video result  |  Click \"Save\" in the \"New Account\" dialog";
  static constexpr const char* kFillHint =
      "Fill \"value\" in <field>  |  Fill \"<field>\" with \"value\"  |  Enter <field> \"value\"  |  "
      "Fill customer info: First Name=\"John\", Last Name=\"Doe\"";

  void fail(std::string message, std::string hint) { out.error = SentenceError{std::move(message), std::move(hint)}; }
  Step& add(Action a);
  void apply_phrase(Step& s, const TargetPhrase& p);

  void fill(Range r, Action action, const std::string& verb);
  void set(Range r);
  void click(Range r, Action action = Action::Click);
  void press(Range r);
  void select(Range r);
  void check(Range r, Action action);
  void go(Range r);
  void login(Range r, const std::string& verb_text);
  void search(Range r);
  void add_to(Range r, bool remove, const std::string& verb_text);
  void wait(Range r, const Range& whole);
  void manual(const Range& whole);
  void button_verb(Range r, const std::string& verb_text);

 private:
  bool add_trailing_press(const Range& tail, Step field);
  // The fill forms: "Enter Name: "John"" and field lists; "Fill T with "V""; "Fill "V" in T".
  bool fill_after_colon(const Range& r, const Range& tail, Action action);
  bool fill_target_first(const Range& r, const Range& tail, Action action);
  void fill_value_first(const Range& r, const Range& tail, Action action, const std::string& verb);
  void field_list_inline(const Range& items, Action action);
};

// ---------------------------------------------------------------------------------------------------------
// Web-step vocabularies: the sentences of Behat's MinkContext, Capybara's web_steps, behaving, webdriverio's
// cucumber-boilerplate, the Drupal and Moodle extensions, and the common custom forms, as one table of
// patterns (grammar_vocab_table.cpp) read by one matcher (grammar_vocab.cpp).
//
// A pattern is words separated by spaces: `press` a word, `accept|confirm` one of several, `[the]` an optional
// word, `:` the punctuation, and slots: `{t}` a quoted text; `{t:words}` one or more unquoted words; `{re:rest}`
// the rest of the sentence as written; `{n:num}` a number ("3", "no", "one"); `{ms:dur}` a duration ("5000ms",
// "5 seconds"); `{ord:ordinal}` an ordinal ("first", "2nd", "last"). Slot names say where the text goes: t the
// target, v the value, in the scope, to a drag's destination, url a location, page a named page, re a regular
// expression, n a count, ms and secs a time limit.

enum class Recipe {
  Act,         // one step: the action on {t}, with {v}, {in}, {to}, {ord}
  Goto,        // go to the location {url}
  GotoPage,    // go to the named page {page}
  Assert,      // one assertion of `check` on {t} / {v} / {in} / {n} / {re}
  AssertPage,  // the URL's path is the named page's {page}
  FillTable,   // "fill in the following:" + rows of field | value
  TextTable,   // "should (not) see the following messages:" + a header row and one text per row
  Refuse,      // a sentence with no safe reading: `refusal` says why and what to write instead
};

// How a quoted target is read: as a name, a selector, or a selector when it looks like one ("#id", ".x", ...).
enum class TargetAs { Either, Name, Selector };

struct WebStep {
  const char* pattern;
  Recipe recipe;
  Action action = Action::Click;
  AssertionType check = AssertionType::TextVisible;
  const char* role = "";  // the kind of element {t} names (button, link, checkbox, heading, ...)
  TargetAs target_as = TargetAs::Either;
  const char* refusal = "";
};

const std::vector<WebStep>& web_steps();

// What a pattern's slots took from a sentence: the text, and whether it was quoted.
struct Capture {
  std::string text;
  bool quoted = false;
};
using Captures = std::map<std::string, Capture>;

struct WebStepMatch {
  const WebStep* step;
  Captures captures;
};

// Every pattern of the table that matches the words of `r` (whose texts are in `sentence`), in table order
// (grammar_vocab_match.cpp).
std::vector<WebStepMatch> match_web_steps(const Range& r, std::string_view sentence);

// A quoted CSS selector or XPath as the vocabularies write them ("#id", ".class", "input[name='x']",
// "h2.title a", "//div[@id='x']"), as a PACTS override ("css:#id", "xpath://div"); nullopt for a name.
// `element_word`: the sentence calls it an element, so a bare tag ("h1") is a selector too.
std::optional<std::string> selector_override(const std::string& quoted, bool element_word);

// The vocabulary's reading of a sentence whose words start at tk.tokens[start], or nullopt when no pattern
// matches (the verb grammar reads it then).
std::optional<SentenceResult> read_web_step(const Tokenized& tk, size_t start, std::string_view sentence,
                                            const SentenceContext& ctx);
// The patterns nearest to a sentence no form reads, for the error's hint.
std::string nearest_web_steps(const Tokenized& tk, size_t start);

// ---------------------------------------------------------------------------------------------------------
// Strict reading (Gherkin steps, grammar_strict.cpp): a reading of the verb grammar is kept only when every
// target and text it acts on or checks was quoted in the sentence (a key, a URL and a wait for the page
// aside): "I click close on all the popovers", "I log out", "I submit the publisher" are domain steps whose
// unquoted words the verb grammar would turn into a click on a guessed name.
std::optional<SentenceError> strict_check(const Tokenized& tk, const SentenceResult& reading);
// The error for a step no form reads: what it looks like (data set up outside the browser), the closest web
// steps, and how to define it as a macro.
SentenceError strict_refusal(const Tokenized& tk, size_t start, const SentenceError& error);

// ---------------------------------------------------------------------------------------------------------
// Expected outcomes: "X is visible", "title contains X", "URL contains /x", "the page shows X", "X".

struct AssertionParser {
  Range r;
  SentenceResult out;
  bool strict = false;  // Gherkin: no words around quoted texts ("I should see "X" as a participant")

  static constexpr const char* kHint =
      "\"Thank you for your order!\" is visible  |  the page shows \"Products\"  |  \"Login\" button is hidden  |  "
      "title contains \"Wiki\"  |  URL contains \"/orders\"  |  the \"Email\" field should contain \"a@b.c\"";

  void parse();

 private:
  void fail(std::string msg) { out.error = SentenceError{std::move(msg), kHint}; }
  void add(AssertionType type, std::string value);
  void add_element(AssertionType type, std::string name, std::string role);
  // Each form returns true when it read the sentence (or failed on it), false when it is another form.
  bool title_or_url(const Range& s);
  bool redirected(const Range& s);
  bool visibility(const Range& s);
  bool shows(const Range& s);
  bool described_texts(const Range& s);
  void visibility_of(const Range& subject, bool gone);
};

}  // namespace pacts::grammar
