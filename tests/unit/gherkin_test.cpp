// Gherkin feature files read into tests: structure, outlines, tags, arguments, start URLs, named pages, macros,
// and the errors a tester gets (file, line, the step).
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/error.h"
#include "core/temp_dir.h"
#include "plan/loader.h"
#include "plan/macros.h"
#include "plan/tags.h"

using namespace pacts;

namespace {

LoadOptions options() {
  LoadOptions o;
  o.timestamp = [] { return std::string("1700000000"); };
  o.env = {{"SHOP_PASSWORD", "hunter2"}, {"MAIL", "ada@example.com"}};
  return o;
}

std::vector<Test> feature(const std::string& content, std::vector<PlanError>& errors, const LoadOptions& o = options()) {
  return read_gherkin_feature("f.feature", content, o, errors);
}

std::string all(const std::vector<PlanError>& errors) {
  std::string s;
  for (const auto& e : errors) s += e.str() + "\n";
  return s;
}

LoadOptions with_macros(const std::string& steps_file, std::vector<PlanError>& errors) {
  auto set = std::make_shared<MacroSet>();
  set->add_file("shop.steps", steps_file, errors);
  LoadOptions o = options();
  o.macros = set;
  return o;
}

}  // namespace

TEST_CASE("a Background's steps run before each scenario, and an outline is one test per Examples row") {
  std::vector<PlanError> errors;
  auto tests = feature(
      "Feature: Log in\n"
      "  Some words that describe the feature.\n"
      "  Background:\n"
      "    Given I am on \"/login\"\n"
      "\n"
      "  Scenario: a good password\n"
      "    When I fill in \"Password\" with \"right\"\n"
      "    And I press \"Log in\"\n"
      "    Then I should see \"Welcome\"\n"
      "\n"
      "  Scenario Outline: bad passwords\n"
      "    When I fill in \"Password\" with \"<password>\"\n"
      "    Then I should see \"<message>\"\n"
      "    Examples:\n"
      "      | password | message        |\n"
      "      | short    | Too short      |\n"
      "      | wrong    | Wrong password |\n",
      errors);
  INFO(all(errors));
  REQUIRE(errors.empty());
  REQUIRE(tests.size() == 3);
  CHECK(tests[0].name == "a good password");
  REQUIRE(tests[0].steps.size() == 3);
  CHECK(tests[0].steps[0].action == Action::Goto);
  CHECK(tests[0].steps[0].line == 4);  // the Background's own line
  CHECK(tests[0].steps[2].target.text == "Log in");
  CHECK(tests[0].assertions.at(0).after_step == 3);
  CHECK(tests[1].name == "bad passwords [Examples #1]");
  CHECK(tests[1].steps[1].value->clear() == "short");
  CHECK(tests[2].assertions.at(0).value.clear() == "Wrong password");
  CHECK(tests[2].example == std::vector<std::pair<std::string, std::string>>{{"password", "wrong"}, {"message", "Wrong password"}});
  for (const auto& t : tests) CHECK(t.file == "f.feature");
}

TEST_CASE("Rules, Scenario Templates, Examples with names and tags, comments and * steps") {
  std::vector<PlanError> errors;
  auto tests = feature(
      "# a comment before the feature\n"
      "@shop\n"
      "Feature: Cart\n"
      "  Rule: the cart keeps what was added\n"
      "    Background:\n"
      "      Given I am on \"/shop\"\n"
      "    @slow\n"
      "    Scenario Template: add <item>\n"
      "      * I press \"Add <item>\"\n"
      "      # a commented-out step: Then I should see \"nothing\"\n"
      "      But I should not see \"Empty\"\n"
      "      @cheap\n"
      "      Examples: cheap ones\n"
      "        | item |\n"
      "        | Mug  |\n"
      "      Examples: dear ones\n"
      "        | item  |\n"
      "        | Chair |\n",
      errors);
  INFO(all(errors));
  REQUIRE(errors.empty());
  REQUIRE(tests.size() == 2);
  CHECK(tests[0].name == "add <item> [cheap ones #1]");
  CHECK(tests[0].tags == std::vector<std::string>{"@shop", "@slow", "@cheap"});
  CHECK(tests[1].tags == std::vector<std::string>{"@shop", "@slow"});
  CHECK(tests[1].steps.at(1).target.text == "Add Chair");
  CHECK(tests[1].assertions.at(0).type == AssertionType::TextHidden);
}

