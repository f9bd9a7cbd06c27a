#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "plan/loader.h"
#include "plan/plan_json.h"

using namespace pacts;

namespace {

LoadOptions options() {
  LoadOptions o;
  o.timestamp = [] { return std::string("1700000000"); };
  o.env = {{"CRM_PASSWORD", "hunter2"}};
  return o;
}

std::vector<Test> text(const std::string& content, std::vector<PlanError>& errors) {
  return read_text_requirements("t.txt", content, options(), errors);
}

}  // namespace

TEST_CASE("a plain-text file gives a test with its steps and expected outcomes") {
  std::vector<PlanError> errors;
  auto tests = text(
      "Test: Wiki search\n"
      "Target URL: /wiki/\n"
      "Priority: High\n"
      "Description: finds an article\n"
      "  over two lines\n"
      "Test Steps:\n"
      "1. Fill \"Albert Einstein\" in the Search field\n"
      "2. Press Enter\n"
      "3. Verify \"Albert Einstein\" is visible\n"
      "4. Click \"Contents\"\n"
      "Expected Result:\n"
      "- URL contains /wiki/Albert_Einstein\n",
      errors);
  REQUIRE(errors.empty());
  REQUIRE(tests.size() == 1);
  const auto& t = tests[0];
  CHECK(t.name == "Wiki search");
  CHECK(t.url.clear() == "/wiki/");
  CHECK(t.priority == "High");
  CHECK(t.description == "finds an article over two lines");
  REQUIRE(t.steps.size() == 3);
  CHECK(t.steps[0].line == 7);
  CHECK(t.steps[1].action == Action::Press);
  CHECK(t.steps[1].target.text == "Search");
  REQUIRE(t.assertions.size() == 2);
  CHECK(t.assertions[0].line == 9);
  CHECK(t.assertions[0].after_step == 2);  // checked where it stands
  CHECK(t.assertions[1].type == AssertionType::UrlContains);
  CHECK(t.assertions[1].after_step == 3);  // after every step
}

TEST_CASE("CR-only and CRLF line endings read as lines, with the right line numbers") {
  for (const char* eol : {"\r", "\r\n", "\n"}) {
    INFO("line ending " << (eol[0] == '\r' ? (eol[1] ? "CRLF" : "CR") : "LF"));
    std::string e(eol);
    std::vector<PlanError> errors;
    auto tests = text("Test: t" + e + "URL: /" + e + "1. Click \"Save\"" + e + "Expected: \"Saved\"" + e, errors);
    REQUIRE(errors.empty());
    REQUIRE(tests.size() == 1);
    REQUIRE(tests[0].steps.size() == 1);
    CHECK(tests[0].steps[0].line == 3);
    CHECK(tests[0].assertions.at(0).line == 4);
  }
}

TEST_CASE("several Test: blocks in one file are several tests") {
  std::vector<PlanError> errors;
  auto tests = text(
      "Test: One\nURL: /a\nSteps:\n1. Click \"A\"\nExpected: \"A done\"\n\n"
      "Test: Two\nURL: /b\nSteps:\n1. Click \"B\"\n2. Click \"C\"\nExpected Outcome: \"B done\"\n",
      errors);
  REQUIRE(errors.empty());
  REQUIRE(tests.size() == 2);
  CHECK(tests[1].name == "Two");
  CHECK(tests[1].steps.size() == 2);
  CHECK(tests[1].steps[0].line == 10);
}

TEST_CASE("a bulleted field list belongs to the sentence that opens it") {
  std::vector<PlanError> errors;
  auto tests = text(
      "Test: Checkout\nURL: /shop/\nSteps:\n"
      "1. Fill customer info:\n"
      "   - First Name: John\n"
      "   - Last Name: Doe\n"
      "   - Zip/Postal Code: 12345\n"
      "2. Click \"Continue\"\n"
      "Expected: \"Checkout: Overview\" is visible\n",
      errors);
  REQUIRE(errors.empty());
  REQUIRE(tests.at(0).steps.size() == 4);
  CHECK(tests[0].steps[2].target.text == "Zip/Postal Code");
  CHECK(tests[0].steps[2].line == 7);
}

