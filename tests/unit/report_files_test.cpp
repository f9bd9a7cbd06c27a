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
