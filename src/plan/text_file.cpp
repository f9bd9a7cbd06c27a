// Plain-text requirement files: Test:/URL:/Steps:/Expected: sections with one sentence per line.
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "core/text.h"
#include "plan/loader.h"
#include "plan/sentence.h"

namespace pacts {

namespace {

enum class Section { None, Meta, Steps, Expected };

enum class Header { Test, Url, Prerequisites, Priority, Description, Notes, Steps, Expected, None };

// Recognises "Key: rest" headers; returns the header and the text after the colon.
std::pair<Header, std::string> read_header(const std::string& line) {
  static const std::pair<const char*, Header> kHeaders[] = {
      {"test name", Header::Test},          {"test case", Header::Test},
      {"test", Header::Test},               {"title", Header::Test},
      {"target url", Header::Url},          {"url", Header::Url},
      {"start url", Header::Url},           {"prerequisites", Header::Prerequisites},
      {"prerequisite", Header::Prerequisites}, {"preconditions", Header::Prerequisites},
      {"priority", Header::Priority},       {"description", Header::Description},
      {"notes", Header::Notes},             {"note", Header::Notes},
      {"test steps", Header::Steps},        {"steps", Header::Steps},
      {"expected results", Header::Expected}, {"expected result", Header::Expected},
      {"expected outcomes", Header::Expected}, {"expected outcome", Header::Expected},
      {"expected", Header::Expected},
  };
  auto colon = line.find(':');
  if (colon == std::string::npos) return {Header::None, {}};
  std::string key = to_lower(collapse_spaces(line.substr(0, colon)));
  for (const auto& [name, header] : kHeaders)
    if (key == name) return {header, trim(line.substr(colon + 1))};
  return {Header::None, {}};
}

struct TestBuilder {
  Test test;
  bool explicit_name = false;
  std::optional<Action> field_list;  // a "Fill customer info:" waiting for its bullet lines
  int field_list_line = 0;
  std::vector<PlanError>* errors;
  size_t errors_at_start = 0;  // a test whose every sentence failed is not also reported as empty

  const Step* last_fill() const {
    for (auto it = test.steps.rbegin(); it != test.steps.rend(); ++it)
      if (it->action == Action::Fill || it->action == Action::Type) return &*it;
    return nullptr;
  }
  const Step* last_step() const { return test.steps.empty() ? nullptr : &test.steps.back(); }

  // The sentence is reported, and kept in the test as a refused step (`pacts plan --json` shows it).
  void error(int line, const std::string& sentence, const SentenceError& e) {
    errors->push_back({test.file, line, {}, sentence, e.message, e.hint});
    Step u;
    u.file = test.file;
    u.line = line;
    u.sentence = sentence;
    u.action = Action::Unclear;
    u.refusal = e.message;
    u.hint = e.hint;
    test.steps.push_back(std::move(u));
  }

  void add_steps(std::vector<Step>& steps, int line, const std::string& sentence) {
    for (auto& s : steps) {
      s.file = test.file;
      s.line = line;
      s.sentence = sentence;
      test.steps.push_back(std::move(s));
    }
  }

  void add_results(SentenceResult& r, int line, const std::string& sentence, bool expected_section) {
    if (r.error) return error(line, sentence, *r.error);
    add_steps(r.steps, line, sentence);
    for (auto& a : r.assertions) {
      a.file = test.file;
      a.line = line;
      a.sentence = sentence;
      a.after_step = expected_section ? -1 : static_cast<int>(test.steps.size());
      test.assertions.push_back(std::move(a));
    }
    field_list = r.opens_field_list;
    field_list_line = line;
  }

  void step_line(int line, const std::string& raw) {
    std::string sentence = strip_step_marker(raw);
    if (sentence.empty()) return;
    if (field_list && (has_bullet_marker(raw) || (!has_step_marker(raw) && std::isspace(static_cast<unsigned char>(raw[0]))))) {
      auto r = parse_field_list_item(raw, *field_list);
      if (r.error) return error(line, sentence, *r.error);
      return add_steps(r.steps, line, sentence);
    }
    close_field_list();
    SentenceContext ctx{last_fill(), last_step()};
    auto r = parse_step_sentence(sentence, ctx);
    add_results(r, line, sentence, false);
  }

  void expected_line(int line, const std::string& raw) {
    close_field_list();
    std::string sentence = strip_step_marker(raw);
    if (sentence.empty()) return;
    auto r = parse_expected_sentence(sentence);
    add_results(r, line, sentence, true);
  }

  void close_field_list() {
    if (!field_list) return;
    // The list opened but no fields followed.
    bool has_fields = !test.steps.empty() && test.steps.back().line > field_list_line;
    if (!has_fields)
      errors->push_back({test.file, field_list_line, {}, {}, "a field list ends with ':' but no '- Field: value' lines follow",
                         "Fill customer info:\n  - First Name: John\n  - Last Name: Doe"});
    field_list.reset();
  }
};

std::string file_stem(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  auto dot = base.rfind('.');
  return dot == std::string::npos ? base : base.substr(0, dot);
}

// Lines end with \n, \r\n or a lone \r (old Mac editors, some exports): all three are line breaks.
std::vector<std::string> split_lines(const std::string& content) {
  std::vector<std::string> lines(1);
  for (size_t i = 0; i < content.size(); ++i) {
    char c = content[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < content.size() && content[i + 1] == '\n') ++i;
      lines.emplace_back();
    } else {
      lines.back() += c;
    }
  }
  return lines;
}

// Reads a file line by line: headers start tests and sections; every other line belongs to its section.
class TextFileReader {
 public:
  TextFileReader(const std::string& file, const LoadOptions& options, std::vector<PlanError>& errors)
      : file_(file), options_(options), errors_(errors), errors_before_(errors.size()) {}