TEST_CASE("variables are bound per test, {timestamp} once, secrets masked") {
  std::vector<PlanError> errors;
  auto tests = text(
      "Test: Contact\nURL: /crm/\nSteps:\n"
      "1. Fill \"jane.{timestamp}@example.com\" in Email\n"
      "2. Fill \"{timestamp}\" in Reference\n"
      "3. Fill \"@env:CRM_PASSWORD\" in Password\n"
      "Expected: \"jane.{timestamp}@example.com\" is visible\n",
      errors);
  REQUIRE(errors.empty());
  const auto& t = tests.at(0);
  CHECK(t.steps[0].value->clear() == "jane.1700000000@example.com");
  CHECK(t.steps[1].value->clear() == "1700000000");
  CHECK(t.steps[2].value->clear() == "hunter2");
  CHECK(t.steps[2].value->masked() == "***");
  CHECK(t.steps[2].secret());
  CHECK(t.assertions[0].value.clear() == "jane.1700000000@example.com");
  Plan p{tests};
  auto json = plan_to_json(p);
  CHECK(json.find("hunter2") == std::string::npos);
  CHECK(json.find("\"***\"") != std::string::npos);
}

TEST_CASE("text-file errors name the file, the line and the sentence") {
  SECTION("an unreadable sentence") {
    std::vector<PlanError> errors;
    text("Test: x\nURL: /\nSteps:\n1. Click \"Save\"\n2. Clik \"Cancel\"\n", errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].file == "t.txt");
    CHECK(errors[0].line == 5);
    CHECK(errors[0].sentence == "Clik \"Cancel\"");
    CHECK_THAT(errors[0].str(), Catch::Contains("t.txt:5: unknown verb"));
    CHECK_THAT(errors[0].str(), Catch::Contains("closest form"));
  }
  SECTION("an empty test") {
    std::vector<PlanError> errors;
    text("Test: nothing\nURL: /\nSteps:\nExpected: \"x\"\n", errors);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Catch::Contains("has no steps"));
    CHECK(errors[0].line == 1);
  }
  SECTION("an empty file") {
    std::vector<PlanError> errors;
    text("# only a comment\n", errors);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Catch::Contains("no test"));
  }
  SECTION("no URL") {
    std::vector<PlanError> errors;
    text("Test: x\nSteps:\n1. Click \"A\"\n", errors);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Catch::Contains("no URL"));
  }
  SECTION("an unchecked expected outcome") {
    std::vector<PlanError> errors;
    text("Test: x\nURL: /\nSteps:\n1. Click \"A\"\nExpected: the order goes through\n", errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 5);
  }
  SECTION("a missing variable") {
    std::vector<PlanError> errors;
    text("Test: x\nURL: /\nSteps:\n1. Fill \"${who}\" in Name\n", errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 4);
    CHECK_THAT(errors[0].message, Catch::Contains("'who'"));
  }
  SECTION("every error is reported, not only the first") {
    std::vector<PlanError> errors;
    text("Test: x\nURL: /\nSteps:\n1. Clik \"A\"\n2. Fill x\n3. Wait 3 seconds\n", errors);
    CHECK(errors.size() == 3);
  }
}

TEST_CASE("JSON suites: steps, outcomes, assertions and data rows") {
  const char* suite = R"({
    "req_id": "shop_login", "url": "/shop/",
    "testcases": [{
      "tc_id": "TC1", "title": "Login",
      "steps": [
        {"id": 1, "action": "fill", "target": "Username", "value": "{{user}}"},
        {"id": 2, "action": "fill", "target": "Password", "value": "{{pass}}"},
        {"id": 3, "action": "click", "target": "Login", "outcome": "navigates_to:/inventory.html"},
        {"id": 4, "action": "click", "target": "Add to cart", "value": "Sauce Labs Backpack"},
        {"id": 5, "action": "click", "target": "css:.shopping_cart_link"},
        {"id": 6, "action": "press", "value": "Enter"}
      ],
      "assertions": [{"id": "A1", "type": "page_contains_text", "target": "Products"}],
      "data": [{"row_id": "std", "user": "standard_user", "pass": "secret_sauce"},
               {"row_id": "perf", "user": "performance_glitch_user", "pass": "secret_sauce"}]
    }]})";
  std::vector<PlanError> errors;
  auto tests = read_json_suite("s.json", suite, options(), errors);
  REQUIRE(errors.empty());
  REQUIRE(tests.size() == 2);  // one per data row
  CHECK(tests[0].name == "Login [row std]");
  CHECK(tests[1].name == "Login [row perf]");
  CHECK(tests[0].steps[0].value->clear() == "standard_user");
  CHECK(tests[1].steps[0].value->clear() == "performance_glitch_user");
  CHECK(tests[0].url.clear() == "/shop/");
  CHECK(*tests[0].steps[3].target.context == "Sauce Labs Backpack");
  CHECK_FALSE(tests[0].steps[3].value);
  CHECK(tests[0].steps[4].target.kind == TargetKind::Css);
  CHECK(tests[0].steps[5].target.text == "Password");  // press goes to the last filled field
  REQUIRE(tests[0].assertions.size() == 2);
  CHECK(tests[0].assertions[0].type == AssertionType::UrlContains);
  CHECK(tests[0].assertions[0].after_step == 3);
  CHECK(tests[0].assertions[1].type == AssertionType::TextVisible);
  CHECK(tests[0].assertions[1].after_step == 6);
}

