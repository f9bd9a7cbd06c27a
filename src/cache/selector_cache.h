#pragma once
// The tiered read-through selector cache: tiers in order (SQLite, then Redis, then Postgres), each optional
// but the first. A lookup asks each tier in turn and reports which one answered; a verified hit in a lower
// tier is written to the tiers above it (warming). Discovered selectors go to the tiers written during a run
// (SQLite and Redis; Postgres is filled by sync). A selector that fails verification is reported to the
// tiers written during a run, which remove it at its second failure in a row; the team store learns of the
// removal through sync (a run never writes to Postgres).
//
// A tier that is down (it throws TierUnavailable, Why::Down) is skipped for its back-off period and the run
// goes on; one that misses its deadline (Why::Slow) is skipped only when it missed slow_answers_to_back_off
// deadlines in a row: a busy CPU can delay one answer on loopback, and one late answer must not cost the tier
// for the whole back-off. Each tier warns once per SelectorCache, when it is first taken out, not once per step. Any other exception from a tier is a
// bug and goes up to the caller: PACTS never hides its own errors behind a back-off. Counters and latencies
// per tier are kept in stats().
#include <chrono>
#include <functional>
#include <condition_variable>
#include <map>
#include <set>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cache/tier.h"
#include "store/records.h"

namespace pacts {

// Latency buckets, upper bounds in microseconds; the last bucket is everything above.
inline constexpr double kLatencyBucketsUs[] = {10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 50000, 100000};
inline constexpr size_t kLatencyBuckets = sizeof(kLatencyBucketsUs) / sizeof(double) + 1;

struct TierStats {
  int64_t lookups = 0;
  int64_t hits = 0;
  int64_t errors = 0;   // calls that failed (down, timeout)
  int64_t skipped = 0;  // calls not made because the tier was backing off
  int64_t writes = 0;
  double time_ms = 0;   // time spent in calls to this tier
  int64_t histogram[kLatencyBuckets] = {};
  void record_latency(double ms);
};

struct CacheStats {
  std::map<std::string, TierStats> tiers;  // by tier name
  int64_t misses = 0;                      // lookups no tier answered
  int64_t verifications_failed = 0;        // hits whose selector no longer resolved to one element
  int64_t invalidations = 0;               // entries removed because of that
  int64_t discoveries = 0;                 // elements found by discovery
  int64_t drifts = 0;                      // hits whose one element was not the one stored (heal/fingerprint.h)
  int64_t discoveries_spared = 0;          // misses answered by another worker's discovery (single-flight)
  int64_t stored = 0;                      // discovered selectors stored
  int64_t unstable_skipped = 0;            // discovered selectors not stored (positional, generated ids)

  int64_t hits() const;
  int64_t lookups() const { return hits() + misses; }
  double hit_rate() const;
  // Adds another run's counters (the loops of `pacts run --repeat` as one run).
  CacheStats& operator+=(const CacheStats& more);
};

struct CacheHit {
  SelectorRecord record;
  std::string tier;
  size_t tier_index = 0;
};

struct TierSlot {
  std::unique_ptr<SelectorTier> tier;
  bool written_during_run = true;  // false for Postgres: sync fills it
  std::chrono::milliseconds backoff{30000};
  std::string where;               // for the warning: the server, without secrets
  int slow_answers_to_back_off = 3;  // deadlines missed in a row that take the tier out (1: the first one)
};

// The stats of a run as store rows: one per tier, and "all" for what belongs to no tier.
std::vector<CacheStatsRow> cache_stats_rows(const CacheStats& stats);
// An estimate of a latency percentile (ms) from a histogram's buckets: the upper bound of the bucket it falls in.
double histogram_percentile_ms(const std::vector<int64_t>& buckets, double percentile);

class SelectorCache {
 public:
  using Clock = std::chrono::steady_clock;
  using Warn = std::function<void(const std::string&)>;
  using Now = std::function<Clock::time_point()>;  // the clock back-off periods are measured on

  SelectorCache(std::vector<TierSlot> tiers, Warn warn, Now now = &Clock::now);

