#pragma once
// The local SQLite store: run records, the selector cache's rows, heal history and the sync outbox.
// Opening applies the schema migrations (schema/sqlite/) and refuses a database written by a newer pacts.
// WAL mode and a busy timeout let a second pacts (or `pacts cache stats`) read while a run writes. Opening is
// safe when several processes open one new store at once: migrations and the device identity are created
// under SQLite's write lock, once. Each run records the process that runs it (core/process.h); opening closes
// the runs left `running` by a pacts of this host that is gone (killed, crashed) as errors with reason
// `interrupted`, queued for sync like any finished run.
// Every change that sync replicates is written to the outbox in the same transaction as the change.
//
// Errors: every method throws pacts::Error, never a SQLite exception. Kind Setup when the database cannot be
// used (locked by another process past the busy timeout, unwritable, corrupt, newer than this pacts); kind
// Internal for a statement PACTS got wrong. A Store owns its connection and may be shared by threads (the
// workers of a run): every method holds the store's lock, so its one connection is the only writer and each
// transaction stays short; no worker ever sees `database is locked` from another.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/process.h"
#include "store/records.h"

namespace SQLite {
class Database;
class Statement;
}

namespace pacts {

struct StoreInfo {
  std::string path;
  int schema_version = 0;
  int latest_schema_version = 0;
  std::string device_id;
  std::map<std::string, int64_t> rows;  // per table
  int64_t outbox_pending = 0;
  int64_t outbox_rejected = 0;
};

// The outbox as `pacts sync --status` shows it.
struct OutboxStatus {
  std::map<std::string, int64_t> pending;  // per entity
  int64_t pending_total = 0;
  std::string oldest_pending_at;           // created_at of the oldest pending entry; "" when none
  int64_t delivered = 0;                   // kept until pruned
  int64_t rejected = 0;
};

// An outbox entry the team store refused, and why.
struct OutboxRejection {
  int64_t seq = 0;
  std::string error;
};

// What a pull brought from the team store (sync/pull.h).
struct PulledChanges {
  std::vector<SelectorRecord> selectors;
  std::vector<std::pair<std::string, std::string>> invalidations;  // cache key, invalidated_at
  std::vector<HealStatsRow> heal;                                  // other devices' totals, one row per device
};

struct PullApplied {
  int64_t selectors_written = 0;
  int64_t selectors_kept = 0;    // the local verification was newer, or a local removal not yet pushed is
  int64_t selectors_removed = 0; // removed locally by a team invalidation
  int64_t heal_rows = 0;
};

class Store {
 public:
  // path: a file (its folder is created) or ":memory:". Throws Setup when it cannot be opened or is newer.
  explicit Store(const std::string& path, int busy_timeout_ms = 5000, const std::string& device_name = "");
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }
  const std::string& device_id() const { return device_id_; }
  StoreInfo info();

  // Runs, steps and artifacts: each write also queues the record for sync. begin_run() inserts the run as
  // running, owned by this process (and queues it, so that the team store has it even if the run never
  // finishes); finish_run() writes its verdict and counts.
  void begin_run(const RunRecord& run);
  void finish_run(const RunRecord& run);
  void add_step(const StepRecord& step);
  void add_artifact(const ArtifactRecord& artifact);
  // nullopt when there is no such run.
  std::optional<RunRecord> find_run(const std::string& id);
  // Steps first (in order), then assertions (in order).
  std::vector<StepRecord> steps_of(const std::string& run_id);
  std::vector<ArtifactRecord> artifacts_of(const std::string& run_id);

  // Selector rows (the SQLite cache tier is built on these). find_selector: nullopt when absent.
  std::optional<SelectorRecord> find_selector(const std::string& cache_key);
  void upsert_selector(const SelectorRecord& record);
  // A successful verification: hit_count + 1, failures_in_a_row = 0, verified_at = now. Queued for sync with
  // the verified selector, since a hit is a verification the team store merges like any other.
  void record_selector_hit(const std::string& cache_key);
  // A failed verification: miss_count + 1, failures_in_a_row + 1; the row is removed at the second failure in
  // a row. Only counts when the row still holds `selector`. Returns true when it was removed.
  bool record_selector_failure(const std::string& cache_key, const std::string& selector);
  bool delete_selector(const std::string& cache_key);
  // Empties this machine's cache only; not replicated as invalidations.
  int64_t clear_selectors();
  int64_t count_selectors();

