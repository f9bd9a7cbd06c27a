// The JSON API and /metrics over the team Postgres (`pacts serve --postgres`): the same bodies as over the
// local store, for every device's runs (each run also names its device). The team database keeps no running
// totals and no outbox: its figures are summed at each request, and the two sync gauges are left out.
#include <algorithm>
#include <iterator>
#include <memory>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "cache/selector_cache.h"
#include "core/error.h"
#include "serve/api_queries.h"
#include "serve/metrics.h"

namespace pacts::api {

using nlohmann::json;

namespace {

// A timestamptz as the local store writes times: ISO 8601 in UTC with milliseconds.
std::string iso(const std::string& column) {
  return fmt::format("to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')", column);
}

std::string run_columns() {
  return "r.id, r.invocation_id, r.device_id, d.name AS device, r.test_name AS test, r.file, r.url, r.verdict, "
         "r.reason, r.error, " + iso("r.started_at") + " AS started_at, " + iso("r.finished_at") +
         " AS finished_at, r.duration_ms, r.total_steps, r.steps_passed, r.total_assertions, r.assertions_passed "
         "FROM runs r LEFT JOIN devices d ON d.device_id = r.device_id";
}

// The bucket of a step's duration as the store's step_duration_totals counts it (at most the bound).
std::string step_bucket_sql() {
  std::string sql = "CASE";
  int b = 0;
  for (double bound : kStepDurationBucketsS) sql += fmt::format(" WHEN duration_ms <= {} THEN {}", bound * 1000, b++);
  return sql + fmt::format(" ELSE {} END", b);
}

class TeamSource : public Source {
 public:
  TeamSource(const std::string& url, int connect_timeout_ms, int statement_timeout_ms)
      : url_(url + (url.find('?') == std::string::npos ? "?" : "&") +
             fmt::format("connect_timeout={}&application_name=pacts-serve", std::max(2, (connect_timeout_ms + 999) / 1000))),
        statement_timeout_ms_(statement_timeout_ms) {
    connection();  // a team database that cannot be reached is said at start
  }
  std::string name() const override { return "team database"; }

  bool reachable() override {
    try {
      query("SELECT 1");
      return true;
    } catch (const Error&) {
      return false;
    }
  }

  json summary(double alert) override {
    json out = one("SELECT json_build_object('total', count(*), 'by_verdict', json_build_object("
                   "'pass', count(*) FILTER (WHERE verdict = 'pass'), 'flaky', count(*) FILTER (WHERE verdict = 'flaky'), "
                   "'fail', count(*) FILTER (WHERE verdict = 'fail'), "
                   "'error', count(*) FILTER (WHERE verdict = 'error'), "
                   "'running', count(*) FILTER (WHERE verdict = 'running'))) FROM runs");
    json last = one("SELECT row_to_json(t) FROM (SELECT " + run_columns() + " ORDER BY r.started_at DESC LIMIT 1) t");
    json day = hits_since("now() - interval '1 day'");
    bool below = day["hit_rate"].is_number() && day["hit_rate"].get<double>() < alert;
    return {{"runs", out},
            {"last_run", last},
            {"cache", {{"all_time", hits_since("'-infinity'")}, {"last_day", day}}},
            {"hit_rate_alert", {{"threshold", alert}, {"below", below}}},
            {"heal", heal_per_strategy()}};
  }

  json runs(const RunFilter& f) override {
    const char* where = " WHERE ($1 = '' OR r.verdict = $1) AND ($2 = '' OR strpos(r.test_name, $2) > 0) "
                        "AND r.started_at >= $3::timestamptz";
    std::string since = f.since.empty() ? "-infinity" : f.since;
    json list = one("SELECT coalesce(json_agg(t), '[]') FROM (SELECT " + run_columns() + where +
                        " ORDER BY r.started_at DESC, r.id DESC LIMIT $4 OFFSET $5) t",
                    f.verdict, f.test, since, f.limit, f.offset);
    json total = one(std::string("SELECT count(*) FROM runs r") + where, f.verdict, f.test, since);
    return {{"runs", list}, {"total", total}, {"limit", f.limit}, {"offset", f.offset}};
  }

