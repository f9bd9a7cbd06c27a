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
  if (!hint.empty()) out += (where.empty() ? "\n    closest form: " : "\n    hint: ") + hint;
  return out;
}

namespace {

// The line of the first byte sequence that is not well-formed UTF-8, or 0. Well-formed as RFC 3629 says: no
// overlong forms, no surrogates, nothing above U+10FFFF. The JSON report, the DevTools protocol and the store
// refuse anything else, so accepting it here would only move the failure into the run (an internal error).
int first_invalid_utf8_line(const std::string& s) {
  int line = 1;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80                ? 1
               : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    if (n == 0 || i + n > s.size()) return line;
    // The second byte's range depends on the first; the others are plain continuation bytes.
    unsigned char lowest = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char highest = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    for (size_t k = 1; k < n; ++k) {
      unsigned char b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lowest : 0x80) || b > (k == 1 ? highest : 0xBF)) return line;
    }
    if (c == '\n') ++line;
    i += n;
  }
  return 0;
}

bool is_requirement_file(const fs::path& p) {
  auto ext = to_lower(p.extension().string());
  return ext == ".txt" || ext == ".json";
}

// Binds one field in place; false (with the error recorded) when a variable is missing.
bool bind_field(MaskedText& field, const VariableScope& scope, const std::string& file, int line,
                const std::string& sentence, std::vector<PlanError>& errors) {
  auto b = bind_variables(field.clear(), scope);
  if (!b.error.empty()) {
    errors.push_back({file, line, line > 0 ? std::string() : "step", sentence, b.error, {}});
    return false;
  }
  field = std::move(b.text);
  return true;
}

// Targets, scopes and contexts become part of cache keys (stored in every tier): no secrets there.
void bind_plain_field(std::optional<std::string>& field, const char* what, const VariableScope& scope,
                      const Step& s, std::vector<PlanError>& errors) {
  if (!field) return;
  MaskedText t(*field);
  if (!bind_field(t, scope, s.file, s.line, s.sentence, errors)) return;
  if (t.has_secret())
    errors.push_back({s.file, s.line, {}, s.sentence, fmt::format("a secret (@env:) cannot be part of {}", what), {}});
  else
    field = t.clear();
}

}  // namespace

void bind_test(Test& test, const std::map<std::string, std::string>& row, const LoadOptions& options,
               std::vector<PlanError>& errors) {
  VariableScope scope;
  // A variable's value may itself be @env:NAME (a password given as --var pw=@env:PW, or in a data row).
  auto add_vars = [&](const std::map<std::string, std::string>& vars, const std::string& where) {
    for (const auto& [k, v] : vars) {
      auto b = bind_variable_value(v, &options.env);
      if (!b.error.empty())
        errors.push_back({test.file, test.line, where, {}, fmt::format("variable '{}': {}", k, b.error), {}});
      // Bound even when it failed, so that its uses do not repeat the error as "not set".
      scope.vars[k] = std::move(b.text);
    }
  };
  add_vars(options.vars, "--var");
  add_vars(row, row.empty() ? "" : "data row");
  scope.env = &options.env;
  // Fixed once per test: every step of the test sees the same {timestamp}.
  scope.timestamp = options.timestamp ? options.timestamp()
                                      : std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                                           std::chrono::system_clock::now().time_since_epoch())
                                                           .count());
  bind_field(test.url, scope, test.file, test.line, "URL: " + test.url.clear(), errors);
  for (auto& s : test.steps) {
    if (s.value) bind_field(*s.value, scope, s.file, s.line, s.sentence, errors);
    std::optional<std::string> target = s.has_target() ? std::optional<std::string>(s.target.text) : std::nullopt;
    bind_plain_field(target, "a target", scope, s, errors);
    s.target.text = target.value_or("");
    bind_plain_field(s.target.within, "a scope", scope, s, errors);
    bind_plain_field(s.target.context, "a context", scope, s, errors);
  }
  for (auto& a : test.assertions) bind_field(a.value, scope, a.file, a.line, a.sentence, errors);
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