  // Cache telemetry of one `pacts run`, one row per tier plus "all"; also queued for sync.
  void add_cache_stats(const std::string& invocation_id, const std::vector<CacheStatsRow>& rows);
  // Totals over every recorded run, per tier (histograms summed bucket by bucket).
  std::vector<CacheStatsRow> cache_stats_totals();

  // Retention (`pacts gc`): deletes the finished runs started before `before` (ISO 8601) with their steps and
  // artifact rows, in one transaction; runs still going are kept. Not replicated: the team store keeps its
  // history. The running totals (/metrics) are not lowered. Returns what it removed, with the artifacts'
  // recorded paths and sizes so that the caller can delete the files.
  PrunedRuns prune_runs(const std::string& before);

  // The sync outbox. Pending entries are those not yet acknowledged, oldest first.
  std::vector<OutboxEntry> outbox_pending(int limit, int64_t after_seq = 0);
  int64_t outbox_pending_count();
  // Marks every pending entry with seq <= up_to as delivered; returns how many. Idempotent.
  int64_t outbox_acknowledge(int64_t up_to);

  // Heal outcomes (healing calls this once per attempt): counted in heal_history per (URL pattern, strategy)
  // and, when the outcome has a cache key, per (cache key, strategy); each count is queued for sync as a delta.
  void record_heal_outcome(const HealOutcome& outcome);
  // Per strategy, on a page (cache_key "") or for one key: this device's counts plus the other devices' as
  // last pulled, summed (device_id ""). Ordered by strategy.
  std::vector<HealStatsRow> heal_stats(const std::string& url_pattern, const std::string& cache_key = "");
  // Every page's rows (cache_key ""), summed over devices like heal_stats(); ordered by page, then strategy.
  std::vector<HealStatsRow> heal_stats_by_page();

  // Sync's side of the outbox and its state (sync/ calls these).
  // Marks every pending entry with seq <= up_to as delivered and the rejected ones as rejected with their
  // reason, in one transaction. Returns how many were marked. Idempotent.
  int64_t outbox_deliver(int64_t up_to, const std::vector<OutboxRejection>& rejected);
  OutboxStatus outbox_status();
  // Rejected entries, newest first.
  std::vector<OutboxEntry> outbox_rejected(int limit);
  // Removes entries delivered before `before` (ISO 8601); rejected entries stay. Returns how many.
  int64_t outbox_prune(const std::string& before);
  // nullopt when the key was never set.
  std::optional<std::string> sync_state(const std::string& key);
  void set_sync_state(const std::string& key, const std::string& value);
  // Applies a pull in one transaction together with its new cursor (sync_state[cursor_key] = cursor), and
  // queues nothing: these are the team's changes, not this device's. A pulled selector replaces the local
  // one only when its verification is newer, and never while a removal of that key waits in the outbox; an
  // invalidation removes the local selector when it was verified before the invalidation; heal rows replace
  // the device's row in team_heal_history (this device's own rows are skipped).
  PullApplied apply_pulled(const PulledChanges& changes, const std::string& cursor_key, const std::string& cursor);
  // The name this device is registered under in the team store.
  std::string device_name();

  // Raw access for tests and diagnostics only; modules go through the methods above.
  SQLite::Database& database() { return *db_; }

 private:
  // The device id, created at the first open.
  std::string identity(const std::string& device_name);
  // Runs of this host left `running` by a process that is gone: error, reason interrupted, and to the outbox.
  void close_interrupted_runs();
  void queue(const std::string& entity, const std::string& entity_id, const std::string& op,
             const std::string& payload);
  // The selector for cache_key was removed: the team database removes it too, and remembers when.
  void queue_invalidation(const std::string& cache_key);

  std::recursive_mutex mu_;  // held by every method (sql_edge.h); recursive: methods call one another
  std::string path_;
  std::string device_id_;
  ProcessIdentity owner_;  // this process: the owner of the runs it begins
  std::unique_ptr<SQLite::Database> db_;
  std::unique_ptr<SQLite::Statement> find_selector_;  // the hot lookup, prepared once
};

}  // namespace pacts
