#include "cache/selector_cache.h"

#include <fmt/format.h>

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

SelectorCache::SelectorCache(std::vector<TierSlot> tiers, Warn warn) : warn_(std::move(warn)) {
  for (auto& t : tiers) {
    stats_.tiers[t.tier->name()];
    slots_.push_back(Slot{std::move(t), {}, false});
  }
}

bool SelectorCache::guarded(Slot& slot, const std::function<void(SelectorTier&)>& fn, bool count_latency) {
  auto& st = stats_.tiers[slot.config.tier->name()];
  if (now_() < slot.down_until) {
    ++st.skipped;
    return false;
  }
  auto start = Clock::now();
  try {
    fn(*slot.config.tier);
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    st.time_ms += ms;
    if (count_latency) st.record_latency(ms);
    return true;
  } catch (const TierUnavailable& e) {
    st.time_ms += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    ++st.errors;
    slot.down_until = now_() + slot.config.backoff;
    if (!slot.warned && warn_) {
      slot.warned = true;
      warn_(fmt::format("{} tier{} is unavailable ({}); going on without it, retrying every {} s",
                        slot.config.tier->name(), slot.config.where.empty() ? "" : " at " + slot.config.where,
                        e.what(), slot.config.backoff.count() / 1000));
    }
    return false;
  }
}

std::optional<CacheHit> SelectorCache::lookup(const SelectorKey& key) {
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
  guarded(slots_[hit.tier_index], [&](SelectorTier& t) { t.record_hit(hit.record.key); });
  // Warm the tiers above the one that answered, so the next lookup stops earlier.
  for (size_t i = 0; i < hit.tier_index; ++i) {
    if (!slots_[i].config.written_during_run) continue;
    if (guarded(slots_[i], [&](SelectorTier& t) { t.put(hit.record); })) ++stats_.tiers[slots_[i].config.tier->name()].writes;
  }
}

void SelectorCache::reject(const CacheHit& hit) {
  ++stats_.verifications_failed;
  bool removed = false;
  for (auto& slot : slots_) {
    bool gone = false;
    if (guarded(slot, [&](SelectorTier& t) { gone = t.record_failure(hit.record.key); })) removed |= gone;
  }
  if (removed) ++stats_.invalidations;
}

void SelectorCache::store(const SelectorRecord& record) {
  for (auto& slot : slots_) {
    if (!slot.config.written_during_run) continue;
    if (guarded(slot, [&](SelectorTier& t) { t.put(record); })) ++stats_.tiers[slot.config.tier->name()].writes;
  }
}

void SelectorCache::count_discovery(bool stored, bool stable) {
  ++stats_.discoveries;
  if (stored) ++stats_.stored;
  if (!stable) ++stats_.unstable_skipped;
}

std::map<std::string, int64_t> SelectorCache::clear(const std::string& which) {
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
