// The tiered selector cache against real servers: Redis and PostgreSQL started by the test on free loopback
// ports (scripts/services.sh), real Chromium, the shop example.
#include <catch2/catch.hpp>

#include <future>

#include <SQLiteCpp/SQLiteCpp.h>

#include "cache/postgres_tier.h"
#include "cache/redis_tier.h"
#include "core/clock.h"
#include "core/error.h"
#include "harness.h"
#include "services.h"
#include "plan/loader.h"
#include "store/pg_migrations.h"

using namespace pacts;
using namespace pacts::testing;

namespace {

Plan shop_plan() {
  LoadOptions o;
  Plan plan = load_plan({source_path("examples/requirements/shop_e2e.txt")}, o);
  plan.tests.resize(1);  // the happy path: login, three products, cart, checkout, order
  return plan;
}

std::map<std::string, int> sources(const RunReport& r) {
  std::map<std::string, int> n;
  for (const auto& t : r.tests)
    for (const auto& s : t.steps)
      if (s.target) ++n[s.source.value_or("none")];
  return n;
}

int targeted_steps(const RunReport& r) {
  int n = 0;
  for (const auto& t : r.tests)
    for (const auto& s : t.steps) n += s.target.has_value();
  return n;
}

void require_pass(const RunReport& r) {
  for (const auto& t : r.tests) {
    INFO(t.test_name << ": " << t.error);
    REQUIRE(t.verdict == Verdict::Pass);
  }
}

SelectorRecord record(const std::string& target, const std::string& selector, const std::string& verified_at = "") {
  SelectorRecord s;
  s.key = {"{base}/x", "click", target, "", 0, ""};
  s.selector = selector;
  s.strategy = "testid";
  s.confidence = 0.9;
  s.fingerprint = R"({"tag":"button"})";
  s.verified_at = verified_at;
  return s;
}

// A run with all three tiers. By default on the servers the process shares (a database and a key prefix of
// its own); a test that stops, restarts or freezes a server asks for private ones.
enum class Servers { Shared, Private };

struct TieredHarness {
  std::unique_ptr<LocalServices> own;
  LocalServices& services;
  TempDir dir{"pacts-tiers"};
  std::unique_ptr<Harness> h;
  explicit TieredHarness(Servers servers = Servers::Shared, int backoff_ms = 30000)
      : own(servers == Servers::Private ? std::make_unique<LocalServices>() : nullptr),
        services(own ? *own : shared_services()) {
    h = std::make_unique<Harness>("examples/sites", dir.path() + "/pacts.db");
    h->config.run.step_timeout_ms = 10000;
    h->config.run.assertion_timeout_ms = 5000;
    h->config.redis.url = services.redis_url;
    h->config.redis.key_prefix = own ? std::string("pacts-test") : fresh_redis_prefix();
    h->config.redis.backoff_ms = backoff_ms;
    h->config.postgres.url = own ? services.postgres_url : services.fresh_postgres_database();
    h->config.postgres.backoff_ms = backoff_ms;
    if (!own) {
      // These tests are about where selectors come from, not about deadlines: give loopback servers time to
      // answer while a parallel test keeps the CPU busy (the deadline tests use private servers).
      h->config.redis.command_timeout_ms = h->config.postgres.command_timeout_ms = 1000;
      h->config.redis.connect_timeout_ms = h->config.postgres.connect_timeout_ms = 1000;
    }
  }
};

}  // namespace

TEST_CASE("the redis tier stores with a TTL, removes at the second failure and clears only its own keys", "[tiers]") {
  LocalServices& s = shared_services();
  RedisConfig c;
  c.url = s.redis_url;
  c.key_prefix = "team-a";
  c.ttl_s = 120;
  c.connect_timeout_ms = c.command_timeout_ms = 1000;  // about what it keeps, not deadlines: a busy CPU is fine
  RedisTier tier(c);
  auto rec = record("Save", "[data-test=\"save\"]", now_iso8601());
  tier.put(rec);
  auto got = tier.get(rec.key);
  REQUIRE(got);
  CHECK(got->selector == rec.selector);
  CHECK(got->fingerprint == rec.fingerprint);
  int ttl = std::stoi(s.redis_cli("TTL \"team-a:sel:" + rec.key.canonical() + "\""));
  CHECK(ttl > 100);
  CHECK(ttl <= 120);
  CHECK_FALSE(tier.record_failure(rec.key, rec.selector));
  tier.record_hit(rec.key);  // a success in between starts the count again
  CHECK_FALSE(tier.record_failure(rec.key, rec.selector));
  CHECK_FALSE(tier.record_failure(rec.key, "#something-else"));  // another selector's failure is not this one's
  CHECK(tier.get(rec.key));
  CHECK(tier.record_failure(rec.key, rec.selector));
  CHECK_FALSE(tier.get(rec.key));

  tier.put(rec);
  s.redis_cli("SET someone-elses-key keep");
  s.redis_cli("SET team-b:sel:x keep");
  s.redis_cli("SET team-ab:sel:x keep");  // a longer prefix that starts with ours
  CHECK(tier.count() == 1);
  CHECK(tier.clear() >= 1);
  CHECK(tier.count() == 0);
  CHECK(s.redis_cli("GET team-ab:sel:x") == "keep");
  CHECK(s.redis_cli("GET someone-elses-key") == "keep");  // never FLUSHALL
  CHECK(s.redis_cli("GET team-b:sel:x") == "keep");       // another team's prefix is theirs
}

