// Sync against a real PostgreSQL (scripts/services.sh): replays, out-of-order commits, refused entries, heal
// counters, retention, status, and every bad condition's exit code and message.
#include <catch2/catch.hpp>

#include <thread>

#include <fmt/format.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "cache/redis_tier.h"
#include "core/temp_dir.h"
#include "serve/api.h"
#include "services.h"
#include "store/pg_migrations.h"
#include "store/rows.h"
#include "sync/sync.h"
#include "sync/team_db.h"
#include "sync_helpers.h"

using namespace pacts;
using namespace pacts::testing;

namespace {

Config config_for(const std::string& url) {
  Config c;
  c.postgres.url = url;
  return c;
}

TeamDbOptions options_for(const std::string& url) { return {url, 5000, 60000}; }

std::vector<OutboxEntry> every_entry(Store& store) {
  SQLite::Statement q(store.database(), "SELECT * FROM outbox ORDER BY seq");
  std::vector<OutboxEntry> out;
  while (q.executeStep()) out.push_back(rows::outbox_entry_from(q));
  return out;
}

void insert_raw(Store& store, const std::string& entity, const std::string& entity_id, const std::string& payload) {
  SQLite::Statement st(store.database(),
                       "INSERT INTO outbox (device_id, entity, entity_id, op, payload, created_at) VALUES (?, ?, ?, 'upsert', ?, ?)");
  st.bind(1, store.device_id());
  st.bind(2, entity);
  st.bind(3, entity_id);
  st.bind(4, payload);
  st.bind(5, now_iso8601());
  st.exec();
}

SelectorRecord team_selector(const std::string& target, const std::string& css) {
  SelectorRecord s;
  s.key = {"{base}/team", "click", target, "", 0, ""};
  s.selector = css;
  s.strategy = "testid";
  s.confidence = 1;
  s.fingerprint = "{}";
  return s;
}

}  // namespace

TEST_CASE("every push batch replayed three times changes nothing (full table dumps compared)", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  TempDir dir("pacts-sync-replay");
  Store store(dir.path() + "/laptop.db");
  fill_outbox(store, 3000, "replay");
  TeamDb team(options_for(url));
  Device device{store.device_id(), "replay-laptop"};
  int64_t after = 0;
  int batches = 0;
  for (;;) {
    auto batch = store.outbox_pending(400, after);
    if (batch.empty()) break;
    auto first = team.apply_batch(device, batch);
    CHECK(first.already_applied == 0);
    CHECK(first.rejected.empty());
    std::string dump = full_dump(url);
    for (int k = 0; k < 3; ++k) {
      auto again = team.apply_batch(device, batch);
      CHECK(again.already_applied == static_cast<int64_t>(batch.size()));
      CHECK(again.applied.empty());
      REQUIRE(full_dump(url) == dump);
    }
    store.outbox_deliver(batch.back().seq, {});
    after = batch.back().seq;
    ++batches;
  }
  CHECK(batches == 8);
  // Delivered once more, in batches that straddle the first ones' boundaries.
  std::string dump = full_dump(url);
  auto all = every_entry(store);
  for (size_t i = 0; i < all.size(); i += 333) {
    std::vector<OutboxEntry> batch(all.begin() + i, all.begin() + std::min(all.size(), i + 333));
    CHECK(team.apply_batch(device, batch).already_applied == static_cast<int64_t>(batch.size()));
  }
  CHECK(full_dump(url) == dump);
  CHECK(applied_exactly_once(url, device.id, 3000));
}

