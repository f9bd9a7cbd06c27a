#pragma once
// One place where selectors are kept: the local SQLite store, a team Redis, the team Postgres. The tiered
// SelectorCache (selector_cache.h) reads them in order and writes through them.
//
// Contract for every tier:
//   get()      returns the entry, or nullopt when it is absent or expired. The caller owns the copy.
//   put()      inserts or replaces the entry.
//   record_hit()     the entry was verified on a page: count it, refresh its verification time.
//   record_failure() `selector` no longer resolves to exactly one element: if the tier holds that selector for
//                    the key, count it, and remove the entry at its second failure in a row (a tier holding
//                    another selector for the key is left alone). Returns true when the entry is gone.
//   clear()    removes this project's entries only, never anything else the server holds.
// A tier that cannot answer (unreachable, slow, restarting) throws TierUnavailable from any call, saying
// whether it is down (refused, unreachable, an error) or only slow (a connect or command deadline passed); the
// cache skips a tier that is down for a back-off period at once, one that is slow only when it stays slow.
// Tiers are used from one thread.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "store/records.h"

namespace pacts {

class TierUnavailable : public std::runtime_error {
 public:
  enum class Why {
    Down,  // refused, unreachable, an error: asking again soon will not help
    Slow,  // a connect or command deadline passed: a busy machine can cause one
  };
  explicit TierUnavailable(const std::string& what, Why why = Why::Down) : std::runtime_error(what), why_(why) {}
  Why why() const { return why_; }

 private:
  Why why_;
};

class SelectorTier {
 public:
  virtual ~SelectorTier() = default;
  virtual const char* name() const = 0;
  virtual std::optional<SelectorRecord> get(const SelectorKey& key) = 0;
  virtual void put(const SelectorRecord& record) = 0;
  virtual void record_hit(const SelectorKey& key) = 0;
  virtual bool record_failure(const SelectorKey& key, const std::string& selector) = 0;
  virtual int64_t clear() = 0;
  virtual int64_t count() = 0;

  // Single flight across machines (SelectorCache::begin_discovery): a lock per cache key with a time to live,
  // in a tier the machines share (Redis). A tier that offers none says so and is never asked the others.
  // try_lock: true when the caller now holds the lock; unlock: only while it still holds `token`.
  virtual bool offers_flight_locks() const { return false; }
  virtual bool try_lock(const std::string& /*cache_key*/, const std::string& /*token*/, int /*ttl_ms*/) { return true; }
  virtual void unlock(const std::string& /*cache_key*/, const std::string& /*token*/) {}
  virtual bool lock_exists(const std::string& /*cache_key*/) { return false; }
};

}  // namespace pacts
