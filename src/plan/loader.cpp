#include "plan/loader.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"
#include "plan/variables.h"

namespace pacts {

namespace fs = std::filesystem;

std::string PlanError::str() const {
  std::string out = file;
  if (line > 0) out += fmt::format(":{}", line);
  if (!where.empty()) out += fmt::format(" ({})", where);
  out += ": " + message;
  if (!sentence.empty()) out += "\n    " + sentence;
  if (!hint.empty()) out += "\n    closest form: " + hint;
  return out;
}

namespace {

// The line of the first byte sequence that is not UTF-8, or 0.
int first_invalid_utf8_line(const std::string& s) {
  int line = 1;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return line;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return line;
    if (c == '\n') ++line;
    i += n;
  }
  return 0;
}

bool is_requirement_file(const fs::path& p) {
  auto ext = to_lower(p.extension().string());
  return ext == ".txt" || ext == ".json";
}

void bind_field(std::optional<std::string>& field, std::optional<std::string>* display, const VariableScope& scope,
                const std::string& file, int line, const std::string& sentence, std::vector<PlanError>& errors) {
  if (!field) return;
  auto b = bind_variables(*field, scope);
  if (!b.error.empty()) {
    errors.push_back({file, line, line > 0 ? std::string() : "step", sentence, b.error, {}});
    return;
  }
  if (display) *display = b.display;
  field = b.value;
}

}  // namespace

void bind_test(Test& test, const std::map<std::string, std::string>& row, const LoadOptions& options,
               std::vector<PlanError>& errors) {
  VariableScope scope;
  scope.vars = options.vars;
  for (const auto& [k, v] : row) scope.vars[k] = v;
  scope.env = &options.env;
  // Fixed once per test: every step of the test sees the same {timestamp}.
  scope.timestamp = options.timestamp ? options.timestamp()
                                      : std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                                           std::chrono::system_clock::now().time_since_epoch())
                                                           .count());
  std::optional<std::string> url = test.url, display_url;
  bind_field(url, &display_url, scope, test.file, test.line, "URL: " + test.url, errors);
  test.url = url.value_or("");
  test.display_url = display_url.value_or(test.url);
  for (auto& s : test.steps) {
    bind_field(s.value, &s.display_value, scope, s.file, s.line, s.sentence, errors);
    std::optional<std::string> target = s.has_target() ? std::optional<std::string>(s.target.text) : std::nullopt;
    std::optional<std::string> target_display;
    bind_field(target, &target_display, scope, s.file, s.line, s.sentence, errors);
    s.target.text = target.value_or("");
    if (target_display && target && *target_display != *target)
      errors.push_back({s.file, s.line, {}, s.sentence, "a secret (@env:) cannot be part of a target", {}});
    // Scopes and contexts become part of cache keys (stored in every tier): no secrets there.
    for (auto* field : {&s.target.within, &s.target.context}) {
      std::optional<std::string> shown;
      bind_field(*field, &shown, scope, s.file, s.line, s.sentence, errors);
      if (shown && *field && *shown != **field)
        errors.push_back({s.file, s.line, {}, s.sentence, "a secret (@env:) cannot be part of a scope or a context", {}});
    }
  }
  for (auto& a : test.assertions) {
    std::optional<std::string> v = a.value, d;
    bind_field(v, &d, scope, a.file, a.line, a.sentence, errors);
    a.value = v.value_or("");
    a.display_value = d.value_or(a.value);
  }
}

std::vector<std::string> requirement_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec))
        if (it->is_regular_file() && is_requirement_file(it->path())) found.push_back(it->path().string());
      std::sort(found.begin(), found.end());
      if (found.empty()) throw_bad_input(fmt::format("{}: no requirement files (*.txt, *.json) in this folder", p));
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      throw_bad_input(fmt::format("{}: no such file or folder", p));
    }
  }
  return files;
}

Plan load_plan(const std::vector<std::string>& paths, const LoadOptions& options) {
  Plan plan;
  std::vector<PlanError> errors;
  for (const auto& file : requirement_files(paths)) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      errors.push_back({file, 0, {}, {}, "cannot read this file", {}});
      continue;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    std::string content = buf.str();
    if (int bad = first_invalid_utf8_line(content)) {
      errors.push_back({file, bad, {}, {}, "this line is not valid UTF-8 (save the file as UTF-8)", {}});
      continue;
    }
    auto tests = to_lower(fs::path(file).extension().string()) == ".json"
                     ? read_json_suite(file, content, options, errors)
                     : read_text_requirements(file, content, options, errors);
    for (auto& t : tests) plan.tests.push_back(std::move(t));
  }
  if (!errors.empty()) {
    std::string msg;
    for (const auto& e : errors) msg += e.str() + "\n";
    msg += fmt::format("{} problem{} in the requirement files", errors.size(), errors.size() == 1 ? "" : "s");
    throw_bad_input(msg);
  }
  return plan;
}

}  // namespace pacts
