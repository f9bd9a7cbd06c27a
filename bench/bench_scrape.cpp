// What a Prometheus scrape of `pacts serve` costs on a store with many runs (issue 13 asks for at most 5 ms
// with 10,000 runs), and the JSON API's summary and run list beside it. The store is filled with plain SQL in
// one transaction (runs with steps and assertions, cache telemetry per run, heal history), then served
// through serve/api.h as `pacts serve` does, without the socket.
//   usage: bench_scrape [RUNS]   (default 10000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "core/clock.h"
#include "core/ids.h"
#include "core/temp_dir.h"
#include "serve/api.h"
#include "stats.h"
#include "store/store.h"

using namespace pacts;
using Clock = std::chrono::steady_clock;

namespace {

const char* kActions[] = {"click", "fill", "select", "press", "check"};

void fill(Store& store, int runs) {
  auto& db = store.database();
  SQLite::Transaction tx(db);
  SQLite::Statement run(db, "INSERT INTO runs (id, invocation_id, device_id, test_name, file, verdict, started_at, "
                            "finished_at, duration_ms, total_steps, steps_passed) VALUES (?, ?, 'd', ?, 'f.txt', ?, "
                            "?, ?, 1500, 8, 8)");
  SQLite::Statement step(db, "INSERT INTO run_steps (id, run_id, kind, idx, action, outcome, started_at, duration_ms) "
                             "VALUES (?, ?, ?, ?, ?, 'passed', ?, ?)");
  SQLite::Statement stats(db, "INSERT INTO cache_stats (invocation_id, tier, recorded_at, lookups, hits, time_ms, "
                              "histogram, misses, discoveries) VALUES (?, ?, ?, 8, 6, 1.5, "
                              "'[1,3,2,1,1,0,0,0,0,0,0,0]', ?, ?)");
  SQLite::Statement outbox(db, "INSERT INTO outbox (device_id, entity, entity_id, op, payload, created_at) "
                               "VALUES ('d', 'run_step', ?, 'upsert', '{}', ?)");
  // The runs of the last year, evenly spread and all in the past (as a store fills): the last day holds its
  // share of them (27 of 10,000), not the runs of every later day of a fixed calendar.
  auto now = std::chrono::system_clock::now();
  auto spacing = std::chrono::seconds(365 * 24 * 3600) / std::max(runs, 1);
  for (int i = 0; i < runs; ++i) {
    std::string id = new_uuid_v7(), inv = new_uuid_v7();
    std::string at = iso8601(now - spacing * (runs - i));
    run.bind(1, id);
    run.bind(2, inv);
    run.bind(3, fmt::format("test {}", i % 200));
    run.bind(4, i % 10 == 0 ? "fail" : "pass");
    run.bind(5, at);
    run.bind(6, at);
    run.exec();
    run.reset();
    for (int s = 0; s < 10; ++s) {
      step.bind(1, new_uuid_v7());
      step.bind(2, id);
      step.bind(3, s < 8 ? "step" : "assertion");
      step.bind(4, s);
      step.bind(5, kActions[s % 5]);
      step.bind(6, at);
      step.bind(7, 20.0 + (i * 7 + s * 13) % 900);
      step.exec();
      step.reset();
      outbox.bind(1, id);  // a device that never synced: every entry still pending
      outbox.bind(2, at);
      outbox.exec();
      outbox.reset();
    }
    for (const char* tier : {"sqlite", "redis", "postgres", "all"}) {
      stats.bind(1, inv);
      stats.bind(2, tier);
      stats.bind(3, at);
      stats.bind(4, std::string(tier) == "all" ? 2 : 0);
      stats.bind(5, std::string(tier) == "all" ? 2 : 0);
      stats.exec();
      stats.reset();
    }
  }
  for (int p = 0; p < 20; ++p)
    for (const char* strategy : {"text", "role_name", "label", "testid"})
      db.exec(fmt::format("INSERT INTO heal_history (url_pattern, strategy, successes, failures, total_ms) "
                          "VALUES ('/page{}', '{}', {}, {}, 100)", p, strategy, p + 3, p % 4));
  tx.commit();
}

template <typename F>
std::vector<double> time_ms(int n, F&& f) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) {
    auto t0 = Clock::now();
    f();
    out.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return out;
}

