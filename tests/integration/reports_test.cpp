// The HTML and JUnit reports of a real run (headless Chromium through the harness): the HTML file, opened
// from file:// in Chromium, shows the failure and its screenshot; the JUnit file is read by junitparser, a
// real JUnit consumer, and is well-formed XML for xmllint.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "browser/page.h"
#include "core/temp_dir.h"
#include "harness.h"
#include "processes.h"
#include "report/html_report.h"
#include "report/junit_report.h"

using namespace pacts;
using namespace pacts::testing;

namespace {

const char* kTwoTests =
    "Test: saves notifications\nURL: /ambiguous.html\nSteps:\n1. Click \"Save\" in the Notifications section\n"
    "Expected: \"Saved notifications\" is visible\n\n"
    "Test: expects a thank-you\nURL: /ambiguous.html\nSteps:\n1. Click \"Save\" in the Notifications section\n"
    "Expected: \"Thank you for your order\" is visible\n";

std::string shell(const std::string& cmd) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

}  // namespace

TEST_CASE("the HTML report of a failing run shows the failure and its screenshot from file:// in Chromium", "[reports]") {
  Harness h("tests/pages");
  auto report = h.run_plan(h.plan(kTwoTests));
  REQUIRE(report.tests.size() == 2);
  REQUIRE(report.tests[1].verdict == Verdict::Fail);
  TempDir dir("pacts-html-report");
  std::string file = dir.path() + "/report.html";
  write_html_report(report, file);
  CHECK(file_text(file).find("src=\"file:") == std::string::npos);  // self-contained
  CHECK(file_text(file).find("src=\"/") == std::string::npos);

  auto page = shared_browser().new_page();
  auto nav = page->navigate("file://" + file, std::chrono::milliseconds(10000));
  REQUIRE(nav.ok);
  CHECK(page->title() == "PACTS report");
  auto text = page->evaluate("document.body.innerText", std::chrono::milliseconds(5000));
  CHECK_THAT(text, Catch::Contains("1 passed"));
  CHECK_THAT(text, Catch::Contains("1 failed"));
  CHECK_THAT(text, Catch::Contains("Thank you for your order"));
  CHECK_THAT(text, Catch::Contains("assertion_failed"));
  // The screenshot is inlined and decodes to a picture of the page.
  auto shot = page->evaluate(
      "(async () => { const i = document.querySelector('img.shot'); if (!i) return 'no image'; await i.decode(); "
      "return i.naturalWidth > 100 && i.naturalHeight > 100 ? 'decoded' : 'empty'; })()",
      std::chrono::milliseconds(5000), true);
  CHECK(shot == "decoded");
}

TEST_CASE("the JUnit report of a run is read by junitparser with a testcase per test and the failure's reason", "[reports]") {
  Harness h("tests/pages");
  auto report = h.run_plan(h.plan(kTwoTests));
  REQUIRE(report.tests.size() == 2);
  TempDir dir("pacts-junit-report");
  std::string file = dir.path() + "/junit.xml";
  write_junit_report(report, file);
  CHECK(shell("xmllint --noout " + file) == "");
  auto read = shell("/usr/bin/python3 " + source_path("tests/tools/check_junit.py") + " " + file);
  INFO(read << "\n" << file_text(file));
  CHECK_THAT(read, Catch::Contains("totals tests=2 failures=1 errors=0"));
  CHECK_THAT(read, Catch::Contains("suite test.txt tests=2 failures=1"));
  CHECK_THAT(read, Catch::Contains("'pacts.cache.hits'"));
  CHECK_THAT(read, Catch::Contains("case test.txt | saves notifications | True | []"));
  CHECK_THAT(read, Catch::Contains("case test.txt | expects a thank-you | True | [('failure', 'assertion_failed', "));
  CHECK_THAT(read, Catch::Contains("Thank you for your order"));
}
