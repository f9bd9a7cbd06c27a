// Plain-text requirement files: Test:/URL:/Steps:/Expected: sections with one sentence per line.
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "core/text.h"
#include "spec/loader.h"
#include "spec/sentence.h"

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
  std::vector<SpecError>* errors;
  size_t errors_at_start = 0;  // a test whose every sentence failed is not also reported as empty

  const Step* last_fill() const {
    for (auto it = test.steps.rbegin(); it != test.steps.rend(); ++it)
      if (it->action == Action::Fill || it->action == Action::Type) return &*it;
    return nullptr;
  }
  const Step* last_step() const { return test.steps.empty() ? nullptr : &test.steps.back(); }

  void error(int line, const std::string& sentence, const SentenceError& e) {
    errors->push_back({test.file, line, {}, sentence, e.message, e.hint});
  }

  void add_results(SentenceResult& r, int line, const std::string& sentence, bool expected_section) {
    if (r.error) return error(line, sentence, *r.error);
    for (auto& s : r.steps) {
      s.file = test.file;
      s.line = line;
      s.sentence = sentence;
      test.steps.push_back(std::move(s));
    }
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
      for (auto& s : r.steps) {
        s.file = test.file;
        s.line = line;
        s.sentence = sentence;
        test.steps.push_back(std::move(s));
      }
      return;
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

}  // namespace

std::vector<Test> read_text_requirements(const std::string& file, const std::string& content,
                                         const LoadOptions& options, std::vector<SpecError>& errors) {
  std::vector<Test> tests;
  std::vector<bool> had_errors;
  std::optional<TestBuilder> cur;
  Section section = Section::None;
  std::string* meta_target = nullptr;
  size_t errors_before = errors.size();

  auto finish = [&] {
    if (!cur) return;
    cur->close_field_list();
    had_errors.push_back(errors.size() > cur->errors_at_start);
    tests.push_back(std::move(cur->test));
    cur.reset();
  };
  auto ensure_test = [&](int line) {
    if (cur) return;
    cur.emplace();
    cur->errors = &errors;
    cur->errors_at_start = errors.size();
    cur->test.file = file;
    cur->test.line = line;
    cur->test.name = file_stem(file);
  };

  auto lines = split(content, '\n');
  for (size_t idx = 0; idx < lines.size(); ++idx) {
    int line_no = static_cast<int>(idx) + 1;
    std::string raw = lines[idx];
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (idx == 0 && raw.rfind("\xEF\xBB\xBF", 0) == 0) raw = raw.substr(3);  // UTF-8 BOM
    std::string t = trim(raw);
    if (t.empty() || t[0] == '#' || t.rfind("//", 0) == 0) continue;

    auto [header, rest] = has_step_marker(t) || has_bullet_marker(t) ? std::pair{Header::None, std::string()} : read_header(t);
    switch (header) {
      case Header::Test:
        // A second Test: with content starts the next test; a Test: right after an implicit start names it.
        if (cur && (cur->explicit_name || !cur->test.steps.empty() || !cur->test.assertions.empty())) finish();
        ensure_test(line_no);
        cur->test.name = rest.empty() ? file_stem(file) : rest;
        cur->test.line = line_no;
        cur->explicit_name = true;
        section = Section::Meta;
        meta_target = nullptr;
        continue;
      case Header::Url:
        ensure_test(line_no);
        cur->test.url = rest;
        section = Section::Meta;
        meta_target = nullptr;
        continue;
      case Header::Priority:
      case Header::Description:
      case Header::Prerequisites:
      case Header::Notes: {
        // Free text for people; a note between steps does not end the Steps section.
        ensure_test(line_no);
        bool inside_steps = section == Section::Steps || section == Section::Expected;
        if (header == Header::Priority) cur->test.priority = rest;
        if (header == Header::Description) cur->test.description = rest;
        if (!inside_steps) {
          section = Section::Meta;
          meta_target = header == Header::Description ? &cur->test.description : nullptr;
        }
        continue;
      }
      case Header::Steps:
        ensure_test(line_no);
        section = Section::Steps;
        if (!rest.empty()) cur->step_line(line_no, rest);
        continue;
      case Header::Expected:
        ensure_test(line_no);
        section = Section::Expected;
        if (!rest.empty()) cur->expected_line(line_no, rest);
        continue;
      case Header::None:
        break;
    }
    switch (section) {
      case Section::Steps:
        cur->step_line(line_no, raw);
        break;
      case Section::Expected:
        cur->expected_line(line_no, raw);
        break;
      case Section::Meta:
        if (has_step_marker(t)) {  // numbered steps without a "Steps:" line
          section = Section::Steps;
          cur->step_line(line_no, raw);
        } else if (meta_target) {
          *meta_target += (meta_target->empty() ? "" : " ") + t;
        }
        break;
      case Section::None:
        errors.push_back({file, line_no, {}, t, "text outside any section",
                          "start the file with 'Test: <name>', 'URL: <url>' and 'Steps:'"});
        break;
    }
  }
  finish();

  if (tests.empty() && errors.size() == errors_before)
    errors.push_back({file, 0, {}, {}, "no test in this file", "Test: <name>\nURL: <url>\nSteps:\n1. Click \"Save\""});
  for (size_t ti = 0; ti < tests.size(); ++ti) {
    Test& test = tests[ti];
    if (test.steps.empty()) {
      if (had_errors[ti]) continue;
      errors.push_back({file, test.line, {}, {}, fmt::format("test '{}' has no steps", test.name),
                        "add a 'Steps:' section with numbered sentences"});
      continue;
    }
    for (auto& a : test.assertions)
      if (a.after_step < 0) a.after_step = static_cast<int>(test.steps.size());
    if (test.url.empty() && test.steps.front().action != Action::Goto)
      errors.push_back({file, test.line, {}, {}, fmt::format("test '{}' has no URL", test.name),
                        "add 'URL: /path' (relative to --serve/--base-url) or start with 'Go to <url>'"});
    bind_test(test, {}, options, errors);
  }
  return tests;
}

}  // namespace pacts
