#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "store/migrations.h"
#include "store/store.h"
#include "sync/outbox.h"

using namespace pacts;

namespace {

struct TempDb {
  std::filesystem::path dir;
  std::string path;
  TempDb() {
    dir = std::filesystem::temp_directory_path() / ("pacts_store_" + new_uuid_v7());
    path = (dir / "sub" / "pacts.db").string();
  }
  ~TempDb() { std::filesystem::remove_all(dir); }
};

RunRecord run_record() {
  RunRecord r;
  r.id = new_uuid_v7();
  r.invocation_id = new_uuid_v7();
  r.test_name = "t";
  r.file = "f.txt";
  r.url = "/x";
  r.started_at = now_iso8601();
  return r;
}

SelectorRecord selector(const std::string& target) {
  SelectorRecord s;
  s.key = {"{base}/shop/inventory.html", "click", target, "", 0, "Sauce Labs Backpack"};
  s.selector = "[data-test=\"add-to-cart-sauce-labs-backpack\"]";
  s.strategy = "testid";
  s.confidence = 1.0;
  s.fingerprint = "{}";
  return s;
}

// Every index and trigger of a store, with the SQL that made it: a migration that rebuilds a table must bring
// back what the migrations before it created on that table.
std::vector<std::string> indexes_and_triggers(SQLite::Database& db) {
  std::vector<std::string> out;
  SQLite::Statement q(db, "SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || COALESCE(sql, '') "
                          "FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name");
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

}  // namespace

TEST_CASE("a fresh store gets every migration, a device id and WAL") {
  TempDb t;
  Store store(t.path);
  auto info = store.info();
  CHECK(info.schema_version == sqlite_migrations().back().version);
  CHECK(info.schema_version == info.latest_schema_version);
  CHECK(is_uuid(info.device_id));
  SQLite::Statement q(store.database(), "PRAGMA journal_mode");
  q.executeStep();
  CHECK(q.getColumn(0).getString() == "wal");
  std::string id = info.device_id;
  // Reopening keeps the device id.
  Store again(t.path);
  CHECK(again.device_id() == id);
}

TEST_CASE("an older store is upgraded on open and keeps its data") {
  TempDb t;
  std::filesystem::create_directories(std::filesystem::path(t.path).parent_path());
  std::string run_id = new_uuid_v7();
  {
    SQLite::Database db(t.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    std::vector<Migration> first_only = {sqlite_migrations().front()};
    apply_sqlite_migrations(db, first_only, t.path);
    CHECK(sqlite_schema_version(db) == 1);
    CHECK_FALSE(db.tableExists("selectors"));
    SQLite::Statement ins(db,
                          "INSERT INTO runs (id, invocation_id, device_id, test_name, file, verdict, started_at) "
                          "VALUES (?, 'inv', 'dev', 'old run', 'f.txt', 'pass', '2026-01-01T00:00:00.000Z')");
    ins.bind(1, run_id);
    ins.exec();
  }
  Store store(t.path);
  CHECK(store.info().schema_version == sqlite_migrations().back().version);
  CHECK(store.database().tableExists("selectors"));
  auto run = store.find_run(run_id);
  REQUIRE(run);
  CHECK(run->test_name == "old run");
}

TEST_CASE("a store written by a newer pacts is refused with a clear error") {
  TempDb t;
  { Store store(t.path); }
  {
    SQLite::Database db(t.path, SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO schema_version (version, name, applied_at) VALUES (999, '0999_future.sql', 'x')");
  }
  try {
    Store store(t.path);
    FAIL("expected the newer schema to be refused");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Setup);
    CHECK_THAT(std::string(e.what()), Catch::Contains("schema version 999"));
    CHECK_THAT(std::string(e.what()), Catch::Contains("newer pacts"));
  }
}

TEST_CASE("migration files must be numbered") {
  CHECK_THROWS_AS(migrations_from({{"init.sql", "SELECT 1"}}), Error);
  CHECK_THROWS_AS(migrations_from({{"0001_a.sql", ""}, {"0001_b.sql", ""}}), Error);
  auto m = migrations_from({{"0002_b.sql", "B"}, {"0001_a.sql", "A"}});
  CHECK(m[0].version == 1);
  CHECK(m[1].sql == "B");
}

TEST_CASE("run records land with their steps and artifacts, and in the outbox") {
  Store store(":memory:");
  Outbox outbox(store);
  auto run = run_record();
  store.begin_run(run);
  StepRecord step;
  step.id = new_uuid_v7();
  step.run_id = run.id;
  step.index = 0;
  step.line = 7;
  step.action = "fill";
  step.target = "Password";
  step.value = "***";
  step.source = "discovery";
  step.started_at = now_iso8601();
  store.add_step(step);
  ArtifactRecord art{new_uuid_v7(), run.id, 0, "screenshot", "/tmp/x.png", 123, "abc", now_iso8601()};
  store.add_artifact(art);
  run.verdict = Verdict::Pass;
  run.finished_at = now_iso8601();
  run.total_steps = 1;
  run.steps_passed = 1;
  store.finish_run(run);

  auto back = store.find_run(run.id);
  REQUIRE(back);
  CHECK(back->verdict == Verdict::Pass);
  auto steps = store.steps_of(run.id);
  REQUIRE(steps.size() == 1);
  CHECK(*steps[0].value == "***");
  CHECK(steps[0].line == 7);
  CHECK(store.artifacts_of(run.id).size() == 1);

  auto pending = outbox.pending(100);
  REQUIRE(pending.size() == 4);  // the run as it started (so that its steps never arrive before it), step, artifact, run
  CHECK(pending[0].entity == "run");
  CHECK(pending[0].payload.find("\"verdict\":\"running\"") != std::string::npos);
  CHECK(pending[1].entity == "run_step");
  CHECK(pending[3].entity == "run");
  CHECK(pending[1].seq < pending[2].seq);
  CHECK(pending[3].payload.find("\"verdict\":\"pass\"") != std::string::npos);
  CHECK(outbox.acknowledge(pending[2].seq) == 3);
  CHECK(outbox.pending_count() == 1);
  CHECK(outbox.acknowledge(pending[2].seq) == 0);  // idempotent
}

TEST_CASE("a healed step keeps its heal's before and after, reads it back and queues it for sync") {
  TempDb t;
  Store store(t.path);
  RunRecord run = run_record();
  store.begin_run(run);
  StepRecord healed;
  healed.id = new_uuid_v7();
  healed.run_id = run.id;
  healed.action = "click";
  healed.target = "Save";
  healed.selector = "[data-testid=\"save-v2\"]";
  healed.strategy = "attribute_family";
  healed.source = "healed";
  healed.score = 0.87;
  healed.outcome = Outcome::Passed;
  healed.started_at = now_iso8601();
  healed.heal = StepHeal{"#save", 0.42, {"name", "id", "attr:data-testid"}, "attribute_family", 3, 1.5, "{}"};
  store.add_step(healed);
  StepRecord abstained = healed;
  abstained.id = new_uuid_v7();
  abstained.index = 1;
  abstained.heal->strategy.clear();  // no strategy was sure
  abstained.heal->changed.clear();
  abstained.outcome = Outcome::Failed;
  store.add_step(abstained);
  StepRecord plain = healed;
  plain.id = new_uuid_v7();
  plain.index = 2;
  plain.heal.reset();
  store.add_step(plain);

  auto steps = store.steps_of(run.id);
  REQUIRE(steps.size() == 3);
  REQUIRE(steps[0].heal);
  CHECK(steps[0].heal->old_selector == "#save");
  CHECK(steps[0].heal->similarity == Approx(0.42));
  CHECK(steps[0].heal->changed == std::vector<std::string>{"name", "id", "attr:data-testid"});
  CHECK(steps[0].heal->strategy == "attribute_family");
  CHECK(steps[0].heal->tried == 3);
  CHECK(steps[0].heal->heal_ms == Approx(1.5));
  CHECK(*steps[0].selector == "[data-testid=\"save-v2\"]");  // the new selector, and its score
  CHECK(*steps[0].score == Approx(0.87));
  REQUIRE(steps[1].heal);
  CHECK(steps[1].heal->strategy.empty());
  CHECK(steps[1].heal->changed.empty());
  CHECK_FALSE(steps[2].heal);
  CHECK(store.database().execAndGet("SELECT count(*) FROM run_steps WHERE heal_strategy IS NULL").getInt() == 2);

  auto pending = Outbox(store).pending(100);
  REQUIRE(pending.size() == 4);
  auto payload = nlohmann::json::parse(pending[1].payload);
  CHECK(payload["heal_old_selector"] == "#save");
  CHECK(payload["heal_strategy"] == "attribute_family");
  CHECK(payload["heal_changed"] == "name, id, attr:data-testid");
  CHECK(payload["heal_tried"] == 3);
  CHECK(nlohmann::json::parse(pending[2].payload)["heal_strategy"].is_null());
  CHECK_FALSE(nlohmann::json::parse(pending[3].payload).contains("heal_old_selector"));
}

TEST_CASE("a run left running by a process that is gone is closed as interrupted at the next open, and queued") {
  TempDb t;
  RunRecord alive = run_record(), gone = run_record(), reused = run_record(), elsewhere = run_record();
  int64_t outbox_before = 0;
  {
    Store store(t.path);
    for (const auto* r : {&alive, &gone, &reused, &elsewhere}) store.begin_run(*r);
    auto set = [&](const std::string& id, const std::string& sql) {
      SQLite::Statement st(store.database(), "UPDATE runs SET " + sql + " WHERE id = ?");
      st.bind(1, id);
      CHECK(st.exec() == 1);
    };
    set(gone.id, "owner_pid = 999999999");                  // no process has this pid
    set(reused.id, "owner_start = '00000000.1'");            // our pid, but it was another process's then
    set(elsewhere.id, "owner_host = 'another-host', owner_pid = 999999999");  // cannot be checked from here
    outbox_before = store.outbox_pending_count();
  }
  Store again(t.path);
  CHECK(again.find_run(alive.id)->verdict == Verdict::Running);  // this process runs it
  CHECK(again.find_run(elsewhere.id)->verdict == Verdict::Running);
  for (const auto* r : {&gone, &reused}) {
    auto closed = again.find_run(r->id);
    REQUIRE(closed);
    CHECK(closed->verdict == Verdict::Error);
    CHECK(closed->reason == FailureReason::Interrupted);
    CHECK_THAT(closed->error, Catch::Contains("ended before the test did"));
    CHECK_FALSE(closed->finished_at.empty());
  }
  CHECK_THAT(again.find_run(gone.id)->error, Catch::Contains("pid 999999999"));
  auto pending = again.outbox_pending(100);
  REQUIRE(static_cast<int64_t>(pending.size()) == outbox_before + 2);
  for (size_t i = outbox_before; i < pending.size(); ++i) {
    CHECK(pending[i].entity == "run");
    CHECK((pending[i].entity_id == gone.id || pending[i].entity_id == reused.id));
    CHECK_THAT(pending[i].payload, Catch::Contains("\"reason\":\"interrupted\""));
  }
  Store third(t.path);  // closed once: nothing queued twice
  CHECK(third.outbox_pending_count() == outbox_before + 2);
}

TEST_CASE("run verdicts are constrained to the known values") {
  Store store(":memory:");
  auto run = run_record();
  store.begin_run(run);
  // The type cannot say "PASS"; the table refuses it all the same, for rows written by other tools.
  SQLite::Statement st(store.database(), "UPDATE runs SET verdict = 'PASS' WHERE id = ?");
  st.bind(1, run.id);
  CHECK_THROWS_AS(st.exec(), SQLite::Exception);
}

TEST_CASE("selector rows: upsert, hits, and removal at the second failure in a row") {
  Store store(":memory:");
  auto rec = selector("Add to cart");
  std::string key = rec.key.canonical();
  store.upsert_selector(rec);
  auto found = store.find_selector(key);
  REQUIRE(found);
  CHECK(found->selector == rec.selector);
  CHECK(found->key.context == "Sauce Labs Backpack");

  store.record_selector_hit(key);
  store.record_selector_hit(key);
  CHECK(store.find_selector(key)->hit_count == 2);

  CHECK_FALSE(store.record_selector_failure(key, rec.selector));  // first failure: kept
  store.record_selector_hit(key);                                 // a success resets the run of failures
  CHECK_FALSE(store.record_selector_failure(key, rec.selector));
  CHECK(store.find_selector(key)->miss_count == 2);
  CHECK_FALSE(store.record_selector_failure(key, "#another"));  // not the selector held here: not counted
  CHECK(store.find_selector(key)->miss_count == 2);
  CHECK(store.record_selector_failure(key, rec.selector));  // second in a row: removed
  CHECK_FALSE(store.find_selector(key));

  Outbox outbox(store);
  bool invalidated = false;
  for (const auto& e : outbox.pending(100)) invalidated |= e.entity == "selector_invalidated";
  CHECK(invalidated);
}

TEST_CASE("cache keys are canonical and keep fields apart") {
  SelectorKey a{"p", "click", "a|b", "", 0, ""};
  SelectorKey b{"p", "click", "a", "b", 0, ""};
  CHECK(a.canonical() != b.canonical());
  CHECK(a.canonical() == "p | click | a\\|b |  | 0 | ");
}

TEST_CASE("a store of schema 7 gains flaky runs and attempts, and keeps every run's steps, artifacts, indexes "
          "and triggers") {
  TempDb t;
  std::filesystem::create_directories(std::filesystem::path(t.path).parent_path());
  std::string run_id = new_uuid_v7();
  std::vector<std::string> before;
  {
    SQLite::Database db(t.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA foreign_keys=ON");
    std::vector<Migration> up_to_7;
    for (const auto& m : sqlite_migrations())
      if (m.version <= 7) up_to_7.push_back(m);
    apply_sqlite_migrations(db, up_to_7, t.path);
    REQUIRE(sqlite_schema_version(db) == 7);
    before = indexes_and_triggers(db);
    db.exec("INSERT INTO runs (id, invocation_id, device_id, test_name, file, verdict, started_at, owner_host) "
            "VALUES ('" + run_id + "', 'inv', 'dev', 'old run', 'f.txt', 'fail', '2026-01-01T00:00:00.000Z', 'h')");
    db.exec("INSERT INTO run_steps (id, run_id, kind, idx, action, outcome, started_at) "
            "VALUES ('s1', '" + run_id + "', 'step', 0, 'click', 'failed', '2026-01-01T00:00:00.000Z')");
    db.exec("INSERT INTO artifacts (id, run_id, kind, path, bytes, sha256, created_at) "
            "VALUES ('a1', '" + run_id + "', 'screenshot', '/x.png', 1, 'abc', '2026-01-01T00:00:00.000Z')");
    CHECK_THROWS(db.exec("INSERT INTO runs (id, invocation_id, device_id, test_name, file, verdict, started_at) "
                         "VALUES ('r2', 'i', 'd', 't', 'f', 'flaky', 'x')"));
  }
  Store store(t.path);
  CHECK(store.info().schema_version == sqlite_migrations().back().version);
  auto upgraded = indexes_and_triggers(store.database());
  for (const auto& made_before : before) {
    INFO(made_before);
    CHECK(std::find(upgraded.begin(), upgraded.end(), made_before) != upgraded.end());
  }
  auto has = [&](const std::string& prefix) {
    return std::any_of(upgraded.begin(), upgraded.end(), [&](const std::string& s) { return s.rfind(prefix, 0) == 0; });
  };
  CHECK(has("index runs_by_start ON runs"));
  CHECK(has("index runs_running ON runs"));
  CHECK(has("index cache_stats_by_time ON cache_stats: CREATE INDEX cache_stats_by_time ON cache_stats (recorded_at, "
            "tier, hits, misses)"));  // 0007_summary_window's covering index
  CHECK(has("trigger run_totals_insert ON runs"));
  CHECK(has("trigger run_totals_verdict ON runs"));
  CHECK(has("trigger run_totals_delete_running ON runs"));
  auto old = store.find_run(run_id);
  REQUIRE(old);
  CHECK(old->verdict == Verdict::Fail);
  CHECK(old->attempt == 1);
  CHECK(store.steps_of(run_id).size() == 1);  // the rebuild of runs cascaded to nothing
  CHECK(store.artifacts_of(run_id).size() == 1);
  SQLite::Statement fk(store.database(), "PRAGMA foreign_keys");
  REQUIRE(fk.executeStep());
  CHECK(fk.getColumn(0).getInt() == 1);  // on again after migrating

  auto retry = run_record();
  retry.attempt = 2;
  store.begin_run(retry);
  retry.verdict = Verdict::Flaky;
  retry.finished_at = now_iso8601();
  store.finish_run(retry);
  auto back = store.find_run(retry.id);
  REQUIRE(back);
  CHECK(back->verdict == Verdict::Flaky);
  CHECK(back->attempt == 2);
  auto pending = Outbox(store).pending(100);
  REQUIRE_FALSE(pending.empty());
  CHECK_THAT(pending.back().payload, Catch::Contains("\"verdict\":\"flaky\"") && Catch::Contains("\"attempt\":2"));
}
