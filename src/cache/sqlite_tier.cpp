#include "cache/sqlite_tier.h"

#include "store/store.h"

namespace pacts {

std::optional<SelectorRecord> SqliteTier::get(const SelectorKey& key) { return store_.find_selector(key.canonical()); }
void SqliteTier::put(const SelectorRecord& record) { store_.upsert_selector(record); }
void SqliteTier::record_hit(const SelectorKey& key) { store_.record_selector_hit(key.canonical()); }
bool SqliteTier::record_failure(const SelectorKey& key, const std::string& selector) {
  return store_.record_selector_failure(key.canonical(), selector);
}
int64_t SqliteTier::clear() { return store_.clear_selectors(); }
int64_t SqliteTier::count() { return store_.count_selectors(); }

}  // namespace pacts
