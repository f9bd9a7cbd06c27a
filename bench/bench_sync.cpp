// Sync, measured: push throughput (outbox entries per second, 10,000 entries of every kind, batch sizes 100,
// 500 and 2,000, each into a fresh team database) and pull throughput (10,000 team selectors into an empty
// laptop store, then into its store and Redis). Starts its own PostgreSQL and Redis with scripts/services.sh.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "cache/redis_tier.h"
#include "core/clock.h"
#include "core/ids.h"
#include "services.h"
#include "stats.h"
#include "store/pg_migrations.h"
#include "store/store.h"
#include "sync/pull.h"
#include "sync/push.h"
#include "sync/team_db.h"

using namespace pacts;
namespace fs = std::filesystem;

namespace {

SelectorRecord selector(int i) {
  SelectorRecord s;
  s.key = {"{base}/app/page" + std::to_string(i % 200), "click", "Button " + std::to_string(i), "", 0, ""};
  s.selector = "[data-test=\"button-" + std::to_string(i) + "\"]";
  s.strategy = "testid";
  s.confidence = 1.0;
  s.fingerprint = R"({"tag":"button","role":"button","name":"Button"})";
  return s;
}

// 10,000 entries the way runs write them: per run its start and end, 12 steps, its cache telemetry, a
// selector, a verified hit and a heal outcome (two entries): 19 entries a run.
void fill(Store& store, int entries) {
  int n = 0;
  for (int i = 0; n < entries; ++i) {
    RunRecord run;
    run.id = new_uuid_v7();
    run.invocation_id = new_uuid_v7();
    run.test_name = "bench " + std::to_string(i);
    run.file = "bench.txt";
    run.started_at = now_iso8601();
    store.begin_run(run), ++n;
    for (int s = 0; s < 12 && n < entries; ++s, ++n) {
      StepRecord st;
      st.id = new_uuid_v7();
      st.run_id = run.id;
      st.index = s;
      st.action = "click";
      st.target = "Button " + std::to_string(s);
      st.outcome = Outcome::Passed;
      st.started_at = now_iso8601();
      store.add_step(st);
    }
    if (n < entries) run.verdict = Verdict::Pass, run.finished_at = now_iso8601(), store.finish_run(run), ++n;
    if (n < entries) store.add_cache_stats(run.invocation_id, {CacheStatsRow{"sqlite", 12, 12}}), ++n;
    if (n < entries) store.upsert_selector(selector(i)), ++n;
    if (n < entries) store.record_selector_hit(selector(i).key.canonical()), ++n;
    if (n + 1 < entries) store.record_heal_outcome({"{base}/app/page", "k" + std::to_string(i % 50), "label", true, 12, ""}), n += 2;
  }
}

std::string fresh_database(const std::string& server_url, int n) {
  std::string name = "bench_" + std::to_string(n);
  pqxx::connection c(server_url);
  pqxx::nontransaction q(c);
  q.exec("DROP DATABASE IF EXISTS " + name);
  q.exec("CREATE DATABASE " + name);
  std::string url = server_url.substr(0, server_url.rfind('/')) + "/" + name;
  migrate_postgres(url, 5000);
  return url;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main() {
  const int entries = 10000, rounds = 3;
  bench::Servers servers("pacts-bench-sync");
  if (!servers.ok()) {
    servers.print_failure();
    return 2;
  }
  const std::string& pg_url = servers.postgres_url;
  const std::string& redis_url = servers.redis_url;

  std::string pristine = servers.dir() + "/pristine.db";
  {
    Store store(pristine);
    fill(store, entries);
  }
  int db = 0;
  std::printf("push: %d outbox entries of every kind into a fresh team database (PostgreSQL on loopback), %d rounds\n",
              entries, rounds);
  std::printf("  %-12s %14s %14s %12s\n", "batch size", "median rec/s", "best rec/s", "median s");
  for (int batch : {100, 500, 2000}) {
    std::vector<double> secs;
    for (int r = 0; r < rounds; ++r) {
      std::string url = fresh_database(pg_url, ++db);
      std::string path = servers.dir() + "/laptop.db";
      fs::copy_file(pristine, path, fs::copy_options::overwrite_existing);
      Store store(path);
      TeamDb team({url, 5000, 60000});
      auto t0 = std::chrono::steady_clock::now();
      auto report = push_outbox(store, team, {store.device_id(), "bench"}, batch);
      secs.push_back(seconds_since(t0));
      if (report.entries != entries) std::fprintf(stderr, "pushed %lld of %d\n", (long long)report.entries, entries);
    }
    double median = bench::percentile(secs, 50), best = *std::min_element(secs.begin(), secs.end());
    std::printf("  %-12d %14.0f %14.0f %12.3f\n", batch, entries / median, entries / best, median);
  }

  std::printf("\npull: %d team selectors into an empty laptop store, %d rounds\n", entries, rounds);
  std::string team_url = fresh_database(pg_url, ++db);
  {
    Store source(servers.dir() + "/source.db");
    for (int i = 0; i < entries; ++i) source.upsert_selector(selector(i));
    TeamDb team({team_url, 5000, 60000});
    push_outbox(source, team, {source.device_id(), "source"}, 2000);
  }
  RedisConfig rc;
  rc.url = redis_url;
  rc.key_prefix = "bench";
  rc.command_timeout_ms = 2000;
  for (bool with_redis : {false, true}) {
    std::vector<double> secs;
    for (int r = 0; r < rounds; ++r) {
      fs::remove(servers.dir() + "/fresh.db");
      Store laptop(servers.dir() + "/fresh.db");
      RedisTier redis(rc);
      if (with_redis) redis.clear();
      TeamDb team({team_url, 5000, 60000});
      auto t0 = std::chrono::steady_clock::now();
      auto report = pull_team_changes(laptop, team, with_redis ? &redis : nullptr);
      secs.push_back(seconds_since(t0));
      if (report.selectors_written != entries)
        std::fprintf(stderr, "wrote %lld of %d\n", (long long)report.selectors_written, entries);
    }
    double median = bench::percentile(secs, 50);
    std::printf("  %-34s %10.0f rec/s (median %.3f s)\n", with_redis ? "into SQLite and Redis" : "into SQLite",
                entries / median, median);
  }
  return 0;
}
