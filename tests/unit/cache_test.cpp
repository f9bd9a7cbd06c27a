#include <catch2/catch.hpp>

#include "cache/redis_tier.h"
#include "cache/selector_cache.h"
#include "core/error.h"
#include "store/store.h"
#include "sync/outbox.h"

using namespace pacts;

TEST_CASE("redis URLs: host, port, database, password, unix sockets") {
  auto e = parse_redis_url("redis://:s3cret@cache.internal:6390/2");
  CHECK(e.host == "cache.internal");
  CHECK(e.port == 6390);
  CHECK(e.db == 2);
  CHECK(e.password == "s3cret");
  auto d = parse_redis_url("redis://127.0.0.1");
  CHECK(d.port == 6379);
  CHECK(d.db == 0);
  CHECK(parse_redis_url("/run/redis.sock").socket_path == "/run/redis.sock");
  CHECK(parse_redis_url("unix:///run/redis.sock").socket_path == "/run/redis.sock");
  CHECK_THROWS_AS(parse_redis_url("http://x"), Error);
  CHECK_THROWS_AS(parse_redis_url("redis://h:port/"), Error);
  std::string message;
  try {
    parse_redis_url("http://u:topsecret@x");
  } catch (const Error& err) {
    message = err.what();
  }
  CHECK_THAT(message, Catch::Contains("redis://"));
  CHECK(message.find("topsecret") == std::string::npos);  // passwords never reach messages
}

TEST_CASE("latency percentiles come from the histogram's bucket bounds") {
  std::vector<int64_t> b(kLatencyBuckets, 0);
  b[0] = 90;  // <= 10 us
  b[5] = 9;   // <= 1 ms
  b[9] = 1;   // <= 50 ms
  CHECK(histogram_percentile_ms(b, 50) == Approx(0.01));
  CHECK(histogram_percentile_ms(b, 95) == Approx(1.0));
  CHECK(histogram_percentile_ms(b, 100) == Approx(50.0));
  CHECK(histogram_percentile_ms(std::vector<int64_t>(kLatencyBuckets, 0), 50) == 0);
  TierStats t;
  t.record_latency(0.004);  // 4 us
  t.record_latency(0.3);    // 300 us
  t.record_latency(500);    // beyond the last bound
  CHECK(t.histogram[0] == 1);
  CHECK(t.histogram[4] == 1);
  CHECK(t.histogram[kLatencyBuckets - 1] == 1);
}

TEST_CASE("a run's cache counters are stored per tier, summed over runs, and queued for sync") {
  Store store(":memory:");
  CacheStats s;
  s.tiers["sqlite"].lookups = 10;
  s.tiers["sqlite"].hits = 6;
  s.tiers["sqlite"].histogram[0] = 6;
  s.tiers["redis"].lookups = 4;
  s.tiers["redis"].hits = 3;
  s.tiers["redis"].errors = 1;
  s.misses = 1;
  s.discoveries = 1;
  auto rows = cache_stats_rows(s);
  REQUIRE(rows.size() == 3);
  store.add_cache_stats("run-1", rows);
  store.add_cache_stats("run-2", rows);
  auto totals = store.cache_stats_totals();
  REQUIRE(totals.size() == 3);
  for (const auto& t : totals) {
    CHECK(t.invocations == 2);
    if (t.tier == "all") {
      CHECK(t.lookups == 20);
      CHECK(t.hits == 18);
      CHECK(t.misses == 2);
      CHECK(t.discoveries == 2);
    }
    if (t.tier == "sqlite") CHECK(t.histogram.rfind("[12,", 0) == 0);
    if (t.tier == "redis") CHECK(t.errors == 2);
  }
  Outbox outbox(store);
  auto pending = outbox.pending(10);
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].entity == "cache_stats");
  CHECK(pending[0].op == "delta");  // counters travel as deltas, never totals
}

TEST_CASE("the cache's hit rate counts every lookup once") {
  CacheStats s;
  s.tiers["sqlite"].hits = 3;
  s.tiers["redis"].hits = 1;
  s.misses = 4;
  CHECK(s.hits() == 4);
  CHECK(s.lookups() == 8);
  CHECK(s.hit_rate() == Approx(0.5));
}
