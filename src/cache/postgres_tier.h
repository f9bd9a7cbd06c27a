#pragma once
// The team store as a cache tier (libpqxx): the selectors every laptop has verified, merged by sync. During a
// run it is read, and told about failed verifications (an entry that fails twice in a row is removed and the
// removal remembered, so an older verification cannot bring it back); new selectors reach it through sync.
// Its writes are implemented all the same: sync and the tests use them.
//
// One connection, opened on first use with prepared statements; every statement runs under the tier's
// command deadline, enforced on the client (a hung server cannot stall a run) and by statement_timeout on the
// server. A failure throws TierUnavailable and drops the connection; the next call after the back-off
// reconnects. The schema must have been applied (`pacts db migrate --postgres`).
#include <memory>
#include <string>

#include "cache/tier.h"
#include "config/config.h"

namespace pacts {

class PostgresTier : public SelectorTier {
 public:
  explicit PostgresTier(const PostgresConfig& config);
  ~PostgresTier() override;
  const char* name() const override { return "postgres"; }
  std::optional<SelectorRecord> get(const SelectorKey& key) override;
  void put(const SelectorRecord& record) override;
  void record_hit(const SelectorKey& key) override;
  bool record_failure(const SelectorKey& key, const std::string& selector) override;
  int64_t clear() override;
  int64_t count() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pacts
