// The web-step vocabularies' patterns: the table (grammar_vocab_table.cpp) compiled once, a sentence matched
// against it, and the patterns nearest to a sentence no form reads, written as sentences for an error's hint.
#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "core/text.h"
#include "plan/grammar.h"

namespace pacts::grammar {

namespace {

enum class SlotKind { Quote, Words, Rest, Num, Dur, Ordinal, Ui, Scope };

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
                    : kind == "scope"   ? SlotKind::Scope
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
           Captures& caps);

// Slot p[pi] at token ti, then the rest of the pattern (backtracking over how many words a slot takes).
bool match_slot(const std::vector<Elem>& p, size_t pi, const Range& r, size_t ti, std::string_view sentence,
                Captures& caps) {
  const Elem& e = p[pi];
  auto next = [&](size_t t) { return match(p, pi + 1, r, t, sentence, caps); };
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
    case SlotKind::Scope: {
      // The kind of container a scope names after its name: in the "Ada" row, in the "Cookies" dialog.
      if (!r.word(ti, {"dialog", "modal", "popup", "panel", "section", "form", "menu", "navigation", "sidebar", "header",
                       "footer", "toolbar", "table", "row", "list", "card", "drawer", "tab", "fieldset", "group",
                       "window", "overlay"}))
        return false;
      caps[e.slot] = {r.at(ti).lower, false};
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
      return match_slot(p, pi, r, ti, sentence, caps);
  }
  return false;
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
            {"dur", "5 seconds"}, {"ordinal", "first"}, {"ui", "button"}, {"scope", "row"}};
        words.push_back(starts_with_ci(part, "{page:") ? "the ... page" : kExamples.at(kind));
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

std::vector<WebStepMatch> match_web_steps(const Range& r, std::string_view sentence) {
  std::vector<WebStepMatch> out;
  const auto& table = web_steps();
  for (const auto& c : compiled()) {
    Captures caps;
    if (match(c.elems, 0, r, 0, sentence, caps)) out.push_back({&table[c.entry], std::move(caps)});
  }
  return out;
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
