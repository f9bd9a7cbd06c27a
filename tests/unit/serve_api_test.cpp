// The serve module without sockets: /metrics text from a store's running totals, and the JSON API's
// parameter checks. Real SQLite stores in temp files.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/ids.h"
#include "core/temp_dir.h"
#include "serve/api.h"
#include "serve/metrics.h"
#include "store/migrations.h"
#include "store/store.h"

using namespace pacts;

namespace {

struct StoreWithRuns {
  TempDir dir{"pacts-serve-unit"};
  std::string path = dir.path() + "/pacts.db";
  Store store{path};

  std::string add_run(Verdict verdict, const std::vector<std::pair<std::string, double>>& steps) {
    RunRecord r;
    r.id = new_uuid_v7();
    r.invocation_id = new_uuid_v7();
    r.test_name = "checkout";
    r.file = "shop.txt";
    r.started_at = now_iso8601();
    store.begin_run(r);
    int i = 0;
    for (const auto& [action, ms] : steps) {
      StepRecord s;
      s.id = new_uuid_v7();
      s.run_id = r.id;
      s.index = i++;
      s.action = action;
      s.outcome = Outcome::Passed;
      s.duration_ms = ms;
      s.started_at = now_iso8601();
      store.add_step(s);
    }
    r.verdict = verdict;
    r.finished_at = now_iso8601();
    store.finish_run(r);
    return r.id;
  }
};

}  // namespace

TEST_CASE("a scrape counts each step once, in its histogram bucket, and runs by verdict", "[serve]") {
  StoreWithRuns s;
  s.add_run(Verdict::Pass, {{"click", 30}, {"fill", 700}});
  Api api({s.path, s.dir.path(), 0.8, {}});
  auto first = api.get("/metrics", {}).body;
  CHECK_THAT(first, Catch::Contains("pacts_runs_total{verdict=\"pass\"} 1\n"));
  CHECK_THAT(first, Catch::Contains("pacts_step_duration_seconds_bucket{action=\"click\",le=\"0.05\"} 1\n"));
  CHECK_THAT(first, Catch::Contains("pacts_step_duration_seconds_bucket{action=\"fill\",le=\"0.5\"} 0\n"));
  CHECK_THAT(first, Catch::Contains("pacts_step_duration_seconds_bucket{action=\"fill\",le=\"1\"} 1\n"));
  CHECK_THAT(first, Catch::Contains("pacts_step_duration_seconds_count{action=\"fill\"} 1\n"));
  s.add_run(Verdict::Fail, {{"click", 200}});
  auto second = api.get("/metrics", {}).body;
  CHECK_THAT(second, Catch::Contains("pacts_runs_total{verdict=\"fail\"} 1\n"));
  CHECK_THAT(second, Catch::Contains("pacts_step_duration_seconds_count{action=\"click\"} 2\n"));
  CHECK_THAT(second, Catch::Contains("pacts_step_duration_seconds_count{action=\"fill\"} 1\n"));  // not twice
  CHECK_THAT(second, Catch::Contains("# TYPE pacts_step_duration_seconds histogram\n"));
}

TEST_CASE("a Prometheus label value escapes backslash, quote and line feed", "[serve]") {
  CHECK(prometheus_label_value("a\\b\"c\nd") == "a\\\\b\\\"c\\nd");
  CHECK(epoch_seconds("2026-12-03T10:00:00.5Z") == 1796292000.5);
  CHECK(epoch_seconds("yesterday") == 0);
}

TEST_CASE("the JSON API refuses bad parameters with 400 and unknown runs with 404", "[serve]") {
  StoreWithRuns s;
  auto id = s.add_run(Verdict::Pass, {{"click", 30}});
  Api api({s.path, s.dir.path(), 0.8, {}});
  CHECK(api.get("/api/runs", {{"limit", "abc"}}).status == 400);
  CHECK(api.get("/api/runs", {{"limit", "99999999999999999999"}}).status == 400);
  CHECK(api.get("/api/runs", {{"since", "2026-13"}}).status == 400);
  CHECK(api.get("/api/runs", {{"verdict", "PASS"}}).status == 400);
  CHECK(api.get("/api/runs/" + id, {}).status == 200);
  CHECK(api.get("/api/runs/x" + id, {}).status == 404);
  auto list = nlohmann::json::parse(api.get("/api/runs", {{"verdict", "pass"}, {"limit", "1"}}).body);
  CHECK(list["runs"][0]["id"] == id);
}

