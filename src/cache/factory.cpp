#include "cache/factory.h"

#include "cache/sqlite_tier.h"
#include "store/store.h"

namespace pacts {

std::unique_ptr<SelectorCache> make_selector_cache(const Config& /*config*/, Store& store, SelectorCache::Warn warn) {
  std::vector<TierSlot> tiers;
  tiers.push_back(TierSlot{std::make_unique<SqliteTier>(store), true, std::chrono::milliseconds(0), store.path()});
  return std::make_unique<SelectorCache>(std::move(tiers), std::move(warn));
}

}  // namespace pacts
