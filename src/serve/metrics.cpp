#include "serve/metrics.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "cache/selector_cache.h"
#include "core/error.h"
#include "core/secret.h"

namespace pacts {

namespace {

constexpr size_t kStepBuckets = sizeof(kStepDurationBucketsS) / sizeof(double) + 1;

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

// Cumulative buckets, as the format wants them; `bounds` has one fewer entry than h.buckets (+Inf).
void histogram_samples(std::string& out, const char* name, const std::string& label, const std::string& value,
                       const MetricsFigures::Histogram& h, const double* bounds, size_t n_bounds) {
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

namespace {

using Histograms = std::map<std::string, MetricsFigures::Histogram>;

// Step durations per action, from step_duration_totals (bucket b: at most kStepDurationBucketsS[b]).
Histograms step_histograms(SQLite::Database& db) {
  Histograms out;
  SQLite::Statement st(db, "SELECT action, bucket, steps, sum_ms FROM step_duration_totals ORDER BY action, bucket");
  while (st.executeStep()) {
    auto& h = out[st.getColumn(0).getString()];
    if (h.buckets.empty()) h.buckets.assign(kStepBuckets, 0);
    size_t b = std::min<size_t>(static_cast<size_t>(std::max(0, st.getColumn(1).getInt())), kStepBuckets - 1);
    h.buckets[b] += st.getColumn(2).getInt64();
    h.count += st.getColumn(2).getInt64();
    h.sum_s += st.getColumn(3).getDouble() / 1000.0;
  }
  return out;
}

void read_cache_totals(SQLite::Database& db, MetricsFigures& f) {
  SQLite::Statement days(db, "SELECT tier, sum(lookups), sum(hits), sum(discoveries), sum(time_ms) "
                             "FROM cache_day_totals GROUP BY tier ORDER BY tier");
  while (days.executeStep()) {
    std::string tier = days.getColumn(0).getString();
    if (tier == "all") {
      f.discoveries = days.getColumn(3).getInt64();
      continue;
    }
    f.lookups_hits[tier] = {days.getColumn(1).getInt64(), days.getColumn(2).getInt64()};
    auto& h = f.lookup_seconds[tier];
    h.buckets.assign(kLatencyBuckets, 0);
    h.sum_s = days.getColumn(4).getDouble() / 1000.0;
  }
  SQLite::Statement calls(db, "SELECT tier, bucket, calls FROM cache_latency_totals WHERE tier != 'all'");
  while (calls.executeStep()) {
    auto& h = f.lookup_seconds[calls.getColumn(0).getString()];
    if (h.buckets.empty()) h.buckets.assign(kLatencyBuckets, 0);
    int b = calls.getColumn(1).getInt();
    if (b < 0 || b >= static_cast<int>(kLatencyBuckets)) continue;
    h.buckets[b] += calls.getColumn(2).getInt64();
    h.count += calls.getColumn(2).getInt64();
  }
}

void read_rest(SQLite::Database& db, MetricsFigures& f) {
  SQLite::Statement runs(db, "SELECT verdict, runs FROM run_totals");
  while (runs.executeStep()) f.runs_by_verdict[runs.getColumn(0).getString()] = runs.getColumn(1).getInt64();
  SQLite::Statement heal(db, "SELECT strategy, sum(successes), sum(failures) FROM ("
                             "SELECT strategy, successes, failures FROM heal_history WHERE cache_key = '' "
                             "UNION ALL SELECT strategy, successes, failures FROM team_heal_history "
                             "WHERE cache_key = '') GROUP BY strategy ORDER BY strategy");
  while (heal.executeStep())
    f.heal.push_back({heal.getColumn(0).getString(), heal.getColumn(1).getInt64(), heal.getColumn(2).getInt64()});
  SQLite::Statement pending(db, "SELECT entries FROM outbox_pending_total");
  f.sync_pending = pending.executeStep() ? pending.getColumn(0).getInt64() : 0;
  SQLite::Statement last(db, "SELECT value FROM sync_state WHERE key = 'last_success_at'");
  f.sync_last_success_s = last.executeStep() ? epoch_seconds(last.getColumn(0).getString()) : 0;
}

void runs_families(const MetricsFigures& f, std::string& out) {
  auto count = [&](const char* v) {
    auto it = f.runs_by_verdict.find(v);
    return it == f.runs_by_verdict.end() ? int64_t{0} : std::max<int64_t>(0, it->second);
  };
  family(out, "pacts_runs_total", "counter", "Finished test runs recorded in the store, by verdict.");
  for (const char* v : {"pass", "flaky", "fail", "error"})
    out += fmt::format("pacts_runs_total{{verdict=\"{}\"}} {}\n", v, count(v));
  family(out, "pacts_runs_running", "gauge", "Test runs started and not finished.");
  out += fmt::format("pacts_runs_running {}\n", count("running"));
}

void cache_families(const MetricsFigures& c, std::string& out) {
  family(out, "pacts_cache_lookups_total", "counter", "Selector cache lookups, by tier.");
  for (const auto& [tier, lh] : c.lookups_hits)
    out += fmt::format("pacts_cache_lookups_total{{tier=\"{}\"}} {}\n", prometheus_label_value(tier), lh.first);
  family(out, "pacts_cache_hits_total", "counter", "Selector cache hits, by tier.");
  for (const auto& [tier, lh] : c.lookups_hits)
    out += fmt::format("pacts_cache_hits_total{{tier=\"{}\"}} {}\n", prometheus_label_value(tier), lh.second);
  family(out, "pacts_discoveries_total", "counter", "Elements found by discovery because no tier had them.");
  out += fmt::format("pacts_discoveries_total {}\n", c.discoveries);
  family(out, "pacts_cache_lookup_seconds", "histogram", "Latency of selector cache calls, by tier.");
  double bounds_s[kLatencyBuckets - 1];
  for (size_t b = 0; b + 1 < kLatencyBuckets; ++b) bounds_s[b] = kLatencyBucketsUs[b] / 1e6;
  for (const auto& [tier, h] : c.lookup_seconds)
    histogram_samples(out, "pacts_cache_lookup_seconds", "tier", tier, h, bounds_s, kLatencyBuckets - 1);
}

void heal_family(const MetricsFigures& f, std::string& out) {
  family(out, "pacts_heal_attempts_total", "counter", "Heal attempts, by strategy and outcome (every device's).");
  for (const auto& h : f.heal) {
    std::string s = prometheus_label_value(h.strategy);
    out += fmt::format("pacts_heal_attempts_total{{strategy=\"{}\",outcome=\"success\"}} {}\n", s, h.successes);
    out += fmt::format("pacts_heal_attempts_total{{strategy=\"{}\",outcome=\"failure\"}} {}\n", s, h.failures);
  }
}

void sync_families(const MetricsFigures& f, std::string& out) {
  if (!f.has_sync) return;
  family(out, "pacts_sync_pending_entries", "gauge", "Outbox entries not yet delivered to the team store.");
  out += fmt::format("pacts_sync_pending_entries {}\n", f.sync_pending);
  family(out, "pacts_sync_last_success_timestamp_seconds", "gauge",
         "When sync last succeeded, in seconds since the epoch; 0: never.");
  out += fmt::format("pacts_sync_last_success_timestamp_seconds {:.3f}\n", f.sync_last_success_s);
}

}  // namespace

std::string prometheus_text(const MetricsFigures& f) {
  std::string out;
  runs_families(f, out);
  cache_families(f, out);
  heal_family(f, out);
  family(out, "pacts_step_duration_seconds", "histogram", "Duration of executed steps, by action.");
  for (const auto& [action, h] : f.step_seconds)
    histogram_samples(out, "pacts_step_duration_seconds", "action", action, h, kStepDurationBucketsS,
                      kStepBuckets - 1);
  sync_families(f, out);
  return mask_secrets(out);
}

std::string MetricsCollector::scrape() {
  MetricsFigures f;
  try {
    read_rest(db_, f);
    read_cache_totals(db_, f);
    f.step_seconds = step_histograms(db_);
  } catch (const SQLite::Exception& e) {
    throw_setup(std::string("cannot read the store for /metrics: ") + e.what());
  }
  return prometheus_text(f);
}

}  // namespace pacts