TEST_CASE("the postgres tier: the newest verification wins and a removal is remembered", "[tiers]") {
  LocalServices& s = shared_services();
  PostgresConfig c;
  c.url = s.fresh_postgres_database();
  c.connect_timeout_ms = c.command_timeout_ms = 1000;  // about what it keeps, not deadlines: a busy CPU is fine
  PostgresTier tier(c);
  auto newer = record("Save", "#new", "2026-11-20T10:00:00.000Z");
  auto older = record("Save", "#old", "2026-11-01T10:00:00.000Z");
  tier.put(newer);
  tier.put(older);  // arrives later but was verified earlier: ignored
  REQUIRE(tier.get(newer.key));
  CHECK(tier.get(newer.key)->selector == "#new");
  CHECK(tier.count() == 1);

  CHECK_FALSE(tier.record_failure(newer.key, "#new"));
  CHECK_FALSE(tier.record_failure(newer.key, "#old"));  // not the selector it holds
  CHECK(tier.record_failure(newer.key, "#new"));  // second in a row: removed
  CHECK_FALSE(tier.get(newer.key));
  tier.put(older);  // an older verification cannot bring it back
  CHECK_FALSE(tier.get(older.key));
  auto fresh = record("Save", "#fresh", iso8601(std::chrono::system_clock::now() + std::chrono::seconds(1)));
  tier.put(fresh);  // a newer one can
  REQUIRE(tier.get(fresh.key));
  CHECK(tier.get(fresh.key)->selector == "#fresh");
  CHECK(tier.clear() == 1);

  SECTION("migrations are idempotent, and a newer schema is refused") {
    auto again = migrate_postgres(c.url, 5000);
    CHECK(again.from == again.to);
    CHECK(again.to == postgres_latest_schema_version());
    PostgresConfig c2 = c;
    // A tier over a database without the schema says so instead of failing later.
    c2.url = s.postgres_url.substr(0, s.postgres_url.rfind('/')) + "/template1";
    PostgresTier bare(c2);
    CHECK_THROWS_WITH(bare.count(), Catch::Contains("pacts db migrate --postgres"));
  }
}

TEST_CASE("SQLite emptied: every step from redis. SQLite and Redis emptied: every step from postgres, then sqlite again", "[tiers]") {
  TieredHarness t;
  auto& h = *t.h;
  Plan plan = shop_plan();
  auto cold = h.run_plan(plan);
  require_pass(cold);
  int steps = targeted_steps(cold);
  CHECK(sources(cold)["discovery"] > 0);

  SECTION("from redis") {
    h.store().clear_selectors();
    auto r = h.run_plan(plan);
    require_pass(r);
    CHECK(sources(r)["redis"] == steps);
    // ... which warmed SQLite:
    auto again = h.run_plan(plan);
    CHECK(sources(again)["sqlite"] == steps);
  }
  SECTION("from postgres") {
    // Sync is not there yet: seed the team store through the Postgres tier's write API, as sync will.
    PostgresTier team(h.config.postgres);
    SQLite::Statement q(h.store().database(), "SELECT cache_key FROM selectors");
    int seeded = 0;
    while (q.executeStep()) {
      team.put(*h.store().find_selector(q.getColumn(0).getString()));
      ++seeded;
    }
    REQUIRE(seeded > 0);
    h.store().clear_selectors();
    h.cache().clear("redis");
    auto r = h.run_plan(plan);
    require_pass(r);
    CHECK(sources(r)["postgres"] == steps);
    auto next = h.run_plan(plan);  // the postgres hits warmed the tiers above
    require_pass(next);
    CHECK(sources(next)["sqlite"] == steps);
  }
}

