// The local store's side of sync, without a team database: heal outcomes as deltas, delivering, refusing and
// pruning outbox entries, and applying what a pull brought.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include "core/clock.h"
#include "core/ids.h"
#include "store/store.h"

using namespace pacts;

namespace {

SelectorRecord selector(const std::string& target, const std::string& css, const std::string& verified_at) {
  SelectorRecord s;
  s.key = {"{base}/shop/cart.html", "click", target, "", 0, ""};
  s.selector = css;
  s.strategy = "testid";
  s.confidence = 1.0;
  s.fingerprint = "{}";
  s.verified_at = verified_at;
  return s;
}

std::vector<OutboxEntry> pending_of(Store& store, const std::string& entity) {
  std::vector<OutboxEntry> out;
  for (auto& e : store.outbox_pending(1000))
    if (e.entity == entity) out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("a heal outcome is counted per page and per key, and queued as two deltas") {
  Store store(":memory:");
  HealOutcome o{"{base}/shop/cart.html", "k1", "label", true, 120, ""};
  store.record_heal_outcome(o);
  store.record_heal_outcome(o);
  o.success = false;
  o.duration_ms = 30;
  store.record_heal_outcome(o);

  auto page = store.heal_stats("{base}/shop/cart.html");
  REQUIRE(page.size() == 1);
  CHECK(page[0].strategy == "label");
  CHECK(page[0].successes == 2);
  CHECK(page[0].failures == 1);
  CHECK(page[0].total_ms == Approx(270));
  auto key = store.heal_stats("{base}/shop/cart.html", "k1");
  REQUIRE(key.size() == 1);
  CHECK(key[0].successes == 2);

  auto deltas = pending_of(store, "heal");
  REQUIRE(deltas.size() == 6);  // three outcomes, each for the page and for the key
  auto first = nlohmann::json::parse(deltas[0].payload);
  CHECK(first["successes"] == 1);
  CHECK(first["failures"] == 0);  // a delta, not a total
  CHECK(first["cache_key"] == "");
  auto last = nlohmann::json::parse(deltas[5].payload);
  CHECK(last["failures"] == 1);
  CHECK(last["successes"] == 0);
  CHECK(last["cache_key"] == "k1");
}

TEST_CASE("a verified hit is queued with the selector it verified") {
  Store store(":memory:");
  auto rec = selector("Checkout", "[data-test=checkout]", "2026-01-01T00:00:00.000Z");
  store.upsert_selector(rec);
  store.record_selector_hit(rec.key.canonical());
  auto hits = pending_of(store, "selector_counters");
  REQUIRE(hits.size() == 1);
  auto j = nlohmann::json::parse(hits[0].payload);
  CHECK(j["hits"] == 1);
  CHECK(j["selector"] == "[data-test=checkout]");
  CHECK(j["verified_at"].get<std::string>() > "2026-01-01T00:00:00.000Z");  // the hit's time
}

TEST_CASE("delivering marks entries pushed, refused ones with their reason, and pruning keeps the refused") {
  Store store(":memory:");
  for (const char* t : {"a", "b", "c", "d"}) store.upsert_selector(selector(t, "#x", ""));
  auto pending = store.outbox_pending(10);
  REQUIRE(pending.size() == 4);
  CHECK(store.outbox_status().pending.at("selector") == 4);
  CHECK(store.outbox_deliver(pending[2].seq, {{pending[1].seq, "invalid input syntax"}}) == 3);
  auto s = store.outbox_status();
  CHECK(s.pending_total == 1);
  CHECK(s.delivered == 2);
  CHECK(s.rejected == 1);
  CHECK(store.info().outbox_rejected == 1);
  auto refused = store.outbox_rejected(10);
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].seq == pending[1].seq);
  CHECK(refused[0].rejected_error == "invalid input syntax");
  CHECK(store.outbox_deliver(pending[2].seq, {}) == 0);  // idempotent