TEST_CASE("tags select scenarios with Cucumber's tag expressions (--tags)") {
  const std::string text =
      "@web\nFeature: f\n  Background:\n    Given I am on \"/\"\n"
      "  @smoke\n  Scenario: a\n    Then I should see \"A\"\n"
      "  @smoke @slow\n  Scenario: b\n    Then I should see \"B\"\n"
      "  @wip\n  Scenario: c\n    Then I should see \"C\"\n"
      "  Scenario Outline: d\n    Then I should see \"<x>\"\n"
      "    @smoke\n    Examples:\n      | x |\n      | D1 |\n"
      "    Examples:\n      | x |\n      | D2 |\n";
  auto names = [&](const std::string& expression) {
    std::vector<PlanError> errors;
    LoadOptions o = options();
    o.tags = TagExpression::parse(expression);
    std::vector<std::string> out;
    for (const auto& t : feature(text, errors, o)) out.push_back(t.name);
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(names("@smoke") == V{"a", "b", "d [Examples 1 #1]"});
  CHECK(names("@smoke and not @slow") == V{"a", "d [Examples 1 #1]"});
  CHECK(names("@wip or @slow") == V{"b", "c"});
  CHECK(names("not (@smoke or @wip)") == V{"d [Examples 2 #1]"});
  CHECK(names("@web and not @smoke and not @wip and not @slow") == V{"d [Examples 2 #1]"});
  SECTION("a bad expression is an error naming it") {
    for (const char* bad : {"@smoke and", "(@a or @b", "@a @b", "smoke", "and @a", "@a or or @b"}) {
      INFO(bad);
      CHECK_THROWS_WITH(TagExpression::parse(bad), Catch::Contains(bad));
    }
  }
  SECTION("escapes keep parentheses and spaces inside a tag") {
    CHECK(TagExpression::parse("@a\\(1\\)").matches({"@a(1)"}));
    CHECK_FALSE(TagExpression::parse("@a\\(1\\)").matches({"@a"}));
  }
}

TEST_CASE("data tables and doc strings are a step's argument") {
  std::vector<PlanError> errors;
  auto tests = feature(
      "Feature: f\n  Scenario: s\n    Given I am on \"/form\"\n"
      "    When I fill in the following:\n"
      "      | First name | Ada      |\n"
      "      | Notes      | a \\| b   |\n"
      "    And I fill in \"Bio\" with:\n"
      "      \"\"\"\n"
      "      Line one\n"
      "        indented\n"
      "      \"\"\"\n"
      "    Then I should see the following error messages:\n"
      "      | error messages |\n"
      "      | Name is short  |\n"
      "      | Bio is long    |\n",
      errors);
  INFO(all(errors));
  REQUIRE(errors.empty());
  const auto& t = tests.at(0);
  REQUIRE(t.steps.size() == 4);
  CHECK(t.steps[1].target.text == "First name");
  CHECK(t.steps[1].value->clear() == "Ada");
  CHECK(t.steps[2].value->clear() == "a | b");
  CHECK(t.steps[3].target.text == "Bio");
  CHECK(t.steps[3].value->clear() == "Line one\n  indented");
  REQUIRE(t.assertions.size() == 2);
  CHECK(t.assertions[1].value.clear() == "Bio is long");
  SECTION("a table under a step that does not read one is refused, not dropped") {
    std::vector<PlanError> e2;
    auto r = feature("Feature: f\n  Scenario: s\n    Given I am on \"/\"\n    When I press \"Go\"\n      | a |\n", e2);
    REQUIRE(e2.size() == 1);
    CHECK(e2[0].line == 4);
    CHECK_THAT(e2[0].message, Catch::Contains("does not use the table"));
    CHECK(r.at(0).steps.at(1).action == Action::Unclear);
  }
}

TEST_CASE("the start URL: a # url: comment, a Background's I am on, or the first navigation step") {
  std::vector<PlanError> errors;
  auto tests = feature(
      "# url: /home\n"
      "Feature: f\n"
      "  Scenario: from the comment\n    Then I should see \"Home\"\n"
      "  # url: /other\n"
      "  Scenario: from its own comment\n    Then I should see \"Other\"\n"
      "  Scenario: from its first step\n    Given I go to \"/third\"\n    Then I should see \"Third\"\n",
      errors);
  INFO(all(errors));
  REQUIRE(errors.empty());
  REQUIRE(tests.size() == 3);
  CHECK(tests[0].url.clear() == "/home");
  CHECK(tests[1].url.clear() == "/other");
  CHECK(tests[2].steps.at(0).value->clear() == "/third");
  SECTION("a scenario with none is an error naming it, its file and line") {
    std::vector<PlanError> e2;
    feature("Feature: f\n  Scenario: nowhere\n    When I press \"Go\"\n", e2);
    REQUIRE(e2.size() == 1);
    CHECK(e2[0].str().find("f.feature:2") != std::string::npos);
    CHECK_THAT(e2[0].message, Catch::Contains("'nowhere' has no URL"));
  }
}

TEST_CASE("a feature file's structural errors name the file, the line and what is there") {
  struct Case {
    const char* text;
    int line;
    const char* message;
  };
  for (const auto& c : {
           Case{"Scenario: s\n  Given I am on \"/\"\n", 1, "before the file's Feature"},
           Case{"Feature: f\n  Given I am on \"/\"\n", 2, "outside any Scenario"},
           Case{"Feature: f\n  Scenario: s\n    Given I am on \"/\"\n    | a |\n    | b | c |\n", 5, "this row has 2 cells"},
           Case{"Feature: f\n  Scenario Outline: s\n    Given I am on \"/<p>\"\n    Examples:\n      | p |\n      | a | b |\n",
                6, "the Examples header 1"},
           Case{"Feature: f\n  Scenario: s\n    Given I am on \"/\"\n    And I fill in \"A\" with:\n      \"\"\"\n      x\n", 5,
                "never closed"},
           Case{"# language: fr\nFonctionnalité: f\n", 1, "English keywords only"},
           Case{"Feature: f\nFeature: g\n", 2, "a second Feature"},
           Case{"Feature: f\n  Scenario: s\n    Given I am on \"/\"\n  @not a tag\n  Scenario: t\n", 4, "is not a tag"},
           Case{"Feature: f\n  Scenario Outline: s\n    Given I am on \"/\"\n    Examples:\n      | p |\n    When I press \"x\"\n",
                6, "a step under Examples"},
       }) {
    INFO(c.text);
    std::vector<PlanError> errors;
    feature(c.text, errors);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].file == "f.feature");
    CHECK(errors[0].line == c.line);
    CHECK_THAT(errors[0].message, Catch::Contains(c.message));
  }
}

