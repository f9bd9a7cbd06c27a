#include "serve/api_queries.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include "core/error.h"
#include "serve/metrics.h"

namespace pacts::api {

using nlohmann::json;

json rate(int64_t part, int64_t whole) { return whole > 0 ? json(static_cast<double>(part) / whole) : json(nullptr); }

// Hits over step lookups (every tier's hits, plus the misses no tier could answer): sums of one row per tier.
json hit_rate(int64_t hits, int64_t misses) {
  return {{"hits", hits}, {"misses", misses}, {"hit_rate", rate(hits, hits + misses)}};
}

namespace {

// A column as JSON: null, integer, real or text, as stored.
json column(const SQLite::Column& c) {
  if (c.isNull()) return nullptr;
  if (c.isInteger()) return c.getInt64();
  if (c.isFloat()) return c.getDouble();
  return c.getString();
}

// Every row of a statement as an object keyed by column name.
json rows(SQLite::Statement& st) {
  json out = json::array();
  while (st.executeStep()) {
    json row = json::object();
    for (int i = 0; i < st.getColumnCount(); ++i) row[st.getColumnName(i)] = column(st.getColumn(i));
    out.push_back(std::move(row));
  }
  return out;
}

constexpr const char* kRunColumns =
    "id, invocation_id, device_id, test_name AS test, file, url, verdict, reason, error, started_at, finished_at, "
    "duration_ms, total_steps, steps_passed, total_assertions, assertions_passed";

// All time, from the running totals (schema/sqlite/0006_totals.sql).
json hit_rate_all_time(SQLite::Database& db) {
  SQLite::Statement st(db, "SELECT coalesce(sum(CASE WHEN tier != 'all' THEN hits ELSE 0 END), 0), "
                           "coalesce(sum(CASE WHEN tier = 'all' THEN misses ELSE 0 END), 0) FROM cache_day_totals");
  st.executeStep();
  return hit_rate(st.getColumn(0).getInt64(), st.getColumn(1).getInt64());
}

// Since a time: the cache_stats rows recorded since then, found through their index on recorded_at.
json hit_rate_since(SQLite::Database& db, const std::string& since) {
  SQLite::Statement st(db, "SELECT coalesce(sum(CASE WHEN tier != 'all' THEN hits ELSE 0 END), 0), "
                           "coalesce(sum(CASE WHEN tier = 'all' THEN misses ELSE 0 END), 0) FROM cache_stats "
                           "WHERE recorded_at >= ?");
  st.bind(1, since);
  st.executeStep();
  return hit_rate(st.getColumn(0).getInt64(), st.getColumn(1).getInt64());
}

}  // namespace

json summary(SQLite::Database& db, double hit_rate_alert) {
  json verdicts = {{"pass", 0}, {"flaky", 0}, {"fail", 0}, {"error", 0}, {"running", 0}};
  int64_t total = 0;
  SQLite::Statement v(db, "SELECT verdict, runs FROM run_totals");
  while (v.executeStep()) {
    verdicts[v.getColumn(0).getString()] = v.getColumn(1).getInt64();
    total += v.getColumn(1).getInt64();
  }
  SQLite::Statement last(db, std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY started_at DESC LIMIT 1");
  json last_run = rows(last);
  SQLite::Statement day(db, "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day')");
  day.executeStep();
  json last_day = hit_rate_since(db, day.getColumn(0).getString());
  bool alert = last_day["hit_rate"].is_number() && last_day["hit_rate"].get<double>() < hit_rate_alert;
  return {{"runs", {{"total", total}, {"by_verdict", verdicts}}},
          {"last_run", last_run.empty() ? json(nullptr) : last_run[0]},
          {"cache", {{"all_time", hit_rate_all_time(db)}, {"last_day", last_day}}},
          {"hit_rate_alert", {{"threshold", hit_rate_alert}, {"below", alert}}},
          {"heal", heal_per_strategy(db)}};
}

json runs(SQLite::Database& db, const RunFilter& f) {
  std::string sql = std::string("SELECT ") + kRunColumns +
                    " FROM runs WHERE (?1 = '' OR verdict = ?1) AND (?2 = '' OR instr(test_name, ?2) > 0) "
                    "AND (?3 = '' OR started_at >= ?3) ORDER BY started_at DESC, id DESC LIMIT ?4 OFFSET ?5";
  SQLite::Statement st(db, sql);
  st.bind(1, f.verdict);
  st.bind(2, f.test);
  st.bind(3, f.since);
  st.bind(4, f.limit);
  st.bind(5, static_cast<int64_t>(f.offset));
  json list = rows(st);
  SQLite::Statement count(db, "SELECT count(*) FROM runs WHERE (?1 = '' OR verdict = ?1) AND "
                              "(?2 = '' OR instr(test_name, ?2) > 0) AND (?3 = '' OR started_at >= ?3)");
  count.bind(1, f.verdict);
  count.bind(2, f.test);
  count.bind(3, f.since);
  count.executeStep();
  return {{"runs", list}, {"total", count.getColumn(0).getInt64()}, {"limit", f.limit}, {"offset", f.offset}};
}

std::optional<json> run_detail(SQLite::Database& db, const std::string& id) {
  SQLite::Statement run(db, std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?");
  run.bind(1, id);
  json found = rows(run);
  if (found.empty()) return std::nullopt;
  json out = found[0];
  const char* step_columns =
      "idx AS \"index\", line, action, target, value, selector, strategy, source, score, outcome, reason, error, "
      "started_at, duration_ms, lookup_ms, discovery_ms, action_ms, settle_ms, heal_old_selector, heal_similarity, "
      "heal_changed, heal_strategy, heal_tried, heal_ms FROM run_steps WHERE run_id = ? "
      "AND kind = ? ORDER BY idx";
  for (const char* kind : {"step", "assertion"}) {
    SQLite::Statement st(db, std::string("SELECT ") + step_columns);
    st.bind(1, id);
    st.bind(2, kind);
    out[std::string(kind) + "s"] = rows(st);
  }
  SQLite::Statement art(db, "SELECT id, step_idx, kind, bytes, sha256, created_at, '/api/artifacts/' || id AS url "
                            "FROM artifacts WHERE run_id = ? ORDER BY created_at, id");
  art.bind(1, id);
  out["artifacts"] = rows(art);
  return out;
}

std::optional<std::string> artifact_path(SQLite::Database& db, const std::string& id) {
  SQLite::Statement st(db, "SELECT path FROM artifacts WHERE id = ?");
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getString();
}

json cache_days_from_rows(const json& rows) {
  json days = json::array();
  for (const auto& row : rows) {
    std::string day = row["day"].get<std::string>();
    if (days.empty() || days.back()["day"] != day)
      days.push_back({{"day", day}, {"tiers", json::object()}, {"hits", 0}, {"misses", 0}, {"discoveries", 0}});
    json& d = days.back();
    std::string tier = row["tier"].get<std::string>();
    int64_t lookups = row["lookups"].get<int64_t>(), hits = row["hits"].get<int64_t>();
    if (tier == "all") {
      d["misses"] = row["misses"].get<int64_t>();
      d["discoveries"] = row["discoveries"].get<int64_t>();
    } else {
      d["tiers"][tier] = {{"lookups", lookups}, {"hits", hits}, {"hit_rate", rate(hits, lookups)}};
      d["hits"] = d["hits"].get<int64_t>() + hits;
    }
  }
  for (auto& d : days) {
    int64_t hits = d["hits"].get<int64_t>();
    d["hit_rate"] = rate(hits, hits + d["misses"].get<int64_t>());
  }
  return {{"days", days}};
}

json cache_per_day(SQLite::Database& db) {
  SQLite::Statement st(db, "SELECT day, tier, lookups, hits, misses, discoveries FROM cache_day_totals "
                           "WHERE lookups + hits + misses + discoveries > 0 ORDER BY day, tier");
  return cache_days_from_rows(rows(st));
}

json heal_with_rates(json list) {
  for (auto& s : list) {
    int64_t ok = s["successes"].get<int64_t>(), attempts = ok + s["failures"].get<int64_t>();
    s["attempts"] = attempts;
    s["success_rate"] = rate(ok, attempts);
    s["mean_ms"] = attempts > 0 ? json(s["total_ms"].get<double>() / attempts) : json(nullptr);
  }
  return {{"strategies", list}};
}

json heal_per_strategy(SQLite::Database& db) {
  SQLite::Statement st(db, "SELECT strategy, sum(successes) AS successes, sum(failures) AS failures, "
                           "sum(total_ms) AS total_ms, max(last_used_at) AS last_used_at FROM ("
                           "SELECT strategy, successes, failures, total_ms, last_used_at FROM heal_history "
                           "WHERE cache_key = '' UNION ALL SELECT strategy, successes, failures, total_ms, "
                           "last_used_at FROM team_heal_history WHERE cache_key = '') GROUP BY strategy "
                           "ORDER BY strategy");
  return heal_with_rates(rows(st));
}

json selectors(SQLite::Database& db, const std::string& url_pattern, int limit) {
  SQLite::Statement st(db, "SELECT cache_key, url_pattern, action, target, scope, ordinal, context, selector, "
                           "strategy, confidence, verified_at, created_at, hit_count, miss_count FROM selectors "
                           "WHERE (?1 = '' OR url_pattern = ?1) ORDER BY url_pattern, cache_key LIMIT ?2");
  st.bind(1, url_pattern);
  st.bind(2, limit);
  return {{"selectors", rows(st)}};
}


namespace {

class StoreSource : public Source {
 public:
  explicit StoreSource(const std::string& path) : db_(path, SQLite::OPEN_READONLY, 5000), metrics_(db_) {}
  std::string name() const override { return "store"; }
  bool reachable() override {
    try {
      db_.execAndGet("SELECT count(*) FROM meta");
      return true;
    } catch (const SQLite::Exception&) {
      return false;
    }
  }
  json summary(double alert) override { return edge([&] { return api::summary(db_, alert); }); }
  json runs(const RunFilter& f) override { return edge([&] { return api::runs(db_, f); }); }
  std::optional<json> run_detail(const std::string& id) override {
    return edge([&] { return api::run_detail(db_, id); });
  }
  std::optional<std::string> artifact_path(const std::string& id) override {
    return edge([&] { return api::artifact_path(db_, id); });
  }
  json cache_per_day() override { return edge([&] { return api::cache_per_day(db_); }); }
  json heal_per_strategy() override { return edge([&] { return api::heal_per_strategy(db_); }); }
  json selectors(const std::string& p, int limit) override { return edge([&] { return api::selectors(db_, p, limit); }); }
  std::string metrics() override { return metrics_.scrape(); }

 private:
  template <typename F>
  static auto edge(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      throw_setup(std::string("the store cannot be read: ") + e.what());
    }
  }
  SQLite::Database db_;
  MetricsCollector metrics_;
};

}  // namespace

std::unique_ptr<Source> store_source(const std::string& path) {
  try {
    return std::make_unique<StoreSource>(path);
  } catch (const SQLite::Exception& e) {
    throw_setup("cannot open the store for pacts serve: " + std::string(e.what()));
  }
}

}  // namespace pacts::api