TEST_CASE("Redis stopped mid-run: the run passes on SQLite with one warning", "[tiers]") {
  TieredHarness t(Servers::Private);
  auto& h = *t.h;
  Plan plan = shop_plan();
  require_pass(h.run_plan(plan));  // every tier warm
  bool stopped = false;
  h.observer.on_step = [&](const StepRecord&) {
    if (!stopped) {
      t.services.stop_redis();
      stopped = true;
    }
  };
  h.store().clear_selectors();  // make every lookup go past SQLite to the stopped Redis
  auto r = h.run_plan(plan);
  require_pass(r);
  int redis_warnings = 0;
  for (const auto& w : h.observer.warnings) redis_warnings += w.find("redis") != std::string::npos;
  CHECK(redis_warnings == 1);
  CHECK(r.cache.tiers.at("redis").errors >= 1);
  CHECK(r.cache.tiers.at("redis").skipped >= 1);  // backing off, not retried per step
}

TEST_CASE("Postgres unreachable: the run passes on SQLite with one warning", "[tiers]") {
  TieredHarness t(Servers::Private);
  auto& h = *t.h;
  t.services.stop_postgres();
  Plan plan = shop_plan();
  auto r = h.run_plan(plan);  // cold: every lookup reaches the (absent) team store
  require_pass(r);
  int pg_warnings = 0;
  for (const auto& w : h.observer.warnings) pg_warnings += w.find("postgres") != std::string::npos;
  CHECK(pg_warnings == 1);
  CHECK(r.cache.tiers.at("postgres").errors == 1);
}

TEST_CASE("Redis restarting mid-run is survived: the tier comes back after its back-off", "[tiers]") {
  TieredHarness t(Servers::Private, 200);
  auto& h = *t.h;
  Plan plan = shop_plan();
  require_pass(h.run_plan(plan));
  int step = 0;
  h.observer.on_step = [&](const StepRecord&) {
    ++step;
    if (step == 1) t.services.stop_redis();
    if (step == 3) t.services.start_redis();  // empty: the restarted Redis lost its data
  };
  h.store().clear_selectors();
  auto r = h.run_plan(plan);
  require_pass(r);
  CHECK(r.cache.tiers.at("redis").errors >= 1);
  CHECK(r.cache.tiers.at("redis").writes >= 1);  // written again once it was back
}

TEST_CASE("a stale entry in Redis is invalidated and rediscovered, and the run passes", "[tiers]") {
  TieredHarness t;
  auto& h = *t.h;
  Plan plan = shop_plan();
  require_pass(h.run_plan(plan));
  // Every Redis entry now points at nothing on the page.
  RedisTier redis(h.config.redis);
  SQLite::Statement q(h.store().database(), "SELECT cache_key FROM selectors");
  while (q.executeStep()) {
    auto rec = *h.store().find_selector(q.getColumn(0).getString());
    rec.selector = "#gone-" + std::to_string(rec.selector.size());
    redis.put(rec);
  }
  h.store().clear_selectors();
  auto r = h.run_plan(plan);
  require_pass(r);
  CHECK(sources(r)["discovery"] == targeted_steps(r));
  CHECK(r.cache.verifications_failed == targeted_steps(r));
  // The rediscovered selectors replaced the stale ones in Redis.
  auto any = h.store().find_selector([&] {
    SQLite::Statement k(h.store().database(), "SELECT cache_key FROM selectors LIMIT 1");
    k.executeStep();
    return k.getColumn(0).getString();
  }());
  REQUIRE(any);
  auto in_redis = redis.get(any->key);
  REQUIRE(in_redis);
  CHECK(in_redis->selector.rfind("#gone-", 0) != 0);
}

TEST_CASE("remote tiers keep one connection for a run, not one per lookup", "[tiers]") {
  TieredHarness t;
  auto& h = *t.h;
  Plan plan = shop_plan();
  auto connections = [&] {
    std::string info = t.services.redis_cli("INFO stats");
    auto at = info.find("total_connections_received:");
    return std::stoi(info.substr(at + 27));
  };
  int before = connections();
  require_pass(h.run_plan(plan));
  h.store().clear_selectors();
  require_pass(h.run_plan(plan));
  CHECK(connections() - before <= 3);  // the tier's one connection (and redis-cli's own for this check)
}