TEST_CASE("JSON suite errors say where") {
  SECTION("invalid JSON gives the line") {
    std::vector<PlanError> errors;
    read_json_suite("s.json", "{\n\"testcases\": [\n,]}", options(), errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 3);
  }
  SECTION("unknown action") {
    std::vector<PlanError> errors;
    read_json_suite("s.json", R"({"url":"/","testcases":[{"title":"t","steps":[{"action":"dance","target":"x"}]}]})",
                    options(), errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].where == "testcases[0].steps[0]");
    CHECK_THAT(errors[0].message, Catch::Contains("unknown action 'dance'"));
  }
  SECTION("no steps") {
    std::vector<PlanError> errors;
    read_json_suite("s.json", R"({"url":"/","testcases":[{"title":"t","steps":[]}]})", options(), errors);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Catch::Contains("no steps"));
  }
  SECTION("a data row variable that is missing") {
    std::vector<PlanError> errors;
    read_json_suite("s.json",
                    R"({"url":"/","testcases":[{"title":"t","steps":[{"action":"fill","target":"U","value":"{{user}}"}],"data":[{"row_id":1}]}]})",
                    options(), errors);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Catch::Contains("'user'"));
  }
}

TEST_CASE("JSON suites are checked against the documented schema") {
  auto read = [](const std::string& json) {
    std::vector<PlanError> errors;
    read_json_suite("s.json", json, options(), errors);
    return errors;
  };
  SECTION("a misspelled outcome is an error naming the nearest key, not a step with nothing checked") {
    auto errors = read(R"({"url":"/","testcases":[{"title":"t","steps":[{"action":"click","target":"Save","outcom":"text_visible:Saved"}]}]})");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].where == "testcases[0].steps[0].outcom");
    CHECK_THAT(errors[0].message, Catch::Contains("did you mean \"outcome\""));
  }
  SECTION("a misspelled assertions list and an unknown top-level key are both reported") {
    auto errors = read(R"({"url":"/","extra":1,"testcases":[{"title":"t","steps":[{"action":"click","target":"S"}],"assertion":[{"type":"page_contains_text","target":"Done"}]}]})");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].where == "extra");
    CHECK(errors[1].where == "testcases[0].assertion");
    CHECK_THAT(errors[1].message, Catch::Contains("did you mean \"assertions\""));
  }
  SECTION("a key of the wrong type is an error") {
    auto errors = read(R"({"url":"/","testcases":[{"title":"t","steps":[{"action":"click","target":{"css":"#x"}}]}]})");
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].where == "testcases[0].steps[0].target");
    errors = read(R"({"url":"/","testcases":[{"title":"t","steps":{"action":"click"}}]})");
    REQUIRE_FALSE(errors.empty());
    CHECK_THAT(errors[0].message, Catch::Contains("must be a list"));
  }
  SECTION("a number too large for a double names the file's line, not an internal error") {
    auto errors = read("{\"url\":\"/\",\n\"testcases\":[{\"title\":\"t\",\n\"steps\":[{\"action\":\"click\",\"target\":\"S\",\"ordinal\":1e999}]}]}");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 3);
    CHECK_THAT(errors[0].message, Catch::Contains("1e999"));
  }
  SECTION("the keys the reader accepts are the ones docs/json-suite.schema.json documents") {
    std::ifstream in(std::string(PACTS_SOURCE_DIR) + "/docs/json-suite.schema.json");
    REQUIRE(in);
    auto schema = nlohmann::json::parse(in);
    auto keys_of = [](const nlohmann::json& object) {
      std::set<std::string> out;
      for (auto it = object["properties"].begin(); it != object["properties"].end(); ++it) out.insert(it.key());
      return out;
    };
    std::map<std::string, std::set<std::string>> documented = {
        {"suite", keys_of(schema)},
        {"suite_meta", keys_of(schema["properties"]["suite_meta"])},
        {"testcase", keys_of(schema["$defs"]["testcase"])},
        {"step", keys_of(schema["$defs"]["step"])},
        {"assertion", keys_of(schema["$defs"]["assertion"])}};
    for (const auto& [kind, keys] : json_suite_keys()) {
      INFO(kind);
      CHECK(std::set<std::string>(keys.begin(), keys.end()) == documented.at(kind));
    }
    CHECK(json_suite_keys().size() == documented.size());
  }
}

