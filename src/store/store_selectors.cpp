// The Store's selector rows and cache telemetry (the SQLite cache tier and `pacts cache stats` read these).
#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "store/record_json.h"
#include "store/rows.h"
#include "store/sql_edge.h"
#include "store/store.h"

namespace pacts {

using nlohmann::json;

std::optional<SelectorRecord> Store::find_selector(const std::string& cache_key) {
  return at_sql_edge(mu_, path_, "be read", [&]() -> std::optional<SelectorRecord> {
    if (!find_selector_)
      find_selector_ = std::make_unique<SQLite::Statement>(*db_, "SELECT * FROM selectors WHERE cache_key = ?");
    SQLite::Statement& q = *find_selector_;
    q.reset();
    q.clearBindings();
    q.bind(1, cache_key);
    if (!q.executeStep()) {
      q.reset();
      return std::nullopt;
    }
    SelectorRecord r = rows::selector_from(q);
    q.reset();  // release the read snapshot at once
    return r;
  });
}

void Store::upsert_selector(const SelectorRecord& r) {
  at_sql_edge(mu_, path_, "store a selector", [&] {
    std::string now = now_iso8601();
    SelectorRecord row = r;
    if (row.verified_at.empty()) row.verified_at = now;
    if (row.created_at.empty()) row.created_at = now;
    SQLite::Transaction tx(*db_);
    SQLite::Statement st(*db_,
                         "INSERT INTO selectors (cache_key, url_pattern, action, target, scope, ordinal, context, "
                         "selector, strategy, confidence, stable, fingerprint, verified_at, created_at) "
                         "VALUES (:cache_key, :url_pattern, :action, :target, :scope, :ordinal, :context, :selector, "
                         ":strategy, :confidence, :stable, :fingerprint, :verified_at, :created_at) "
                         "ON CONFLICT (cache_key) DO UPDATE SET selector = excluded.selector, "
                         "strategy = excluded.strategy, confidence = excluded.confidence, stable = excluded.stable, "
                         "fingerprint = excluded.fingerprint, verified_at = excluded.verified_at, "
                         "failures_in_a_row = 0");
    rows::bind_selector(st, row);
    st.exec();
    SelectorRecord queued = r;
    queued.verified_at = row.verified_at;  // created_at travels as given: the team store keeps its own
    queue("selector", r.key.canonical(), "upsert", selector_to_json(queued));
    tx.commit();
  });
}

void Store::record_selector_hit(const std::string& cache_key) {
  at_sql_edge(mu_, path_, "count a selector hit", [&] {
    SQLite::Transaction tx(*db_);
    std::string now = now_iso8601();
    SQLite::Statement st(*db_,
                         "UPDATE selectors SET hit_count = hit_count + 1, failures_in_a_row = 0, verified_at = ? "
                         "WHERE cache_key = ?");
    st.bind(1, now);
    st.bind(2, cache_key);
    if (st.exec() == 1) {
      SQLite::Statement row(*db_, "SELECT * FROM selectors WHERE cache_key = ?");
      row.bind(1, cache_key);
      row.executeStep();
      queue("selector_counters", cache_key, "delta", selector_hit_to_json(rows::selector_from(row)));
    }
    tx.commit();
  });
}

bool Store::record_selector_failure(const std::string& cache_key, const std::string& selector) {
  return at_sql_edge(mu_, path_, "count a selector failure", [&] {
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
    if (removed) queue_invalidation(cache_key);
    tx.commit();
    return removed;
  });
}

bool Store::delete_selector(const std::string& cache_key) {
  return at_sql_edge(mu_, path_, "remove a selector", [&] {
    SQLite::Transaction tx(*db_);
    SQLite::Statement del(*db_, "DELETE FROM selectors WHERE cache_key = ?");
    del.bind(1, cache_key);
    bool removed = del.exec() == 1;
    if (removed) queue_invalidation(cache_key);
    tx.commit();
    return removed;
  });
}

void Store::queue_invalidation(const std::string& cache_key) {
  queue("selector_invalidated", cache_key, "delete",
        json{{"cache_key", cache_key}, {"invalidated_at", now_iso8601()}}.dump());
}

int64_t Store::clear_selectors() {
  return at_sql_edge(mu_, path_, "clear the selector cache",
                     [&]() -> int64_t { return db_->exec("DELETE FROM selectors"); });
}

int64_t Store::count_selectors() {
  return at_sql_edge(mu_, path_, "be read", [&] {
    SQLite::Statement q(*db_, "SELECT COUNT(*) FROM selectors");
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

void Store::add_cache_stats(const std::string& invocation_id, const std::vector<CacheStatsRow>& rows) {
  at_sql_edge(mu_, path_, "record cache counters", [&] {
    SQLite::Transaction tx(*db_);
    std::string now = now_iso8601();
    json payload = json::array();
    for (const auto& r : rows) {
      SQLite::Statement st(*db_,
                           "INSERT OR REPLACE INTO cache_stats (invocation_id, tier, recorded_at, lookups, hits, "
                           "errors, skipped, writes, time_ms, histogram, misses, verifications_failed, "
                           "invalidations, discoveries) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
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
    queue("cache_stats", invocation_id, "delta",
          json{{"invocation_id", invocation_id}, {"recorded_at", now}, {"tiers", payload}}.dump());
    tx.commit();
  });
}

std::vector<CacheStatsRow> Store::cache_stats_totals() {
  return at_sql_edge(mu_, path_, "be read", [&] {
    SQLite::Statement q(*db_,
                        "SELECT tier, COUNT(*) AS invocations, SUM(lookups) AS lookups, SUM(hits) AS hits, "
                        "SUM(errors) AS errors, SUM(skipped) AS skipped, SUM(writes) AS writes, SUM(time_ms) AS time_ms, "
                        "SUM(misses) AS misses, SUM(verifications_failed) AS verifications_failed, "
                        "SUM(invalidations) AS invalidations, SUM(discoveries) AS discoveries "
                        "FROM cache_stats GROUP BY tier ORDER BY tier");
    std::vector<CacheStatsRow> out;
    while (q.executeStep()) {
      CacheStatsRow r;
      r.tier = q.getColumn("tier").getString();
      r.invocations = q.getColumn("invocations").getInt64();
      r.lookups = q.getColumn("lookups").getInt64();
      r.hits = q.getColumn("hits").getInt64();
      r.errors = q.getColumn("errors").getInt64();
      r.skipped = q.getColumn("skipped").getInt64();
      r.writes = q.getColumn("writes").getInt64();
      r.time_ms = q.getColumn("time_ms").getDouble();
      r.misses = q.getColumn("misses").getInt64();
      r.verifications_failed = q.getColumn("verifications_failed").getInt64();
      r.invalidations = q.getColumn("invalidations").getInt64();
      r.discoveries = q.getColumn("discoveries").getInt64();
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
  });
}

}  // namespace pacts