void print(const char* what, const std::vector<double>& ms) {
  fmt::print("  {:<44} p50 {:7.3f} ms   p95 {:7.3f} ms   max {:7.3f} ms   (n={})\n", what, bench::percentile(ms, 50),
             bench::percentile(ms, 95), bench::percentile(ms, 100), ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::stoi(argv[1]) : 10000;
  TempDir dir("pacts-bench-scrape");
  std::string path = dir.path() + "/pacts.db";
  Store store(path);
  auto t0 = Clock::now();
  fill(store, runs);
  fmt::print("bench_scrape: a store with {} runs, {} steps and assertions, {} cache_stats rows, {} pending outbox entries (filled in {:.1f} s)\n",
             runs, runs * 10, runs * 4, runs * 10, std::chrono::duration<double>(Clock::now() - t0).count());
  Api api({path, dir.path(), 0.8, {}});
  size_t bytes = 0;
  print("/metrics, first scrape", time_ms(1, [&] { bytes = api.get("/metrics", {}).body.size(); }));
  print("/metrics, later scrapes", time_ms(200, [&] { api.get("/metrics", {}); }));
  std::vector<double> after_one;
  for (int n = 0; n < 20; ++n) {  // one more run of 10 steps (not timed), then the scrape (timed)
    SQLite::Database& db = store.database();
    std::string id = new_uuid_v7();
    db.exec("INSERT INTO runs (id, invocation_id, device_id, test_name, file, verdict, started_at) VALUES ('" + id +
            "', 'i', 'd', 't', 'f', 'pass', '" + now_iso8601() + "')");
    for (int s = 0; s < 10; ++s)
      db.exec(fmt::format("INSERT INTO run_steps (id, run_id, kind, idx, action, outcome, started_at, duration_ms) "
                          "VALUES ('{}', '{}', 'step', {}, 'click', 'passed', 'x', 50)", new_uuid_v7(), id, s));
    auto more = time_ms(1, [&] { api.get("/metrics", {}); });
    after_one.push_back(more[0]);
  }
  print("/metrics, a scrape after one more run", after_one);
  fmt::print("  /metrics body: {} bytes\n", bytes);
  print("/api/summary", time_ms(50, [&] { api.get("/api/summary", {}); }));
  print("/api/runs (newest 50)", time_ms(50, [&] { api.get("/api/runs", {}); }));
  print("/api/runs?verdict=fail&test=test%207", time_ms(50, [&] { api.get("/api/runs", {{"verdict", "fail"}, {"test", "test 7"}}); }));
  print("/api/cache (per tier per day)", time_ms(20, [&] { api.get("/api/cache", {}); }));
  {  // a busy day: 1,000 more runs' cache telemetry within the last hour, all inside the summary's 24 h window
    SQLite::Database& db = store.database();
    SQLite::Transaction tx(db);
    SQLite::Statement st(db, "INSERT INTO cache_stats (invocation_id, tier, recorded_at, lookups, hits, misses) "
                             "VALUES (?, ?, ?, 8, 6, 2)");
    for (int i = 0; i < 1000; ++i) {
      std::string inv = new_uuid_v7(), at = now_iso8601();
      for (const char* tier : {"sqlite", "redis", "postgres", "all"}) {
        st.bind(1, inv);
        st.bind(2, tier);
        st.bind(3, at);
        st.exec();
        st.reset();
      }
    }
    tx.commit();
  }
  print("/api/summary, 1,000 more runs in the last hour", time_ms(50, [&] { api.get("/api/summary", {}); }));
  return 0;
}