TEST_CASE("a pull does not miss a transaction that commits after one that started later", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  Store laptop(":memory:");
  Config config = config_for(url);
  auto key_sql = [](const std::string& target) { return team_selector(target, "").key.canonical(); };
  const char* insert =
      "INSERT INTO selectors (cache_key, url_pattern, action, target, selector, strategy, confidence, verified_at) "
      "VALUES ($1, '{base}/team', 'click', $2, $3, 'testid', 1, now())";
  pqxx::connection early(url), late(url);
  pqxx::work t1(early);  // starts first: its transaction id and its now() are the smaller ones
  t1.exec_params(insert, key_sql("Early"), std::string("Early"), std::string("#early"));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // two distinct start times
  {
    pqxx::work t2(late);
    t2.exec_params(insert, key_sql("Late"), std::string("Late"), std::string("#late"));
    t2.commit();
  }
  auto first = sync_once(config, laptop, SyncMode::Pull);
  REQUIRE(first.error.empty());
  CHECK(first.pull.selectors == 1);
  CHECK(laptop.find_selector(key_sql("Late")));
  CHECK_FALSE(laptop.find_selector(key_sql("Early")));  // not committed yet
  t1.commit();
  // The late commit carries the older time: a cursor on updated_at (the newest seen: Late's) would skip it.
  CHECK(query_value(url, "SELECT (SELECT updated_at FROM selectors WHERE target = 'Early') < "
                         "(SELECT updated_at FROM selectors WHERE target = 'Late')") == "t");
  auto second = sync_once(config, laptop, SyncMode::Pull);
  REQUIRE(second.error.empty());
  REQUIRE(laptop.find_selector(key_sql("Early")));
  CHECK(laptop.find_selector(key_sql("Early"))->selector == "#early");
  auto third = sync_once(config, laptop, SyncMode::Pull);
  CHECK(third.pull.selectors == 0);  // the cursor moved past both
}

TEST_CASE("an entry the team database refuses is quarantined: the rest is applied, exit 2 names it by seq and entity", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  TempDir dir("pacts-sync-refused");
  std::string path = dir.path() + "/laptop.db";
  Workload w;
  int64_t bad_time = 0, bad_nul = 0, bad_entity = 0;
  {
    Store store(path);
    w = fill_outbox(store, 300, "before");
    insert_raw(store, "run_step", "s-bad-time", R"({"id":"s-bad-time","run_id":"r","kind":"step","idx":0,"action":"click","outcome":"passed","started_at":"yesterday at noon"})");
    bad_time = store.outbox_pending_count();
    insert_raw(store, "run_step", "s-bad-nul", R"({"id":"s-bad-nul","run_id":"r","kind":"step","idx":1,"action":"fill","value":"a\u0000b","outcome":"passed","started_at":"2026-01-01T00:00:00.000Z"})");
    bad_nul = store.outbox_pending_count();
    insert_raw(store, "gizmo", "g", R"({"id":"g"})");
    bad_entity = store.outbox_pending_count();
    auto more = fill_outbox(store, 200, "after");
    w.steps += more.steps;
    w.runs += more.runs;
  }
  std::map<std::string, std::string> env = {{"PACTS_STORE_PATH", path}, {"PACTS_POSTGRES_URL", url}};
  std::string out;
  CHECK(run_pacts({"sync", "--push", "--json", dir.path() + "/sync.json"}, env, &out) == 2);
  INFO(out);
  CHECK_THAT(out, Catch::Contains(fmt::format("outbox seq {} (run_step s-bad-time)", bad_time)));
  CHECK_THAT(out, Catch::Contains(fmt::format("outbox seq {} (run_step s-bad-nul)", bad_nul)));
  CHECK_THAT(out, Catch::Contains(fmt::format("outbox seq {} (gizmo", bad_entity)));
  CHECK_THAT(out, Catch::Contains("refused 3 outbox entries"));
  CHECK_THAT(read_file(dir.path() + "/sync.json"), Catch::Contains("\"rejected\""));
  CHECK(query_value(url, "SELECT count(*) FROM run_steps") == std::to_string(w.steps));
  CHECK(query_value(url, "SELECT count(*) FROM runs") == std::to_string(w.runs));
  CHECK(query_value(url, "SELECT count(*) FROM sync_rejected") == "3");
  std::string dump = content_dump(url);
  {
    Store store(path);
    CHECK(store.outbox_pending_count() == 0);
    CHECK(store.outbox_status().rejected == 3);
  }
  CHECK(run_pacts({"sync", "--push"}, env, &out) == 0);  // they are not tried again, and nothing else is doubled
  CHECK(content_dump(url) == dump);
  CHECK(run_pacts({"sync", "--status"}, env, &out) == 0);
  CHECK_THAT(out, Catch::Contains(fmt::format("seq {} run_step s-bad-time", bad_time)));
}

