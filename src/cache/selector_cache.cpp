#include "cache/selector_cache.h"

#include <algorithm>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "core/ids.h"

namespace pacts {

void TierStats::record_latency(double ms) {
  double us = ms * 1000.0;
  size_t b = 0;
  while (b + 1 < kLatencyBuckets && us > kLatencyBucketsUs[b]) ++b;
  ++histogram[b];
}

int64_t CacheStats::hits() const {
  int64_t n = 0;
  for (const auto& [name, t] : tiers) n += t.hits;
  return n;
}

double CacheStats::hit_rate() const {
  int64_t total = lookups();
  return total == 0 ? 0.0 : static_cast<double>(hits()) / static_cast<double>(total);
}

CacheStats& CacheStats::operator+=(const CacheStats& more) {
  for (const auto& [tier, m] : more.tiers) {
    TierStats& t = tiers[tier];
    t.lookups += m.lookups;
    t.hits += m.hits;
    t.errors += m.errors;
    t.skipped += m.skipped;
    t.writes += m.writes;
    t.time_ms += m.time_ms;
    for (size_t i = 0; i < kLatencyBuckets; ++i) t.histogram[i] += m.histogram[i];
  }
  misses += more.misses;
  verifications_failed += more.verifications_failed;
  invalidations += more.invalidations;
  discoveries += more.discoveries;
  discoveries_spared += more.discoveries_spared;
  drifts += more.drifts;
  stored += more.stored;
  unstable_skipped += more.unstable_skipped;
  return *this;
}

std::vector<CacheStatsRow> cache_stats_rows(const CacheStats& stats) {
  std::vector<CacheStatsRow> rows;
  for (const auto& [name, t] : stats.tiers) {
    CacheStatsRow r;
    r.tier = name;
    r.lookups = t.lookups;
    r.hits = t.hits;
    r.errors = t.errors;
    r.skipped = t.skipped;
    r.writes = t.writes;
    r.time_ms = t.time_ms;
    std::string h = "[";
    for (size_t i = 0; i < kLatencyBuckets; ++i) h += (i ? "," : "") + std::to_string(t.histogram[i]);
    r.histogram = h + "]";
    rows.push_back(std::move(r));
  }
  CacheStatsRow all;
  all.tier = "all";
  all.lookups = stats.lookups();
  all.hits = stats.hits();
  all.misses = stats.misses;
  all.verifications_failed = stats.verifications_failed;
  all.invalidations = stats.invalidations;
  all.discoveries = stats.discoveries;
  rows.push_back(all);
  return rows;
}

double histogram_percentile_ms(const std::vector<int64_t>& buckets, double percentile) {
  int64_t total = 0;
  for (auto c : buckets) total += c;
  if (total == 0) return 0;
  int64_t rank = static_cast<int64_t>(percentile / 100.0 * static_cast<double>(total) + 0.5);
  int64_t seen = 0;
  for (size_t i = 0; i < buckets.size(); ++i) {
    seen += buckets[i];
    if (seen >= std::max<int64_t>(rank, 1))
      return i < kLatencyBuckets - 1 ? kLatencyBucketsUs[i] / 1000.0 : kLatencyBucketsUs[kLatencyBuckets - 2] / 1000.0;
  }
  return kLatencyBucketsUs[kLatencyBuckets - 2] / 1000.0;
}

SelectorCache::SelectorCache(std::vector<TierSlot> tiers, Warn warn, Now now)
    : warn_(std::move(warn)), now_(std::move(now)) {
  for (auto& t : tiers) {
    stats_.tiers[t.tier->name()];
    slots_.push_back(Slot{std::move(t), {}, 0, false});
  }
}

void SelectorCache::reset_stats() {
  std::lock_guard<std::mutex> lock(mu_);
  CacheStats fresh;
  for (const auto& [tier, t] : stats_.tiers) fresh.tiers[tier];  // every tier still listed, at zero
  stats_ = std::move(fresh);
}

bool SelectorCache::guarded(Slot& slot, const std::function<void(SelectorTier&)>& fn, bool count_latency) {
  auto& st = stats_.tiers[slot.config.tier->name()];
  if (now_() < slot.down_until) {
    ++st.skipped;
    return false;
  }
  // Latencies are real time, whatever clock decides the back-off.
  auto start = Clock::now();
  try {
    fn(*slot.config.tier);
    slot.slow_in_a_row = 0;
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    st.time_ms += ms;
    if (count_latency) st.record_latency(ms);
    return true;
  } catch (const TierUnavailable& e) {
    st.time_ms += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    ++st.errors;
    bool slow = e.why() == TierUnavailable::Why::Slow;
    if (slow && ++slot.slow_in_a_row < slot.config.slow_answers_to_back_off) return false;  // asked again next time
    take_out(slot, e, slow);
    return false;
  }
}

void SelectorCache::take_out(Slot& slot, const TierUnavailable& e, bool slow) {
  int missed = slot.slow_in_a_row;
  slot.slow_in_a_row = 0;
  slot.down_until = now_() + slot.config.backoff;
  if (slot.warned || !warn_) return;
  slot.warned = true;
  std::string why = slow && missed > 1 ? fmt::format("{} deadlines missed in a row, the last: {}", missed, e.what())
                                       : std::string(e.what());
  warn_(fmt::format("{} tier{} is unavailable ({}); going on without it, retrying every {} s", slot.config.tier->name(),
                    slot.config.where.empty() ? "" : " at " + slot.config.where, why,
                    slot.config.backoff.count() / 1000));
}

std::optional<CacheHit> SelectorCache::lookup(const SelectorKey& key) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < slots_.size(); ++i) {
    auto& slot = slots_[i];
    std::optional<SelectorRecord> found;
    auto& st = stats_.tiers[slot.config.tier->name()];
    bool answered = guarded(slot, [&](SelectorTier& t) { found = t.get(key); }, true);
    if (answered) ++st.lookups;
    if (found) {
      ++st.hits;
      return CacheHit{std::move(*found), slot.config.tier->name(), i};
    }
  }
  ++stats_.misses;
  return std::nullopt;
}

