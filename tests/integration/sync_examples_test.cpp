// Sync around real runs of the bundled examples (real Chromium, a real PostgreSQL from scripts/services.sh):
// a CI job with an in-memory store leaves its runs in the team database, a fresh laptop pulls and runs the
// suite from its local cache alone, and a run without --sync never writes to the team database.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <SQLiteCpp/SQLiteCpp.h>

#include "cache/postgres_tier.h"
#include "core/temp_dir.h"
#include "harness.h"
#include "plan/loader.h"
#include "services.h"
#include "sync_helpers.h"

using namespace pacts;
using namespace pacts::testing;
namespace fs = std::filesystem;

TEST_CASE("a CI run with an in-memory store and --sync leaves every run in Postgres; a fresh laptop pulls and runs the examples from sqlite", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  TempDir dir("pacts-sync-examples");
  LoadOptions options;
  Plan plan = load_plan({source_path("examples/requirements")}, options);
  REQUIRE(plan.tests.size() >= 10);

  fs::create_directories(dir.path() + "/ci");
  std::string secret_test = dir.path() + "/secret.txt";  // and one test with a secret, which must stay here
  std::ofstream(secret_test) << "Test: A secret password stays on this machine\nURL: /shop/\nSteps:\n"
                                "1. Fill \"Username\" with \"standard_user\"\n"
                                "2. Fill \"Password\" with \"@env:SYNC_TEST_SHOP_PASSWORD\"\n"
                                "3. Click Login button\nExpected: URL contains /shop/inventory.html\n";
  std::string log = dir.path() + "/ci.log";
  pid_t pid = spawn_pacts({"run", "--serve", source_path("examples/sites"), source_path("examples/requirements"),
                           secret_test, "--sync", "--json", dir.path() + "/ci.json"},
                          {{"PACTS_STORE_PATH", ":memory:"}, {"PACTS_POSTGRES_URL", url},
                           {"PACTS_RUN_ARTIFACTS_DIR", dir.path() + "/artifacts"},
                           {"SYNC_TEST_SHOP_PASSWORD", "secret_sauce"}},
                          log, dir.path() + "/ci");
  int code = wait_exit(pid, std::chrono::seconds(600));
  INFO(read_file(log));
  REQUIRE(code == 0);
  std::string tests = std::to_string(plan.tests.size() + 1);
  CHECK(query_value(url, "SELECT count(*) FROM runs WHERE verdict = 'pass'") == tests);
  CHECK(query_value(url, "SELECT count(*) FROM runs") == tests);
  CHECK(query_value(url, "SELECT s.value FROM run_steps s JOIN runs r ON r.id = s.run_id "
                         "WHERE r.test_name LIKE 'A secret password%' AND s.idx = 1") == "***");
  CHECK(full_dump(url).find("secret_sauce") == std::string::npos);
  CHECK(query_value(url, "SELECT count(*) FROM runs r WHERE total_steps <> (SELECT count(*) FROM run_steps s "
                         "WHERE s.run_id = r.id AND s.kind = 'step')") == "0");
  std::string json = read_file(dir.path() + "/ci.json");
  CHECK_THAT(json, Catch::Contains("\"sync\""));
  for (size_t at = 0; (at = json.find("\"id\": \"", at)) != std::string::npos; at += 7) {
    std::string id = json.substr(at + 7, 36);
    if (id.find('"') == std::string::npos)
      CHECK(query_value(url, "SELECT count(*) FROM runs WHERE id = '" + id + "'") == "1");
  }
  for (const auto& e : fs::recursive_directory_iterator(dir.path() + "/ci"))
    CHECK(e.path().extension() != ".db");  // nothing on disk
  CHECK(std::stoi(query_value(url, "SELECT count(*) FROM selectors")) > 0);

  // A laptop that has never run anything: pull, then run the suite.
  std::string laptop = dir.path() + "/laptop.db";
  std::string out;
  REQUIRE(run_pacts({"sync", "--pull"}, {{"PACTS_STORE_PATH", laptop}, {"PACTS_POSTGRES_URL", url}}, &out) == 0);
  INFO(out);
  Harness h("examples/sites", laptop);
  h.config = Config{};
  h.config.run.artifacts_dir = dir.path() + "/artifacts";
  auto warm = h.run_plan(plan);
  for (const auto& t : warm.tests) {
    INFO(t.test_name << " (" << t.file << "): " << t.error);
    CHECK(t.verdict == Verdict::Pass);
    for (const auto& s : t.steps) {
      if (!s.target) continue;
      INFO("line " << s.line << " " << s.action << " " << *s.target);
      CHECK(s.source == "sqlite");
    }
  }
  CHECK(h.cache().stats().discoveries == 0);
}

TEST_CASE("pacts run without --sync never writes to the team database, even when a team selector fails verification", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  TempDir dir("pacts-sync-readonly");
  Harness h("examples/sites", dir.path() + "/pacts.db");
  h.config.run.step_timeout_ms = 10000;
  h.config.postgres.url = url;
  h.config.postgres.command_timeout_ms = h.config.postgres.connect_timeout_ms = 1000;
  LoadOptions o;
  Plan plan = load_plan({source_path("examples/requirements/shop_e2e.txt")}, o);
  plan.tests.resize(1);
  auto cold = h.run_plan(plan);
  REQUIRE(cold.tests[0].verdict == Verdict::Pass);
  // The team store holds a stale selector for every step; the laptop's cache is empty.
  PostgresTier team(h.config.postgres);
  SQLite::Statement q(h.store().database(), "SELECT cache_key FROM selectors");
  while (q.executeStep()) {
    auto rec = *h.store().find_selector(q.getColumn(0).getString());
    rec.selector = "#gone-" + std::to_string(rec.selector.size());
    team.put(rec);
  }
  h.store().clear_selectors();
  std::string before = full_dump(url);
  auto r = h.run_plan(plan);
  REQUIRE(r.tests[0].verdict == Verdict::Pass);
  CHECK(r.cache.tiers.at("postgres").hits > 0);
  CHECK(r.cache.verifications_failed > 0);
  CHECK(full_dump(url) == before);  // read, never written: the removals travel by sync
}
