#pragma once
// The L1 tier: selector rows in the local SQLite store. Always there, works offline; lookups are one
// prepared statement (microseconds).
#include "cache/tier.h"

namespace pacts {

class Store;

class SqliteTier : public SelectorTier {
 public:
  explicit SqliteTier(Store& store) : store_(store) {}
  const char* name() const override { return "sqlite"; }
  std::optional<SelectorRecord> get(const SelectorKey& key) override;
  void put(const SelectorRecord& record) override;
  void record_hit(const SelectorKey& key) override;
  bool record_failure(const SelectorKey& key, const std::string& selector) override;
  int64_t clear() override;
  int64_t count() override;

 private:
  Store& store_;
};

}  // namespace pacts