TEST_CASE("an Examples placeholder no column gives is refused, not typed as written") {
  std::vector<PlanError> errors;
  auto tests = feature(
      "Feature: f\n  Scenario Outline: s\n    Given I am on \"/\"\n"
      "    When I fill in \"Email\" with \"<emial>\"\n"
      "    Examples:\n      | email |\n      | a@b.c |\n",
      errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 4);
  CHECK_THAT(errors[0].message, Catch::Contains("<emial> is not a column"));
  CHECK_THAT(errors[0].hint, Catch::Contains("<email>"));
  CHECK(tests.at(0).steps.at(1).action == Action::Unclear);
}

TEST_CASE("an @env: value in an Examples row is a secret in the steps and stays a reference in the example") {
  std::vector<PlanError> errors;
  auto tests = feature(
      "Feature: f\n  Scenario Outline: s\n    Given I am on \"/login\"\n"
      "    When I fill in \"Password\" with \"<password>\"\n"
      "    Then I should see \"<user>\"\n"
      "    Examples:\n      | user | password          |\n      | ada  | @env:SHOP_PASSWORD |\n",
      errors);
  INFO(all(errors));
  REQUIRE(errors.empty());
  const auto& step = tests.at(0).steps.at(1);
  CHECK(step.value->clear() == "hunter2");
  CHECK(step.value->masked() == "***");
  CHECK(step.secret());
  CHECK(tests[0].example.at(1).second == "@env:SHOP_PASSWORD");
  SECTION("a missing variable is an error at the step's line") {
    std::vector<PlanError> e2;
    feature("Feature: f\n  Scenario Outline: s\n    Given I am on \"/\"\n    When I fill in \"P\" with \"<p>\"\n"
            "    Examples:\n      | p |\n      | @env:NOT_SET_ANYWHERE |\n",
            e2);
    REQUIRE(e2.size() == 1);
    CHECK(e2[0].line == 4);
    CHECK_THAT(e2[0].message, Catch::Contains("NOT_SET_ANYWHERE"));
  }
}

