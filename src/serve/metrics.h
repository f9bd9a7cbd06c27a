#pragma once
// The store's figures in the Prometheus text exposition format (version 0.0.4), for `pacts serve`'s /metrics:
// runs per verdict, cache lookups and hits per tier, discoveries, heal attempts per strategy and outcome, step
// durations per action and cache lookup latencies per tier (histograms), and the sync outbox. Every family has
// HELP and TYPE lines; label values are escaped as the format requires; the text passes mask_secrets.
//
// A scrape must stay cheap on a store with many runs: the rows that only grow by insertion (run_steps,
// cache_stats) are read once and summed into the collector, each scrape reads only the rows added since the
// last one (by rowid). Counters therefore never go down, even when rows are pruned. The small tables (runs per
// verdict through its count, heal history, the outbox's pending index, sync state) are read at each scrape.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace pacts {

// Upper bounds, in seconds, of the step duration histogram's buckets (+Inf is implied).
inline constexpr double kStepDurationBucketsS[] = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

class MetricsCollector {
 public:
  // db: a connection to the store (read-only is enough), used from one thread.
  explicit MetricsCollector(SQLite::Database& db);
  ~MetricsCollector();
  MetricsCollector(const MetricsCollector&) = delete;
  MetricsCollector& operator=(const MetricsCollector&) = delete;

  // The exposition text. Throws pacts::Error(Setup) when the store cannot be read.
  std::string scrape();

  struct Histogram {
    std::vector<int64_t> buckets;  // per bucket, not cumulative; the last is +Inf
    double sum_s = 0;
    int64_t count = 0;
  };

 private:
  void read_new_steps();
  void read_new_cache_stats();

  SQLite::Database& db_;
  int64_t steps_seen_ = 0;        // highest run_steps rowid summed
  int64_t cache_stats_seen_ = 0;  // highest cache_stats rowid summed
  std::map<std::string, Histogram> step_seconds_;   // per action
  std::map<std::string, Histogram> lookup_seconds_; // per tier
  std::map<std::string, std::pair<int64_t, int64_t>> lookups_hits_;  // per tier
  int64_t discoveries_ = 0;
};

// A Prometheus label value, escaped (backslash, double quote, line feed).
std::string prometheus_label_value(const std::string& value);
// Seconds since the epoch of an ISO 8601 UTC time such as "2026-12-03T15:31:23.123Z"; 0 when unreadable.
double epoch_seconds(const std::string& iso);

}  // namespace pacts
