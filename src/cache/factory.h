#pragma once
// Builds the tiered selector cache a configuration asks for: SQLite always, then the remote tiers that are
// configured (a tier that is not configured is simply absent).
#include <memory>

#include "cache/selector_cache.h"
#include "config/config.h"

namespace pacts {

class Store;

std::unique_ptr<SelectorCache> make_selector_cache(const Config& config, Store& store, SelectorCache::Warn warn);

}  // namespace pacts