TEST_CASE("named pages come from the pages table, and an unknown one says how to define it") {
  LoadOptions o = options();
  o.pages = {{"login", "/users/sign_in"}, {"new user registration", "/users/sign_up"}, {"dashboard", "/dash"}};
  std::vector<PlanError> errors;
  auto tests = feature(
      "Feature: f\n  Scenario: s\n"
      "    Given I am on the login page\n"
      "    When I go to the New User Registration page\n"
      "    And I am on the homepage\n"
      "    Then I should be on the dashboard page\n"
      "    And I should be on the Dashboard\n",
      errors, o);
  INFO(all(errors));
  REQUIRE(errors.empty());
  const auto& t = tests.at(0);
  CHECK(t.steps.at(0).value->clear() == "/users/sign_in");
  CHECK(t.steps.at(0).page == "login");
  CHECK(t.steps.at(1).value->clear() == "/users/sign_up");
  CHECK(t.steps.at(2).value->clear() == "/");
  CHECK(t.assertions.at(0).type == AssertionType::PathIs);
  CHECK(t.assertions.at(0).value.clear() == "/dash");
  CHECK(t.assertions.at(1).value.clear() == "/dash");
  SECTION("an unknown page is an error with the config line to add, never a guess or a click") {
    std::vector<PlanError> e2;
    auto r = feature("Feature: f\n  Scenario: s\n    Given I am on \"/\"\n    When I go to the order history page\n", e2, o);
    REQUIRE(e2.size() == 1);
    CHECK_THAT(e2[0].message, Catch::Contains("does not know the order history page"));
    CHECK_THAT(e2[0].hint, Catch::Contains("[pages] \"order history\" = \"/path\""));
    CHECK(r.at(0).steps.at(1).action == Action::Unclear);
  }
}

TEST_CASE("a step macro stands for its sentences, with the parameters and secrets put in") {
  std::vector<PlanError> errors;
  auto o = with_macros(
      "# the shop's own steps\n"
      "Step: I am logged in as \"<user>\"\n"
      "  1. Go to /shop/\n"
      "  2. Fill \"<user>\" in Username\n"
      "  3. Fill \"@env:SHOP_PASSWORD\" in Password\n"
      "  4. Click \"Login\"\n"
      "\n"
      "Step: I have <product> in my cart\n"
      "  1. I am logged in as \"standard_user\"\n"
      "  2. Click \"Add to cart\" for \"<product>\"\n",
      errors);
  REQUIRE(errors.empty());
  auto tests = feature(
      "Feature: f\n  Scenario: s\n    Given I am logged in as \"problem_user\"\n"
      "    And I have Sauce Labs Onesie in my cart\n    Then I should see \"Products\"\n",
      errors, o);
  INFO(all(errors));
  REQUIRE(errors.empty());
  const auto& t = tests.at(0);
  REQUIRE(t.steps.size() == 9);
  CHECK(t.steps[1].value->clear() == "problem_user");
  CHECK(t.steps[2].value->clear() == "hunter2");
  CHECK(t.steps[2].value->masked() == "***");
  CHECK(t.steps[2].line == 3);  // the feature's line, with the macro's place in the sentence
  CHECK_THAT(t.steps[2].sentence, Catch::Contains("[shop.steps:5]"));
  CHECK(t.steps[5].value->clear() == "standard_user");
  CHECK(t.steps[8].target.context == std::optional<std::string>("Sauce Labs Onesie"));
}

