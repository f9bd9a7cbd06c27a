// Gherkin's structure, line by line: keywords, tags, steps and their tables and doc strings, Examples, comments.
#include <fmt/format.h>

#include "core/text.h"
#include "plan/gherkin.h"

namespace pacts::gherkin {

namespace {

enum class Header { Feature, Rule, Background, Scenario, Outline, Examples, None };

// "Scenario Outline: Login" -> {Outline, "Login"}
std::pair<Header, std::string> header_of(const std::string& t) {
  static const std::pair<const char*, Header> kKeywords[] = {
      {"feature:", Header::Feature},           {"business need:", Header::Feature},
      {"ability:", Header::Feature},           {"rule:", Header::Rule},
      {"background:", Header::Background},     {"scenario outline:", Header::Outline},
      {"scenario template:", Header::Outline}, {"scenario:", Header::Scenario},
      {"example:", Header::Scenario},          {"examples:", Header::Examples},
      {"scenarios:", Header::Examples},
  };
  for (const auto& [k, h] : kKeywords)
    if (starts_with_ci(t, k)) return {h, trim(t.substr(std::string_view(k).size()))};
  return {Header::None, {}};
}

// "Given I am on "/"" -> {"Given", "I am on "/""}; nullopt for a line that is not a step.
std::optional<std::pair<std::string, std::string>> step_of(const std::string& t) {
  for (const char* k : {"Given", "When", "Then", "And", "But"}) {
    size_t n = std::string_view(k).size();
    if (t.size() > n && t.compare(0, n, k) == 0 && (t[n] == ' ' || t[n] == '\t')) return std::pair{std::string(k), trim(t.substr(n))};
  }
  if (t.size() > 1 && t[0] == '*' && (t[1] == ' ' || t[1] == '\t')) return std::pair{std::string("*"), trim(t.substr(1))};
  return std::nullopt;
}

// "| a | b \| c |" -> {"a", "b | c"}; `\n` is a new line and `\\` a backslash inside a cell.
std::vector<std::string> cells_of(const std::string& t) {
  std::vector<std::string> cells;
  std::string cur;
  bool open = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '\\' && i + 1 < t.size()) {
      char n = t[++i];
      cur += n == 'n' ? '\n' : n;
    } else if (c == '|') {
      if (open) cells.push_back(trim(cur));
      open = true;
      cur.clear();
    } else {
      cur += c;
    }
  }
  return cells;
}

class FeatureParser {
 public:
  FeatureParser(const std::string& file, std::vector<PlanError>& errors) : file_(file), errors_(errors) {}

