// The tiered cache's own logic (order, warming, back-off, invalidation) with fake tiers and a fake clock: no
// servers. The real SQLite, Redis and Postgres tiers are tested against real servers in integration/.
#include <catch2/catch.hpp>

#include <map>
#include <stdexcept>

#include "cache/selector_cache.h"

using namespace pacts;

namespace {

// A tier in memory. `down` makes every call throw TierUnavailable, as an unreachable server does.
class FakeTier : public SelectorTier {
 public:
  explicit FakeTier(const char* name) : name_(name) {}
  const char* name() const override { return name_; }
  std::optional<SelectorRecord> get(const SelectorKey& key) override {
    call();
    auto it = rows.find(key.canonical());
    if (it == rows.end()) return std::nullopt;
    return it->second;
  }
  void put(const SelectorRecord& r) override {
    call();
    rows[r.key.canonical()] = r;
  }
  void record_hit(const SelectorKey&) override {
    call();
    ++hits;
  }
  bool record_failure(const SelectorKey& key, const std::string& selector) override {
    call();
    auto it = rows.find(key.canonical());
    if (it == rows.end() || it->second.selector != selector) return false;
    if (++it->second.failures_in_a_row < 2) return false;
    rows.erase(it);
    return true;
  }
  int64_t clear() override {
    call();
    auto n = static_cast<int64_t>(rows.size());
    rows.clear();
    return n;
  }
  int64_t count() override {
    call();
    return static_cast<int64_t>(rows.size());
  }

  std::map<std::string, SelectorRecord> rows;
  bool down = false;
  int slow_next = 0;   // the next calls that miss their deadline, as a busy CPU can make an answer late
  bool buggy = false;  // throws something that is not TierUnavailable: a bug, never backed off
  int calls = 0;
  int hits = 0;

 private:
  void call() {
    ++calls;
    if (down) throw TierUnavailable("connection refused");
    if (slow_next > 0 && slow_next--) throw TierUnavailable("no answer within 100 ms", TierUnavailable::Why::Slow);
    if (buggy) throw std::logic_error("a bug in the tier");
  }
  const char* name_;
};

SelectorRecord record(const std::string& target, const std::string& selector) {
  SelectorRecord r;
  r.key = {"{base}/shop/", "click", target, "", 0, ""};
  r.selector = selector;
  r.strategy = "role_name";
  return r;
}

struct Tiers {
  FakeTier* sqlite;
  FakeTier* redis;
  FakeTier* postgres;
  std::vector<std::string> warnings;
  SelectorCache::Clock::time_point now = SelectorCache::Clock::time_point{} + std::chrono::hours(1);
  std::unique_ptr<SelectorCache> cache;

  Tiers() {
    auto s = std::make_unique<FakeTier>("sqlite");
    auto r = std::make_unique<FakeTier>("redis");
    auto p = std::make_unique<FakeTier>("postgres");
    sqlite = s.get();
    redis = r.get();
    postgres = p.get();
    std::vector<TierSlot> slots;
    slots.push_back(TierSlot{std::move(s), true, std::chrono::milliseconds(0), ""});
    slots.push_back(TierSlot{std::move(r), true, std::chrono::milliseconds(30000), "redis://127.0.0.1:1"});
    slots.push_back(TierSlot{std::move(p), false, std::chrono::milliseconds(30000), "postgresql://127.0.0.1:2"});
    cache = std::make_unique<SelectorCache>(
        std::move(slots), [this](const std::string& w) { warnings.push_back(w); }, [this] { return now; });
  }
};

}  // namespace

TEST_CASE("a lookup asks the tiers in order and a hit below warms the tiers above it") {
  Tiers t;
  auto rec = record("Checkout", "#checkout");
  t.postgres->rows[rec.key.canonical()] = rec;
  auto hit = t.cache->lookup(rec.key);
  REQUIRE(hit);
  CHECK(hit->tier == "postgres");
  CHECK(t.sqlite->calls == 1);
  CHECK(t.redis->calls == 1);
  t.cache->confirm(*hit);
  CHECK(t.sqlite->rows.count(rec.key.canonical()) == 1);  // warmed
  CHECK(t.redis->rows.count(rec.key.canonical()) == 1);   // warmed
  CHECK(t.postgres->hits == 0);  // the team store is not written during a run: sync carries the counts
  auto again = t.cache->lookup(rec.key);
  REQUIRE(again);
  CHECK(again->tier == "sqlite");
  CHECK(t.cache->stats().tiers.at("sqlite").hits == 1);
  CHECK(t.cache->stats().tiers.at("postgres").hits == 1);
}

TEST_CASE("discovered selectors go to the tiers written during a run, not to the team store") {
  Tiers t;
  t.cache->store(record("Login", "#login"));
  CHECK(t.sqlite->rows.size() == 1);
  CHECK(t.redis->rows.size() == 1);
  CHECK(t.postgres->rows.empty());
}

