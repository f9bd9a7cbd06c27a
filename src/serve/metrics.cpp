#include "serve/metrics.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cache/selector_cache.h"
#include "core/error.h"
#include "core/secret.h"

namespace pacts {

namespace {

constexpr size_t kStepBuckets = sizeof(kStepDurationBucketsS) / sizeof(double) + 1;

void add_to(MetricsCollector::Histogram& h, double seconds) {
  if (h.buckets.empty()) h.buckets.assign(kStepBuckets, 0);
  size_t b = 0;
  while (b + 1 < kStepBuckets && seconds > kStepDurationBucketsS[b]) ++b;
  ++h.buckets[b];
  h.sum_s += seconds;
  ++h.count;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

// Cumulative buckets, as the format wants them; `bounds` has one fewer entry than h.buckets (+Inf).
void histogram_samples(std::string& out, const char* name, const std::string& label, const std::string& value,
                       const MetricsCollector::Histogram& h, const double* bounds, size_t n_bounds) {
  std::string lv = prometheus_label_value(value);
  int64_t cumulative = 0;
  for (size_t b = 0; b < h.buckets.size(); ++b) {
    cumulative += h.buckets[b];
    std::string le = b < n_bounds ? fmt::format("{}", bounds[b]) : "+Inf";
    out += fmt::format("{}_bucket{{{}=\"{}\",le=\"{}\"}} {}\n", name, label, lv, le, cumulative);
  }
  out += fmt::format("{}_sum{{{}=\"{}\"}} {}\n", name, label, lv, h.sum_s);
  out += fmt::format("{}_count{{{}=\"{}\"}} {}\n", name, label, lv, h.count);
}

}  // namespace

std::string prometheus_label_value(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

double epoch_seconds(const std::string& iso) {
  std::tm tm{};
  int fraction_ms = 0;
  char frac[8] = {};
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%7[0-9]", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, frac) < 6)
    return 0;
  std::string millis(frac);
  millis.resize(3, '0');  // ".5" is 500 ms, ".123456" is 123 ms
  fraction_ms = std::atoi(millis.c_str());
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<double>(timegm(&tm)) + fraction_ms / 1000.0;
}

MetricsCollector::MetricsCollector(SQLite::Database& db) : db_(db) {}
MetricsCollector::~MetricsCollector() = default;

void MetricsCollector::read_new_steps() {
  SQLite::Statement st(db_, "SELECT rowid, action, duration_ms FROM run_steps WHERE rowid > ? AND kind = 'step' "
                            "AND outcome != 'skipped' ORDER BY rowid");
  st.bind(1, static_cast<int64_t>(steps_seen_));
  while (st.executeStep()) {
    steps_seen_ = st.getColumn(0).getInt64();
    add_to(step_seconds_[st.getColumn(1).getString()], st.getColumn(2).getDouble() / 1000.0);
  }
  // Skipped steps and assertions move the mark too, so they are not read again.
  SQLite::Statement top(db_, "SELECT coalesce(max(rowid), 0) FROM run_steps");
  if (top.executeStep()) steps_seen_ = std::max(steps_seen_, top.getColumn(0).getInt64());
}

void MetricsCollector::read_new_cache_stats() {
  SQLite::Statement st(db_, "SELECT rowid, tier, lookups, hits, time_ms, histogram, discoveries FROM cache_stats "
                            "WHERE rowid > ? ORDER BY rowid");
  st.bind(1, static_cast<int64_t>(cache_stats_seen_));
  while (st.executeStep()) {
    cache_stats_seen_ = st.getColumn(0).getInt64();
    std::string tier = st.getColumn(1).getString();
    if (tier == "all") {
      discoveries_ += st.getColumn(6).getInt64();
      continue;
    }
    auto& lh = lookups_hits_[tier];
    lh.first += st.getColumn(2).getInt64();
    lh.second += st.getColumn(3).getInt64();
    auto& h = lookup_seconds_[tier];
    if (h.buckets.empty()) h.buckets.assign(kLatencyBuckets, 0);
    auto counts = nlohmann::json::parse(st.getColumn(5).getString(), nullptr, false);
    if (counts.is_array())
      for (size_t b = 0; b < counts.size() && b < kLatencyBuckets; ++b)
        if (counts[b].is_number_integer()) {
          h.buckets[b] += counts[b].get<int64_t>();
          h.count += counts[b].get<int64_t>();
        }
    h.sum_s += st.getColumn(4).getDouble() / 1000.0;
  }
}

std::string MetricsCollector::scrape() {
  std::string out;
  try {
    read_new_steps();
    read_new_cache_stats();

    family(out, "pacts_runs_total", "counter", "Test runs recorded in the store, by verdict.");
    std::map<std::string, int64_t> verdicts{{"pass", 0}, {"fail", 0}, {"error", 0}, {"running", 0}};
    SQLite::Statement runs(db_, "SELECT verdict, count(*) FROM runs GROUP BY verdict");
    while (runs.executeStep()) verdicts[runs.getColumn(0).getString()] = runs.getColumn(1).getInt64();
    for (const auto& [v, n] : verdicts)
      out += fmt::format("pacts_runs_total{{verdict=\"{}\"}} {}\n", prometheus_label_value(v), n);

    family(out, "pacts_cache_lookups_total", "counter", "Selector cache lookups, by tier.");
    for (const auto& [tier, lh] : lookups_hits_)
      out += fmt::format("pacts_cache_lookups_total{{tier=\"{}\"}} {}\n", prometheus_label_value(tier), lh.first);
    family(out, "pacts_cache_hits_total", "counter", "Selector cache hits, by tier.");
    for (const auto& [tier, lh] : lookups_hits_)
      out += fmt::format("pacts_cache_hits_total{{tier=\"{}\"}} {}\n", prometheus_label_value(tier), lh.second);
    family(out, "pacts_discoveries_total", "counter", "Elements found by discovery because no tier had them.");
    out += fmt::format("pacts_discoveries_total {}\n", discoveries_);

    family(out, "pacts_heal_attempts_total", "counter", "Heal attempts, by strategy and outcome (every device's).");
    SQLite::Statement heal(db_, "SELECT strategy, sum(successes), sum(failures) FROM ("
                                "SELECT strategy, successes, failures FROM heal_history WHERE cache_key = '' "
                                "UNION ALL SELECT strategy, successes, failures FROM team_heal_history "
                                "WHERE cache_key = '') GROUP BY strategy ORDER BY strategy");
    while (heal.executeStep()) {
      std::string s = prometheus_label_value(heal.getColumn(0).getString());
      out += fmt::format("pacts_heal_attempts_total{{strategy=\"{}\",outcome=\"success\"}} {}\n", s, heal.getColumn(1).getInt64());
      out += fmt::format("pacts_heal_attempts_total{{strategy=\"{}\",outcome=\"failure\"}} {}\n", s, heal.getColumn(2).getInt64());
    }

    family(out, "pacts_step_duration_seconds", "histogram", "Duration of executed steps, by action.");
    for (const auto& [action, h] : step_seconds_)
      histogram_samples(out, "pacts_step_duration_seconds", "action", action, h, kStepDurationBucketsS, kStepBuckets - 1);
    family(out, "pacts_cache_lookup_seconds", "histogram", "Latency of selector cache calls, by tier.");
    double bounds_s[kLatencyBuckets - 1];
    for (size_t b = 0; b + 1 < kLatencyBuckets; ++b) bounds_s[b] = kLatencyBucketsUs[b] / 1e6;
    for (const auto& [tier, h] : lookup_seconds_)
      histogram_samples(out, "pacts_cache_lookup_seconds", "tier", tier, h, bounds_s, kLatencyBuckets - 1);

    family(out, "pacts_sync_pending_entries", "gauge", "Outbox entries not yet delivered to the team store.");
    SQLite::Statement pending(db_, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL");
    out += fmt::format("pacts_sync_pending_entries {}\n", pending.executeStep() ? pending.getColumn(0).getInt64() : 0);
    family(out, "pacts_sync_last_success_timestamp_seconds", "gauge",
           "When sync last succeeded, in seconds since the epoch; 0: never.");
    SQLite::Statement last(db_, "SELECT value FROM sync_state WHERE key = 'last_success_at'");
    double at = last.executeStep() ? epoch_seconds(last.getColumn(0).getString()) : 0;
    out += fmt::format("pacts_sync_last_success_timestamp_seconds {:.3f}\n", at);
  } catch (const SQLite::Exception& e) {
    throw_setup(std::string("cannot read the store for /metrics: ") + e.what());
  }
  return mask_secrets(out);
}

}  // namespace pacts
