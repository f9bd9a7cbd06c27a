#pragma once
// Gherkin feature files, inside the plan module: the document as written (parse_gherkin), and the tests it
// makes (gherkin_tests.cpp reads each step with the macros, the web-step vocabularies and the verb grammar).
// English keywords: Feature, Rule, Background, Scenario / Example, Scenario Outline / Scenario Template,
// Examples / Scenarios, Given / When / Then / And / But / *, tags, data tables, doc strings and # comments.
#include <optional>
#include <string>
#include <vector>

#include "plan/loader.h"
#include "plan/sentence.h"

namespace pacts::gherkin {

struct GStep {
  int line = 0;
  std::string keyword;  // Given, When, Then, And, But, *
  std::string text;     // the sentence after the keyword
  StepArgument argument;
};

struct Examples {
  int line = 0;
  std::string name;
  std::vector<std::string> tags;
  std::vector<std::string> header;
  std::vector<std::pair<int, std::vector<std::string>>> rows;  // line, cells
};

struct Scenario {
  int line = 0;
  std::string name;
  bool outline = false;
  std::vector<std::string> tags;
  std::string url;  // from a "# url: /path" comment in or just above it
  std::vector<GStep> steps;
  std::vector<Examples> examples;
};

struct Background {
  int line = 0;
  std::vector<GStep> steps;
};

struct Rule {
  int line = 0;
  std::string name;
  std::vector<std::string> tags;
  std::optional<Background> background;
  std::vector<Scenario> scenarios;
};

struct Feature {
  int line = 0;
  std::string name;
  std::vector<std::string> tags;
  std::string url;  // "# url: /path" before the first scenario: the start of every test
  std::optional<Background> background;
  std::vector<Scenario> scenarios;  // outside any rule
  std::vector<Rule> rules;
};

// The document's structure; a problem goes to `errors` (file, line, the line's text) and parsing goes on.
std::optional<Feature> parse_gherkin(const std::string& file, const std::string& content, std::vector<PlanError>& errors);

}  // namespace pacts::gherkin
