// The tiered cache, measured: lookup latency per tier over 10,000 lookups on a warm cache (with the servers'
// round-trip floor beside it), and the wall time of the example suite with no cache, SQLite warm, only Redis
// warm, and only Postgres warm. Starts its own Redis and PostgreSQL with scripts/services.sh.
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <hiredis/hiredis.h>
#include <pqxx/pqxx>

#include "browser/browser.h"
#include "cache/factory.h"
#include "cache/postgres_tier.h"
#include "cache/redis_tier.h"
#include "cache/sqlite_tier.h"
#include "core/clock.h"
#include "run/runner.h"
#include "serve/static_server.h"
#include "plan/loader.h"
#include "services.h"
#include "stats.h"
#include <SQLiteCpp/SQLiteCpp.h>
#include "store/pg_migrations.h"
#include "store/store.h"

using namespace pacts;
using Clock = std::chrono::steady_clock;

namespace {

struct Latency {
  std::vector<double> us;
  void time(const std::function<void()>& fn) {
    auto t0 = Clock::now();
    fn();
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  void print(const char* what) const {
    std::printf("  %-44s %9.1f %9.1f %9.1f\n", what, bench::percentile(us, 50), bench::percentile(us, 99), bench::mean(us));
  }
};

SelectorRecord record(int i) {
  SelectorRecord s;
  s.key = {"{base}/shop/inventory.html", "click", "Button " + std::to_string(i), "", 0, ""};
  s.selector = "[data-test=\"button-" + std::to_string(i) + "\"]";
  s.strategy = "testid";
  s.confidence = 1.0;
  s.fingerprint = R"({"tag":"button","role":"button","name":"Button"})";
  s.verified_at = now_iso8601();
  return s;
}

struct Quiet : RunObserver {};

}  // namespace

int main(int argc, char** argv) {
  const int keys = 1000, lookups = 10000;
  bool suite = !(argc > 1 && std::string(argv[1]) == "--lookups-only");
  bench::Servers servers("pacts-bench-tiers");
  if (!servers.ok()) {
    servers.print_failure();
    return 2;
  }
  const std::string& redis_url = servers.redis_url;
  const std::string& pg_url = servers.postgres_url;
  migrate_postgres(pg_url, 5000);

  Config config;
  config.redis.url = redis_url;
  config.redis.key_prefix = "bench";
  config.postgres.url = pg_url;
  Store store(servers.dir() + "/pacts.db");
  SqliteTier sqlite(store);
  RedisTier redis(config.redis);
  PostgresTier postgres(config.postgres);
  for (int i = 0; i < keys; ++i) {
    auto r = record(i);
    sqlite.put(r);
    redis.put(r);
    postgres.put(r);
  }

  std::printf("lookup latency, %d lookups over %d warm keys (microseconds)\n", lookups, keys);
  std::printf("  %-44s %9s %9s %9s\n", "", "p50", "p99", "mean");
  Latency l_sqlite, l_redis, l_pg, l_tiered, l_redis_floor, l_pg_floor;
  for (int i = 0; i < lookups; ++i) l_sqlite.time([&] { sqlite.get(record(i % keys).key); });
  for (int i = 0; i < lookups; ++i) l_redis.time([&] { redis.get(record(i % keys).key); });
  for (int i = 0; i < lookups; ++i) l_pg.time([&] { postgres.get(record(i % keys).key); });
  {
    auto cache = make_selector_cache(config, store, nullptr);
    for (int i = 0; i < lookups; ++i) l_tiered.time([&] { cache->lookup(record(i % keys).key); });
  }
  // The floor: the cheapest round trip each server allows from this machine.
  {
    auto e = parse_redis_url(redis_url);
    redisContext* c = redisConnect(e.host.c_str(), e.port);
    for (int i = 0; i < lookups; ++i)
      l_redis_floor.time([&] { freeReplyObject(redisCommand(c, "PING")); });
    redisFree(c);
    pqxx::connection conn(pg_url);
    conn.prepare("one", "SELECT 1");
    pqxx::nontransaction n(conn);
    for (int i = 0; i < lookups; ++i) l_pg_floor.time([&] { n.exec_prepared("one"); });
  }
  l_sqlite.print("sqlite tier get (prepared, WAL)");
  l_redis.print("redis tier get (GET, TCP loopback)");
  l_redis_floor.print("  redis floor: PING round trip");
  l_pg.print("postgres tier get (prepared, TCP loopback)");
  l_pg_floor.print("  postgres floor: prepared SELECT 1");
  l_tiered.print("tiered cache lookup (answered by sqlite)");
  auto ep = parse_redis_url(redis_url);
  std::string rb = bench::sh("redis-benchmark -h " + ep.host + " -p " + std::to_string(ep.port) +
                      " -c 1 -n 10000 -t get --csv 2>/dev/null | tail -1");
  if (!rb.empty()) std::printf("  redis-benchmark -c 1 -t get: %s", rb.c_str());

  if (!suite) return 0;
  std::printf("\nexample suite wall time (examples/requirements, %s)\n", "served from examples/sites");
  StaticServer server(std::string(PACTS_SOURCE_DIR) + "/examples/sites");
  Browser browser{BrowserOptions{}};
  LoadOptions lo;
  Plan plan = load_plan({std::string(PACTS_SOURCE_DIR) + "/examples/requirements"}, lo);
  Quiet quiet;
  ExecutorOptions eo;
  eo.run = config.run;
  eo.run.artifacts_dir = servers.dir() + "/artifacts";
  eo.base_url = server.base_url();
  eo.ci = true;
  sqlite.clear();
  redis.clear();
  postgres.clear();
  auto run = [&](const char* label, SelectorCache* cache) {
    auto r = run_plan(plan, browser, &store, cache, quiet, eo);
    std::printf("  %-34s %7.1f s   %d/%zu passed, %lld lookups, %lld hits, %lld discoveries\n", label, r.duration_ms / 1000,
                r.passed(), r.tests.size(), static_cast<long long>(r.cache.lookups()),
                static_cast<long long>(r.cache.hits()), static_cast<long long>(r.cache.discoveries));
    return r;
  };
  run("no cache (--no-cache)", nullptr);
  auto cache = make_selector_cache(config, store, nullptr);
  run("cold (fills sqlite and redis)", cache.get());
  // Seed the team store as sync will, from what the cold run learnt.
  {
    SQLite::Statement q(store.database(), "SELECT cache_key FROM selectors");
    while (q.executeStep()) postgres.put(*store.find_selector(q.getColumn(0).getString()));
  }
  {
    auto warm = make_selector_cache(config, store, nullptr);
    run("sqlite warm", warm.get());
  }
  {
    sqlite.clear();
    auto c = make_selector_cache(config, store, nullptr);
    run("sqlite empty, redis warm", c.get());
  }
  {
    sqlite.clear();
    redis.clear();
    auto c = make_selector_cache(config, store, nullptr);
    run("only postgres warm", c.get());
  }
  return 0;
}
