#include "sync/pull.h"

#include <chrono>

#include "cache/redis_tier.h"
#include "store/store.h"

namespace pacts {

namespace {

void write_to_redis(RedisTier& redis, const PulledChanges& changes, PullReport& report) {
  try {
    report.redis_written = redis.put_newer(changes.selectors);
    for (const auto& [key, at] : changes.invalidations) report.redis_removed += redis.remove_verified_before(key, at);
  } catch (const TierUnavailable& e) {
    report.redis_error = e.what();
  }
}

}  // namespace

std::string pull_cursor_key(const std::string& team_id) { return "pull_cursor:" + team_id; }

PullReport pull_team_changes(Store& store, TeamDb& team, RedisTier* redis) {
  auto start = std::chrono::steady_clock::now();
  PullReport report;
  std::string key = pull_cursor_key(team.team_id());
  TeamChanges pulled = team.changes_since(store.device_id(), store.sync_state(key).value_or(""));
  PullApplied applied = store.apply_pulled(pulled.changes, key, pulled.cursor);
  team.record_cursor(store.device_id(), pulled.cursor);
  report.selectors = static_cast<int64_t>(pulled.changes.selectors.size());
  report.invalidations = static_cast<int64_t>(pulled.changes.invalidations.size());
  report.selectors_written = applied.selectors_written;
  report.selectors_kept = applied.selectors_kept;
  report.selectors_removed = applied.selectors_removed;
  report.heal_rows = applied.heal_rows;
  report.oldest_change = pulled.oldest_change;
  if (redis) write_to_redis(*redis, pulled.changes, report);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace pacts
