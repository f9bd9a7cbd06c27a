#pragma once
// The store's figures in the Prometheus text exposition format (version 0.0.4), for `pacts serve`'s /metrics:
// runs per verdict, cache lookups and hits per tier, discoveries, heal attempts per strategy and outcome, step
// durations per action and cache lookup latencies per tier (histograms), and the sync outbox. Every family has
// HELP and TYPE lines; label values are escaped as the format requires; the text passes mask_secrets.
//
// A scrape must stay cheap on a store with many runs: it reads the running totals that triggers keep beside
// the rows (schema/sqlite/0006_totals.sql: run_totals, step_duration_totals, cache_day_totals,
// cache_latency_totals), a few small rows, never the runs, steps or cache_stats themselves. The counters are
// totals of what was recorded, so they never go down, even when `pacts gc` prunes runs; runs still going are
// the gauge pacts_runs_running.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace SQLite {
class Database;
}

namespace pacts {

// Upper bounds, in seconds, of the step duration histogram's buckets (+Inf is implied).
inline constexpr double kStepDurationBucketsS[] = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

// The figures of one scrape, from the local store (MetricsCollector) or the team database (serve --postgres).
struct MetricsFigures {
  struct Histogram {
    std::vector<int64_t> buckets;  // per bucket, not cumulative; the last is +Inf
    double sum_s = 0;
    int64_t count = 0;
  };
  std::map<std::string, int64_t> runs_by_verdict;  // pass, fail, error, running
  std::map<std::string, std::pair<int64_t, int64_t>> lookups_hits;  // per tier
  int64_t discoveries = 0;
  std::map<std::string, Histogram> lookup_seconds;  // per tier, kLatencyBuckets buckets
  std::map<std::string, Histogram> step_seconds;    // per action, kStepDurationBucketsS plus +Inf
  struct Heal {
    std::string strategy;
    int64_t successes = 0, failures = 0;
  };
  std::vector<Heal> heal;
  bool has_sync = true;  // false: the two sync gauges are left out (a team database has no outbox)
  int64_t sync_pending = 0;
  double sync_last_success_s = 0;  // 0: never
};

// The exposition text of the figures, secrets masked.
std::string prometheus_text(const MetricsFigures& figures);

class MetricsCollector {
 public:
  // db: a connection to the store (read-only is enough), used from one thread.
  explicit MetricsCollector(SQLite::Database& db);

  // The exposition text. Throws pacts::Error(Setup) when the store cannot be read.
  std::string scrape();

 private:
  SQLite::Database& db_;
};

// A Prometheus label value, escaped (backslash, double quote, line feed).
std::string prometheus_label_value(const std::string& value);
// Seconds since the epoch of an ISO 8601 UTC time such as "2026-12-03T15:31:23.123Z"; 0 when unreadable.
double epoch_seconds(const std::string& iso);

}  // namespace pacts
