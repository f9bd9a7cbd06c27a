#pragma once
// The sentence grammar's parts, private to the plan module (sentence.h is its public face):
//   tokens      words, quoted strings, remarks in parentheses, the punctuation that matters (grammar_tokens.cpp)
//   words       the vocabulary: UI words, kind nouns, ordinals, keys, human-check words (grammar_words.cpp)
//   phrases     target phrases: [the] [ordinal] "T" [UI word] [for CONTEXT] [in SCOPE] (grammar_phrases.cpp)
//   steps       one handler per kind of step sentence (grammar_steps.cpp)
//   assertions  expected outcomes (grammar_assertions.cpp)
// and sentence.cpp holds the verb table that dispatches a sentence to its handler.
#include <initializer_list>
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
// Expected outcomes: "X is visible", "title contains X", "URL contains /x", "the page shows X", "X".

struct AssertionParser {
  Range r;
  SentenceResult out;

  static constexpr const char* kHint =
      "\"Thank you for your order!\" is visible  |  the page shows \"Products\"  |  \"Login\" button is hidden  |  "
      "title contains \"Wiki\"  |  URL contains \"/orders\"";

  void parse();

 private:
  void fail(std::string msg) { out.error = SentenceError{std::move(msg), kHint}; }
  void add(AssertionType type, std::string value);
  // Each form returns true when it read the sentence (or failed on it), false when it is another form.
  bool title_or_url(const Range& s);
  bool redirected(const Range& s);
  bool visibility(const Range& s);
  bool shows(const Range& s);
  bool described_texts(const Range& s);
  void visibility_of(const Range& subject, bool gone);
};

}  // namespace pacts::grammar
