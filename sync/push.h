#pragma once
// Push: this device's outbox to the team store, exactly once in effect under at-least-once delivery.
//
// Pending entries go oldest first in batches of `batch_size`; each batch is applied in one team-store
// transaction that also records the batch's seq range (TeamDb::apply_batch), and is acknowledged in SQLite
// only after that transaction committed. A kill, a crash or a lost connection at any point leaves each entry
// either acknowledged (and applied) or pending (applied or not); the next push sends the pending ones again
// and the team store skips those whose seq it has applied. So nothing is lost and nothing is counted twice.
//
// Two pushes of one store at once (two `pacts sync` on a laptop) take no lock in SQLite: the team store
// serializes deliveries per device and applies each seq once, so the second push's copies are skipped. That
// costs a little duplicated sending, and never a stale lock left behind by a killed process.
//
// Merge rules (the team schema's pacts_merge_batch, schema/postgres/0002_sync.sql): runs, steps and artifacts by their global ids, insert-or-ignore (a finished
// run replaces its running record); counters (selector hits and misses, heal successes, failures and time,
// cache telemetry per run and tier) are added as deltas to the device's own row, never overwritten; a
// selector is the newest successful verification (a discovery or a verified hit; the greater device id on
// a tie), and an invalidation beats any verification older than it; the device row is upserted with its
// name and the time of its newest entry.
//
// An entry whose payload the team store refuses (a malformed record, a value out of range) is quarantined:
// the rest of its batch is applied whole, the entry is recorded in the team store's sync_rejected and marked
// rejected in the local outbox (kept, never pruned), and the push goes on. The push reports it by seq and
// entity, and `pacts sync` exits 2. One damaged record must not hold a laptop's sync up forever.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sync/team_db.h"

namespace pacts {

class Store;

struct PushReport {
  std::map<std::string, int64_t> applied;  // entries merged, per entity
  int64_t entries = 0;                     // entries delivered (applied, skipped as already applied, rejected)
  int64_t batches = 0;
  int64_t already_applied = 0;
  std::vector<RejectedEntry> rejected;
  std::string oldest_entry;  // created_at of the oldest entry delivered: how long changes waited
  bool stopped = false;      // Ctrl-C or SIGTERM: stopped between two batches
  double seconds = 0;
};

// Pushes every pending entry (those queued meanwhile too). Throws Error(Setup) when the team store or the
// local store fails; what was acknowledged before stays acknowledged. `progress` is called after each batch.
PushReport push_outbox(Store& store, TeamDb& team, const Device& device, int batch_size,
                       const std::function<void(const PushReport&)>& progress = {});

}  // namespace pacts
