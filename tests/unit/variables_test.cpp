#include <catch2/catch.hpp>

#include "plan/variables.h"

using namespace pacts;

TEST_CASE("variables bind from --var, defaults, the environment and the test's timestamp") {
  std::map<std::string, std::string> env = {{"SHOP_PASSWORD", "secret_sauce"}};
  VariableScope scope;
  scope.vars = {{"user", "standard_user"}};
  scope.env = &env;
  scope.timestamp = "1700000000";

  SECTION("${var} and {{var}}") {
    auto b = bind_variables("${user} / {{user}}", scope);
    CHECK(b.error.empty());
    CHECK(b.text.clear() == "standard_user / standard_user");
  }
  SECTION("a default when the variable is missing") {
    CHECK(bind_variables("${zip|12345}", scope).text.clear() == "12345");
    CHECK(bind_variables("${user|nobody}", scope).text.clear() == "standard_user");
  }
  SECTION("a missing variable without a default is an error naming it") {
    auto b = bind_variables("${zip}", scope);
    CHECK_THAT(b.error, Catch::Contains("'zip'"));
  }
  SECTION("@env values are secrets: the display is masked") {
    auto b = bind_variables("pw=@env:SHOP_PASSWORD", scope);
    CHECK(b.text.clear() == "pw=secret_sauce");
    CHECK(b.text.masked() == "pw=***");
  }
  SECTION("a missing environment variable is an error") {
    CHECK_THAT(bind_variables("@env:NOPE_NOT_SET", scope).error, Catch::Contains("NOPE_NOT_SET"));
  }
  SECTION("{timestamp} is the test's fixed value") {
    CHECK(bind_variables("jane.{timestamp}@example.com", scope).text.clear() == "jane.1700000000@example.com");
    CHECK(bind_variables("${timestamp}", scope).text.clear() == "1700000000");
  }
  SECTION("a variable's own value may be @env:NAME, and stays a secret") {
    auto v = bind_variable_value("@env:SHOP_PASSWORD", &env);
    REQUIRE(v.error.empty());
    CHECK(v.text.clear() == "secret_sauce");
    CHECK(v.text.has_secret());
    scope.vars["pw"] = v.text;
    auto b = bind_variables("${pw}!", scope);
    CHECK(b.text.clear() == "secret_sauce!");
    CHECK(b.text.masked() == "***!");
    CHECK_FALSE(bind_variable_value("@env:NOPE_NOT_SET", &env).error.empty());
    CHECK(bind_variable_value("${not_read}", &env).text.clear() == "${not_read}");
  }
  SECTION("unclosed braces are errors") {
    CHECK_FALSE(bind_variables("${user", scope).error.empty());
    CHECK_FALSE(bind_variables("{{user", scope).error.empty());
  }
}