  std::optional<json> run_detail(const std::string& id) override {
    json run = one("SELECT row_to_json(t) FROM (SELECT " + run_columns() + " WHERE r.id = $1) t", id);
    if (run.is_null()) return std::nullopt;
    std::string steps = "SELECT coalesce(json_agg(t ORDER BY t.index), '[]') FROM (SELECT idx AS index, line, action, "
                        "target, value, selector, strategy, source, score, outcome, reason, error, " +
                        iso("started_at") + " AS started_at, duration_ms, heal_old_selector, heal_similarity, "
                        "heal_changed, heal_strategy, heal_tried, heal_ms FROM run_steps "
                        "WHERE run_id = $1 AND kind = $2) t";
    run["steps"] = one(steps, id, "step");
    run["assertions"] = one(steps, id, "assertion");
    run["artifacts"] = one("SELECT coalesce(json_agg(t ORDER BY t.created_at, t.id), '[]') FROM (SELECT id, step_idx, "
                           "kind, bytes, sha256, " + iso("created_at") + " AS created_at, '/api/artifacts/' || id AS url "
                           "FROM artifacts WHERE run_id = $1) t", id);
    return run;
  }

  std::optional<std::string> artifact_path(const std::string& id) override {
    json path = one("SELECT to_json(path) FROM artifacts WHERE id = $1", id);
    if (path.is_null()) return std::nullopt;
    return path.get<std::string>();
  }

  json cache_per_day() override {
    return cache_days_from_rows(one(
        "SELECT coalesce(json_agg(t ORDER BY t.day, t.tier), '[]') FROM (SELECT to_char(recorded_at AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD') AS day, tier, sum(lookups)::bigint AS lookups, sum(hits)::bigint AS hits, sum(misses)::bigint "
        "AS misses, sum(discoveries)::bigint AS discoveries FROM cache_stats GROUP BY 1, 2) t"));
  }

  json heal_per_strategy() override {
    return heal_with_rates(one(
        "SELECT coalesce(json_agg(t ORDER BY t.strategy), '[]') FROM (SELECT strategy, sum(successes)::bigint AS "
        "successes, sum(failures)::bigint AS failures, sum(total_ms) AS total_ms, " + iso("max(last_used_at)") +
        " AS last_used_at FROM heal_history WHERE cache_key = '' GROUP BY strategy) t"));
  }

  json selectors(const std::string& url_pattern, int limit) override {
    return {{"selectors", one("SELECT coalesce(json_agg(t), '[]') FROM (SELECT s.cache_key, s.url_pattern, s.action, "
                              "s.target, s.scope, s.ordinal, s.context, s.selector, s.strategy, s.confidence, " +
                              iso("s.verified_at") + " AS verified_at, " + iso("s.created_at") +
                              " AS created_at, coalesce(sum(c.hits), 0)::bigint AS hit_count, "
                              "coalesce(sum(c.misses), 0)::bigint AS miss_count FROM selectors s LEFT JOIN "
                              "selector_counters c ON c.cache_key = s.cache_key WHERE ($1 = '' OR s.url_pattern = $1) "
                              "GROUP BY s.cache_key ORDER BY s.url_pattern, s.cache_key LIMIT $2) t",
                              url_pattern, limit)}};
  }

  std::string metrics() override;

 private:
  pqxx::connection& connection() {
    if (!conn_) {
      try {
        conn_ = std::make_unique<pqxx::connection>(url_);
        pqxx::nontransaction n(*conn_);
        n.exec(fmt::format("SET statement_timeout = {}", statement_timeout_ms_));
        n.exec("SET default_transaction_read_only = on");
        n.exec("SET TIME ZONE 'UTC'");
      } catch (const std::exception& e) {
        conn_.reset();
        throw_setup(std::string("cannot reach the team database: ") + first_line(e.what()));
      }
    }
    return *conn_;
  }

  static std::string first_line(std::string m) {
    auto nl = m.find('\n');
    return nl == std::string::npos ? m : m.substr(0, nl);
  }

