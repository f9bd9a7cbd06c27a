#include "plan/loader.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"
#include "plan/macros.h"
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
  return ext == ".txt" || ext == ".json" || ext == ".feature";
}

bool is_feature(const std::string& file) { return to_lower(fs::path(file).extension().string()) == ".feature"; }

bool read_file(const std::string& file, std::string& content, std::vector<PlanError>& errors) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    errors.push_back({file, 0, {}, {}, "cannot read this file", {}});
    return false;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  content = buf.str();
  if (int bad = first_invalid_utf8_line(content)) {
    errors.push_back({file, bad, {}, {}, "this line is not valid UTF-8 (save the file as UTF-8)", {}});
    return false;
  }
  return true;
}

// The macros: every *.steps file in the folders of the feature files (and in folders given as paths), and the
// files the config names.
std::shared_ptr<const MacroSet> read_macros(const std::vector<std::string>& files, const LoadOptions& options,
                                            std::vector<PlanError>& errors) {
  std::vector<std::string> step_files = options.macro_files;
  std::set<std::string> folders;
  for (const auto& f : files)
    if (is_feature(f)) folders.insert(fs::path(f).parent_path().string());
  for (const auto& folder : folders) {
    std::error_code ec;
    std::vector<std::string> found;
    for (auto it = fs::directory_iterator(folder.empty() ? "." : folder, ec); !ec && it != fs::directory_iterator();
         it.increment(ec))
      if (it->is_regular_file() && to_lower(it->path().extension().string()) == ".steps") found.push_back(it->path().string());
    std::sort(found.begin(), found.end());
    step_files.insert(step_files.end(), found.begin(), found.end());
  }
  auto macros = std::make_shared<MacroSet>();
  std::set<std::string> seen;
  for (const auto& f : step_files) {
    if (!seen.insert(fs::weakly_canonical(f).string()).second) continue;
    std::string content;
    if (read_file(f, content, errors)) macros->add_file(f, content, errors);
  }
  return macros;
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

// A file to attach is named relative to the requirement file; it must be there when the plan is read.
void attach_path(Step& s, std::vector<PlanError>& errors) {
  fs::path p = s.value->clear();
  if (p.is_relative()) p = fs::path(s.file).parent_path() / p;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) {
    std::string shown = s.secret() ? s.value->masked() : p.lexically_normal().string();
    errors.push_back({s.file, s.line, {}, s.sentence, fmt::format("the file to attach is not there: {}", shown),
                      "a path relative to the requirement file"});
    return;
  }
  std::string absolute = fs::absolute(p, ec).lexically_normal().string();
  s.value = s.secret() ? MaskedText::secret(absolute) : MaskedText(absolute);
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
  for (auto& s : test.steps)
    if (s.action == Action::Attach && s.value) attach_path(s, errors);
  for (auto& s : test.steps) {
    if (!s.destination) continue;
    std::optional<std::string> to = s.destination->text;
    bind_plain_field(to, "a target", scope, s, errors);
    s.destination->text = to.value_or("");
  }
  for (auto& a : test.assertions) {
    bind_field(a.value, scope, a.file, a.line, a.sentence, errors);
    Step where;  // for the messages: the assertion's place
    where.file = a.file;
    where.line = a.line;
    where.sentence = a.sentence;
    std::optional<std::string> target = a.target.text.empty() ? std::nullopt : std::optional<std::string>(a.target.text);
    bind_plain_field(target, "a target", scope, where, errors);
    a.target.text = target.value_or("");
    bind_plain_field(a.target.within, "a scope", scope, where, errors);
  }
}

std::vector<Test> tests_for_rows(Test test, const LoadOptions& options, std::vector<PlanError>& errors) {
  std::vector<Test> out;
  if (options.data_rows.empty()) {
    bind_test(test, {}, options, errors);
    out.push_back(std::move(test));
    return out;
  }
  // Every variable the test needs must be a column (or a --var): a misspelt column is named, not left unbound.
  std::vector<std::pair<std::string, std::string>> needed;  // name, where
  auto need = [&](const std::string& text, const std::string& file, int line) {
    for (auto& v : variables_needed(text)) needed.emplace_back(v, fmt::format("{}:{}", file, line));
  };
  need(test.url.clear(), test.file, test.line);
  for (const auto& s : test.steps) {
    if (s.value) need(s.value->clear(), s.file, s.line);
    need(s.target.text, s.file, s.line);
  }
  for (const auto& a : test.assertions) need(a.value.clear(), a.file, a.line);
  const auto& columns = options.data_rows.front();
  for (const auto& [name, where] : needed) {
    if (columns.count(name) || options.vars.count(name) || name == "timestamp") continue;
    errors.push_back({test.file, test.line, {}, {},
                      fmt::format("{} has no column \"{}\" (used at {})", options.data_file, name, where),
                      fmt::format("add a \"{}\" column to {}", name, options.data_file)});
    return out;
  }
  for (size_t i = 0; i < options.data_rows.size(); ++i) {
    Test t = test;
    t.name = fmt::format("{} [row {}]", test.name, i + 1);
    for (const auto& [k, v] : options.data_rows[i]) t.example.emplace_back(k, v);
    bind_test(t, options.data_rows[i], options, errors);
    out.push_back(std::move(t));
  }
  return out;
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
      if (found.empty())
        throw_bad_input(fmt::format("{}: no requirement files (*.txt, *.json, *.feature) in this folder", p));
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      throw_bad_input(fmt::format("{}: no such file or folder", p));
    }
  }
  return files;
}

std::string plan_errors_text(const std::vector<PlanError>& errors) {
  std::string msg;
  for (const auto& e : errors) msg += e.str() + "\n";
  msg += fmt::format("{} problem{} in the requirement files", errors.size(), errors.size() == 1 ? "" : "s");
  return msg;
}

PlanReading read_plan(const std::vector<std::string>& paths, const LoadOptions& options_in) {
  PlanReading out;
  auto files = requirement_files(paths);
  LoadOptions options = options_in;
  if (!options.macros) options.macros = read_macros(files, options, out.errors);
  for (const auto& file : files) {
    std::string content;
    if (!read_file(file, content, out.errors)) continue;
    std::string ext = to_lower(fs::path(file).extension().string());
    auto tests = ext == ".json"      ? read_json_suite(file, content, options, out.errors)
                 : ext == ".feature" ? read_gherkin_feature(file, content, options, out.errors)
                                     : read_text_requirements(file, content, options, out.errors);
    for (auto& t : tests) out.plan.tests.push_back(std::move(t));
  }
  return out;
}

Plan load_plan(const std::vector<std::string>& paths, const LoadOptions& options) {
  auto reading = read_plan(paths, options);
  if (!reading.errors.empty()) throw_bad_input(plan_errors_text(reading.errors));
  return std::move(reading.plan);
}

}  // namespace pacts