TEST_CASE("a tier that is down is skipped for its back-off, warned about once, and tried again after it") {
  Tiers t;
  auto rec = record("Checkout", "#checkout");
  t.redis->down = true;
  CHECK_FALSE(t.cache->lookup(rec.key));
  CHECK(t.redis->calls == 1);
  REQUIRE(t.warnings.size() == 1);
  CHECK_THAT(t.warnings[0], Catch::Contains("redis tier at redis://127.0.0.1:1 is unavailable"));
  for (int i = 0; i < 5; ++i) t.cache->lookup(rec.key);
  CHECK(t.redis->calls == 1);  // skipped while backing off
  CHECK(t.cache->stats().tiers.at("redis").skipped == 5);
  CHECK(t.cache->stats().tiers.at("redis").errors == 1);
  CHECK(t.postgres->calls == 6);  // the others are still asked
  t.redis->down = false;
  t.redis->rows[rec.key.canonical()] = rec;
  t.now += std::chrono::seconds(29);
  CHECK_FALSE(t.cache->lookup(rec.key));  // still backing off
  t.now += std::chrono::seconds(2);
  auto hit = t.cache->lookup(rec.key);  // back
  REQUIRE(hit);
  CHECK(hit->tier == "redis");
  CHECK(t.warnings.size() == 1);  // once per cache, not once per failure
}

TEST_CASE("a bug in a tier is not hidden behind a back-off") {
  Tiers t;
  t.redis->buggy = true;
  CHECK_THROWS_AS(t.cache->lookup(record("x", "#x").key), std::logic_error);
  CHECK(t.cache->stats().tiers.at("redis").errors == 0);
  CHECK(t.warnings.empty());
}

TEST_CASE("a rejected hit counts a failure in the tiers written during a run, and is removed at the second in a row") {
  Tiers t;
  auto rec = record("Save", "#save");
  t.sqlite->rows[rec.key.canonical()] = rec;
  t.redis->rows[rec.key.canonical()] = rec;
  t.postgres->rows[rec.key.canonical()] = rec;
  auto hit = t.cache->lookup(rec.key);
  REQUIRE(hit);
  int postgres_calls = t.postgres->calls;
  t.cache->reject(*hit);
  CHECK(t.sqlite->rows.size() == 1);
  CHECK(t.cache->stats().invalidations == 0);
  t.cache->reject(*hit);
  CHECK(t.sqlite->rows.empty());
  CHECK(t.redis->rows.empty());
  CHECK(t.postgres->rows.size() == 1);           // the team store hears of it through sync, not from the run
  CHECK(t.postgres->calls == postgres_calls);
  CHECK(t.cache->stats().verifications_failed == 2);
  CHECK(t.cache->stats().invalidations == 1);
}

TEST_CASE("one late answer does not take a tier out, three in a row do, with one warning per run") {
  Tiers t;
  auto rec = record("Checkout", "#checkout");
  t.redis->rows[rec.key.canonical()] = rec;
  t.redis->slow_next = 1;
  CHECK_FALSE(t.cache->lookup(rec.key));  // that lookup goes on without it
  auto hit = t.cache->lookup(rec.key);    // and the next one asks it again
  REQUIRE(hit);
  CHECK(hit->tier == "redis");
  CHECK(t.warnings.empty());
  CHECK(t.cache->stats().tiers.at("redis").errors == 1);
  CHECK(t.cache->stats().tiers.at("redis").skipped == 0);

  SECTION("an answer in time starts the count again") {
    t.redis->slow_next = 2;
    t.cache->lookup(rec.key);
    t.cache->lookup(rec.key);
    CHECK(t.cache->lookup(rec.key));
    t.redis->slow_next = 2;
    t.cache->lookup(rec.key);
    t.cache->lookup(rec.key);
    CHECK(t.cache->lookup(rec.key));
    CHECK(t.warnings.empty());
    CHECK(t.cache->stats().tiers.at("redis").skipped == 0);
  }

  SECTION("the third miss in a row takes it out for its back-off, and it warns once however often that happens") {
    int calls = t.redis->calls;
    t.redis->slow_next = 3;
    for (int i = 0; i < 3; ++i) t.cache->lookup(rec.key);
    CHECK(t.redis->calls == calls + 3);
    REQUIRE(t.warnings.size() == 1);
    CHECK_THAT(t.warnings[0], Catch::Contains("redis tier at redis://127.0.0.1:1 is unavailable"));
    CHECK_THAT(t.warnings[0], Catch::Contains("3 deadlines missed in a row, the last: no answer within 100 ms"));
    CHECK_FALSE(t.cache->lookup(rec.key));  // skipped while backing off
    CHECK(t.redis->calls == calls + 3);
    CHECK(t.cache->stats().tiers.at("redis").skipped == 1);
    t.now += std::chrono::seconds(31);
    t.redis->slow_next = 3;
    for (int i = 0; i < 4; ++i) t.cache->lookup(rec.key);
    CHECK(t.redis->calls == calls + 6);  // out again after three more
    CHECK(t.warnings.size() == 1);       // one warning per tier per run
    t.now += std::chrono::seconds(31);
    REQUIRE(t.cache->lookup(rec.key));
  }

  SECTION("a tier found down after late answers is taken out at once") {
    t.redis->slow_next = 2;
    t.cache->lookup(rec.key);
    t.cache->lookup(rec.key);
    t.redis->down = true;
    int calls = t.redis->calls;
    t.cache->lookup(rec.key);
    t.cache->lookup(rec.key);
    CHECK(t.redis->calls == calls + 1);
    REQUIRE(t.warnings.size() == 1);
    CHECK_THAT(t.warnings[0], Catch::Contains("(connection refused)"));
  }
}