  template <typename... Args>
  pqxx::result query(const std::string& sql, Args&&... args) {
    try {
      pqxx::nontransaction n(connection());
      return n.exec_params(sql, std::forward<Args>(args)...);
    } catch (const pqxx::broken_connection& e) {
      conn_.reset();  // the next request connects again
      throw_setup(std::string("lost the team database: ") + first_line(e.what()));
    } catch (const pqxx::sql_error& e) {
      throw_setup(std::string("the team database refused a query: ") + first_line(e.what()));
    }
  }

  // The first column of the first row, a json or text value, as JSON; null when there is no row or it is NULL.
  template <typename... Args>
  json one(const std::string& sql, Args&&... args) {
    auto r = query(sql, std::forward<Args>(args)...);
    if (r.empty() || r[0][0].is_null()) return nullptr;
    return json::parse(r[0][0].c_str());
  }

  json hits_since(const std::string& since_sql) {
    auto r = query("SELECT coalesce(sum(hits) FILTER (WHERE tier != 'all'), 0)::bigint, "
                   "coalesce(sum(misses) FILTER (WHERE tier = 'all'), 0)::bigint FROM cache_stats WHERE recorded_at >= " +
                   since_sql);
    return hit_rate(r[0][0].as<int64_t>(), r[0][1].as<int64_t>());
  }

  std::string url_;
  int statement_timeout_ms_;
  std::unique_ptr<pqxx::connection> conn_;
};

std::string TeamSource::metrics() {
  MetricsFigures f;
  f.has_sync = false;
  for (const auto& r : query("SELECT verdict, count(*) FROM runs GROUP BY verdict"))
    f.runs_by_verdict[r[0].as<std::string>()] = r[1].as<int64_t>();
  for (const auto& r : query("SELECT tier, sum(lookups)::bigint, sum(hits)::bigint, sum(discoveries)::bigint, "
                             "sum(time_ms) FROM cache_stats GROUP BY tier")) {
    std::string tier = r[0].as<std::string>();
    if (tier == "all") {
      f.discoveries = r[3].as<int64_t>();
      continue;
    }
    f.lookups_hits[tier] = {r[1].as<int64_t>(), r[2].as<int64_t>()};
    auto& h = f.lookup_seconds[tier];
    h.buckets.assign(kLatencyBuckets, 0);
    h.sum_s = r[4].as<double>() / 1000.0;
  }
  for (const auto& r : query("SELECT s.tier, e.ord - 1, sum(e.v::bigint)::bigint FROM cache_stats s, "
                             "jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.histogram) = 'array' THEN s.histogram "
                             "ELSE '[]' END) WITH ORDINALITY e(v, ord) WHERE s.tier != 'all' GROUP BY 1, 2")) {
    auto b = r[1].as<int64_t>();
    auto it = f.lookup_seconds.find(r[0].as<std::string>());
    if (it == f.lookup_seconds.end() || b < 0 || b >= static_cast<int64_t>(kLatencyBuckets)) continue;
    it->second.buckets[b] += r[2].as<int64_t>();
    it->second.count += r[2].as<int64_t>();
  }
  for (const auto& r : query("SELECT action, " + step_bucket_sql() + ", count(*), sum(duration_ms) FROM run_steps "
                             "WHERE kind = 'step' AND outcome != 'skipped' GROUP BY 1, 2")) {
    auto& h = f.step_seconds[r[0].as<std::string>()];
    if (h.buckets.empty()) h.buckets.assign(std::size(kStepDurationBucketsS) + 1, 0);
    h.buckets[r[1].as<size_t>()] += r[2].as<int64_t>();
    h.count += r[2].as<int64_t>();
    h.sum_s += r[3].as<double>() / 1000.0;
  }
  for (const auto& r : query("SELECT strategy, sum(successes)::bigint, sum(failures)::bigint FROM heal_history "
                             "WHERE cache_key = '' GROUP BY strategy ORDER BY strategy"))
    f.heal.push_back({r[0].as<std::string>(), r[1].as<int64_t>(), r[2].as<int64_t>()});
  return prometheus_text(f);
}

}  // namespace

std::unique_ptr<Source> team_source(const std::string& url, int connect_timeout_ms, int statement_timeout_ms) {
  return std::make_unique<TeamSource>(url, connect_timeout_ms, statement_timeout_ms);
}

}  // namespace pacts::api