  std::optional<CacheHit> lookup(const SelectorKey& key);
  void confirm(const CacheHit& hit);    // the hit was verified on the page
  void reject(const CacheHit& hit);     // the hit did not resolve to exactly one element
  void store(const SelectorRecord& record);
  void count_discovery(bool stored, bool stable);
  void count_drift() {
    std::lock_guard<std::mutex> lock(mu_);
    ++stats_.drifts;
  }

  // Removes this project's entries from the tiers named ("sqlite", "redis", "postgres", "all").
  std::map<std::string, int64_t> clear(const std::string& which);
  // Entries per tier; a tier that is down reports -1.
  std::map<std::string, int64_t> counts();
  std::vector<std::string> tier_names() const;

  // Read it once the run's workers are done: the counters are written under the cache's lock.
  const CacheStats& stats() const { return stats_; }
  // Counting starts again from zero (each loop of `pacts run --repeat` records its own); the tiers' state stays.
  void reset_stats();

  // Single-flight discovery. A worker that missed `key` calls this before discovering the element: the first
  // one gets a flight that leads (it discovers, and stores what it found); one that comes while a flight for
  // the key is in the air waits until that flight lands (its Flight destroyed) or `deadline`, then gets a
  // flight that does not lead, and looks the key up again: the leader's selector, verified on its own page,
  // spares it a discovery. Nothing is ever held past the leader's scope (RAII), so a failing leader stalls no one.
  // Machines that share a Redis tier do the same through a lock per key there (SET NX PX, cache.flight_ttl_ms):
  // the leader holds it until it lands; a worker on another machine that finds it held waits until it is gone
  // (the leader landed, or died and the lock's time to live ran out) or its deadline, then looks again. Redis
  // down or backing off: the flight is this process's only, as without Redis.
  class Flight {
   public:
    Flight() = default;
    Flight(SelectorCache* cache, std::string key, bool leads, bool waited, std::string token = "")
        : cache_(cache), key_(std::move(key)), token_(std::move(token)), leads_(leads), waited_(waited) {}
    Flight(Flight&& o) noexcept { *this = std::move(o); }
    Flight& operator=(Flight&& o) noexcept;
    ~Flight();
    bool leads() const { return leads_; }
    bool waited() const { return waited_; }  // another worker's flight landed (or the wait ran out) meanwhile

   private:
    SelectorCache* cache_ = nullptr;
    std::string key_;
    std::string token_;  // the shared lock's, when this leader holds one
    bool leads_ = false;
    bool waited_ = false;
  };
  Flight begin_discovery(const SelectorKey& key, Clock::time_point deadline);
  // Off (cache.single_flight = false): every flight leads at once, so each worker discovers on its own.
  void set_single_flight(bool on) { single_flight_ = on; }
  void set_flight_ttl(std::chrono::milliseconds ttl) { flight_ttl_ = ttl; }
  void count_spared_discovery();  // a follower used the leader's selector

 private:
  struct Slot {
    TierSlot config;
    Clock::time_point down_until{};
    int slow_in_a_row = 0;
    bool warned = false;
  };
  // Runs fn on the tier unless it is backing off; a TierUnavailable may take it out (see above). Returns false
  // when the call was skipped or failed.
  bool guarded(Slot& slot, const std::function<void(SelectorTier&)>& fn, bool count_latency = false);
  // Skips the tier for its back-off period, and warns the first time.
  void take_out(Slot& slot, const TierUnavailable& e, bool slow);

  void land(const std::string& key, const std::string& token);  // a leading flight ends
  // The shared lock for a key this process leads: true when this process may discover (it holds the lock, or
  // no shared tier answers); false after waiting for another machine's flight (`deadline` at most).
  bool lead_across_machines(const std::string& key, const std::string& token, Clock::time_point deadline);
  Slot* flight_lock_slot();

  std::vector<Slot> slots_;
  Warn warn_;
  Now now_;
  CacheStats stats_;
  // Workers share one cache: every public call takes this lock (tier connections are not thread-safe).
  mutable std::mutex mu_;
  std::mutex flights_mu_;
  std::condition_variable landed_;
  std::set<std::string> in_the_air_;  // canonical keys being discovered now
  bool single_flight_ = true;
  std::chrono::milliseconds flight_ttl_{10000};
};

}  // namespace pacts