TEST_CASE("@env: works in --var values and in JSON data rows, and stays a secret") {
  LoadOptions o = options();
  o.vars = {{"pw", "@env:CRM_PASSWORD"}};
  std::vector<PlanError> errors;
  auto tests = read_json_suite(
      "s.json",
      R"({"url":"/","testcases":[{"title":"t","steps":[{"action":"fill","target":"Password","value":"${pw}"},{"action":"fill","target":"Token","value":"{{token}}"}],"data":[{"token":"@env:CRM_PASSWORD"}]}]})",
      o, errors);
  REQUIRE(errors.empty());
  REQUIRE(tests.size() == 1);
  CHECK(tests[0].steps[0].value->clear() == "hunter2");
  CHECK(tests[0].steps[0].value->masked() == "***");
  CHECK(tests[0].steps[1].value->clear() == "hunter2");
  CHECK(tests[0].steps[1].secret());
  SECTION("a missing variable in a data row names the row") {
    errors.clear();
    read_json_suite("s.json",
                    R"({"url":"/","testcases":[{"title":"t","steps":[{"action":"fill","target":"T","value":"{{token}}"}],"data":[{"token":"@env:NOT_SET_ANYWHERE"}]}]})",
                    o, errors);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Catch::Contains("NOT_SET_ANYWHERE"));
  }
}

TEST_CASE("a secret cannot be part of a target, a scope or a context (they key the cache)") {
  std::vector<PlanError> errors;
  text("Test: t\nURL: /\n1. Click \"@env:CRM_PASSWORD\"\n", errors);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0].message, Catch::Contains("a secret (@env:) cannot be part of a target"));
  CHECK(errors[0].str().find("hunter2") == std::string::npos);
}

TEST_CASE("load_plan collects the problems of every file into one error") {
  auto dir = std::filesystem::temp_directory_path() / "pacts_spec_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "a.txt") << "Test: a\nURL: /\nSteps:\n1. Clik \"x\"\n";
    std::ofstream(dir / "b.txt") << "Test: b\nURL: /\nSteps:\n";
  }
  try {
    load_plan({dir.string()}, options());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::BadInput);
    std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("a.txt:4"));
    CHECK_THAT(msg, Catch::Contains("b.txt"));
    CHECK_THAT(msg, Catch::Contains("2 problems"));
  }
  CHECK_THROWS_AS(load_plan({(dir / "missing.txt").string()}, options()), Error);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a file that is not well-formed UTF-8 is refused with its line, before the run could choke on it") {
  // Found by tests/fuzz (corpus/text_requirements/utf8_above_10ffff.txt): such bytes passed `pacts plan`, then
  // `pacts run` failed with an internal error when the target went into the page agent's JSON.
  auto dir = std::filesystem::temp_directory_path() / "pacts_spec_utf8_test";
  std::filesystem::create_directories(dir);
  auto file = (dir / "t.txt").string();
  for (const char* bad : {"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF0\x80\x80\xAF",
                          "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xE2\x82"}) {
    std::ofstream(file, std::ios::binary) << "Test: t\nURL: /\nSteps:\n1. Click \"Log" << bad << "in\"\n";
    INFO("bytes " << Catch::Detail::stringify(std::string(bad)));
    try {
      load_plan({file}, options());
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK_THAT(e.what(), Catch::Contains("t.txt:4: this line is not valid UTF-8"));
    }
  }
  // Well-formed text at the edges of the ranges is read.
  std::ofstream(file, std::ios::binary) << "Test: t\nURL: /\nSteps:\n1. Click \"\xC2\x80\xE0\xA0\x80\xED\x9F\xBF"
                                           "\xEE\x80\x80\xF0\x90\x80\x80\xF4\x8F\xBF\xBF \xE2\x82\xAC 5\"\n";
  CHECK(load_plan({file}, options()).tests.size() == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("plan JSON has the documented shape with nulls for absent fields") {
  std::vector<PlanError> errors;
  auto tests = text("Test: t\nURL: /x\nSteps:\n1. Click first video result\nExpected: \"Done\"\n", errors);
  REQUIRE(errors.empty());
  auto json = plan_to_json(Plan{tests});
  CHECK_THAT(json, Catch::Contains("\"ordinal\": 1"));
  CHECK_THAT(json, Catch::Contains("\"within\": null"));
  CHECK_THAT(json, Catch::Contains("\"value\": null"));
  CHECK_THAT(json, Catch::Contains("\"type\": \"text_visible\""));
  CHECK_THAT(json, Catch::Contains("\"line\": 4"));
}
