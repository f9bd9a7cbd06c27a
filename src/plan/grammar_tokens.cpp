// Tokens: words, quoted strings (straight, curly, or single quotes around a word), remarks in parentheses, and
// the punctuation the grammar cares about (, ; : =).
#include <cctype>

#include "core/text.h"
#include "plan/grammar.h"

namespace pacts::grammar {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// UTF-8 curly quotes: “ ” ‘ ’
constexpr std::string_view kLdquo = "\xE2\x80\x9C";
constexpr std::string_view kRdquo = "\xE2\x80\x9D";
constexpr std::string_view kLsquo = "\xE2\x80\x98";
constexpr std::string_view kRsquo = "\xE2\x80\x99";

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view s) : s_(s) {}

  Tokenized run() {
    while (i_ < s_.size() && out_.error.empty()) step();
    if (!out_.error.empty()) return std::move(out_);
    flush();
    trim_end();
    return std::move(out_);
  }

 private:
  void flush() {
    if (!word_.empty()) out_.tokens.push_back({Tok::Word, word_, to_lower(word_), word_at_});
    word_.clear();
  }
  // Called with i_ at the token's first character.
  void push(Tok kind, std::string text) {
    std::string lower = to_lower(text);
    out_.tokens.push_back({kind, std::move(text), std::move(lower), i_});
  }
  void append(char c) {
    if (word_.empty()) word_at_ = i_;
    word_ += c;
  }
  // ':' and '=' separate a name from a value only before a space, a quote or the end ("a:b" is a word).
  bool separates(char c) const {
    std::string_view rest = s_.substr(i_);
    bool before_value = i_ + 1 == s_.size() || is_ws(s_[i_ + 1]) || s_[i_ + 1] == '"' || rest.substr(1, 3) == kLdquo;
    return c == ':' ? before_value : word_.empty() || before_value;
  }

  void step() {
    char c = s_[i_];
    std::string_view rest = s_.substr(i_);
    if (is_ws(c)) {
      flush();
      ++i_;
    } else if (c == '"' || rest.substr(0, 3) == kLdquo || rest.substr(0, 3) == kRdquo) {
      double_quote(c == '"' ? 1 : 3);
    } else if (rest.substr(0, 3) == kLsquo) {
      curly_single_quote();
    } else if (c == '\'' && word_.empty()) {
      single_quote();
    } else if (c == '(') {
      remark();
    } else if (c == ',' || c == ';' || ((c == ':' || c == '=') && separates(c))) {
      flush();
      push(Tok::Punct, std::string(1, c));
      ++i_;
    } else {
      append(c);
      ++i_;
    }
  }

  void double_quote(size_t open_len) {
    flush();
    size_t j = i_ + open_len;
    for (size_t k = j; k < s_.size(); ++k) {
      size_t close_len = s_[k] == '"' ? 1 : (s_.substr(k, 3) == kRdquo || s_.substr(k, 3) == kLdquo) ? 3 : 0;
      if (close_len == 0) continue;
      push(Tok::Quote, std::string(s_.substr(j, k - j)));
      i_ = k + close_len;
      return;
    }
    out_.error = "a quote is opened and never closed";
  }

  void curly_single_quote() {
    flush();
    size_t close = s_.find(kRsquo, i_ + 3);
    if (close == std::string_view::npos) {
      out_.error = "a quote is opened and never closed";
      return;
    }
    push(Tok::Quote, std::string(s_.substr(i_ + 3, close - i_ - 3)));
    i_ = close + 3;
  }

  // A single quote opens a quoted string only at the start of a word and when a closing one follows at the end
  // of a word; otherwise it is an apostrophe ("the user's profile").
  void single_quote() {
    size_t close = next_closing_single_quote(i_ + 1);
    if (close == std::string_view::npos || close == i_ + 1) {
      append(s_[i_]);
      ++i_;
      return;
    }
    push(Tok::Quote, std::string(s_.substr(i_ + 1, close - i_ - 1)));
    i_ = close + 1;
  }

  // The first ' at or after `from` that can close a quote (followed by the end or by a non-alphanumeric).
  // Computed once for the whole sentence, so that a line of many apostrophes stays linear.
  size_t next_closing_single_quote(size_t from) {
    if (closing_quote_.empty()) {
      closing_quote_.assign(s_.size() + 1, std::string_view::npos);
      for (size_t k = s_.size(); k-- > 0;) {
        bool closes = s_[k] == '\'' && (k + 1 == s_.size() || !std::isalnum(static_cast<unsigned char>(s_[k + 1])));
        closing_quote_[k] = closes ? k : closing_quote_[k + 1];
      }
    }
    return from < closing_quote_.size() ? closing_quote_[from] : std::string_view::npos;
  }

  void remark() {
    flush();
    int depth = 0;
    size_t k = i_;
    for (; k < s_.size(); ++k) {
      if (s_[k] == '(') ++depth;
      if (s_[k] == ')' && --depth == 0) break;
    }
    if (k >= s_.size()) {
      out_.error = "a '(' is opened and never closed";
      return;
    }
    out_.remarks.push_back(std::string(s_.substr(i_ + 1, k - i_ - 1)));
    i_ = k + 1;
  }

  // A sentence's final full stop, exclamation or question mark is not part of its last word; trailing
  // punctuation other than ':' (which opens a field list) is dropped.
  void trim_end() {
    auto& toks = out_.tokens;
    if (!toks.empty() && toks.back().kind == Tok::Word) {
      auto& last = toks.back();
      while (!last.text.empty() && (last.text.back() == '.' || last.text.back() == '!' || last.text.back() == '?')) {
        last.text.pop_back();
        last.lower.pop_back();
      }
      if (last.text.empty()) toks.pop_back();
    }
    while (!toks.empty() && toks.back().kind == Tok::Punct && toks.back().text != ":") toks.pop_back();
  }

  std::string_view s_;
  size_t i_ = 0;
  std::vector<size_t> closing_quote_;  // see next_closing_single_quote
  std::string word_;
  size_t word_at_ = 0;
  Tokenized out_;
};

}  // namespace

Tokenized tokenize(std::string_view s) { return Tokenizer(s).run(); }

}  // namespace pacts::grammar