TEST_CASE("heal outcomes from two laptops add up in the team store and come back to a third", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  Config config = config_for(url);
  Store a(":memory:"), b(":memory:"), c(":memory:");
  for (Store* s : {&a, &b})
    for (int i = 0; i < 3; ++i) s->record_heal_outcome({"{base}/shop/cart.html", "key-1", "label", true, 100, ""});
  b.record_heal_outcome({"{base}/shop/cart.html", "key-1", "label", false, 50, ""});
  for (Store* s : {&a, &b}) REQUIRE(sync_once(config, *s, SyncMode::Push).error.empty());
  CHECK(query_value(url, "SELECT successes || '/' || failures || '/' || avg_ms::int FROM heal_success_rate "
                         "WHERE strategy = 'label'") == "6/1/93");
  CHECK(query_value(url, "SELECT sum(successes) FROM heal_history WHERE cache_key = 'key-1'") == "6");
  auto r = sync_once(config, c, SyncMode::Pull);
  REQUIRE(r.error.empty());
  auto stats = c.heal_stats("{base}/shop/cart.html", "key-1");
  REQUIRE(stats.size() == 1);
  CHECK(stats[0].successes == 6);
  CHECK(stats[0].failures == 1);
  // A laptop's own outcomes are not counted again when it pulls them back.
  REQUIRE(sync_once(config, a, SyncMode::Pull).error.empty());
  CHECK(a.heal_stats("{base}/shop/cart.html")[0].successes == 6);
}

TEST_CASE("a healed step's before and after reach the team store once, and its run detail shows them", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  Store laptop(":memory:");
  RunRecord run;
  run.id = new_uuid_v7();
  run.invocation_id = new_uuid_v7();
  run.test_name = "save profile";
  run.file = "profile.txt";
  run.started_at = now_iso8601();
  laptop.begin_run(run);
  StepRecord step;
  step.id = new_uuid_v7();
  step.run_id = run.id;
  step.action = "click";
  step.target = "Save";
  step.selector = "#save-v2";
  step.strategy = "attribute_family";
  step.source = "healed";
  step.score = 0.87;
  step.outcome = Outcome::Passed;
  step.started_at = now_iso8601();
  step.heal = StepHeal{"#save", 0.42, {"name", "id"}, "attribute_family", 3, 1.5, "{}"};
  laptop.add_step(step);
  StepRecord plain = step;
  plain.id = new_uuid_v7();
  plain.index = 1;
  plain.heal.reset();
  laptop.add_step(plain);
  run.verdict = Verdict::Pass;
  run.finished_at = now_iso8601();
  laptop.finish_run(run);

  TeamDb team(options_for(url));
  Device device{laptop.device_id(), "healing-laptop"};
  auto batch = laptop.outbox_pending(100, 0);
  REQUIRE(team.apply_batch(device, batch).rejected.empty());
  const std::string heal_sql =
      "SELECT heal_old_selector || ' ' || heal_similarity || ' ' || heal_changed || ' ' || heal_strategy || ' ' || "
      "heal_tried || ' ' || heal_ms || ' ' || selector || ' ' || score FROM run_steps "
      "WHERE heal_old_selector IS NOT NULL";
  CHECK(query_value(url, heal_sql) == "#save 0.42 name, id attribute_family 3 1.5 #save-v2 0.87");
  CHECK(query_value(url, "SELECT count(*) FROM run_steps WHERE heal_old_selector IS NULL") == "1");
  std::string dump = full_dump(url);
  CHECK(team.apply_batch(device, batch).already_applied == static_cast<int64_t>(batch.size()));
  CHECK(full_dump(url) == dump);
  // Merged again as another delivery would (the same entries, not yet known as applied): nothing changes.
  TeamDb fresh(options_for(url));
  query_value(url, "DELETE FROM sync_applied");
  REQUIRE(fresh.apply_batch(device, batch).rejected.empty());
  CHECK(query_value(url, heal_sql) == "#save 0.42 name, id attribute_family 3 1.5 #save-v2 0.87");

  ApiOptions options;
  options.team_database_url = url;
  Api api(options);
  auto detail = nlohmann::json::parse(api.get("/api/runs/" + run.id, {}).body);
  REQUIRE(detail["steps"].size() == 2);
  auto healed = detail["steps"][0];
  CHECK(healed["heal_old_selector"] == "#save");
  CHECK(healed["selector"] == "#save-v2");
  CHECK(healed["heal_strategy"] == "attribute_family");
  CHECK(healed["score"].get<double>() == Approx(0.87));
  CHECK(healed["heal_similarity"].get<double>() == Approx(0.42));
  CHECK(detail["steps"][1]["heal_old_selector"].is_null());
}

