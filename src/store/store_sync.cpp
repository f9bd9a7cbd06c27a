// The Store's side of sync: heal outcomes as counters, delivering, rejecting and pruning outbox entries,
// sync's own state, and applying what a pull brought (schema/sqlite/0005).
#include <SQLiteCpp/SQLiteCpp.h>

#include "core/clock.h"
#include "store/record_json.h"
#include "store/rows.h"
#include "store/sql_edge.h"
#include "store/store.h"

namespace pacts {

namespace {

std::string heal_row_id(const HealStatsRow& r) { return r.url_pattern + " | " + r.cache_key + " | " + r.strategy; }

}  // namespace

void Store::record_heal_outcome(const HealOutcome& o) {
  at_sql_edge(mu_, path_, "record a heal outcome", [&] {
    SQLite::Transaction tx(*db_);
    HealStatsRow delta;
    delta.url_pattern = o.url_pattern;
    delta.strategy = o.strategy;
    delta.successes = o.success ? 1 : 0;
    delta.failures = o.success ? 0 : 1;
    delta.total_ms = o.duration_ms;
    delta.last_used_at = o.at.empty() ? now_iso8601() : o.at;
    std::vector<std::string> keys = {""};
    if (!o.cache_key.empty()) keys.push_back(o.cache_key);
    SQLite::Statement st(*db_,
                         "INSERT INTO heal_history (url_pattern, cache_key, strategy, successes, failures, total_ms, "
                         "last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url_pattern, cache_key, strategy) "
                         "DO UPDATE SET successes = successes + excluded.successes, "
                         "failures = failures + excluded.failures, total_ms = total_ms + excluded.total_ms, "
                         "last_used_at = MAX(COALESCE(last_used_at, ''), excluded.last_used_at)");
    for (const auto& key : keys) {
      delta.cache_key = key;
      st.reset();
      st.bind(1, delta.url_pattern);
      st.bind(2, delta.cache_key);
      st.bind(3, delta.strategy);
      st.bind(4, delta.successes);
      st.bind(5, delta.failures);
      st.bind(6, delta.total_ms);
      st.bind(7, delta.last_used_at);
      st.exec();
      queue("heal", heal_row_id(delta), "delta", heal_delta_to_json(delta));
    }
    tx.commit();
  });
}

std::vector<HealStatsRow> Store::heal_stats(const std::string& url_pattern, const std::string& cache_key) {
  return at_sql_edge(mu_, path_, "be read", [&] {
    SQLite::Statement q(*db_,
                        "SELECT strategy, SUM(successes), SUM(failures), SUM(total_ms), MAX(COALESCE(last_used_at, '')) "
                        "FROM (SELECT strategy, successes, failures, total_ms, last_used_at FROM heal_history "
                        "      WHERE url_pattern = ?1 AND cache_key = ?2 "
                        "      UNION ALL SELECT strategy, successes, failures, total_ms, last_used_at "
                        "      FROM team_heal_history WHERE url_pattern = ?1 AND cache_key = ?2) "
                        "GROUP BY strategy ORDER BY strategy");
    q.bind(1, url_pattern);
    q.bind(2, cache_key);
    std::vector<HealStatsRow> out;
    while (q.executeStep()) {
      HealStatsRow r;
      r.url_pattern = url_pattern;
      r.cache_key = cache_key;
      r.strategy = q.getColumn(0).getString();
      r.successes = q.getColumn(1).getInt64();
      r.failures = q.getColumn(2).getInt64();
      r.total_ms = q.getColumn(3).getDouble();
      r.last_used_at = q.getColumn(4).getString();
      out.push_back(std::move(r));
    }
    return out;
  });
}

std::vector<HealStatsRow> Store::heal_stats_by_page() {
  return at_sql_edge(mu_, path_, "be read", [&] {
    SQLite::Statement q(*db_,
                        "SELECT url_pattern, strategy, SUM(successes), SUM(failures), SUM(total_ms), "
                        "MAX(COALESCE(last_used_at, '')) "
                        "FROM (SELECT url_pattern, strategy, successes, failures, total_ms, last_used_at "
                        "      FROM heal_history WHERE cache_key = '' "
                        "      UNION ALL SELECT url_pattern, strategy, successes, failures, total_ms, last_used_at "
                        "      FROM team_heal_history WHERE cache_key = '') "
                        "GROUP BY url_pattern, strategy ORDER BY url_pattern, strategy");
    std::vector<HealStatsRow> out;
    while (q.executeStep()) {
      HealStatsRow r;
      r.url_pattern = q.getColumn(0).getString();
      r.strategy = q.getColumn(1).getString();
      r.successes = q.getColumn(2).getInt64();
      r.failures = q.getColumn(3).getInt64();
      r.total_ms = q.getColumn(4).getDouble();
      r.last_used_at = q.getColumn(5).getString();
      out.push_back(std::move(r));
    }
    return out;
  });
}

int64_t Store::outbox_deliver(int64_t up_to, const std::vector<OutboxRejection>& rejected) {
  return at_sql_edge(mu_, path_, "acknowledge outbox entries", [&]() -> int64_t {
    SQLite::Transaction tx(*db_);
    std::string now = now_iso8601();
    for (const auto& r : rejected) {
      SQLite::Statement st(*db_,
                           "UPDATE outbox SET pushed_at = ?, rejected_at = ?, rejected_error = ? "
                           "WHERE seq = ? AND pushed_at IS NULL");
      st.bind(1, now);
      st.bind(2, now);
      st.bind(3, r.error);
      st.bind(4, r.seq);
      st.exec();
    }
    SQLite::Statement st(*db_, "UPDATE outbox SET pushed_at = ? WHERE pushed_at IS NULL AND seq <= ?");
    st.bind(1, now);
    st.bind(2, up_to);
    int64_t n = st.exec();
    tx.commit();
    return n + static_cast<int64_t>(rejected.size());
  });
}

OutboxStatus Store::outbox_status() {
  return at_sql_edge(mu_, path_, "be read", [&] {
    OutboxStatus s;
    SQLite::Statement q(*db_, "SELECT entity, COUNT(*), MIN(created_at) FROM outbox WHERE pushed_at IS NULL GROUP BY entity");
    while (q.executeStep()) {
      int64_t n = q.getColumn(1).getInt64();
      s.pending[q.getColumn(0).getString()] = n;
      s.pending_total += n;
      std::string oldest = q.getColumn(2).getString();
      if (s.oldest_pending_at.empty() || oldest < s.oldest_pending_at) s.oldest_pending_at = oldest;
    }
    SQLite::Statement d(*db_,
                        "SELECT COUNT(*) FILTER (WHERE rejected_at IS NULL), COUNT(*) FILTER (WHERE rejected_at IS NOT NULL) "
                        "FROM outbox WHERE pushed_at IS NOT NULL");
    d.executeStep();
    s.delivered = d.getColumn(0).getInt64();
    s.rejected = d.getColumn(1).getInt64();
    return s;
  });
}

std::vector<OutboxEntry> Store::outbox_rejected(int limit) {
  return at_sql_edge(mu_, path_, "be read", [&] {
    SQLite::Statement q(*db_, "SELECT * FROM outbox WHERE rejected_at IS NOT NULL ORDER BY seq DESC LIMIT ?");
    q.bind(1, limit);
    std::vector<OutboxEntry> out;
    while (q.executeStep()) out.push_back(rows::outbox_entry_from(q));
    return out;
  });
}

int64_t Store::outbox_prune(const std::string& before) {
  return at_sql_edge(mu_, path_, "prune the outbox", [&]() -> int64_t {
    SQLite::Statement st(*db_,
                         "DELETE FROM outbox WHERE pushed_at IS NOT NULL AND pushed_at < ? AND rejected_at IS NULL");
    st.bind(1, before);
    return st.exec();
  });
}

std::optional<std::string> Store::sync_state(const std::string& key) {
  return at_sql_edge(mu_, path_, "be read", [&]() -> std::optional<std::string> {
    SQLite::Statement q(*db_, "SELECT value FROM sync_state WHERE key = ?");
    q.bind(1, key);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getString();
  });
}

void Store::set_sync_state(const std::string& key, const std::string& value) {
  at_sql_edge(mu_, path_, "record the sync state", [&] {
    SQLite::Statement st(*db_, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)");
    st.bind(1, key);
    st.bind(2, value);
    st.exec();
  });
}

std::string Store::device_name() {
  return at_sql_edge(mu_, path_, "be read", [&] {
    SQLite::Statement q(*db_, "SELECT value FROM meta WHERE key = 'device_name'");
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
  });
}

namespace {

// A pulled selector replaces the local row only when its verification is newer, and not while this device's
// removal of the key (newer than the pulled verification) waits in the outbox.
int64_t apply_pulled_selectors(SQLite::Database& db, const std::vector<SelectorRecord>& selectors) {
  SQLite::Statement st(db,
                       "INSERT INTO selectors (cache_key, url_pattern, action, target, scope, ordinal, context, "
                       "selector, strategy, confidence, stable, fingerprint, verified_at, created_at) "
                       "SELECT :cache_key, :url_pattern, :action, :target, :scope, :ordinal, :context, :selector, "
                       ":strategy, :confidence, :stable, :fingerprint, :verified_at, :created_at "
                       "WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE pushed_at IS NULL "
                       "  AND entity = 'selector_invalidated' AND entity_id = :cache_key "
                       "  AND json_extract(payload, '$.invalidated_at') > :verified_at) "
                       "ON CONFLICT (cache_key) DO UPDATE SET selector = excluded.selector, "
                       "strategy = excluded.strategy, confidence = excluded.confidence, stable = excluded.stable, "
                       "fingerprint = excluded.fingerprint, verified_at = excluded.verified_at, failures_in_a_row = 0 "
                       "WHERE selectors.verified_at < excluded.verified_at");
  int64_t written = 0;
  for (const auto& s : selectors) {
    st.reset();
    st.clearBindings();
    rows::bind_selector(st, s);
    written += st.exec();
  }
  return written;
}

// An invalidation removes the key's row unless it was verified after the invalidation.
int64_t apply_pulled_invalidations(SQLite::Database& db, const std::vector<std::pair<std::string, std::string>>& invalidations) {
  SQLite::Statement del(db, "DELETE FROM selectors WHERE cache_key = ? AND verified_at < ?");
  int64_t removed = 0;
  for (const auto& [key, at] : invalidations) {
    del.reset();
    del.bind(1, key);
    del.bind(2, at);
    removed += del.exec();
  }
  return removed;
}

// The other devices' heal counts, as last pulled (this device's own are in heal_history already).
int64_t apply_pulled_heal(SQLite::Database& db, const std::vector<HealStatsRow>& heal, const std::string& own_device) {
  SQLite::Statement st(db,
                       "INSERT OR REPLACE INTO team_heal_history (url_pattern, cache_key, strategy, device_id, "
                       "successes, failures, total_ms, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  int64_t rows = 0;
  for (const auto& h : heal) {
    if (h.device_id == own_device) continue;
    st.reset();
    st.clearBindings();
    st.bind(1, h.url_pattern);
    st.bind(2, h.cache_key);
    st.bind(3, h.strategy);
    st.bind(4, h.device_id);
    st.bind(5, h.successes);
    st.bind(6, h.failures);
    st.bind(7, h.total_ms);
    if (!h.last_used_at.empty()) st.bind(8, h.last_used_at);  // unbound: NULL
    st.exec();
    ++rows;
  }
  return rows;
}

}  // namespace

PullApplied Store::apply_pulled(const PulledChanges& changes, const std::string& cursor_key,
                                const std::string& cursor) {
  return at_sql_edge(mu_, path_, "store what was pulled", [&] {
    PullApplied applied;
    SQLite::Transaction tx(*db_);
    applied.selectors_written = apply_pulled_selectors(*db_, changes.selectors);
    applied.selectors_kept = static_cast<int64_t>(changes.selectors.size()) - applied.selectors_written;
    applied.selectors_removed = apply_pulled_invalidations(*db_, changes.invalidations);
    applied.heal_rows = apply_pulled_heal(*db_, changes.heal, device_id_);
    SQLite::Statement st(*db_, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)");
    st.bind(1, cursor_key);
    st.bind(2, cursor);
    st.exec();
    tx.commit();
    return applied;
  });
}

}  // namespace pacts
