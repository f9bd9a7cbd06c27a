#pragma once
// Reading requirement files into a Plan. Directories are read recursively (*.txt, *.json and *.feature, in name
// order). Every problem of every file is collected, each with its file, line and sentence, so a tester fixes a
// file in one pass: load_plan throws one pacts::Error(BadInput) listing them all; read_plan returns them beside
// the plan, in which a sentence PACTS refused is kept as an Action::Unclear step (`pacts plan --json`).
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plan/plan.h"
#include "plan/tags.h"

namespace pacts {

class MacroSet;

struct PlanError {
  std::string file;
  int line = 0;           // 0: no line (JSON); `where` says where instead
  std::string where;      // "testcases[0].steps[2]" for JSON
  std::string sentence;
  std::string message;
  std::string hint;

  std::string str() const;
};

struct LoadOptions {
  std::map<std::string, std::string> vars;                  // --var k=v
  std::map<std::string, std::string> env;                   // for @env:NAME
  std::function<std::string()> timestamp;                   // {timestamp}; default: seconds since the epoch
  std::map<std::string, std::string> pages;                 // [pages]: named page (page_key form) -> path
  std::optional<TagExpression> tags;                        // --tags: only the tests whose tags match
  std::vector<std::string> macro_files;                     // [macros] files, besides the *.steps next to features
  std::shared_ptr<const MacroSet> macros;                   // read_plan fills it from the files above
  // --data: one test per row for every .txt test and every JSON testcase without data of its own. Each row maps
  // a column to its text (which may be @env:NAME); `data_file` names the file in messages.
  std::string data_file;
  std::vector<std::map<std::string, std::string>> data_rows;
};

struct PlanReading {
  Plan plan;                     // every test read, refused sentences kept as Action::Unclear steps
  std::vector<PlanError> errors;  // empty: the plan can run
};

PlanReading read_plan(const std::vector<std::string>& paths, const LoadOptions& options);
Plan load_plan(const std::vector<std::string>& paths, const LoadOptions& options);
// The message load_plan throws: every error, then how many.
std::string plan_errors_text(const std::vector<PlanError>& errors);

// The readers, for tests and fuzzing: they append to `errors` instead of throwing.
std::vector<Test> read_text_requirements(const std::string& file, const std::string& content,
                                         const LoadOptions& options, std::vector<PlanError>& errors);
// The keys each kind of JSON suite object may have (suite, suite_meta, testcase, step, assertion), as
// docs/json-suite.schema.json documents them; any other key is an error.
const std::map<std::string, std::vector<std::string>>& json_suite_keys();
std::vector<Test> read_json_suite(const std::string& file, const std::string& content, const LoadOptions& options,
                                  std::vector<PlanError>& errors);
// A .feature file: one test per scenario and per Examples row, with options.macros (when set) for domain steps.
std::vector<Test> read_gherkin_feature(const std::string& file, const std::string& content, const LoadOptions& options,
                                       std::vector<PlanError>& errors);
// Expands directories into their requirement files, sorted; a missing path is an error.
std::vector<std::string> requirement_files(const std::vector<std::string>& paths);
// Rows for --data from a .csv (a header row, then one row per test) or a .json file (an array of objects).
// Throws Error(BadInput) naming the file and line.
std::vector<std::map<std::string, std::string>> read_data_rows(const std::string& path);

// Binds ${var}, {{var}}, @env:NAME and {timestamp} in every field of the test, in place.
void bind_test(Test& test, const std::map<std::string, std::string>& row, const LoadOptions& options,
               std::vector<PlanError>& errors);
// One test per --data row (named "<test> [row N]"), each bound with its row; a variable the test uses that no
// column gives is an error naming the data file and the column. Without data rows: the test bound as it is.
std::vector<Test> tests_for_rows(Test test, const LoadOptions& options, std::vector<PlanError>& errors);

}  // namespace pacts
