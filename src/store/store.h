#pragma once
// The local SQLite store: run records, the selector cache's rows, heal history and the sync outbox.
// Opening applies the schema migrations (schema/sqlite/) and refuses a database written by a newer pacts.
// WAL mode and a busy timeout let a second pacts (or `pacts cache stats`) read while a run writes.
// Every change that sync replicates is written to the outbox in the same transaction as the change.
// A Store is used from one thread; it owns its connection and closes it on destruction.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

  // Runs, steps and artifacts: each write also queues the record for sync.
  void begin_run(const RunRecord& run);
  void finish_run(const RunRecord& run);
  void add_step(const StepRecord& step);
  void add_artifact(const ArtifactRecord& artifact);
  std::optional<RunRecord> find_run(const std::string& id);
  std::vector<StepRecord> steps_of(const std::string& run_id);
  std::vector<ArtifactRecord> artifacts_of(const std::string& run_id);

  // Selector rows (the SQLite cache tier is built on these).
  std::optional<SelectorRecord> find_selector(const std::string& cache_key);
  void upsert_selector(const SelectorRecord& record);
  // A successful verification: hit_count + 1, failures_in_a_row = 0, verified_at = now.
  void record_selector_hit(const std::string& cache_key);
  // A failed verification: miss_count + 1, failures_in_a_row + 1; the row is removed at the second failure in
  // a row. Returns true when it was removed.
  bool record_selector_failure(const std::string& cache_key, const std::string& selector);
  bool delete_selector(const std::string& cache_key);
  int64_t clear_selectors();
  int64_t count_selectors();

  // Cache telemetry of one `pacts run`, one row per tier plus "all"; also queued for sync.
  void add_cache_stats(const std::string& invocation_id, const std::vector<CacheStatsRow>& rows);
  // Totals over every recorded run, per tier (histograms summed bucket by bucket).
  std::vector<CacheStatsRow> cache_stats_totals();

  SQLite::Database& database() { return *db_; }

 private:
  void queue(const std::string& entity, const std::string& entity_id, const std::string& op,
             const std::string& payload);

  std::string path_;
  std::string device_id_;
  std::unique_ptr<SQLite::Database> db_;
  std::unique_ptr<SQLite::Statement> find_selector_;  // the hot lookup, prepared once
};

}  // namespace pacts
