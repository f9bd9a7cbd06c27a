// The tests a feature file makes: one per scenario and per Examples row, the Background's steps first, each
// step read by a macro, else by the web-step vocabularies and the verb grammar in strict mode. A step nothing
// reads stays in the test as Action::Unclear, and is reported with its file, line and the closest forms.
#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"
#include "plan/gherkin.h"
#include "plan/macros.h"

namespace pacts {

namespace {

using gherkin::Examples;
using gherkin::Feature;
using gherkin::GStep;
using gherkin::Rule;
using gherkin::Scenario;

constexpr int kMaxMacroDepth = 8;

// "<name>" -> the row's cell, in a step's text, its table and its doc string.
std::string fill_in(const std::string& text, const std::map<std::string, std::string>& row) {
  return row.empty() ? text : MacroSet::substitute(text, row);
}

GStep with_row(const GStep& step, const std::map<std::string, std::string>& row) {
  GStep out = step;
  out.text = fill_in(step.text, row);
  for (auto& r : out.argument.table)
    for (auto& cell : r) cell = fill_in(cell, row);
  if (out.argument.doc_string) out.argument.doc_string = fill_in(*out.argument.doc_string, row);
  return out;
}

std::vector<std::string> merged(std::initializer_list<const std::vector<std::string>*> lists) {
  std::vector<std::string> out;
  for (const auto* l : lists)
    for (const auto& t : *l)
      if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  return out;
}

class TestMaker {
 public:
  TestMaker(const std::string& file, const LoadOptions& options, std::vector<PlanError>& errors)
      : file_(file), options_(options), errors_(errors) {}

  void feature(const Feature& f) {
    for (const auto& s : f.scenarios) scenario(f, nullptr, s);
    for (const auto& r : f.rules)
      for (const auto& s : r.scenarios) scenario(f, &r, s);
  }

  std::vector<Test> take() { return std::move(tests_); }

 private:
  void scenario(const Feature& f, const Rule* rule, const Scenario& s) {
    static const std::vector<std::string> kNone;
    auto tags = merged({&f.tags, rule ? &rule->tags : &kNone, &s.tags});
    std::vector<const GStep*> steps;
    for (const auto* bg : {f.background ? &*f.background : nullptr, rule && rule->background ? &*rule->background : nullptr})
      if (bg)
        for (const auto& st : bg->steps) steps.push_back(&st);
    for (const auto& st : s.steps) steps.push_back(&st);
    std::string name = s.name.empty() ? fmt::format("scenario at line {}", s.line) : s.name;
    std::string url = s.url.empty() ? f.url : s.url;
    // An outline with no Examples is a scenario, as Cucumber reads it.
    if (!s.outline || s.examples.empty()) {
      if (selected(tags)) make(name, s.line, url, tags, steps, {}, {});
      return;
    }
    for (size_t e = 0; e < s.examples.size(); ++e) {
      const Examples& ex = s.examples[e];
      auto row_tags = merged({&tags, &ex.tags});
      if (!selected(row_tags)) continue;
      for (size_t r = 0; r < ex.rows.size(); ++r) {
        std::map<std::string, std::string> row;
        std::vector<std::pair<std::string, std::string>> example;
        for (size_t c = 0; c < ex.header.size(); ++c) {
          row[ex.header[c]] = ex.rows[r].second[c];
          example.emplace_back(ex.header[c], ex.rows[r].second[c]);
        }
        std::string label = ex.name.empty() ? "Examples" : ex.name;
        if (s.examples.size() > 1 && ex.name.empty()) label += fmt::format(" {}", e + 1);
        make(fmt::format("{} [{} #{}]", name, label, r + 1), s.line, url, row_tags, steps, row, example);
      }
    }
  }

  bool selected(const std::vector<std::string>& tags) const { return !options_.tags || options_.tags->matches(tags); }

  void make(const std::string& name, int line, const std::string& url, const std::vector<std::string>& tags,
            const std::vector<const GStep*>& steps, const std::map<std::string, std::string>& row,
            std::vector<std::pair<std::string, std::string>> example) {
    Test t;
    t.name = name;
    t.file = file_;
    t.line = line;
    t.url = fill_in(url, row);
    t.tags = tags;
    t.example = std::move(example);
    for (const GStep* st : steps) {
      GStep bound = with_row(*st, row);
      if (!row.empty() && !unknown_columns(t, bound, row)) continue;
      read_step(t, bound);
    }
    bool unclear = !t.unclear_steps().empty();
    if (t.steps.empty() && t.assertions.empty() && !unclear) {
      errors_.push_back({file_, line, {}, {}, fmt::format("scenario '{}' has no steps", name), "Given I am on \"/\""});
    } else if (!unclear && t.url.empty() && (t.steps.empty() || t.steps.front().action != Action::Goto)) {
      errors_.push_back({file_, line, {}, {}, fmt::format("scenario '{}' has no URL to start from", name),
                         "start with Given I am on \"/path\" (or in a Background), or put '# url: /path' above it"});
    }
    for (auto& a : t.assertions)
      if (a.after_step < 0) a.after_step = static_cast<int>(t.steps.size());
    bind_test(t, {}, options_, errors_);
    tests_.push_back(std::move(t));
  }