TEST_CASE("macro errors: two that match a step, an unknown parameter, an unreadable sentence, no sentences") {
  SECTION("a step two macros match is an error naming both") {
    std::vector<PlanError> errors;
    auto o = with_macros("Step: I add \"<item>\" to the cart\n  1. Click \"Add <item>\"\n"
                         "Step: I add \"<item>\" to the <list>\n  1. Click \"<item>\"\n",
                         errors);
    REQUIRE(errors.empty());
    feature("Feature: f\n  Scenario: s\n    Given I am on \"/\"\n    When I add \"Mug\" to the cart\n", errors, o);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Catch::Contains("two macros") && Catch::Contains("shop.steps:1") &&
                                      Catch::Contains("shop.steps:3"));
  }
  SECTION("a body's <name> that the sentence lacks would be typed as written: an error at its line") {
    std::vector<PlanError> errors;
    with_macros("Step: I log in as \"<user>\"\n  1. Fill \"<user>\" in Username\n  2. Fill \"<pasword>\" in Password\n",
                errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].file == "shop.steps");
    CHECK(errors[0].line == 3);
    CHECK_THAT(errors[0].message, Catch::Contains("<pasword> is not a parameter"));
  }
  SECTION("a macro sentence PACTS cannot read is an error at the macro's file and line") {
    std::vector<PlanError> errors;
    auto o = with_macros("Step: I tidy up\n  1. Frobnicate the widget\n", errors);
    feature("Feature: f\n  Scenario: s\n    Given I am on \"/\"\n    When I tidy up\n", errors, o);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].file == "shop.steps");
    CHECK(errors[0].line == 2);
    CHECK(errors[1].file == "f.feature");
    CHECK(errors[1].line == 4);
  }
  SECTION("a macro with no sentences, and a sentence outside any macro") {
    std::vector<PlanError> errors;
    with_macros("  1. Click \"x\"\nStep: I do nothing\n", errors);
    REQUIRE(errors.size() == 2);
    CHECK_THAT(errors[0].message, Catch::Contains("outside any macro"));
    CHECK_THAT(errors[1].message, Catch::Contains("no sentences under it"));
  }
  SECTION("a macro that uses itself stops with an error") {
    std::vector<PlanError> errors;
    auto o = with_macros("Step: I loop\n  1. I loop\n", errors);
    feature("Feature: f\n  Scenario: s\n    Given I am on \"/\"\n    When I loop\n", errors, o);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Catch::Contains("more than 8 deep"));
  }
}

TEST_CASE("a step nothing reads is kept as unclear, with the closest forms and how to define a macro") {
  std::vector<PlanError> errors;
  auto tests = feature(
      "Feature: f\n  Scenario: s\n    Given I am on \"/\"\n"
      "    And the following \"users\" exist:\n      | name |\n      | ada  |\n"
      "    And there is a project called \"Apollo\"\n"
      "    When I frobnicate the widget\n"
      "    Then I should see \"done\"\n",
      errors);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].line == 4);
  CHECK(errors[0].sentence == "And the following \"users\" exist:");
  CHECK_THAT(errors[0].message, Catch::Contains("sets up data outside the browser"));
  CHECK_THAT(errors[1].message, Catch::Contains("sets up data outside the browser"));
  CHECK(errors[2].line == 8);
  CHECK_THAT(errors[2].message, !Catch::Contains("unknown verb"));
  CHECK_THAT(errors[2].hint, Catch::Contains("define it as a macro"));
  const auto& t = tests.at(0);
  auto unclear = t.unclear_steps();
  REQUIRE(unclear.size() == 3);  // every refused step stays in the test, in its place
  CHECK(unclear[2]->line == 8);
  CHECK(unclear[2]->sentence == "I frobnicate the widget");
  CHECK(t.assertions.size() == 1);  // the rest is still read
}

