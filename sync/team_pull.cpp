// Reading what the team store changed since a device's cursor. Rows carry the id of the transaction that
// last wrote them (changed_xid, schema/postgres/0002); a pull reads, from one snapshot, every row stamped at
// or after its cursor, and the next cursor is that snapshot's xmin: the oldest transaction still running
// when the pull looked. Whatever such a transaction writes is stamped with an id at or above it, so a late
// commit is read by the next pull; rows from finished transactions between the cursor and xmin may be read
// twice, which applying makes harmless.
#include <fmt/format.h>

#include "core/error.h"
#include "sync/team_db_impl.h"

namespace pacts {

void TeamDb::Impl::prepare_pull() {
  if (pull_ready) return;
  pull_ready = true;
  c().prepare("pull_selectors",
              fmt::format("SELECT cache_key, url_pattern, action, target, scope, ordinal, context, selector, strategy, "
                          "confidence, stable, fingerprint::text, {}, {}, {} FROM selectors "
                          "WHERE changed_xid >= $1::xid8 ORDER BY cache_key",
                          iso_sql("verified_at"), iso_sql("created_at"), iso_sql("updated_at")));
  c().prepare("pull_invalidations",
              fmt::format("SELECT cache_key, {} FROM selector_invalidations WHERE changed_xid >= $1::xid8 "
                          "ORDER BY cache_key",
                          iso_sql("invalidated_at")));
  c().prepare("pull_heal",
              fmt::format("SELECT url_pattern, cache_key, strategy, device_id, successes, failures, total_ms, "
                          "COALESCE({}, '') FROM heal_history WHERE changed_xid >= $1::xid8 AND device_id <> $2 "
                          "ORDER BY 1, 2, 3, 4",
                          iso_sql("last_used_at")));
}

namespace {

SelectorRecord selector_from(const pqxx::row& r) {
  SelectorRecord s;
  s.key.url_pattern = r[1].as<std::string>();
  s.key.action = r[2].as<std::string>();
  s.key.target = r[3].as<std::string>();
  s.key.scope = r[4].as<std::string>();
  s.key.ordinal = r[5].as<int>();
  s.key.context = r[6].as<std::string>();
  s.selector = r[7].as<std::string>();
  s.strategy = r[8].as<std::string>();
  s.confidence = r[9].as<double>();
  s.stable = r[10].as<bool>();
  s.fingerprint = r[11].as<std::string>();
  s.verified_at = r[12].as<std::string>();
  s.created_at = r[13].as<std::string>();
  return s;
}

void note_oldest(std::string& oldest, const std::string& at) {
  if (!at.empty() && (oldest.empty() || at < oldest)) oldest = at;
}

}  // namespace

TeamChanges TeamDb::changes_since(const std::string& device_id, const std::string& cursor) {
  Impl& m = *impl_;
  TeamChanges out;
  try {
    m.prepare_pull();
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(m.c());
    out.cursor = tx.exec1("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")[0].as<std::string>();
    std::string from = cursor.empty() ? "0" : cursor;
    for (const auto& r : tx.exec_prepared("pull_selectors", from)) {
      SelectorRecord s = selector_from(r);
      if (s.key.canonical() != r[0].as<std::string>()) continue;  // not a key this pacts would write: leave it
      note_oldest(out.oldest_change, r[14].as<std::string>());
      out.changes.selectors.push_back(std::move(s));
    }
    for (const auto& r : tx.exec_prepared("pull_invalidations", from)) {
      out.changes.invalidations.emplace_back(r[0].as<std::string>(), r[1].as<std::string>());
      note_oldest(out.oldest_change, r[1].as<std::string>());
    }
    for (const auto& r : tx.exec_prepared("pull_heal", from, device_id)) {
      HealStatsRow h;
      h.url_pattern = r[0].as<std::string>();
      h.cache_key = r[1].as<std::string>();
      h.strategy = r[2].as<std::string>();
      h.device_id = r[3].as<std::string>();
      h.successes = r[4].as<int64_t>();
      h.failures = r[5].as<int64_t>();
      h.total_ms = r[6].as<double>();
      h.last_used_at = r[7].as<std::string>();
      out.changes.heal.push_back(std::move(h));
    }
    tx.commit();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw_team_error(m.where, "reading the team's changes", e);
  }
  return out;
}

}  // namespace pacts