  CHECK(store.outbox_prune("2000-01-01T00:00:00.000Z") == 0);  // nothing delivered that long ago
  CHECK(store.outbox_prune(iso8601(std::chrono::system_clock::now() + std::chrono::seconds(1))) == 2);
  CHECK(store.outbox_status().rejected == 1);  // refused entries stay for a person to look at
  CHECK(store.outbox_pending_count() == 1);    // and pending ones, of course
}

TEST_CASE("a pulled selector never replaces a newer local verification, nor one this device removed") {
  Store store(":memory:");
  auto local = selector("Save", "#local", "2026-05-02T00:00:00.000Z");
  store.upsert_selector(local);
  auto gone = selector("Delete", "#delete", "2026-05-01T00:00:00.000Z");
  store.upsert_selector(gone);
  REQUIRE(store.delete_selector(gone.key.canonical()));  // removed here; the removal is not pushed yet

  PulledChanges pulled;
  pulled.selectors.push_back(selector("Save", "#older", "2026-05-01T00:00:00.000Z"));
  pulled.selectors.push_back(selector("Delete", "#delete", "2026-05-01T00:00:00.000Z"));
  pulled.selectors.push_back(selector("New", "#new", "2026-05-01T00:00:00.000Z"));
  int64_t outbox_before = store.outbox_pending_count();
  auto applied = store.apply_pulled(pulled, "pull_cursor:t", "42");
  CHECK(applied.selectors_written == 1);
  CHECK(applied.selectors_kept == 2);
  CHECK(store.find_selector(local.key.canonical())->selector == "#local");
  CHECK_FALSE(store.find_selector(gone.key.canonical()));
  CHECK(store.find_selector(selector("New", "", "").key.canonical())->selector == "#new");
  CHECK(store.outbox_pending_count() == outbox_before);  // the team's changes are not echoed back
  CHECK(store.sync_state("pull_cursor:t") == "42");

  SECTION("a newer team verification replaces the local one") {
    PulledChanges newer;
    newer.selectors.push_back(selector("Save", "#team", "2026-05-03T00:00:00.000Z"));
    CHECK(store.apply_pulled(newer, "pull_cursor:t", "43").selectors_written == 1);
    CHECK(store.find_selector(local.key.canonical())->selector == "#team");
  }
  SECTION("an invalidation removes a selector verified before it, not one verified after") {
    PulledChanges inv;
    inv.invalidations = {{local.key.canonical(), "2026-05-01T12:00:00.000Z"}};
    CHECK(store.apply_pulled(inv, "pull_cursor:t", "43").selectors_removed == 0);
    inv.invalidations = {{local.key.canonical(), "2026-05-02T12:00:00.000Z"}};
    CHECK(store.apply_pulled(inv, "pull_cursor:t", "44").selectors_removed == 1);
    CHECK_FALSE(store.find_selector(local.key.canonical()));
  }
}

TEST_CASE("pulled heal statistics add the other devices' counts to this device's, never its own twice") {
  Store store(":memory:");
  store.record_heal_outcome({"{base}/p", "", "label", true, 10, ""});
  PulledChanges pulled;
  pulled.heal.push_back({"{base}/p", "", "label", "other-device", 3, 1, 40, "2026-05-01T00:00:00.000Z"});
  pulled.heal.push_back({"{base}/p", "", "label", store.device_id(), 1, 0, 10, "2026-05-01T00:00:00.000Z"});
  CHECK(store.apply_pulled(pulled, "c", "1").heal_rows == 1);
  CHECK(store.apply_pulled(pulled, "c", "2").heal_rows == 1);  // a row pulled twice replaces itself
  auto stats = store.heal_stats("{base}/p");
  REQUIRE(stats.size() == 1);
  CHECK(stats[0].successes == 4);
  CHECK(stats[0].failures == 1);
  CHECK(stats[0].total_ms == Approx(50));
}
