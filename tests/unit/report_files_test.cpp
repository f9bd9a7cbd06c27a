// The reports' escaping and the --report flag, without a browser.
#include <catch2/catch.hpp>

#include "core/secret.h"
#include "report/html_report.h"
#include "report/junit_report.h"
#include "report/outputs.h"

using namespace pacts;

TEST_CASE("reports escape page text after masking secrets, so an escaped secret cannot slip through", "[reports]") {
  remember_secret("s3cr\"t<x>");
  CHECK(html_escape("<img src=x onerror=alert(1)> & 'q'") == "&lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39;");
  CHECK(html_escape("token s3cr\"t<x>").find("s3cr") == std::string::npos);
  CHECK(xml_escape("token s3cr\"t<x>").find("s3cr") == std::string::npos);
  CHECK(xml_escape(std::string("a\x01") + "b\x1b<") == "ab&lt;");
}

TEST_CASE("a report flag takes html and junit with or without a path and json only with one", "[reports]") {
  CHECK(parse_report_flag("html").path == ".pacts/report.html");
  CHECK(parse_report_flag("junit:out/j.xml").path == "out/j.xml");
  CHECK(parse_report_flag("json:r.json").kind == "json");
  CHECK_THROWS_WITH(parse_report_flag("json"), Catch::Contains("json:PATH"));
  CHECK_THROWS_WITH(parse_report_flag("pdf:x"), Catch::Contains("html[:PATH], junit[:PATH] and json:PATH"));
  CHECK_THROWS_WITH(parse_report_flag("html:"), Catch::Contains("the path is empty"));
}

TEST_CASE("JUnit shows a flaky test as a passing testcase with a flakyFailure for each failed attempt", "[reports]") {
  RunReport report;
  TestResult flaky;
  flaky.test_name = "Place an order";
  flaky.file = "shop.txt";
  flaky.verdict = Verdict::Flaky;
  flaky.attempt = 2;
  flaky.started_at = "2026-12-03T10:00:00.000Z";
  RunRecord first;
  first.attempt = 1;
  first.verdict = Verdict::Fail;
  first.reason = FailureReason::AssertionFailed;
  first.error = "expected \"Order placed\"";
  flaky.earlier_attempts.push_back(first);
  report.tests.push_back(flaky);
  std::string xml = junit_report_xml(report);
  CHECK_THAT(xml, Catch::Contains("tests=\"1\" failures=\"0\" errors=\"0\""));  // counted as passed
  CHECK_THAT(xml, !Catch::Contains("<failure") && !Catch::Contains("<error"));
  CHECK_THAT(xml, Catch::Contains("<flakyFailure message=\"expected &quot;Order placed&quot;\" type=\"assertion_failed\">"
                                  "attempt 1: "));
  CHECK_THAT(xml, Catch::Contains("<property name=\"pacts.verdict\" value=\"flaky\"/>") &&
                      Catch::Contains("<property name=\"pacts.attempts\" value=\"2\"/>") &&
                      Catch::Contains("flaky: passed on attempt 2 after 1 failed"));
  std::string html = html_report(report);
  CHECK_THAT(html, Catch::Contains("0 passed</span><span class=\"flaky\">1 flaky</span>") &&
                       Catch::Contains("attempt 1 <b>fail</b>"));
}
