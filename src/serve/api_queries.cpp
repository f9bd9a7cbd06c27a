#include "serve/api_queries.h"

#include <SQLiteCpp/SQLiteCpp.h>

namespace pacts::api {

using nlohmann::json;

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

json rate(int64_t part, int64_t whole) { return whole > 0 ? json(static_cast<double>(part) / whole) : json(nullptr); }

constexpr const char* kRunColumns =
    "id, invocation_id, device_id, test_name AS test, file, url, verdict, reason, error, started_at, finished_at, "
    "duration_ms, total_steps, steps_passed, total_assertions, assertions_passed";

// Hits over step lookups (every tier's hits, plus the misses no tier could answer) since `since` ("" all).
json hit_rate_since(SQLite::Database& db, const std::string& since) {
  SQLite::Statement st(db, "SELECT coalesce(sum(CASE WHEN tier != 'all' THEN hits ELSE 0 END), 0), "
                           "coalesce(sum(CASE WHEN tier = 'all' THEN misses ELSE 0 END), 0) FROM cache_stats "
                           "WHERE recorded_at >= ?");
  st.bind(1, since);
  st.executeStep();
  int64_t hits = st.getColumn(0).getInt64(), misses = st.getColumn(1).getInt64();
  return {{"hits", hits}, {"misses", misses}, {"hit_rate", rate(hits, hits + misses)}};
}

}  // namespace

json summary(SQLite::Database& db, double hit_rate_alert) {
  json verdicts = {{"pass", 0}, {"fail", 0}, {"error", 0}, {"running", 0}};
  int64_t total = 0;
  SQLite::Statement v(db, "SELECT verdict, count(*) FROM runs GROUP BY verdict");
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
          {"cache", {{"all_time", hit_rate_since(db, "")}, {"last_day", last_day}}},
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
      "started_at, duration_ms, lookup_ms, discovery_ms, action_ms, settle_ms FROM run_steps WHERE run_id = ? "
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

json cache_per_day(SQLite::Database& db) {
  SQLite::Statement st(db, "SELECT substr(recorded_at, 1, 10) AS day, tier, sum(lookups), sum(hits), sum(misses), "
                           "sum(discoveries) FROM cache_stats GROUP BY day, tier ORDER BY day, tier");
  json days = json::array();
  while (st.executeStep()) {
    std::string day = st.getColumn(0).getString();
    if (days.empty() || days.back()["day"] != day)
      days.push_back({{"day", day}, {"tiers", json::object()}, {"hits", 0}, {"misses", 0}, {"discoveries", 0}});
    json& d = days.back();
    std::string tier = st.getColumn(1).getString();
    int64_t lookups = st.getColumn(2).getInt64(), hits = st.getColumn(3).getInt64();
    if (tier == "all") {
      d["misses"] = st.getColumn(4).getInt64();
      d["discoveries"] = st.getColumn(5).getInt64();
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

json heal_per_strategy(SQLite::Database& db) {
  SQLite::Statement st(db, "SELECT strategy, sum(successes) AS successes, sum(failures) AS failures, "
                           "sum(total_ms) AS total_ms, max(last_used_at) AS last_used_at FROM ("
                           "SELECT strategy, successes, failures, total_ms, last_used_at FROM heal_history "
                           "WHERE cache_key = '' UNION ALL SELECT strategy, successes, failures, total_ms, "
                           "last_used_at FROM team_heal_history WHERE cache_key = '') GROUP BY strategy "
                           "ORDER BY strategy");
  json list = rows(st);
  for (auto& s : list) {
    int64_t ok = s["successes"].get<int64_t>(), attempts = ok + s["failures"].get<int64_t>();
    s["attempts"] = attempts;
    s["success_rate"] = rate(ok, attempts);
    s["mean_ms"] = attempts > 0 ? json(s["total_ms"].get<double>() / attempts) : json(nullptr);
  }
  return {{"strategies", list}};
}

json selectors(SQLite::Database& db, const std::string& url_pattern, int limit) {
  SQLite::Statement st(db, "SELECT cache_key, url_pattern, action, target, scope, ordinal, context, selector, "
                           "strategy, confidence, verified_at, created_at, hit_count, miss_count FROM selectors "
                           "WHERE (?1 = '' OR url_pattern = ?1) ORDER BY url_pattern, cache_key LIMIT ?2");
  st.bind(1, url_pattern);
  st.bind(2, limit);
  return {{"selectors", rows(st)}};
}

}  // namespace pacts::api
