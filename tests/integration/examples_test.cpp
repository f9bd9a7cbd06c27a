// The bundled examples, as `pacts run --serve examples/sites examples/requirements/ examples/features/` runs them
// (plain-text and JSON requirements, Gherkin features with their step macros): every test
// passes cold, and on the second run every step takes its selector from SQLite with no discovery at all.
#include <catch2/catch.hpp>

#include "core/temp_dir.h"
#include "harness.h"
#include "plan/loader.h"

using namespace pacts;
using namespace pacts::testing;

TEST_CASE("every bundled example passes cold, then warm with every selector from sqlite", "[examples]") {
  TempDir dir("pacts-examples");
  Harness h("examples/sites", dir.path() + "/pacts.db");
  h.config = Config{};  // the shipped defaults, as the README's command uses them
  h.config.run.artifacts_dir = dir.path() + "/artifacts";
  LoadOptions options;
  Plan plan = load_plan({source_path("examples/requirements"), source_path("examples/features")}, options);
  REQUIRE(plan.tests.size() >= 10);
  size_t features = 0;
  for (const auto& t : plan.tests) features += t.file.size() > 8 && t.file.substr(t.file.size() - 8) == ".feature";
  CHECK(features >= 8);

  auto cold = h.run_plan(plan);
  for (const auto& t : cold.tests) {
    INFO(t.test_name << " (" << t.file << "): " << t.error);
    CHECK(t.verdict == Verdict::Pass);
  }
  CHECK(cold.cache.discoveries > 0);

  int64_t discoveries_before = h.cache().stats().discoveries;
  auto warm = h.run_plan(plan);
  for (const auto& t : warm.tests) {
    INFO(t.test_name << " (" << t.file << "): " << t.error);
    CHECK(t.verdict == Verdict::Pass);
    for (const auto& s : t.steps) {
      if (!s.target) continue;  // goto, waits, key presses without a field
      INFO("line " << s.line << " " << s.action << " " << *s.target);
      CHECK(s.source == "sqlite");
    }
  }
  CHECK(h.cache().stats().discoveries == discoveries_before);  // no discovery on the warm run
}
