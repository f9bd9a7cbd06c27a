// Flows on real component libraries (tests/reallibs: published npm packages at pinned versions, fetched and
// checked by scripts/fetch-test-material.sh, served from loopback): every flow passes cold and warm, every
// NEGATIVE variant fails on its expected outcome, and every step acts on exactly the element its sentence names
// (tests/reallibs/expected/<flow>.json gives it as a selector, checked on the page at the moment of the action).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/temp_dir.h"
#include "core/text.h"
#include "discovery/page_agent.h"
#include "harness.h"
#include "plan/loader.h"

using namespace pacts;
using namespace pacts::testing;
namespace fs = std::filesystem;

namespace {

// The site scripts/fetch-test-material.sh assembled (setup.sh builds it into build/material-site).
std::string material_site() {
  const char* env = std::getenv("PACTS_MATERIAL_SITE");
  return env && *env ? std::string(env) : std::string(PACTS_MATERIAL_SITE);
}

// Checks, at each action, that the element PACTS resolved is the one the flow's author named.
struct IdentityCheck : RecordingObserver {
  std::map<std::string, std::map<int, std::string>> expected;  // test -> line -> selector
  std::string current_test;
  std::vector<std::string> wrong;
  int checked = 0;

  void test_started(const Test& test, const std::string&) override { current_test = test.name; }

  void acting_on(const Step& step, PageAgent& agent, int handle) override {
    auto t = expected.find(current_test);
    if (t == expected.end()) return;
    auto line = t->second.find(step.line);
    if (line == t->second.end()) return;
    auto want = agent.resolve(line->second, kAgentCallTimeout);
    ++checked;
    if (want.count != 1) {
      wrong.push_back(fmt::format("{} line {}: the expected {} matches {} elements", current_test, step.line,
                                  line->second, want.count));
      return;
    }
    if (!agent.same_control(handle, want.handles[0], kAgentCallTimeout))
      wrong.push_back(fmt::format("{} line {}: acted on another element than {}", current_test, step.line, line->second));
  }
};

void load_expected(const fs::path& file, IdentityCheck& check) {
  std::ifstream in(file);
  auto doc = nlohmann::json::parse(in);
  for (auto& [test, lines] : doc.items())
    for (auto& [line, selector] : lines.items()) check.expected[test][std::stoi(line)] = selector.get<std::string>();
}

}  // namespace

TEST_CASE("flows on real component libraries pass cold and warm, negatives fail, and every action hits its element",
          "[reallibs]") {
  std::string site = material_site();
  INFO("the test material is built by scripts/setup.sh (scripts/fetch-test-material.sh " << site << ")");
  REQUIRE(fs::exists(site + "/shoelace/settings.html"));
  TempDir dir("pacts-reallibs");
  Harness h(site, dir.path() + "/pacts.db");
  h.config.run.step_timeout_ms = 10000;
  IdentityCheck identity;
  for (const auto& e : fs::directory_iterator(source_path("tests/reallibs/expected"))) load_expected(e.path(), identity);
  LoadOptions options;
  Plan plan = load_plan({source_path("tests/reallibs/flows")}, options);
  REQUIRE(plan.tests.size() >= 32);

  for (const char* pass : {"cold", "warm"}) {
    int positives = 0, negatives = 0;
    for (const auto& test : plan.tests) {
      bool negative = test.name.rfind("NEGATIVE", 0) == 0;
      // A negative's outcome appears at once if the wrong element was acted on: no need to wait long for it.
      h.config.run.assertion_timeout_ms = negative ? 1500 : 5000;
      auto report = h.run_plan(Plan{{test}}, identity);
      REQUIRE(report.tests.size() == 1);
      const auto& r = report.tests[0];
      INFO(pass << ": " << test.name << " (" << test.file << "): " << r.error);
      if (negative) {
        ++negatives;
        CHECK(r.verdict == Verdict::Fail);
        CHECK(r.reason == FailureReason::AssertionFailed);  // every step ran; only the wrong outcome is absent
      } else {
        ++positives;
        CHECK(r.verdict == Verdict::Pass);
      }
      if (std::string(pass) == "warm")
        for (const auto& s : r.steps)
          if (s.target && s.outcome == Outcome::Passed) CHECK(s.source.value_or("") == "sqlite");
    }
    CHECK(positives >= 16);
    CHECK(negatives >= 16);
  }
  INFO(join(identity.wrong, "\n"));
  CHECK(identity.wrong.empty());
  CHECK(identity.checked >= 150);
}
