#pragma once
// The shared hot tier: a team Redis (hiredis). Entries are "<prefix>:sel:<cache key>" holding the record as
// JSON, with a TTL (redis.ttl_s, refreshed by each verified hit); failures in a row are counted in
// "<prefix>:fail:<cache key>". One connection, opened on first use and reused; a connect or command that
// fails or exceeds its deadline throws TierUnavailable and drops the connection, so the next call after the
// cache's back-off reconnects (a restarted Redis is picked up again). clear() deletes only keys under the
// prefix, found with SCAN, never FLUSHALL.
#include <functional>
#include <memory>
#include <vector>
#include <string>

#include "cache/tier.h"
#include "config/config.h"

struct redisContext;

namespace pacts {

struct RedisEndpoint {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string socket_path;  // unix socket, instead of host and port
  std::string password;
  int db = 0;
};

// redis://[:password@]host[:port][/db], unix:///path/to/redis.sock, or /path/to/redis.sock.
RedisEndpoint parse_redis_url(const std::string& url);

class RedisTier : public SelectorTier {
 public:
  explicit RedisTier(const RedisConfig& config);
  ~RedisTier() override;
  const char* name() const override { return "redis"; }
  std::optional<SelectorRecord> get(const SelectorKey& key) override;
  void put(const SelectorRecord& record) override;
  void record_hit(const SelectorKey& key) override;
  bool record_failure(const SelectorKey& key, const std::string& selector) override;
  int64_t clear() override;
  int64_t count() override;
  // Sync's pull: removes the entry for this cache key (canonical form) when it was verified before `at`
  // (ISO 8601), as an invalidation in the team store says. Returns true when it removed one.
  bool remove_verified_before(const std::string& cache_key, const std::string& at);
  // Sync's pull: writes each record unless Redis holds a verification of its key as new or newer (one MGET
  // and one pipelined round of SETs per chunk of keys, not three round trips a record). Returns how many it
  // wrote.
  int64_t put_newer(const std::vector<SelectorRecord>& records);

  // Cross-machine single flight: "<prefix>:flight:<cache key>" (canonical form; it carries no secret).
  // try_lock sets it to `token` only if absent (SET NX PX ttl_ms) and returns true when this caller now holds
  // it; a holder that dies stalls others no longer than ttl_ms. unlock deletes it only while it still holds
  // `token` (one EVAL, so a lock that expired and was taken by another worker is left alone). lock_exists says
  // whether any worker holds it. All three throw TierUnavailable like every other call.
  bool offers_flight_locks() const override { return true; }
  bool try_lock(const std::string& cache_key, const std::string& token, int ttl_ms) override;
  void unlock(const std::string& cache_key, const std::string& token) override;
  bool lock_exists(const std::string& cache_key) override;

 private:
  struct Reply;
  Reply command(const std::vector<std::string>& args);
  // Sends every command, then reads every reply (one round trip); throws TierUnavailable like command().
  void pipeline(const std::vector<std::vector<std::string>>& commands);
  // Calls batch with each batch of keys matching pattern (SCAN: never blocks the server like KEYS).
  void scan(const std::string& pattern, const std::function<void(std::vector<std::string>&)>& batch);
  void connect();
  void drop();
  std::string sel_key(const SelectorKey& key) const { return config_.key_prefix + ":sel:" + key.canonical(); }
  std::string flight_key(const std::string& cache_key) const { return config_.key_prefix + ":flight:" + cache_key; }
  std::string fail_key(const SelectorKey& key) const { return config_.key_prefix + ":fail:" + key.canonical(); }

  RedisConfig config_;
  RedisEndpoint endpoint_;
  redisContext* ctx_ = nullptr;
};

}  // namespace pacts