TEST_CASE("a run's detail shows a healed step's old selector, new selector, strategy, score and similarity",
          "[serve]") {
  StoreWithRuns s;
  RunRecord r;
  r.id = new_uuid_v7();
  r.invocation_id = new_uuid_v7();
  r.test_name = "profile";
  r.file = "profile.txt";
  r.started_at = now_iso8601();
  s.store.begin_run(r);
  StepRecord step;
  step.id = new_uuid_v7();
  step.run_id = r.id;
  step.action = "click";
  step.target = "Save";
  step.selector = "#save-v2";
  step.strategy = "rediscovery";
  step.source = "healed";
  step.score = 0.93;
  step.outcome = Outcome::Passed;
  step.started_at = now_iso8601();
  step.heal = StepHeal{"#save", 0.69, {"name", "another element as like it"}, "rediscovery", 1, 2.5, "{}"};
  s.store.add_step(step);
  r.verdict = Verdict::Pass;
  r.finished_at = now_iso8601();
  s.store.finish_run(r);
  Api api({s.path, s.dir.path(), 0.8, {}});
  auto detail = nlohmann::json::parse(api.get("/api/runs/" + r.id, {}).body);
  REQUIRE(detail["steps"].size() == 1);
  auto healed = detail["steps"][0];
  CHECK(healed["source"] == "healed");
  CHECK(healed["heal_old_selector"] == "#save");
  CHECK(healed["selector"] == "#save-v2");
  CHECK(healed["heal_strategy"] == "rediscovery");
  CHECK(healed["score"].get<double>() == Approx(0.93));
  CHECK(healed["heal_similarity"].get<double>() == Approx(0.69));
  CHECK(healed["heal_changed"] == "name, another element as like it");
  CHECK(healed["heal_tried"] == 1);
}

TEST_CASE("a step lasting exactly a bucket's bound counts in that bucket, a step just above it in the next",
          "[serve]") {
  StoreWithRuns s;
  std::vector<std::pair<std::string, double>> steps;
  for (double bound : kStepDurationBucketsS) {
    steps.push_back({"at", bound * 1000});
    steps.push_back({"above", bound * 1000 + 0.5});
  }
  s.add_run(Verdict::Pass, steps);
  Api api({s.path, s.dir.path(), 0.8, {}});
  auto body = api.get("/metrics", {}).body;
  int i = 0;
  for (double bound : kStepDurationBucketsS) {
    ++i;
    std::string le = fmt::format("{}", bound);
    CHECK_THAT(body, Catch::Contains(fmt::format("{{action=\"at\",le=\"{}\"}} {}\n", le, i)));
    CHECK_THAT(body, Catch::Contains(fmt::format("{{action=\"above\",le=\"{}\"}} {}\n", le, i - 1)));
  }
  CHECK_THAT(body, Catch::Contains("pacts_step_duration_seconds_bucket{action=\"above\",le=\"+Inf\"} 9\n"));
}

TEST_CASE("cache telemetry recorded twice for one invocation counts once, and deleting runs lowers no counter",
          "[serve]") {
  StoreWithRuns s;
  auto id = s.add_run(Verdict::Fail, {{"click", 30}});
  CacheStatsRow sqlite_row;
  sqlite_row.tier = "sqlite";
  sqlite_row.lookups = 4;
  sqlite_row.hits = 1;
  sqlite_row.histogram = "[1,3]";
  CacheStatsRow all_row;
  all_row.tier = "all";
  all_row.misses = 3;
  all_row.discoveries = 3;
  s.store.add_cache_stats("inv-1", {sqlite_row, all_row});
  sqlite_row.lookups = 5;  // the same invocation again (INSERT OR REPLACE): its new figures replace the old
  sqlite_row.hits = 2;
  sqlite_row.histogram = "[2,3]";
  s.store.add_cache_stats("inv-1", {sqlite_row, all_row});
  Api api({s.path, s.dir.path(), 0.8, {}});
  auto body = api.get("/metrics", {}).body;
  CHECK_THAT(body, Catch::Contains("pacts_cache_lookups_total{tier=\"sqlite\"} 5\n"));
  CHECK_THAT(body, Catch::Contains("pacts_cache_hits_total{tier=\"sqlite\"} 2\n"));
  CHECK_THAT(body, Catch::Contains("pacts_discoveries_total 3\n"));
  CHECK_THAT(body, Catch::Contains("pacts_cache_lookup_seconds_bucket{tier=\"sqlite\",le=\"1e-05\"} 2\n"));
  CHECK_THAT(body, Catch::Contains("pacts_cache_lookup_seconds_count{tier=\"sqlite\"} 5\n"));
  auto summary = nlohmann::json::parse(api.get("/api/summary", {}).body);
  CHECK(summary["cache"]["all_time"]["hits"] == 2);
  CHECK(summary["cache"]["all_time"]["misses"] == 3);
  CHECK(summary["cache"]["last_day"]["hits"] == 2);

  s.store.database().exec("DELETE FROM runs WHERE id = '" + id + "'");
  body = api.get("/metrics", {}).body;
  CHECK_THAT(body, Catch::Contains("pacts_runs_total{verdict=\"fail\"} 1\n"));
  CHECK_THAT(body, Catch::Contains("pacts_step_duration_seconds_count{action=\"click\"} 1\n"));
  CHECK_THAT(body, Catch::Contains("pacts_runs_running 0\n"));
}

