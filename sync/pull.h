#pragma once
// Pull: what the team store changed since this device's cursor (selectors, invalidations, other devices'
// heal statistics) goes into the local store, and into Redis when one is given, so that an offline laptop
// starts its next run from what the team learned.
//
// The cursor cannot miss a transaction that commits out of order (see TeamDb::changes_since); it is kept in
// the local store per team store, in the same transaction as what the pull wrote, so a pull killed half-way
// is simply repeated. A pulled selector never replaces a newer local verification, nor a removal of the key
// still waiting in the outbox; an invalidation removes the local selector when it was verified before it.
// In Redis a pulled selector is written when Redis has none or an older one, and an invalidated one removed.
#include <cstdint>
#include <string>

#include "sync/team_db.h"

namespace pacts {

class RedisTier;
class Store;

struct PullReport {
  int64_t selectors = 0;       // pulled
  int64_t selectors_written = 0;
  int64_t selectors_kept = 0;  // the local one was newer
  int64_t invalidations = 0;   // pulled
  int64_t selectors_removed = 0;
  int64_t heal_rows = 0;
  int64_t redis_written = 0;
  int64_t redis_removed = 0;
  std::string redis_error;     // Redis is optional: a failure there is reported, and the pull still counts
  std::string oldest_change;   // ISO 8601: the oldest change pulled (how long it waited for this laptop)
  double seconds = 0;
};

// The local store's key for the pull cursor against one team store.
std::string pull_cursor_key(const std::string& team_id);

// Throws Error(Setup) when the team store or the local store fails; nothing is then applied locally.
PullReport pull_team_changes(Store& store, TeamDb& team, RedisTier* redis);

}  // namespace pacts