TEST_CASE("the report views and db info --postgres show what was pushed", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  TempDir dir("pacts-sync-views");
  Store store(dir.path() + "/laptop.db");
  auto w = fill_outbox(store, 500, "views");
  REQUIRE(sync_once(config_for(url), store, SyncMode::PushAndPull).error.empty());
  CHECK(query_value(url, "SELECT sum(runs) FROM runs_per_day") == std::to_string(w.runs));
  CHECK(query_value(url, "SELECT min(pass_rate) FROM runs_per_day") == "1.0000");
  CHECK(query_value(url, "SELECT hit_rate FROM cache_hit_rate_per_day WHERE tier = 'sqlite'") == "1.0000");
  CHECK(query_value(url, "SELECT DISTINCT histogram::text FROM cache_stats WHERE tier = 'sqlite'") ==
        "[3, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]");
  std::string out;
  CHECK(run_pacts({"db", "info", "--postgres", "--json", dir.path() + "/info.json"}, {{"PACTS_POSTGRES_URL", url}}, &out) == 0);
  INFO(out);
  CHECK_THAT(out, Catch::Contains(fmt::format("{:<22} {} rows", "runs", w.runs)));
  CHECK_THAT(out, Catch::Contains(store.device_id()));
  CHECK_THAT(read_file(dir.path() + "/info.json"),
             Catch::Contains(fmt::format("\"schema_version\": {}", postgres_latest_schema_version())));
}

TEST_CASE("delivered outbox entries are pruned after sync.keep_pushed_days, and db info shows the outbox", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  TempDir dir("pacts-sync-prune");
  std::string path = dir.path() + "/laptop.db";
  {
    Store store(path);
    fill_outbox(store, 100, "prune");
  }
  std::map<std::string, std::string> env = {{"PACTS_STORE_PATH", path}, {"PACTS_POSTGRES_URL", url}};
  std::string out;
  REQUIRE(run_pacts({"sync"}, env, &out) == 0);
  REQUIRE(run_pacts({"db", "info"}, env, &out) == 0);
  CHECK_THAT(out, Catch::Contains("outbox         100 entries; delivered ones are pruned after 7 days"));
  env["PACTS_SYNC_KEEP_PUSHED_DAYS"] = "0";
  REQUIRE(run_pacts({"sync"}, env, &out) == 0);
  CHECK_THAT(out, Catch::Contains("100 delivered entries pruned"));
  REQUIRE(run_pacts({"db", "info"}, env, &out) == 0);
  CHECK_THAT(out, Catch::Contains("outbox         0 entries"));
}

