// --browser-ws: the same runs against a browser that is already running, reached over its DevTools websocket.
#include <catch2/catch.hpp>


#include <fstream>

#include "core/temp_dir.h"
#include "harness.h"
#include "processes.h"
#include "run/runner.h"
#include "plan/loader.h"

using namespace pacts;
using namespace pacts::testing;

TEST_CASE("a run over a DevTools websocket behaves as one over the pipe", "[run]") {
  TempDir profile("pacts-remote");
  DebuggableChromium chromium(profile.path());
  REQUIRE_FALSE(chromium.ws_url.empty());
  BrowserOptions o;
  o.ws_url = chromium.ws_url;
  Browser remote(o);
  CHECK(remote.pid() == 0);

  StaticServer server(source_path("tests/pages"));
  Store store(":memory:");
  RecordingObserver observer;
  std::vector<PlanError> errors;
  auto tests = read_text_requirements(
      "t.txt", "Test: remote\nURL: /ambiguous.html\nSteps:\n1. Fill \"Ada\" in Name\n2. Click \"Save\" in Personal details\nExpected: \"Saved personal details\"\n",
      LoadOptions{}, errors);
  REQUIRE(errors.empty());
  ExecutorOptions eo;
  eo.base_url = server.base_url();
  eo.run.step_timeout_ms = 5000;
  auto report = run_plan(Plan{tests}, remote, &store, nullptr, observer, eo);
  REQUIRE(report.tests.size() == 1);
  INFO(report.tests[0].error);
  CHECK(report.tests[0].verdict == Verdict::Pass);
}