  // An outline's step that still holds a <name> after the row is put in names a column the Examples lack: it
  // would be typed as written. False (and the step refused) then.
  bool unknown_columns(Test& t, const GStep& st, const std::map<std::string, std::string>& row) {
    std::vector<std::string> left = placeholders_in(st.text);
    for (const auto& r : st.argument.table)
      for (const auto& cell : r)
        for (auto& p : placeholders_in(cell)) left.push_back(p);
    if (left.empty()) return true;
    std::vector<std::string> columns;
    for (const auto& [k, v] : row) columns.push_back(k);
    refuse(t, st, fmt::format("<{}> is not a column of the Examples table", left.front()),
           "its columns: <" + join(columns, ">, <") + ">");
    return false;
  }

  const Step* last_of(const Test& t, bool fills) const {
    for (auto it = t.steps.rbegin(); it != t.steps.rend(); ++it)
      if (!fills || it->action == Action::Fill || it->action == Action::Type) return &*it;
    return nullptr;
  }

  void refuse(Test& t, const GStep& st, const std::string& message, const std::string& hint) {
    errors_.push_back({file_, st.line, {}, st.keyword + " " + st.text, message, hint});
    Step u;
    u.file = file_;
    u.line = st.line;
    u.sentence = st.text;
    u.action = Action::Unclear;
    u.refusal = message;
    u.hint = hint;
    t.steps.push_back(std::move(u));
  }

  void append(Test& t, SentenceResult& r, int line, const std::string& sentence) {
    for (auto& s : r.steps) {
      s.file = file_;
      s.line = line;
      s.sentence = sentence;
      t.steps.push_back(std::move(s));
    }
    for (auto& a : r.assertions) {
      a.file = file_;
      a.line = line;
      a.sentence = sentence;
      a.after_step = static_cast<int>(t.steps.size());
      t.assertions.push_back(std::move(a));
    }
  }

  void read_step(Test& t, const GStep& st) {
    if (options_.macros && !options_.macros->empty()) {
      std::string ambiguity;
      auto use = options_.macros->match(st.text, ambiguity);
      if (!ambiguity.empty()) return refuse(t, st, ambiguity, "make the two macros' sentences differ");
      if (use) return expand(t, st, *use, 1);
    }
    SentenceContext ctx{last_of(t, true), last_of(t, false), &options_.pages, &st.argument, true};
    auto r = parse_step_sentence(st.text, ctx);
    if (r.error) return refuse(t, st, r.error->message, r.error->hint);
    bool has_argument = !st.argument.table.empty() || st.argument.doc_string;
    if (has_argument && !r.used_argument)
      return refuse(t, st, "this step's reading does not use the table or doc string under it",
                    "I fill in the following:  |  I should see the following error messages:");
    append(t, r, st.line, st.text);
  }

  // A macro's sentences, with its parameters put in, read like a .txt requirement's steps (a macro may use
  // another one).
  void expand(Test& t, const GStep& st, const MacroSet::Use& use, int depth) {
    const Macro& m = *use.macro;
    if (!st.argument.table.empty() || st.argument.doc_string)
      return refuse(t, st, fmt::format("the macro \"{}\" ({}:{}) takes no table or doc string", m.sentence, m.file, m.line),
                    "put the values in the step's sentence, as the macro's <parameters>");
    if (depth > kMaxMacroDepth)
      return refuse(t, st, fmt::format("macros use each other more than {} deep (a macro that uses itself?): \"{}\" "
                                       "({}:{})",
                                       kMaxMacroDepth, m.sentence, m.file, m.line),
                    "");
    for (const auto& [body_line, body] : m.body) {
      std::string sentence = MacroSet::substitute(body, use.args);
      std::string ambiguity;
      if (auto inner = options_.macros->match(sentence, ambiguity)) {
        GStep nested{st.line, st.keyword, sentence, {}};
        expand(t, nested, *inner, depth + 1);
        continue;
      }
      SentenceContext ctx{last_of(t, true), last_of(t, false), &options_.pages, nullptr, false};
      auto r = parse_step_sentence(sentence, ctx);
      if (r.error) {
        errors_.push_back({m.file, body_line, {}, sentence, r.error->message, r.error->hint});
        return refuse(t, st, fmt::format("the macro \"{}\" has a sentence PACTS cannot read ({}:{})", m.sentence, m.file,
                                         body_line),
                      r.error->hint);
      }
      append(t, r, st.line, fmt::format("{} [{}:{}]", sentence, m.file, body_line));
    }
  }

  const std::string& file_;
  const LoadOptions& options_;
  std::vector<PlanError>& errors_;
  std::vector<Test> tests_;
};

}  // namespace

std::vector<Test> read_gherkin_feature(const std::string& file, const std::string& content, const LoadOptions& options,
                                       std::vector<PlanError>& errors) {
  auto feature = gherkin::parse_gherkin(file, content, errors);
  if (!feature) return {};
  TestMaker maker(file, options, errors);
  maker.feature(*feature);
  return maker.take();
}

}  // namespace pacts
