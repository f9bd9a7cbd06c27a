// Navigation deadlines in a real headless Chromium: a page that never finishes loading fails at
// run.navigation_timeout_ms, with a screenshot. The pages come from a loopback server that holds what it is
// told to (holding_server.h).
#include <catch2/catch.hpp>

#include <filesystem>

#include "harness.h"
#include "holding_server.h"

using namespace pacts;
using namespace pacts::testing;

namespace {

// The script in the head blocks the parser, and with it the first paint: until it comes (or the load is
// stopped) there is nothing to screenshot.
const char* const kPage =
    "<!doctype html><html><head><title>Held</title><script src=\"/never.js\"></script></head>"
    "<body><h1>Almost there</h1><button>Save</button></body></html>";

void check_failed_at_its_deadline(const TestResult& r) {
  INFO(r.error);
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.reason == FailureReason::NavigationFailed);
  CHECK_THAT(r.error, Catch::Contains("did not finish loading within 1500 ms"));
  REQUIRE(r.artifacts.size() == 2);  // the screenshot of what did arrive, and its HTML
  CHECK(png_file(r.artifacts[0]));
  CHECK(std::filesystem::path(r.artifacts[1]).extension() == ".html");
}

}  // namespace

TEST_CASE("a page whose script never loads fails at the navigation deadline, with a screenshot", "[run]") {
  HoldingServer server;
  server.page("/held-script.html", kPage);
  Harness h("tests/pages");
  h.config.run.navigation_timeout_ms = 1500;
  auto r = h.run("Test: held script\nURL: " + server.url("/held-script.html") + "\nSteps:\n1. Click \"Save\"\n");
  check_failed_at_its_deadline(r);
  CHECK(r.steps.at(0).outcome == Outcome::Skipped);
}

TEST_CASE("a document whose server never answers, or stops half-way, fails at the navigation deadline", "[run]") {
  HoldingServer server;
  server.page("/half.html", std::string(kPage) + std::string(4000, ' ') + "<p>never sent</p>", true);
  std::string path = GENERATE(std::string("/never-answered.html"), std::string("/half.html"));
  Harness h("tests/pages");
  h.config.run.navigation_timeout_ms = 1500;
  auto r = h.run("Test: held document\nURL: " + server.url(path) + "\nSteps:\n1. Click \"Save\"\n");
  check_failed_at_its_deadline(r);
}

TEST_CASE("a Go to step whose page never loads fails at the navigation deadline, with a screenshot", "[run]") {
  HoldingServer server;
  server.page("/held-script.html", kPage);
  Harness h("tests/pages");
  h.config.run.navigation_timeout_ms = 1500;
  auto r = h.run("Test: go to\nURL: /ambiguous.html\nSteps:\n1. Go to " + server.url("/held-script.html") +
                 "\n2. Click \"Save\"\n");
  INFO(r.error);
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.steps.at(0).reason == FailureReason::NavigationFailed);
  CHECK_THAT(r.steps.at(0).error, Catch::Contains("did not finish loading within 1500 ms"));
  REQUIRE(r.artifacts.size() == 2);
  CHECK(png_file(r.artifacts[0]));
  CHECK(std::filesystem::path(r.artifacts[1]).extension() == ".html");
}

namespace {

// Runs `steps` from a start page whose link opens an order page that stops half-way: its heading arrives, the
// rest ("Payment declined", the "Pay again" button) never does, so the document is never parsed to its end.
TestResult run_to_half_order(const std::string& steps) {
  HoldingServer server;
  server.page("/start.html", "<!doctype html><html><head><title>Start</title></head><body>"
                             "<a href=\"/order.html\">Open the order</a></body></html>");
  server.page("/order.html",
              "<!doctype html><html><head><title>Order</title></head><body><h1>Your order</h1>" +
                  std::string(4000, ' ') + "<p>Payment declined</p><button>Pay again</button></body></html>",
              true);
  Harness h("tests/pages");
  h.config.run.navigation_timeout_ms = 1500;
  return h.run("Test: t\nURL: " + server.url("/start.html") + "\nSteps:\n1. Click \"Open the order\"\n" + steps);
}

}  // namespace

TEST_CASE("a click that navigates ends when the new document commits; what is there can be checked at once", "[run]") {
  auto r = run_to_half_order("Expected: \"Your order\" is visible\n");
  INFO(r.error);
  CHECK(r.verdict == Verdict::Pass);
}

TEST_CASE("a check that something is absent never judges a document that is still being parsed", "[run]") {
  // "Payment declined" is not in what has arrived: looking at the half document would pass this check wrongly.
  auto r = run_to_half_order("Expected: \"Payment declined\" is not visible\n");
  INFO(r.error);
  CHECK(r.verdict == Verdict::Fail);
  REQUIRE(r.assertions.size() == 1);
  CHECK(r.assertions[0].reason == FailureReason::NavigationFailed);
  CHECK_THAT(r.assertions[0].error, Catch::Contains("did not finish loading within 1500 ms"));
}

TEST_CASE("the step after a click that navigates looks for its element only in a parsed document", "[run]") {
  auto r = run_to_half_order("2. Click \"Pay again\"\n");
  INFO(r.error);
  CHECK(r.verdict == Verdict::Fail);
  REQUIRE(r.steps.size() == 2);
  CHECK(r.steps[0].outcome == Outcome::Passed);
  CHECK(r.steps[1].reason == FailureReason::NavigationFailed);
  CHECK_THAT(r.steps[1].error, Catch::Contains("did not finish loading within 1500 ms"));
}