void SelectorCache::confirm(const CacheHit& hit) {
  std::lock_guard<std::mutex> lock(mu_);
  // The team store is not written during a run (sync carries the counts there); the others count the hit.
  if (slots_[hit.tier_index].config.written_during_run)
    guarded(slots_[hit.tier_index], [&](SelectorTier& t) { t.record_hit(hit.record.key); });
  // Warm the tiers above the one that answered, so the next lookup stops earlier.
  for (size_t i = 0; i < hit.tier_index; ++i) {
    if (!slots_[i].config.written_during_run) continue;
    if (guarded(slots_[i], [&](SelectorTier& t) { t.put(hit.record); })) ++stats_.tiers[slots_[i].config.tier->name()].writes;
  }
}

void SelectorCache::reject(const CacheHit& hit) {
  std::lock_guard<std::mutex> lock(mu_);
  ++stats_.verifications_failed;
  bool removed = false;
  for (auto& slot : slots_) {
    // The team store is not written during a run: the local removal reaches it through sync.
    if (!slot.config.written_during_run) continue;
    bool gone = false;
    if (guarded(slot, [&](SelectorTier& t) { gone = t.record_failure(hit.record.key, hit.record.selector); })) removed |= gone;
  }
  if (removed) ++stats_.invalidations;
}

void SelectorCache::store(const SelectorRecord& record) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& slot : slots_) {
    if (!slot.config.written_during_run) continue;
    if (guarded(slot, [&](SelectorTier& t) { t.put(record); })) ++stats_.tiers[slot.config.tier->name()].writes;
  }
}

void SelectorCache::count_discovery(bool stored, bool stable) {
  std::lock_guard<std::mutex> lock(mu_);
  ++stats_.discoveries;
  if (stored) ++stats_.stored;
  if (!stable) ++stats_.unstable_skipped;
}

std::map<std::string, int64_t> SelectorCache::clear(const std::string& which) {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::string, int64_t> out;
  for (auto& slot : slots_) {
    std::string name = slot.config.tier->name();
    if (which != "all" && which != name) continue;
    int64_t n = -1;
    slot.down_until = {};
    guarded(slot, [&](SelectorTier& t) { n = t.clear(); });
    out[name] = n;
  }
  return out;
}