TEST_CASE("sync --status shows what is pending per entity, the last success and the last error", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  TempDir dir("pacts-sync-status");
  std::string path = dir.path() + "/laptop.db";
  {
    Store store(path);
    fill_outbox(store, 40, "status");
  }
  std::map<std::string, std::string> env = {{"PACTS_STORE_PATH", path}, {"PACTS_POSTGRES_URL", "postgresql://postgres@127.0.0.1:1/none"}};
  std::string out;
  CHECK(run_pacts({"sync"}, env, &out) == 2);
  CHECK(run_pacts({"sync", "--status", "--json", dir.path() + "/status.json"}, env, &out) == 0);
  INFO(out);
  CHECK_THAT(out, Catch::Contains("pending        40 entries: cache_stats 2, heal 2, run 4, run_step 24"));
  CHECK_THAT(out, Catch::Contains("last success   never"));
  CHECK_THAT(out, Catch::Contains("could not be reached"));
  std::string json = read_file(dir.path() + "/status.json");
  CHECK_THAT(json, Catch::Contains("\"pending_total\": 40"));
  CHECK_THAT(json, Catch::Contains("\"oldest_pending_age_s\""));
  env["PACTS_POSTGRES_URL"] = url;
  CHECK(run_pacts({"sync"}, env, &out) == 0);
  CHECK(run_pacts({"sync", "--status", "--json", dir.path() + "/status.json"}, env, &out) == 0);
  CHECK_THAT(out, Catch::Contains("pending        0 entries"));
  CHECK_THAT(read_file(dir.path() + "/status.json"), !Catch::Contains("\"last_success_at\": \"\""));
}

TEST_CASE("bad conditions exit 2 with a clear message, and lose or double nothing", "[sync]") {
  LocalServices& s = shared_services();
  TempDir dir("pacts-sync-bad");
  std::string path = dir.path() + "/laptop.db";
  Workload w;
  {
    Store store(path);
    w = fill_outbox(store, 50, "bad");
  }
  std::string server = s.postgres_url.substr(0, s.postgres_url.rfind('/'));
  std::map<std::string, std::string> env = {{"PACTS_STORE_PATH", path}};
  std::string out;
  auto sync_with = [&](const std::string& url) {
    env["PACTS_POSTGRES_URL"] = url;
    return run_pacts({"sync"}, env, &out);
  };

  SECTION("no team database configured") {
    env.erase("PACTS_POSTGRES_URL");
    CHECK(run_pacts({"sync"}, env, &out) == 2);
    CHECK_THAT(out, Catch::Contains("no team database is configured: set postgres.url"));
  }
  SECTION("postgres down") {
    CHECK(sync_with("postgresql://postgres@127.0.0.1:1/pacts") == 2);
    CHECK_THAT(out, Catch::Contains("could not be reached or went away"));
    CHECK_THAT(out, Catch::Contains("Nothing was lost"));
  }
  SECTION("wrong credentials") {
    CHECK(sync_with("postgresql://nobody@" + server.substr(server.find('@') + 1) + "/postgres") == 2);
    CHECK_THAT(out, Catch::Contains("refused pacts"));
    CHECK_THAT(out, Catch::Contains("Check the user, password and database"));
  }
  SECTION("a team schema older or newer than this pacts") {
    std::string url = s.fresh_postgres_database();
    int latest = postgres_latest_schema_version();
    query_value(url, fmt::format("DELETE FROM schema_version WHERE version = {}", latest));
    CHECK(sync_with(url) == 2);
    CHECK_THAT(out, Catch::Contains(fmt::format(
                        "has schema version {}, but this pacts needs version {}: run `pacts db migrate --postgres`",
                        latest - 1, latest)));
    query_value(url, fmt::format("INSERT INTO schema_version (version, name) VALUES ({}, 'x'), ({}, 'from the future')",
                                 latest, latest + 1));
    CHECK(sync_with(url) == 2);
    CHECK_THAT(out, Catch::Contains(fmt::format("has schema version {}, newer than this pacts knows ({}): upgrade pacts",
                                                latest + 1, latest)));
    CHECK(sync_with(server + "/template1") == 2);  // no PACTS schema at all
    CHECK_THAT(out, Catch::Contains("schema version 0"));
  }
  SECTION("the local store locked by another process past the busy timeout") {
    SQLite::Database holder(path, SQLite::OPEN_READWRITE);
    holder.exec("BEGIN EXCLUSIVE");
    env["PACTS_STORE_BUSY_TIMEOUT_MS"] = "200";
    CHECK(sync_with(s.fresh_postgres_database()) == 2);
    CHECK_THAT(out, Catch::Contains("another pacts holds it"));
    holder.exec("ROLLBACK");
  }
  // Whatever went wrong, the next sync delivers everything exactly once.
  env.erase("PACTS_STORE_BUSY_TIMEOUT_MS");
  std::string url = s.fresh_postgres_database();
  CHECK(sync_with(url) == 0);
  CHECK(query_value(url, "SELECT count(*) FROM runs") == std::to_string(w.runs));
  CHECK(applied_exactly_once(url, Store(path).device_id(), 50));
}

