#include "store/store.h"

#include <unistd.h>

#include <filesystem>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "store/migrations.h"
#include "store/record_json.h"

namespace pacts {

namespace {

using nlohmann::json;

std::string escape_field(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

template <typename T>
void bind_opt(SQLite::Statement& st, int i, const std::optional<T>& v) {
  if (v) st.bind(i, *v);
  else st.bind(i);
}

std::optional<std::string> opt_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

json opt_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json run_json(const RunRecord& r) {
  return {{"id", r.id},
          {"invocation_id", r.invocation_id},
          {"test_name", r.test_name},
          {"file", r.file},
          {"url", r.url},
          {"verdict", r.verdict},
          {"reason", r.reason},
          {"error", r.error},
          {"started_at", r.started_at},
          {"finished_at", r.finished_at},
          {"duration_ms", r.duration_ms},
          {"total_steps", r.total_steps},
          {"steps_passed", r.steps_passed},
          {"total_assertions", r.total_assertions},
          {"assertions_passed", r.assertions_passed}};
}

std::string host_name() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

}  // namespace

std::string selector_to_json(const SelectorRecord& s) {
  return json{{"cache_key", s.key.canonical()},
              {"url_pattern", s.key.url_pattern},
              {"action", s.key.action},
              {"target", s.key.target},
              {"scope", s.key.scope},
              {"ordinal", s.key.ordinal},
              {"context", s.key.context},
              {"selector", s.selector},
              {"strategy", s.strategy},
              {"confidence", s.confidence},
              {"stable", s.stable},
              {"fingerprint", s.fingerprint},
              {"verified_at", s.verified_at},
              {"created_at", s.created_at}}
      .dump();
}

std::optional<SelectorRecord> selector_from_json(const std::string& text) try {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("selector") || !j["selector"].is_string()) return std::nullopt;
  SelectorRecord s;
  s.key.url_pattern = j.value("url_pattern", std::string());
  s.key.action = j.value("action", std::string());
  s.key.target = j.value("target", std::string());
  s.key.scope = j.value("scope", std::string());
  s.key.ordinal = j.value("ordinal", 0);
  s.key.context = j.value("context", std::string());
  s.selector = j["selector"].get<std::string>();
  s.strategy = j.value("strategy", std::string());
  s.confidence = j.value("confidence", 0.0);
  s.stable = j.value("stable", true);
  s.fingerprint = j.value("fingerprint", std::string("{}"));
  s.verified_at = j.value("verified_at", std::string());
  s.created_at = j.value("created_at", std::string());
  return s;
} catch (const json::exception&) {
  return std::nullopt;  // a value of the wrong type: not ours, or damaged
}

std::string SelectorKey::canonical() const {
  return fmt::format("{} | {} | {} | {} | {} | {}", escape_field(url_pattern), escape_field(action),
                     escape_field(target), escape_field(scope), ordinal, escape_field(context));
}

Store::Store(const std::string& path, int busy_timeout_ms, const std::string& device_name) : path_(path) {
  try {
    if (path != ":memory:") {
      auto parent = std::filesystem::path(path).parent_path();
      if (!parent.empty()) std::filesystem::create_directories(parent);
    }
    db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db_->setBusyTimeout(busy_timeout_ms);
    if (path != ":memory:") db_->exec("PRAGMA journal_mode=WAL");
    db_->exec("PRAGMA synchronous=NORMAL");
    db_->exec("PRAGMA foreign_keys=ON");
  } catch (const std::exception& e) {
    throw_setup(fmt::format("cannot open the store {}: {} (set store.path in config.toml or PACTS_STORE_PATH)",
                            path, e.what()));
  }
  apply_sqlite_migrations(*db_, sqlite_migrations(), path);

  SQLite::Statement q(*db_, "SELECT value FROM meta WHERE key = 'device_id'");
  if (q.executeStep()) {
    device_id_ = q.getColumn(0).getString();
  } else {
    device_id_ = new_uuid_v7();
    SQLite::Statement ins(*db_, "INSERT INTO meta (key, value) VALUES ('device_id', ?), ('device_name', ?), ('created_at', ?)");
    ins.bind(1, device_id_);
    ins.bind(2, device_name.empty() ? host_name() : device_name);
    ins.bind(3, now_iso8601());
    ins.exec();
  }
}

Store::~Store() {
  find_selector_.reset();  // statements before their database
}

void Store::queue(const std::string& entity, const std::string& entity_id, const std::string& op,
                  const std::string& payload) {
  SQLite::Statement st(*db_,
                       "INSERT INTO outbox (device_id, entity, entity_id, op, payload, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, device_id_);
  st.bind(2, entity);
  st.bind(3, entity_id);
  st.bind(4, op);
  st.bind(5, payload);
  st.bind(6, now_iso8601());
  st.exec();
}

StoreInfo Store::info() {
  StoreInfo i;
  i.path = path_;
  i.schema_version = sqlite_schema_version(*db_);
  i.latest_schema_version = sqlite_migrations().back().version;
  i.device_id = device_id_;
  for (const char* table : {"runs", "run_steps", "artifacts", "selectors", "heal_history", "outbox"}) {
    SQLite::Statement q(*db_, fmt::format("SELECT COUNT(*) FROM {}", table));
    q.executeStep();
    i.rows[table] = q.getColumn(0).getInt64();
  }
  SQLite::Statement q(*db_, "SELECT COUNT(*) FROM outbox WHERE pushed_at IS NULL");
  q.executeStep();
  i.outbox_pending = q.getColumn(0).getInt64();
  return i;
}

void Store::begin_run(const RunRecord& r) {
  SQLite::Statement st(*db_,
                       "INSERT INTO runs (id, invocation_id, device_id, test_name, file, url, verdict, started_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, 'running', ?)");
  st.bind(1, r.id);
  st.bind(2, r.invocation_id);
  st.bind(3, device_id_);
  st.bind(4, r.test_name);
  st.bind(5, r.file);
  st.bind(6, r.url);
  st.bind(7, r.started_at);
  st.exec();
}

void Store::finish_run(const RunRecord& r) {
  SQLite::Transaction tx(*db_);
  SQLite::Statement st(*db_,
                       "UPDATE runs SET verdict = ?, reason = ?, error = ?, finished_at = ?, duration_ms = ?, "
                       "total_steps = ?, steps_passed = ?, total_assertions = ?, assertions_passed = ? WHERE id = ?");
  st.bind(1, r.verdict);
  st.bind(2, r.reason);
  st.bind(3, r.error);
  st.bind(4, r.finished_at);
  st.bind(5, r.duration_ms);
  st.bind(6, r.total_steps);
  st.bind(7, r.steps_passed);
  st.bind(8, r.total_assertions);
  st.bind(9, r.assertions_passed);
  st.bind(10, r.id);
  if (st.exec() != 1) throw Error(ErrorKind::Internal, "finish_run: no run " + r.id);
  json payload = run_json(r);
  payload["device_id"] = device_id_;
  queue("run", r.id, "upsert", payload.dump());
  tx.commit();
}

void Store::add_step(const StepRecord& s) {
  SQLite::Transaction tx(*db_);
  SQLite::Statement st(*db_,
                       "INSERT INTO run_steps (id, run_id, kind, idx, line, action, target, value, selector, strategy, "
                       "source, score, outcome, reason, error, started_at, duration_ms, lookup_ms, discovery_ms, "
                       "action_ms, settle_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, s.id);
  st.bind(2, s.run_id);
  st.bind(3, s.kind);
  st.bind(4, s.idx);
  if (s.line > 0) st.bind(5, s.line);
  else st.bind(5);
  st.bind(6, s.action);
  bind_opt(st, 7, s.target);
  bind_opt(st, 8, s.value);
  bind_opt(st, 9, s.selector);
  bind_opt(st, 10, s.strategy);
  bind_opt(st, 11, s.source);
  bind_opt(st, 12, s.score);
  st.bind(13, s.outcome);
  bind_opt(st, 14, s.reason);
  bind_opt(st, 15, s.error);
  st.bind(16, s.started_at);
  st.bind(17, s.duration_ms);
  st.bind(18, s.lookup_ms);
  st.bind(19, s.discovery_ms);
  st.bind(20, s.action_ms);
  st.bind(21, s.settle_ms);
  st.exec();
  json payload = {{"id", s.id},           {"run_id", s.run_id},         {"kind", s.kind},
                  {"idx", s.idx},         {"line", s.line},             {"action", s.action},
                  {"target", opt_json(s.target)}, {"value", opt_json(s.value)}, {"selector", opt_json(s.selector)},
                  {"strategy", opt_json(s.strategy)}, {"source", opt_json(s.source)},
                  {"score", s.score ? json(*s.score) : json(nullptr)}, {"outcome", s.outcome},
                  {"reason", opt_json(s.reason)}, {"error", opt_json(s.error)}, {"started_at", s.started_at},
                  {"duration_ms", s.duration_ms}};
  queue("run_step", s.id, "upsert", payload.dump());
  tx.commit();
}

void Store::add_artifact(const ArtifactRecord& a) {
  SQLite::Transaction tx(*db_);
  SQLite::Statement st(*db_,
                       "INSERT INTO artifacts (id, run_id, step_idx, kind, path, bytes, sha256, created_at) "
                       "VALUES (?,?,?,?,?,?,?,?)");
  st.bind(1, a.id);
  st.bind(2, a.run_id);
  bind_opt(st, 3, a.step_idx);
  st.bind(4, a.kind);
  st.bind(5, a.path);
  st.bind(6, a.bytes);
  st.bind(7, a.sha256);
  st.bind(8, a.created_at);
  st.exec();
  json payload = {{"id", a.id},     {"run_id", a.run_id}, {"step_idx", a.step_idx ? json(*a.step_idx) : json(nullptr)},
                  {"kind", a.kind}, {"path", a.path},     {"bytes", a.bytes},
                  {"sha256", a.sha256}, {"created_at", a.created_at}};
  queue("artifact", a.id, "upsert", payload.dump());
  tx.commit();
}

std::optional<RunRecord> Store::find_run(const std::string& id) {
  SQLite::Statement q(*db_,
                      "SELECT id, invocation_id, test_name, file, url, verdict, reason, error, started_at, finished_at, "
                      "duration_ms, total_steps, steps_passed, total_assertions, assertions_passed FROM runs WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  RunRecord r;
  r.id = q.getColumn(0).getString();
  r.invocation_id = q.getColumn(1).getString();
  r.test_name = q.getColumn(2).getString();
  r.file = q.getColumn(3).getString();
  r.url = q.getColumn(4).getString();
  r.verdict = q.getColumn(5).getString();
  r.reason = q.getColumn(6).getString();
  r.error = q.getColumn(7).getString();
  r.started_at = q.getColumn(8).getString();
  r.finished_at = q.getColumn(9).getString();
  r.duration_ms = q.getColumn(10).getInt64();
  r.total_steps = q.getColumn(11).getInt();
  r.steps_passed = q.getColumn(12).getInt();
  r.total_assertions = q.getColumn(13).getInt();
  r.assertions_passed = q.getColumn(14).getInt();
  return r;
}

std::vector<StepRecord> Store::steps_of(const std::string& run_id) {
  SQLite::Statement q(*db_,
                      "SELECT id, kind, idx, line, action, target, value, selector, strategy, source, score, outcome, "
                      "reason, error, started_at, duration_ms FROM run_steps WHERE run_id = ? ORDER BY kind DESC, idx");
  q.bind(1, run_id);
  std::vector<StepRecord> out;
  while (q.executeStep()) {
    StepRecord s;
    s.id = q.getColumn(0).getString();
    s.run_id = run_id;
    s.kind = q.getColumn(1).getString();
    s.idx = q.getColumn(2).getInt();
    s.line = q.getColumn(3).isNull() ? 0 : q.getColumn(3).getInt();
    s.action = q.getColumn(4).getString();
    s.target = opt_text(q.getColumn(5));
    s.value = opt_text(q.getColumn(6));
    s.selector = opt_text(q.getColumn(7));
    s.strategy = opt_text(q.getColumn(8));
    s.source = opt_text(q.getColumn(9));
    if (!q.getColumn(10).isNull()) s.score = q.getColumn(10).getDouble();
    s.outcome = q.getColumn(11).getString();
    s.reason = opt_text(q.getColumn(12));
    s.error = opt_text(q.getColumn(13));
    s.started_at = q.getColumn(14).getString();
    s.duration_ms = q.getColumn(15).getDouble();
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<ArtifactRecord> Store::artifacts_of(const std::string& run_id) {
  SQLite::Statement q(*db_,
                      "SELECT id, step_idx, kind, path, bytes, sha256, created_at FROM artifacts WHERE run_id = ? "
                      "ORDER BY created_at");
  q.bind(1, run_id);
  std::vector<ArtifactRecord> out;
  while (q.executeStep()) {
    ArtifactRecord a;
    a.id = q.getColumn(0).getString();
    a.run_id = run_id;
    if (!q.getColumn(1).isNull()) a.step_idx = q.getColumn(1).getInt();
    a.kind = q.getColumn(2).getString();
    a.path = q.getColumn(3).getString();
    a.bytes = q.getColumn(4).getInt64();
    a.sha256 = q.getColumn(5).getString();
    a.created_at = q.getColumn(6).getString();
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<SelectorRecord> Store::find_selector(const std::string& cache_key) {
  if (!find_selector_)
    find_selector_ = std::make_unique<SQLite::Statement>(
        *db_,
        "SELECT url_pattern, action, target, scope, ordinal, context, selector, strategy, confidence, "
        "stable, fingerprint, verified_at, created_at, hit_count, miss_count, failures_in_a_row "
        "FROM selectors WHERE cache_key = ?");
  SQLite::Statement& q = *find_selector_;
  q.reset();
  q.clearBindings();
  q.bind(1, cache_key);
  if (!q.executeStep()) {
    q.reset();
    return std::nullopt;
  }
  SelectorRecord r;
  r.key.url_pattern = q.getColumn(0).getString();
  r.key.action = q.getColumn(1).getString();
  r.key.target = q.getColumn(2).getString();
  r.key.scope = q.getColumn(3).getString();
  r.key.ordinal = q.getColumn(4).getInt();
  r.key.context = q.getColumn(5).getString();
  r.selector = q.getColumn(6).getString();
  r.strategy = q.getColumn(7).getString();
  r.confidence = q.getColumn(8).getDouble();
  r.stable = q.getColumn(9).getInt() != 0;
  r.fingerprint = q.getColumn(10).getString();
  r.verified_at = q.getColumn(11).getString();
  r.created_at = q.getColumn(12).getString();
  r.hit_count = q.getColumn(13).getInt64();
  r.miss_count = q.getColumn(14).getInt64();
  r.failures_in_a_row = q.getColumn(15).getInt();
  q.reset();  // release the read snapshot at once
  return r;
}

void Store::upsert_selector(const SelectorRecord& r) {
  std::string key = r.key.canonical();
  std::string now = now_iso8601();
  SQLite::Transaction tx(*db_);
  SQLite::Statement st(*db_,
                       "INSERT INTO selectors (cache_key, url_pattern, action, target, scope, ordinal, context, "
                       "selector, strategy, confidence, stable, fingerprint, verified_at, created_at) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                       "ON CONFLICT (cache_key) DO UPDATE SET selector = excluded.selector, "
                       "strategy = excluded.strategy, confidence = excluded.confidence, stable = excluded.stable, "
                       "fingerprint = excluded.fingerprint, verified_at = excluded.verified_at, "
                       "failures_in_a_row = 0");
  st.bind(1, key);
  st.bind(2, r.key.url_pattern);
  st.bind(3, r.key.action);
  st.bind(4, r.key.target);
  st.bind(5, r.key.scope);
  st.bind(6, r.key.ordinal);
  st.bind(7, r.key.context);
  st.bind(8, r.selector);
  st.bind(9, r.strategy);
  st.bind(10, r.confidence);
  st.bind(11, r.stable ? 1 : 0);
  st.bind(12, r.fingerprint);
  st.bind(13, r.verified_at.empty() ? now : r.verified_at);
  st.bind(14, r.created_at.empty() ? now : r.created_at);
  st.exec();
  SelectorRecord copy = r;
  if (copy.verified_at.empty()) copy.verified_at = now;
  queue("selector", key, "upsert", selector_to_json(copy));
  tx.commit();
}

void Store::record_selector_hit(const std::string& cache_key) {
  SQLite::Transaction tx(*db_);
  std::string now = now_iso8601();
  SQLite::Statement st(*db_,
                       "UPDATE selectors SET hit_count = hit_count + 1, failures_in_a_row = 0, verified_at = ? "
                       "WHERE cache_key = ?");
  st.bind(1, now);
  st.bind(2, cache_key);
  if (st.exec() == 1)
    queue("selector_counters", cache_key, "delta", json{{"cache_key", cache_key}, {"hits", 1}, {"verified_at", now}}.dump());
  tx.commit();
}

bool Store::record_selector_failure(const std::string& cache_key, const std::string& selector) {
  SQLite::Transaction tx(*db_);
  SQLite::Statement st(*db_,
                       "UPDATE selectors SET miss_count = miss_count + 1, failures_in_a_row = failures_in_a_row + 1 "
                       "WHERE cache_key = ? AND selector = ?");
  st.bind(1, cache_key);
  st.bind(2, selector);
  if (st.exec() != 1) {
    tx.commit();
    return false;
  }
  queue("selector_counters", cache_key, "delta", json{{"cache_key", cache_key}, {"misses", 1}}.dump());
  SQLite::Statement del(*db_, "DELETE FROM selectors WHERE cache_key = ? AND failures_in_a_row >= 2");
  del.bind(1, cache_key);
  bool removed = del.exec() == 1;
  if (removed)
    queue("selector_invalidated", cache_key, "delete",
          json{{"cache_key", cache_key}, {"invalidated_at", now_iso8601()}}.dump());
  tx.commit();
  return removed;
}

bool Store::delete_selector(const std::string& cache_key) {
  SQLite::Transaction tx(*db_);
  SQLite::Statement del(*db_, "DELETE FROM selectors WHERE cache_key = ?");
  del.bind(1, cache_key);
  bool removed = del.exec() == 1;
  if (removed)
    queue("selector_invalidated", cache_key, "delete",
          json{{"cache_key", cache_key}, {"invalidated_at", now_iso8601()}}.dump());
  tx.commit();
  return removed;
}

int64_t Store::clear_selectors() {
  // A local clear empties this machine's cache only; it is not replicated as invalidations.
  return db_->exec("DELETE FROM selectors");
}

void Store::add_cache_stats(const std::string& invocation_id, const std::vector<CacheStatsRow>& rows) {
  SQLite::Transaction tx(*db_);
  std::string now = now_iso8601();
  json payload = json::array();
  for (const auto& r : rows) {
    SQLite::Statement st(*db_,
                         "INSERT OR REPLACE INTO cache_stats (invocation_id, tier, recorded_at, lookups, hits, errors, "
                         "skipped, writes, time_ms, histogram, misses, verifications_failed, invalidations, discoveries) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, invocation_id);
    st.bind(2, r.tier);
    st.bind(3, now);
    st.bind(4, r.lookups);
    st.bind(5, r.hits);
    st.bind(6, r.errors);
    st.bind(7, r.skipped);
    st.bind(8, r.writes);
    st.bind(9, r.time_ms);
    st.bind(10, r.histogram);
    st.bind(11, r.misses);
    st.bind(12, r.verifications_failed);
    st.bind(13, r.invalidations);
    st.bind(14, r.discoveries);
    st.exec();
    payload.push_back({{"tier", r.tier}, {"lookups", r.lookups}, {"hits", r.hits}, {"errors", r.errors},
                       {"skipped", r.skipped}, {"writes", r.writes}, {"time_ms", r.time_ms},
                       {"histogram", json::parse(r.histogram, nullptr, false)}, {"misses", r.misses},
                       {"verifications_failed", r.verifications_failed}, {"invalidations", r.invalidations},
                       {"discoveries", r.discoveries}});
  }
  queue("cache_stats", invocation_id, "delta", json{{"invocation_id", invocation_id}, {"recorded_at", now}, {"tiers", payload}}.dump());
  tx.commit();
}

std::vector<CacheStatsRow> Store::cache_stats_totals() {
  SQLite::Statement q(*db_,
                      "SELECT tier, COUNT(*), SUM(lookups), SUM(hits), SUM(errors), SUM(skipped), SUM(writes), "
                      "SUM(time_ms), SUM(misses), SUM(verifications_failed), SUM(invalidations), SUM(discoveries) "
                      "FROM cache_stats GROUP BY tier ORDER BY tier");
  std::vector<CacheStatsRow> out;
  while (q.executeStep()) {
    CacheStatsRow r;
    r.tier = q.getColumn(0).getString();
    r.invocations = q.getColumn(1).getInt64();
    r.lookups = q.getColumn(2).getInt64();
    r.hits = q.getColumn(3).getInt64();
    r.errors = q.getColumn(4).getInt64();
    r.skipped = q.getColumn(5).getInt64();
    r.writes = q.getColumn(6).getInt64();
    r.time_ms = q.getColumn(7).getDouble();
    r.misses = q.getColumn(8).getInt64();
    r.verifications_failed = q.getColumn(9).getInt64();
    r.invalidations = q.getColumn(10).getInt64();
    r.discoveries = q.getColumn(11).getInt64();
    // Histograms are summed bucket by bucket.
    std::vector<int64_t> sum;
    SQLite::Statement h(*db_, "SELECT histogram FROM cache_stats WHERE tier = ?");
    h.bind(1, r.tier);
    while (h.executeStep()) {
      json a = json::parse(h.getColumn(0).getString(), nullptr, false);
      if (!a.is_array()) continue;
      if (sum.size() < a.size()) sum.resize(a.size(), 0);
      for (size_t i = 0; i < a.size(); ++i) sum[i] += a[i].get<int64_t>();
    }
    r.histogram = json(sum).dump();
    out.push_back(std::move(r));
  }
  return out;
}

int64_t Store::count_selectors() {
  SQLite::Statement q(*db_, "SELECT COUNT(*) FROM selectors");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace pacts