std::map<std::string, int64_t> SelectorCache::counts() {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::string, int64_t> out;
  for (auto& slot : slots_) {
    int64_t n = -1;
    guarded(slot, [&](SelectorTier& t) { n = t.count(); });
    out[slot.config.tier->name()] = n;
  }
  return out;
}

std::vector<std::string> SelectorCache::tier_names() const {
  std::vector<std::string> out;
  for (const auto& s : slots_) out.push_back(s.config.tier->name());
  return out;
}

}  // namespace pacts

namespace pacts {

SelectorCache::Flight& SelectorCache::Flight::operator=(Flight&& o) noexcept {
  if (this != &o) {
    if (cache_ && leads_) cache_->land(key_, token_);
    cache_ = std::exchange(o.cache_, nullptr);
    key_ = std::move(o.key_);
    token_ = std::move(o.token_);
    leads_ = std::exchange(o.leads_, false);
    waited_ = o.waited_;
  }
  return *this;
}

SelectorCache::Flight::~Flight() {
  if (cache_ && leads_) cache_->land(key_, token_);
}

SelectorCache::Flight SelectorCache::begin_discovery(const SelectorKey& key, Clock::time_point deadline) {
  if (!single_flight_) return Flight(nullptr, "", true, false);
  std::string k = key.canonical();
  std::unique_lock<std::mutex> lock(flights_mu_);
  if (!in_the_air_.insert(k).second) {
    // Another worker is discovering this key: wait for it to land. The deadline is the waiting step's own, on
    // the steady clock (the injected clock measures back-off periods only).
    landed_.wait_until(lock, deadline, [&] { return in_the_air_.count(k) == 0; });
    return Flight(this, k, false, true);
  }
  lock.unlock();
  // This process leads; another machine sharing the Redis tier may lead already.
  std::string token = new_uuid_v7();
  if (lead_across_machines(k, token, deadline)) return Flight(this, k, true, false, token);
  land(k, "");  // this process's followers look again now, as this worker does
  return Flight(this, k, false, true);
}

SelectorCache::Slot* SelectorCache::flight_lock_slot() {
  for (auto& s : slots_)
    if (s.config.tier->offers_flight_locks()) return &s;
  return nullptr;
}

bool SelectorCache::lead_across_machines(const std::string& key, const std::string& token, Clock::time_point deadline) {
  // Polled: the lock's holder is another process, which no condition variable of ours hears. A short pause
  // against a discovery of hundreds of milliseconds.
  constexpr std::chrono::milliseconds kPoll{25};
  bool waited = false;
  for (;;) {
    bool held = false, exists = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      Slot* slot = flight_lock_slot();
      if (!slot) return true;
      if (!waited) {
        // Redis down or backing off: this process's flight is the only one (held stays true then).
        held = true;
        guarded(*slot, [&](SelectorTier& t) { held = t.try_lock(key, token, static_cast<int>(flight_ttl_.count())); });
        if (held) return true;
      }
      exists = true;
      if (waited && !guarded(*slot, [&](SelectorTier& t) { exists = t.lock_exists(key); })) exists = false;
    }
    if (waited && !exists) return false;  // it landed (its selector is stored), or its holder's time ran out
    if (Clock::now() >= deadline) return false;
    waited = true;
    std::this_thread::sleep_for(std::min<Clock::duration>(kPoll, deadline - Clock::now()));
  }
}

void SelectorCache::land(const std::string& key, const std::string& token) {
  if (!token.empty()) {
    std::lock_guard<std::mutex> lock(mu_);
    if (Slot* slot = flight_lock_slot()) guarded(*slot, [&](SelectorTier& t) { t.unlock(key, token); });
  }
  {
    std::lock_guard<std::mutex> lock(flights_mu_);
    in_the_air_.erase(key);
  }
  landed_.notify_all();
}

void SelectorCache::count_spared_discovery() {
  std::lock_guard<std::mutex> lock(mu_);
  ++stats_.discoveries_spared;
}

}  // namespace pacts