TEST_CASE("a hung Redis or Postgres (there, but never answering) is taken out after its deadlines and the run passes", "[tiers]") {
  std::string which = GENERATE(std::string("redis"), std::string("postgres"));
  TieredHarness t(Servers::Private);
  auto& h = *t.h;
  Plan plan = shop_plan();
  if (which == "redis") {
    require_pass(h.run_plan(plan));  // Redis warm, and its connection open
    h.store().clear_selectors();     // every lookup goes past SQLite
  }
  struct Thaw {
    LocalServices& s;
    std::string which;
    ~Thaw() { s.pause(which, false); }
  } thaw{t.services, which};
  t.services.pause(which, true);
  auto r = h.run_plan(plan);
  require_pass(r);
  std::vector<std::string> warnings;
  for (const auto& w : h.observer.warnings)
    if (w.find(which) != std::string::npos) warnings.push_back(w);
  REQUIRE(warnings.size() == 1);
  // Redis: three command deadlines missed in a row, then the back-off (one late answer is not enough). Postgres:
  // a handshake never answered is down at libpq's own connect timeout, at once. (The errors counted may include
  // a late answer of the warm-up run on a busy machine: the warning says what took the tier out.)
  if (which == "redis") {
    CHECK(warnings[0].find("3 deadlines missed in a row") != std::string::npos);
    CHECK(r.cache.tiers.at(which).errors >= 3);
  } else {
    CHECK(r.cache.tiers.at(which).errors == 1);
  }
  CHECK(r.cache.tiers.at(which).skipped >= 1);
}

namespace {

// One "machine": a selector cache whose only tier is the shared Redis under `prefix`.
std::unique_ptr<SelectorCache> machine(const std::string& redis_url, const std::string& prefix,
                                       std::vector<std::string>* warnings = nullptr) {
  RedisConfig c;
  c.url = redis_url;
  c.key_prefix = prefix;
  c.connect_timeout_ms = c.command_timeout_ms = 1000;
  std::vector<TierSlot> slots;
  TierSlot slot;
  slot.tier = std::make_unique<RedisTier>(c);
  slot.slow_answers_to_back_off = 1;
  slots.push_back(std::move(slot));
  return std::make_unique<SelectorCache>(std::move(slots), [warnings](const std::string& w) {
    if (warnings) warnings->push_back(w);
  });
}

}  // namespace

TEST_CASE("machines sharing Redis single-fly a missed key: one discovers, the other waits for its selector; a dead "
          "holder's lock delays no one past its time to live; Redis down, each flies alone", "[tiers]") {
  LocalServices& s = shared_services();
  std::string prefix = fresh_redis_prefix();
  auto a = machine(s.redis_url, prefix), b = machine(s.redis_url, prefix);
  auto rec = record("Save", "[data-test=\"save\"]", now_iso8601());
  std::string lock_key = prefix + ":flight:" + rec.key.canonical();
  auto far = [] { return std::chrono::steady_clock::now() + std::chrono::seconds(60); };

  {
    auto leader = a->begin_discovery(rec.key, far());
    REQUIRE(leader.leads());
    CHECK(s.redis_cli("EXISTS \"" + lock_key + "\"") == "1");
    auto follower = std::async(std::launch::async, [&] { return b->begin_discovery(rec.key, far()); });
    CHECK(follower.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);  // it waits
    a->store(rec);            // the leader's discovery stored...
    leader = SelectorCache::Flight();  // ...and it lands
    auto landed = follower.get();
    CHECK_FALSE(landed.leads());
    CHECK(landed.waited());
    auto hit = b->lookup(rec.key);  // what the follower then verifies on its own page
    REQUIRE(hit);
    CHECK(hit->record.selector == rec.selector);
    CHECK(s.redis_cli("EXISTS \"" + lock_key + "\"") == "0");  // released by its holder
  }

  SECTION("a worker that died holding the lock") {
    auto other = record("Delete", "#delete", now_iso8601());
    std::string dead_lock = prefix + ":flight:" + other.key.canonical();
    s.redis_cli("SET \"" + dead_lock + "\" someone-gone PX 1500");
    auto flight = b->begin_discovery(other.key, far());
    CHECK_FALSE(flight.leads());  // it waited for the lock to expire, then looks again (a miss: it discovers)
    CHECK(flight.waited());
    CHECK(s.redis_cli("EXISTS \"" + dead_lock + "\"") == "0");
    flight = SelectorCache::Flight();
    CHECK(b->begin_discovery(other.key, far()).leads());  // nobody holds it now
  }

  SECTION("Redis down: each machine leads in its own process, with one warning") {
    std::vector<std::string> warnings;
    TempDir dir("pacts-no-redis");
    auto alone = machine(dir.path() + "/redis.sock", prefix, &warnings);  // a socket nobody listens on
    auto first = alone->begin_discovery(rec.key, far());
    CHECK(first.leads());
    auto again = alone->begin_discovery(record("Other", "#o").key, far());
    CHECK(again.leads());
    CHECK(warnings.size() == 1);
  }
}
