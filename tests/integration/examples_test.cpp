// The bundled examples, as `pacts run --serve examples/sites examples/requirements/` runs them: every test
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
  Plan plan = load_plan({source_path("examples/requirements")}, options);
  REQUIRE(plan.tests.size() >= 10);

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
