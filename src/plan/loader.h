#pragma once
// Reading requirement files into a Plan. Directories are read recursively (*.txt and *.json, in name order).
// Every problem of every file is collected, and load_plan throws one pacts::Error(BadInput) listing them all,
// each with its file, line and sentence, so a tester fixes a file in one pass.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "plan/plan.h"

namespace pacts {

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
};

Plan load_plan(const std::vector<std::string>& paths, const LoadOptions& options);

// The readers, for tests: they append to `errors` instead of throwing.
std::vector<Test> read_text_requirements(const std::string& file, const std::string& content,
                                         const LoadOptions& options, std::vector<PlanError>& errors);
// The keys each kind of JSON suite object may have (suite, suite_meta, testcase, step, assertion), as
// docs/json-suite.schema.json documents them; any other key is an error.
const std::map<std::string, std::vector<std::string>>& json_suite_keys();
std::vector<Test> read_json_suite(const std::string& file, const std::string& content, const LoadOptions& options,
                                  std::vector<PlanError>& errors);
// Expands directories into their requirement files, sorted; a missing path is an error.
std::vector<std::string> requirement_files(const std::vector<std::string>& paths);

// Binds ${var}, {{var}}, @env:NAME and {timestamp} in every field of the test, in place.
void bind_test(Test& test, const std::map<std::string, std::string>& row, const LoadOptions& options,
               std::vector<PlanError>& errors);

}  // namespace pacts
