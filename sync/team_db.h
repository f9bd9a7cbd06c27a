#pragma once
// A sync session with the team Postgres (libpqxx lives behind this header, in team_db.cpp, team_push.cpp
// and team_pull.cpp). Opening connects, checks that the team schema is exactly the version this pacts
// knows, and prepares every statement; push and pull then each run in their own transactions.
//
// Errors: every method throws pacts::Error(Setup) with a message that says what to do: the server cannot be
// reached, refused the credentials, went away mid-way, or has a schema older (`pacts db migrate --postgres`)
// or newer (upgrade pacts) than this binary. A rejected entry is not an error: apply_batch() reports it.
// A TeamDb is used from one thread.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/records.h"
#include "store/store.h"

namespace pacts {

struct TeamDbOptions {
  std::string url;
  int connect_timeout_ms = 5000;
  int statement_timeout_ms = 60000;
};

// This laptop as the team store knows it.
struct Device {
  std::string id;
  std::string name;
};

// An outbox entry the team store refused: the batch was applied without it, and it is not tried again.
struct RejectedEntry {
  int64_t seq = 0;
  std::string entity;
  std::string entity_id;
  std::string error;
};

// What applying one batch did.
struct BatchOutcome {
  std::map<std::string, int64_t> applied;  // entries merged, per entity
  int64_t already_applied = 0;             // entries an earlier delivery had applied (a replay): skipped
  std::vector<RejectedEntry> rejected;
};

// What the team store changed since a cursor.
struct TeamChanges {
  PulledChanges changes;
  std::string cursor;          // the next pull's cursor (opaque)
  std::string oldest_change;   // ISO 8601: the oldest change among them; "" when none
};

struct TeamDeviceRow {
  std::string id, name, last_seen_at, pulled_at;
};

// `pacts db info --postgres`.
struct TeamInfo {
  std::string where;  // the URL without its password
  int schema_version = 0;
  int latest_schema_version = 0;
  std::string team_id;
  std::map<std::string, int64_t> rows;  // per table
  std::vector<TeamDeviceRow> devices;
};

class TeamDb {
 public:
  // Connects and checks the schema (unless check_schema is false: `pacts db info --postgres` shows any
  // version). Throws Error(Setup) as described above.
  explicit TeamDb(const TeamDbOptions& options, bool check_schema = true);
  ~TeamDb();
  TeamDb(const TeamDb&) = delete;
  TeamDb& operator=(const TeamDb&) = delete;

  // The team store's identity (a pull cursor belongs to one team store).
  const std::string& team_id() const;
  const std::string& where() const;  // the URL without its password, for messages

  // Applies a batch of one device's outbox entries (seq order, consecutive pending entries) in one
  // transaction, exactly once: entries whose seq an earlier delivery applied are skipped, the rest are
  // merged by the rules in schema/postgres and sync/push.h, and their seq range is recorded in the same
  // transaction. An entry whose payload the team store refuses is left out and reported (recorded in
  // sync_rejected); the rest of the batch is still applied whole. Serialized per device, so two processes
  // pushing the same entries apply them once.
  BatchOutcome apply_batch(const Device& device, const std::vector<OutboxEntry>& entries);

  // Selectors, invalidations and other devices' heal rows changed since `cursor` ("" the first time), read
  // from one snapshot. A transaction that commits after this call but started before it is still ahead of
  // the returned cursor, so nothing is missed; rows may come twice (applying them is idempotent).
  TeamChanges changes_since(const std::string& device_id, const std::string& cursor);
  // Remembers in the team store where this device's pull has got to (for `pacts db info --postgres`).
  void record_cursor(const std::string& device_id, const std::string& cursor);

  TeamInfo info();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace pacts