TEST_CASE("a store made before the running totals gets them filled from its rows when it is opened", "[serve]") {
  TempDir dir("pacts-serve-unit");
  std::string path = dir.path() + "/pacts.db";
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    std::vector<Migration> before_totals;
    for (const auto& m : sqlite_migrations())
      if (m.version < 6) before_totals.push_back(m);
    apply_sqlite_migrations(db, before_totals, path);
    db.exec("INSERT INTO runs (id, invocation_id, device_id, test_name, file, verdict, started_at) VALUES "
            "('r1', 'i', 'd', 't', 'f', 'pass', '2026-01-01'), ('r2', 'i', 'd', 't', 'f', 'running', '2026-01-01')");
    db.exec("INSERT INTO run_steps (id, run_id, kind, idx, action, outcome, started_at, duration_ms) VALUES "
            "('s1', 'r1', 'step', 0, 'fill', 'passed', 'x', 700), ('s2', 'r1', 'step', 1, 'fill', 'skipped', 'x', 0)");
    db.exec("INSERT INTO cache_stats (invocation_id, tier, recorded_at, lookups, hits, histogram) VALUES "
            "('i', 'redis', '2026-01-01T00:00:00Z', 6, 5, '[0,6]')");
    db.exec("INSERT INTO outbox (device_id, entity, entity_id, op, payload, created_at) VALUES "
            "('d', 'run', 'r1', 'upsert', '{}', 'x')");
  }
  Store store(path);  // applies the rest
  Api api({path, dir.path(), 0.8, {}});
  auto body = api.get("/metrics", {}).body;
  CHECK_THAT(body, Catch::Contains("pacts_runs_total{verdict=\"pass\"} 1\n"));
  CHECK_THAT(body, Catch::Contains("pacts_runs_running 1\n"));
  CHECK_THAT(body, Catch::Contains("pacts_step_duration_seconds_bucket{action=\"fill\",le=\"1\"} 1\n"));
  CHECK_THAT(body, Catch::Contains("pacts_step_duration_seconds_count{action=\"fill\"} 1\n"));
  CHECK_THAT(body, Catch::Contains("pacts_cache_hits_total{tier=\"redis\"} 5\n"));
  CHECK_THAT(body, Catch::Contains("pacts_cache_lookup_seconds_bucket{tier=\"redis\",le=\"5e-05\"} 6\n"));
  CHECK_THAT(body, Catch::Contains("pacts_sync_pending_entries 1\n"));
  auto days = nlohmann::json::parse(api.get("/api/cache", {}).body)["days"];
  REQUIRE(days.size() == 1);
  CHECK(days[0]["tiers"]["redis"]["lookups"] == 6);
}

TEST_CASE("a store with the running totals upgrades to flaky runs and its totals go on counting every verdict",
          "[serve]") {
  TempDir dir("pacts-serve-unit");
  std::string path = dir.path() + "/pacts.db";
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA foreign_keys=ON");
    std::vector<Migration> with_totals;
    for (const auto& m : sqlite_migrations())
      if (m.version <= 6) with_totals.push_back(m);
    apply_sqlite_migrations(db, with_totals, path);
    REQUIRE(sqlite_schema_version(db) == 6);
    db.exec("INSERT INTO runs (id, invocation_id, device_id, test_name, file, verdict, started_at) VALUES "
            "('r1', 'i', 'd', 't', 'f', 'pass', '2026-01-01'), ('r2', 'i', 'd', 't', 'f', 'running', '2026-01-01')");
    db.exec("INSERT INTO run_steps (id, run_id, kind, idx, action, outcome, started_at, duration_ms) VALUES "
            "('s1', 'r1', 'step', 0, 'fill', 'passed', 'x', 700)");
  }
  StoreWithRuns made_new;  // a store made by every migration at once, whose triggers on runs the upgrade must match
  Store store(path);       // applies the rest: runs is rebuilt
  SQLite::Statement triggers(store.database(), "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                                               "tbl_name = 'runs'");
  REQUIRE(triggers.executeStep());
  SQLite::Statement fresh(made_new.store.database(), "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                                                     "tbl_name = 'runs'");
  REQUIRE(fresh.executeStep());
  CHECK(triggers.getColumn(0).getInt() == 3);
  CHECK(triggers.getColumn(0).getInt() == fresh.getColumn(0).getInt());
  CHECK(store.steps_of("r1").size() == 1);

  RunRecord r;
  r.id = new_uuid_v7();
  r.invocation_id = "i2";
  r.test_name = "checkout";
  r.file = "shop.txt";
  r.started_at = now_iso8601();
  r.attempt = 2;
  store.begin_run(r);
  r.verdict = Verdict::Flaky;
  r.finished_at = now_iso8601();
  store.finish_run(r);
  Api api({path, dir.path(), 0.8, {}});
  auto body = api.get("/metrics", {}).body;
  CHECK_THAT(body, Catch::Contains("pacts_runs_total{verdict=\"pass\"} 1\n"));
  CHECK_THAT(body, Catch::Contains("pacts_runs_total{verdict=\"flaky\"} 1\n"));
  CHECK_THAT(body, Catch::Contains("pacts_runs_running 1\n"));  // r2; the flaky run's 'running' phase is over
  auto summary = nlohmann::json::parse(api.get("/api/summary", {}).body);
  CHECK(summary["runs"]["by_verdict"]["flaky"] == 1);
  CHECK(api.get("/api/runs", {{"verdict", "flaky"}}).status == 200);
}