TEST_CASE("data rows from CSV and JSON files (--data), one test per row, a missing column named") {
  TempDir dir("pacts-data");
  auto write = [&](const std::string& name, const std::string& text) {
    std::string p = dir.path() + "/" + name;
    FILE* f = fopen(p.c_str(), "w");
    fputs(text.c_str(), f);
    fclose(f);
    return p;
  };
  std::string csv = write("users.csv", "user,password\nada,\"se,cret\"\n\"bob \"\"b\"\"\",@env:SHOP_PASSWORD\n");
  auto rows = read_data_rows(csv);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].at("password") == "se,cret");
  CHECK(rows[1].at("user") == "bob \"b\"");
  auto json = read_data_rows(write("users.json", R"([{"user": "ada", "password": "x"}, {"user": "bob", "password": "y"}])"));
  REQUIRE(json.size() == 2);
  CHECK(json[1].at("user") == "bob");

  LoadOptions o = options();
  o.data_file = csv;
  o.data_rows = rows;
  std::vector<PlanError> errors;
  auto tests = read_text_requirements(
      "t.txt", "Test: log in\nURL: /login\nSteps:\n1. Fill \"${user}\" in Username\n2. Fill \"${password}\" in Password\n",
      o, errors);
  INFO(all(errors));
  REQUIRE(errors.empty());
  REQUIRE(tests.size() == 2);
  CHECK(tests[0].name == "log in [row 1]");
  CHECK(tests[1].steps[1].value->clear() == "hunter2");
  CHECK(tests[1].steps[1].secret());

  SECTION("a column the test uses and the file lacks is named, with the file") {
    std::vector<PlanError> e2;
    read_text_requirements("t.txt", "Test: t\nURL: /\nSteps:\n1. Fill \"${email}\" in Email\n", o, e2);
    REQUIRE(e2.size() == 1);
    CHECK_THAT(e2[0].message, Catch::Contains("users.csv has no column \"email\""));
  }
  SECTION("rows that do not fit the header, and files that are not data, are errors naming the file and line") {
    CHECK_THROWS_WITH(read_data_rows(write("bad.csv", "a,b\n1,2,3\n")), Catch::Contains("bad.csv:2"));
    CHECK_THROWS_WITH(read_data_rows(write("open.csv", "a\n\"x\n")), Catch::Contains("never closed"));
    CHECK_THROWS_WITH(read_data_rows(write("bad.json", R"({"a": 1})")), Catch::Contains("bad.json"));
    CHECK_THROWS_WITH(read_data_rows(dir.path() + "/missing.csv"), Catch::Contains("missing.csv"));
  }
}

TEST_CASE("a macro's quoted parameter may be several words") {
  std::vector<PlanError> errors;
  auto o = with_macros("Step: I check out as \"<first name>\" \"<last name>\"\n  1. Fill \"<first name>\" in First Name\n"
                       "  2. Fill \"<last name>\" in Last Name\n",
                       errors);
  REQUIRE(errors.empty());
  auto tests = feature("Feature: f\n  Scenario: s\n    Given I am on \"/\"\n    When I check out as \"Ada\" \"Lovelace\"\n",
                       errors, o);
  INFO(all(errors));
  REQUIRE(errors.empty());
  CHECK(tests.at(0).steps.at(2).value->clear() == "Lovelace");
}

TEST_CASE("read_plan finds the *.steps files next to the features, and those the config names") {
  TempDir dir("pacts-features");
  auto write = [&](const std::string& name, const std::string& text) {
    std::string p = dir.path() + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    FILE* f = fopen(p.c_str(), "w");
    fputs(text.c_str(), f);
    fclose(f);
    return p;
  };
  write("shop/login.feature", "Feature: f\n  Scenario: s\n    Given I am logged in\n    And I buy it\n");
  write("shop/shop.steps", "Step: I am logged in\n  1. Go to /login\n  2. Click \"Log in\"\n");
  std::string shared = write("shared/more.steps", "Step: I buy it\n  1. Click \"Buy\"\n");
  LoadOptions o = options();
  auto without = read_plan({dir.path() + "/shop"}, o);
  REQUIRE(without.errors.size() == 1);  // "I buy it" is in no .steps file next to the feature
  CHECK(without.errors[0].line == 4);
  o.macro_files = {shared};
  auto with = read_plan({dir.path() + "/shop"}, o);
  INFO(all(with.errors));
  REQUIRE(with.errors.empty());
  REQUIRE(with.plan.tests.size() == 1);
  CHECK(with.plan.tests[0].steps.size() == 3);
}

TEST_CASE("a file to attach is named relative to the feature file, and a missing one is an input error") {
  TempDir dir("pacts-attach");
  std::string cv = dir.path() + "/files/cv.pdf";
  std::filesystem::create_directories(dir.path() + "/files");
  FILE* f = fopen(cv.c_str(), "w");
  fputs("%PDF", f);
  fclose(f);
  std::vector<PlanError> errors;
  auto tests = read_gherkin_feature(dir.path() + "/apply.feature",
                                    "Feature: f\n  Scenario: s\n    Given I am on \"/apply\"\n"
                                    "    When I attach the file \"files/cv.pdf\" to \"Resume\"\n"
                                    "    And I attach the file \"files/photo.png\" to \"Photo\"\n",
                                    options(), errors);
  CHECK(tests.at(0).steps.at(1).value->clear() == cv);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 5);
  CHECK_THAT(errors[0].message, Catch::Contains("the file to attach is not there") && Catch::Contains("files/photo.png"));
}