  std::vector<Test> read(const std::string& content) {
    // A .txt test has no tags: under --tags it is read only when the expression holds for no tags ("not @slow").
    if (options_.tags && !options_.tags->matches({})) return {};
    auto lines = split_lines(content);
    for (size_t idx = 0; idx < lines.size(); ++idx) {
      std::string raw = lines[idx];
      if (idx == 0 && raw.rfind("\xEF\xBB\xBF", 0) == 0) raw = raw.substr(3);  // UTF-8 BOM
      read_line(static_cast<int>(idx) + 1, raw);
    }
    finish_test();
    return checked_tests();
  }

 private:
  void read_line(int line_no, const std::string& raw) {
    std::string t = trim(raw);
    if (t.empty() || t[0] == '#' || t.rfind("//", 0) == 0) return;
    auto [header, rest] =
        has_step_marker(t) || has_bullet_marker(t) ? std::pair{Header::None, std::string()} : read_header(t);
    if (header != Header::None) return read_header_line(line_no, header, rest);
    switch (section_) {
      case Section::Steps: return cur_->step_line(line_no, raw);
      case Section::Expected: return cur_->expected_line(line_no, raw);
      case Section::Meta:
        if (has_step_marker(t)) {  // numbered steps without a "Steps:" line
          section_ = Section::Steps;
          cur_->step_line(line_no, raw);
        } else if (meta_target_) {
          *meta_target_ += (meta_target_->empty() ? "" : " ") + t;
        }
        return;
      case Section::None:
        errors_.push_back({file_, line_no, {}, t, "text outside any section",
                           "start the file with 'Test: <name>', 'URL: <url>' and 'Steps:'"});
        return;
    }
  }

  void read_header_line(int line_no, Header header, const std::string& rest) {
    if (header == Header::Test) {
      // A second Test: with content starts the next test; a Test: right after an implicit start names it.
      if (cur_ && (cur_->explicit_name || !cur_->test.steps.empty() || !cur_->test.assertions.empty())) finish_test();
      ensure_test(line_no);
      cur_->test.name = rest.empty() ? file_stem(file_) : rest;
      cur_->test.line = line_no;
      cur_->explicit_name = true;
      enter_meta(nullptr);
      return;
    }
    ensure_test(line_no);
    switch (header) {
      case Header::Url:
        cur_->test.url = rest;
        enter_meta(nullptr);
        return;
      case Header::Steps:
        section_ = Section::Steps;
        if (!rest.empty()) cur_->step_line(line_no, rest);
        return;
      case Header::Expected:
        section_ = Section::Expected;
        if (!rest.empty()) cur_->expected_line(line_no, rest);
        return;
      default: {
        // Free text for people (priority, description, prerequisites, notes); a note between steps does not
        // end the Steps section.
        bool inside_steps = section_ == Section::Steps || section_ == Section::Expected;
        if (header == Header::Priority) cur_->test.priority = rest;
        if (header == Header::Description) cur_->test.description = rest;
        if (!inside_steps) enter_meta(header == Header::Description ? &cur_->test.description : nullptr);
        return;
      }
    }
  }

  void enter_meta(std::string* continues) {
    section_ = Section::Meta;
    meta_target_ = continues;
  }

  void ensure_test(int line) {
    if (cur_) return;
    cur_.emplace();
    cur_->errors = &errors_;
    cur_->errors_at_start = errors_.size();
    cur_->test.file = file_;
    cur_->test.line = line;
    cur_->test.name = file_stem(file_);
  }

  void finish_test() {
    if (!cur_) return;
    cur_->close_field_list();
    had_errors_.push_back(errors_.size() > cur_->errors_at_start);
    tests_.push_back(std::move(cur_->test));
    cur_.reset();
  }

  // Every test must have steps and a place to start; Expected: outcomes are checked after the last step.
  std::vector<Test> checked_tests() {
    if (tests_.empty() && errors_.size() == errors_before_)
      errors_.push_back({file_, 0, {}, {}, "no test in this file", "Test: <name>\nURL: <url>\nSteps:\n1. Click \"Save\""});
    for (size_t ti = 0; ti < tests_.size(); ++ti) {
      Test& test = tests_[ti];
      if (test.steps.empty()) {
        if (had_errors_[ti]) continue;
        errors_.push_back({file_, test.line, {}, {}, fmt::format("test '{}' has no steps", test.name),
                           "add a 'Steps:' section with numbered sentences"});
        continue;
      }
      for (auto& a : test.assertions)
        if (a.after_step < 0) a.after_step = static_cast<int>(test.steps.size());
      if (test.url.empty() && test.steps.front().action != Action::Goto && test.unclear_steps().empty())
        errors_.push_back({file_, test.line, {}, {}, fmt::format("test '{}' has no URL", test.name),
                           "add 'URL: /path' (relative to --serve/--base-url) or start with 'Go to <url>'"});
    }
    std::vector<Test> out;
    for (auto& test : tests_)
      for (auto& t : tests_for_rows(std::move(test), options_, errors_)) out.push_back(std::move(t));
    return out;
  }

  const std::string& file_;
  const LoadOptions& options_;
  std::vector<PlanError>& errors_;
  size_t errors_before_;
  std::vector<Test> tests_;
  std::vector<bool> had_errors_;
  std::optional<TestBuilder> cur_;
  Section section_ = Section::None;
  std::string* meta_target_ = nullptr;
};

}  // namespace

std::vector<Test> read_text_requirements(const std::string& file, const std::string& content,
                                         const LoadOptions& options, std::vector<PlanError>& errors) {
  return TextFileReader(file, options, errors).read(content);
}

}  // namespace pacts
