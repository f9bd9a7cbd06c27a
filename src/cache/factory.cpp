#include "cache/factory.h"

#include "cache/postgres_tier.h"
#include "core/url.h"
#include "cache/redis_tier.h"
#include "cache/sqlite_tier.h"
#include "store/store.h"

namespace pacts {

std::unique_ptr<SelectorCache> make_selector_cache(const Config& config, Store& store, SelectorCache::Warn warn) {
  std::vector<TierSlot> tiers;
  tiers.push_back(TierSlot{std::make_unique<SqliteTier>(store), true, std::chrono::milliseconds(0), store.path()});
  if (!config.redis.url.empty())
    tiers.push_back(TierSlot{std::make_unique<RedisTier>(config.redis), true,
                             std::chrono::milliseconds(config.redis.backoff_ms), redact_url(config.redis.url)});
  if (!config.postgres.url.empty())
    tiers.push_back(TierSlot{std::make_unique<PostgresTier>(config.postgres), false,
                             std::chrono::milliseconds(config.postgres.backoff_ms), redact_url(config.postgres.url)});
  auto cache = std::make_unique<SelectorCache>(std::move(tiers), std::move(warn));
  cache->set_single_flight(config.cache.single_flight);
  cache->set_flight_ttl(std::chrono::milliseconds(config.cache.flight_ttl_ms));
  return cache;
}

}  // namespace pacts
