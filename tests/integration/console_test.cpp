// The console of `pacts run` as a person and a CI log see it: under a pseudo-terminal the live progress line
// and the failures above it; through a pipe plain lines with no escape code; `--repeat`: cold then warm in one
// command; and the page's HTML kept beside a failure's screenshot, with the secrets masked.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/temp_dir.h"
#include "harness.h"
#include "processes.h"
#include "report/html_report.h"
#include "run/recording.h"
#include "serve/api.h"

using namespace pacts;
using namespace pacts::testing;
namespace fs = std::filesystem;

namespace {

// Test p passes; test f fails at its Expected line (line 11).
const char* kSuite =
    "Test: p\nURL: /ambiguous.html\nSteps:\n1. Fill \"x\" in Name\nExpected: \"Profile\" is visible\n\n"
    "Test: f\nURL: /ambiguous.html\nSteps:\n1. Fill \"x\" in Name\nExpected: \"Nope\" is visible\n";

struct Suite {
  TempDir dir{"pacts-console"};
  std::string file = dir.path() + "/suite.txt";
  Suite(const char* text = kSuite) { std::ofstream(file) << text; }
  // A run of its own: its store, artifacts and no HTML report in the working folder.
  std::map<std::string, std::string> env() const {
    return {{"PACTS_STORE_PATH", dir.path() + "/s.db"}, {"PACTS_RUN_ARTIFACTS_DIR", dir.path() + "/artifacts"},
            {"PACTS_REPORT_HTML_DIR", ""}, {"PACTS_RUN_ASSERTION_TIMEOUT_MS", "500"}};
  }
};

std::string without_carriage_returns_before_newlines(std::string s) {  // the terminal's \n -> \r\n
  std::string out;
  for (size_t i = 0; i < s.size(); ++i)
    if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) out += s[i];
  return out;
}

int run_piped(const std::vector<std::string>& args, const std::string& log, const std::map<std::string, std::string>& env) {
  return wait_exit(spawn(args, log, env));
}

}  // namespace

TEST_CASE("on a terminal, pacts run redraws one progress line, collapses the passing test and prints the failure "
          "with its file:line above it and at the end of the summary", "[console]") {
  Suite suite;
  auto env = suite.env();
  env["NO_COLOR"] = "1";
  int code = -1;
  std::string out = without_carriage_returns_before_newlines(run_in_terminal(
      {PACTS_BINARY, "run", "--serve", source_path("tests/pages"), "--no-cache", suite.file}, env, code));
  INFO(out);
  CHECK(code == 1);
  CHECK_THAT(out, Catch::Contains("\r\x1b[2K[0/2] 0 passed, 0 failed"));
  CHECK_THAT(out, Catch::Contains("\r\x1b[2K[1/2] 1 passed, 0 failed"));
  CHECK_THAT(out, Catch::Contains("ETA"));
  CHECK_THAT(out, Catch::Contains("\r\x1b[2KFAIL f\n  " + suite.file + ":11  "));
  CHECK_THAT(out, Catch::Contains("        assertion_failed: "));
  CHECK(out.find("TEST p") == std::string::npos);  // the passing test is only counted
  CHECK(out.find("  ok  ") == std::string::npos);
  CHECK_THAT(out, Catch::Contains("\r\x1b[2K2 tests: 1 passed, 1 failed"));
  auto last = out.substr(out.rfind("cache: off\n") + 11);
  CHECK(last.rfind("  FAIL f  " + suite.file + ":11  assertion_failed: ", 0) == 0);
  CHECK(out.find("\x1b[31m") == std::string::npos);  // NO_COLOR
  CHECK(out.find("\x1b[32m") == std::string::npos);

  env["NO_COLOR"] = "";  // https://no-color.org: an empty NO_COLOR does not count
  std::string coloured = run_in_terminal({PACTS_BINARY, "run", "--serve", source_path("tests/pages"), "--no-cache",
                                          suite.file}, env, code);
  CHECK(code == 1);
  CHECK_THAT(coloured, Catch::Contains("\x1b[31mFAIL\x1b[0m f"));
}

TEST_CASE("through a pipe, pacts run writes plain lines with no escape code, ending with the failures' file:line "
          "and reason", "[console]") {
  Suite suite;
  std::string log = suite.dir.path() + "/log";
  int code = run_piped({PACTS_BINARY, "run", "--serve", source_path("tests/pages"), "--no-cache", "--reporter", "line",
                        suite.file}, log, suite.env());
  std::string out = file_text(log);
  INFO(out);
  CHECK(code == 1);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\r') == std::string::npos);
  CHECK_THAT(out, Catch::Contains("TEST p  " + suite.file));
  CHECK_THAT(out, Catch::Contains("PASS p  1/1 steps, 1/1 checks"));
  CHECK_THAT(out, Catch::Contains("2 tests: 1 passed, 1 failed"));
  CHECK(out.substr(out.rfind("cache: off\n") + 11).rfind("  FAIL f  " + suite.file + ":11  assertion_failed: ", 0) == 0);

  // The same without --reporter: not a terminal, so plain lines too; a reporter that does not exist is refused.
  CHECK(run_piped({PACTS_BINARY, "run", "--serve", source_path("tests/pages"), "--no-cache", "--reporter", "list",
                   suite.file}, log, suite.env()) == 2);
  CHECK_THAT(file_text(log), Catch::Contains("--reporter: report.reporter must be one of auto, live, line, dot"));
}