  std::optional<Feature> run(const std::string& content) {
    auto lines = split(content, '\n');
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string raw = lines[i];
      if (!raw.empty() && raw.back() == '\r') raw.pop_back();
      if (i == 0 && raw.rfind("\xEF\xBB\xBF", 0) == 0) raw = raw.substr(3);
      line(static_cast<int>(i) + 1, raw);
    }
    if (doc_) error(doc_line_, "", "a doc string is opened and never closed");
    if (!feature_) {
      if (errors_.empty()) errors_.push_back({file_, 0, {}, {}, "no Feature: in this file", "Feature: Log in\n  Scenario: ..."});
      return std::nullopt;
    }
    return std::move(feature_);
  }

 private:
  void error(int line, const std::string& text, std::string message, std::string hint = "") {
    errors_.push_back({file_, line, {}, text, std::move(message), std::move(hint)});
  }

  void line(int n, const std::string& raw) {
    std::string t = trim(raw);
    if (doc_) return doc_string_line(n, raw, t);
    if (t.empty()) return;
    if (t[0] == '#') return comment(n, t);
    if (t[0] == '@') return tag_line(n, t);
    if (t[0] == '|') return table_row(n, t);
    if (t.rfind("\"\"\"", 0) == 0 || t.rfind("```", 0) == 0) return open_doc_string(n, raw, t);
    auto [header, name] = header_of(t);
    if (header != Header::None) return header_line(n, t, header, name);
    if (auto step = step_of(t)) return step_line(n, t, step->first, step->second);
    if (description_) return;  // free text under a Feature, Rule, Scenario or Examples header
    error(n, t, "a line PACTS cannot place", "a step starts with Given, When, Then, And, But or *");
  }

  void comment(int n, const std::string& t) {
    std::string body = trim(t.substr(1));
    if (starts_with_ci(body, "language:")) {
      std::string lang = trim(body.substr(9));
      if (!feature_ && to_lower(lang) != "en")
        error(n, t, fmt::format("PACTS reads English keywords only, not '{}'", lang), "# language: en");
      return;
    }
    if (starts_with_ci(body, "url:")) {
      std::string url = trim(body.substr(4));
      if (url.empty()) return error(n, t, "a '# url:' comment needs a URL", "# url: /login");
      if (Scenario* s = current_scenario(); s && s->steps.empty() && !in_examples_) s->url = url;
      else if (!feature_ || (feature_->scenarios.empty() && feature_->rules.empty())) pending_feature_url_ = url;
      else pending_url_ = url;
    }
  }

  void tag_line(int n, const std::string& t) {
    for (const auto& word : split_words(t)) {
      if (word[0] == '#') break;  // a comment after the tags
      if (word[0] != '@' || word.size() < 2) return error(n, t, fmt::format("'{}' is not a tag: tags start with @", word));
      pending_tags_.push_back(word);
    }
  }

  void table_row(int n, const std::string& t) {
    auto cells = cells_of(t);
    if (in_examples_ && !current_scenario()->examples.empty()) {
      auto& ex = current_scenario()->examples.back();
      if (ex.header.empty()) ex.header = cells;
      else if (cells.size() != ex.header.size())
        error(n, t, fmt::format("this row has {} cells, the Examples header {}", cells.size(), ex.header.size()));
      else ex.rows.emplace_back(n, cells);
      return;
    }
    GStep* step = last_step();
    if (!step) return error(n, t, "a table row with no step above it");
    auto& table = step->argument.table;
    if (!table.empty() && table.front().size() != cells.size())
      return error(n, t, fmt::format("this row has {} cells, the table's first row {}", cells.size(), table.front().size()));
    if (table.empty()) step->argument.line = n;
    table.push_back(std::move(cells));
  }

  void open_doc_string(int n, const std::string& raw, const std::string& t) {
    GStep* step = last_step();
    if (!step) return error(n, t, "a doc string with no step above it");
    doc_ = t.substr(0, 3);
    doc_line_ = n;
    doc_indent_ = raw.find_first_not_of(" \t");
    doc_lines_.clear();
  }

  void doc_string_line(int n, const std::string& raw, const std::string& t) {
    (void)n;
    if (t == *doc_) {
      GStep* step = last_step();
      step->argument.doc_string = join(doc_lines_, "\n");
      step->argument.line = doc_line_;
      doc_.reset();
      return;
    }
    size_t cut = std::min(doc_indent_, raw.find_first_not_of(" \t") == std::string::npos ? raw.size() : raw.find_first_not_of(" \t"));
    std::string content = raw.substr(cut);
    // An escaped delimiter inside the doc string is the delimiter itself.
    if (trim(content) == "\\\"\\\"\\\"") content = "\"\"\"";
    doc_lines_.push_back(content);
  }

  std::vector<std::string> take_tags() { return std::exchange(pending_tags_, {}); }

  void header_line(int n, const std::string& t, Header header, const std::string& name) {
    description_ = true;
    if (header == Header::Feature) {
      if (feature_) return error(n, t, "a second Feature: in one file", "one Feature per .feature file");
      feature_.emplace();
      feature_->line = n;
      feature_->name = name;
      feature_->tags = take_tags();
      return;
    }
    if (!feature_) return error(n, t, "this comes before the file's Feature: line", "Feature: <name>");
    in_examples_ = false;
    switch (header) {
      case Header::Rule:
        feature_->rules.push_back({n, name, take_tags(), std::nullopt, {}});
        scenario_ = nullptr;
        background_ = nullptr;
        return;
      case Header::Background: {
        auto& slot = feature_->rules.empty() ? feature_->background : feature_->rules.back().background;
        if (slot) return error(n, t, "a second Background: here");
        if (!pending_tags_.empty()) error(n, t, "a Background takes no tags");
        pending_tags_.clear();
        slot.emplace();
        slot->line = n;
        background_ = &*slot;
        scenario_ = nullptr;
        return;
      }
      case Header::Scenario:
      case Header::Outline: {
        auto& list = feature_->rules.empty() ? feature_->scenarios : feature_->rules.back().scenarios;
        Scenario s;
        s.line = n;
        s.name = name;
        s.outline = header == Header::Outline;
        s.tags = take_tags();
        s.url = std::exchange(pending_url_, {});
        if (feature_->url.empty()) feature_->url = std::exchange(pending_feature_url_, {});
        list.push_back(std::move(s));
        scenario_ = &list.back();
        background_ = nullptr;
        return;
      }
      case Header::Examples: {
        Scenario* s = current_scenario();
        if (!s) return error(n, t, "Examples: outside a scenario");
        s->outline = true;  // Cucumber runs a Scenario with Examples as an outline too
        s->examples.push_back({n, name, take_tags(), {}, {}});
        in_examples_ = true;
        return;
      }
      default:
        return;
    }
  }

  void step_line(int n, const std::string& t, const std::string& keyword, const std::string& text) {
    description_ = false;
    if (in_examples_) return error(n, t, "a step under Examples: (steps go above the Examples table)");
    std::vector<GStep>* steps = background_ ? &background_->steps : scenario_ ? &scenario_->steps : nullptr;
    if (!steps) return error(n, t, "a step outside any Scenario or Background", "Scenario: <name>\n  Given ...");
    if (text.empty()) return error(n, t, "an empty step");
    steps->push_back({n, keyword, text, {}});
  }

  Scenario* current_scenario() { return scenario_; }
  GStep* last_step() {
    if (in_examples_) return nullptr;
    auto* steps = background_ ? &background_->steps : scenario_ ? &scenario_->steps : nullptr;
    return steps && !steps->empty() ? &steps->back() : nullptr;
  }

  const std::string& file_;
  std::vector<PlanError>& errors_;
  std::optional<Feature> feature_;
  Scenario* scenario_ = nullptr;
  Background* background_ = nullptr;
  bool in_examples_ = false;
  bool description_ = false;
  std::vector<std::string> pending_tags_;
  std::string pending_url_, pending_feature_url_;
  std::optional<std::string> doc_;
  int doc_line_ = 0;
  size_t doc_indent_ = 0;
  std::vector<std::string> doc_lines_;
};

}  // namespace

std::optional<Feature> parse_gherkin(const std::string& file, const std::string& content, std::vector<PlanError>& errors) {
  return FeatureParser(file, errors).run(content);
}

}  // namespace pacts::gherkin