TEST_CASE("a pull writes the team's selectors into Redis unless it holds a newer one, and removes invalidated ones", "[sync]") {
  LocalServices& s = shared_services();
  std::string url = s.fresh_postgres_database();
  Config config = config_for(url);
  config.redis.url = s.redis_url;
  config.redis.key_prefix = fresh_redis_prefix();
  config.redis.command_timeout_ms = config.redis.connect_timeout_ms = 2000;
  RedisTier redis(config.redis);
  auto older = team_selector("Save", "#save-team");
  older.verified_at = "2026-01-01T00:00:00.000Z";
  auto newer_in_redis = team_selector("Open", "#open-redis");
  newer_in_redis.verified_at = "2026-06-01T00:00:00.000Z";
  redis.put(newer_in_redis);
  auto gone = team_selector("Delete", "#delete");
  gone.verified_at = "2026-01-01T00:00:00.000Z";
  redis.put(gone);
  {
    Store laptop(":memory:");
    laptop.upsert_selector(older);
    auto open = team_selector("Open", "#open-team");
    open.verified_at = "2026-02-01T00:00:00.000Z";
    laptop.upsert_selector(open);
    laptop.upsert_selector(gone);
    REQUIRE(laptop.delete_selector(gone.key.canonical()));
    REQUIRE(sync_once(config_for(url), laptop, SyncMode::Push).error.empty());
  }
  Store fresh(":memory:");
  auto r = sync_once(config, fresh, SyncMode::Pull);
  REQUIRE(r.error.empty());
  CHECK(r.pull.redis_error.empty());
  CHECK(r.pull.redis_written == 1);
  CHECK(r.pull.redis_removed == 1);
  REQUIRE(redis.get(older.key));
  CHECK(redis.get(older.key)->selector == "#save-team");
  CHECK(redis.get(newer_in_redis.key)->selector == "#open-redis");  // Redis had a newer verification
  CHECK_FALSE(redis.get(gone.key));
  redis.clear();
}

TEST_CASE("a flaky run and the failed attempt before it reach the team database as they were", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  TempDir dir("pacts-sync-flaky");
  Store store(dir.path() + "/laptop.db");
  RunRecord first;
  first.id = new_uuid_v7();
  first.invocation_id = new_uuid_v7();
  first.test_name = "Place an order";
  first.file = "order.txt";
  first.started_at = now_iso8601();
  RunRecord retry = first;
  retry.id = new_uuid_v7();
  retry.attempt = 2;
  store.begin_run(first);
  first.verdict = Verdict::Fail;
  first.reason = FailureReason::AssertionFailed;
  first.finished_at = now_iso8601();
  store.finish_run(first);
  store.begin_run(retry);
  retry.verdict = Verdict::Flaky;
  retry.finished_at = now_iso8601();
  store.finish_run(retry);
  REQUIRE(sync_once(config_for(url), store, SyncMode::Push).error.empty());
  CHECK(query_value(url, "SELECT verdict FROM runs WHERE id = '" + first.id + "'") == "fail");
  CHECK(query_value(url, "SELECT verdict FROM runs WHERE id = '" + retry.id + "'") == "flaky");
  CHECK(query_value(url, "SELECT flaky FROM runs_per_day") == "1");
  CHECK(query_value(url, "SELECT passed FROM runs_per_day") == "0");
}