TEST_CASE("pacts run --repeat 2 on an empty store discovers in loop 1, takes every selector from sqlite in loop 2, "
          "and reports each loop", "[console]") {
  Suite suite("Test: p\nURL: /ambiguous.html\nSteps:\n1. Fill \"x\" in Name\n2. Check \"Email me\"\n"
              "Expected: \"Profile\" is visible\n");
  std::string log = suite.dir.path() + "/log", json_path = suite.dir.path() + "/r.json";
  int code = run_piped({PACTS_BINARY, "run", "--serve", source_path("tests/pages"), "--repeat", "2", "--json",
                        json_path, suite.file}, log, suite.env());
  std::string out = file_text(log);
  INFO(out);
  CHECK(code == 0);
  CHECK_THAT(out, Catch::Contains("loop 1 of 2"));
  CHECK_THAT(out, Catch::Contains("loop 2 of 2"));
  CHECK_THAT(out, Catch::Contains("loop  line  step"));
  CHECK_THAT(out, Catch::Contains("   1     4  fill \"Name\""));
  CHECK_THAT(out, Catch::Contains("loop 1: hit rate 0% (0 of 2 lookups, sqlite 0), 2 discoveries, 1 passed, 0 failed"));
  CHECK_THAT(out, Catch::Contains("loop 2: hit rate 100% (2 of 2 lookups, sqlite 2), 0 discoveries, 1 passed, 0 failed"));
  CHECK_THAT(out, Catch::Contains("2 tests: 2 passed, 0 failed"));
  auto doc = nlohmann::json::parse(file_text(json_path));
  REQUIRE(doc["runs"].size() == 2);
  CHECK(doc["runs"][0]["loop"] == 1);
  CHECK(doc["runs"][1]["loop"] == 2);
  CHECK(doc["runs"][0]["steps"][0]["source"] == "discovery");
  CHECK(doc["runs"][1]["steps"][0]["source"] == "sqlite");
  CHECK(doc["runs"][0]["invocation_id"] != doc["runs"][1]["invocation_id"]);
  REQUIRE(doc["loops"].size() == 2);
  CHECK(doc["loops"][1]["cache"]["hit_rate"] == 1.0);

  Suite failing;  // one failing loop is a failed run
  CHECK(run_piped({PACTS_BINARY, "run", "--serve", source_path("tests/pages"), "--repeat", "2", failing.file}, log,
                  failing.env()) == 1);
  CHECK_THAT(file_text(log), Catch::Contains("4 tests: 2 passed, 2 failed"));
}

TEST_CASE("a failure leaves the page's HTML beside its screenshot, with the page but not the secret typed into it",
          "[console]") {
  TempDir site("pacts-dom-site");
  std::ofstream(site.path() + "/login.html")
      << "<!doctype html><html><head><title>Sign in</title></head><body><h1>Sign in here</h1>\n"
         "<label>User <input id=u oninput=\"document.getElementById('echo').textContent = 'Hello ' + this.value;"
         " this.setAttribute('value', this.value)\"></label>\n"
         "<label>Password <input type=password id=p oninput=\"this.setAttribute('value', this.value)\"></label>\n"
         "<p id=echo></p></body></html>\n";
  setenv("PACTS_DOM_SECRET", "dom-Zq81-secret", 1);
  setenv("PACTS_DOM_PASSWORD", "pw-Hk27-secret", 1);
  TempDir store_dir("pacts-dom-store");
  Harness h(site.path(), store_dir.path() + "/s.db");
  h.config.run.assertion_timeout_ms = 500;
  auto r = h.run("Test: sign in\nURL: /login.html\nSteps:\n1. Fill \"@env:PACTS_DOM_SECRET\" in User\n"
                 "2. Fill \"@env:PACTS_DOM_PASSWORD\" in Password\nExpected: \"Welcome back\" is visible\n");
  unsetenv("PACTS_DOM_SECRET");
  unsetenv("PACTS_DOM_PASSWORD");
  REQUIRE(r.verdict == Verdict::Fail);
  std::string html_path;
  for (const auto& a : r.artifacts)
    if (fs::path(a).extension() == ".html") html_path = a;
  REQUIRE(!html_path.empty());
  std::string html = file_text(html_path);
  INFO(html);
  CHECK_THAT(html, Catch::Contains("<h1>Sign in here</h1>"));
  CHECK_THAT(html, Catch::Contains("Hello ***"));  // the page echoed the secret: masked
  CHECK(html.find("Zq81") == std::string::npos);
  CHECK(html.find("Hk27") == std::string::npos);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);

  // Recorded with its SHA-256 like a screenshot, and served as HTML that runs nothing.
  Api api({store_dir.path() + "/s.db", h.config.run.artifacts_dir, 0.8, {}});
  auto detail = api.get("/api/runs/" + r.id, {});
  REQUIRE(detail.status == 200);
  auto run = nlohmann::json::parse(detail.body);
  std::string id;
  for (const auto& a : run["artifacts"])
    if (a["kind"] == "html") {
      id = a["id"];
      CHECK(a["sha256"] == sha256_hex(html));
    }
  REQUIRE(!id.empty());
  auto served = api.get("/api/artifacts/" + id, {});
  CHECK(served.status == 200);
  CHECK(served.content_type.rfind("text/html", 0) == 0);
  CHECK(served.sandboxed);
  CHECK(served.body == html);

  RunReport report;  // and linked from the run's HTML report
  report.tests = {r};
  CHECK_THAT(html_report(report), Catch::Contains("<a class=\"snapshot\" href=\"file://" + html_path + "\">"));
}
