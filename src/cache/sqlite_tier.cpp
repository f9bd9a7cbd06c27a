#include "cache/sqlite_tier.h"

#include "core/error.h"
#include "store/store.h"

namespace pacts {

namespace {

// The store reports a database it cannot use (locked past the busy timeout, unwritable) as Setup: for the
// cache that is the tier being unavailable for now. Anything else is a bug and goes up as it is.
template <typename F>
auto tier_call(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Setup) throw TierUnavailable(e.what());
    throw;
  }
}

}  // namespace

std::optional<SelectorRecord> SqliteTier::get(const SelectorKey& key) {
  return tier_call([&] { return store_.find_selector(key.canonical()); });
}
void SqliteTier::put(const SelectorRecord& record) {
  tier_call([&] { store_.upsert_selector(record); });
}
void SqliteTier::record_hit(const SelectorKey& key) {
  tier_call([&] { store_.record_selector_hit(key.canonical()); });
}
bool SqliteTier::record_failure(const SelectorKey& key, const std::string& selector) {
  return tier_call([&] { return store_.record_selector_failure(key.canonical(), selector); });
}
int64_t SqliteTier::clear() {
  return tier_call([&] { return store_.clear_selectors(); });
}
int64_t SqliteTier::count() {
  return tier_call([&] { return store_.count_selectors(); });
}

}  // namespace pacts
