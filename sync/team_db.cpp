// The sync session: connecting, checking the team schema, turning libpqxx failures into messages a person
// can act on, and what `pacts db info --postgres` shows.
#include "sync/team_db.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"
#include "core/url.h"
#include "store/pg_migrations.h"
#include "sync/team_db_impl.h"

namespace pacts {

namespace {

bool mentions(const std::string& text, std::initializer_list<const char*> needles) {
  for (const char* n : needles)
    if (text.find(n) != std::string::npos) return true;
  return false;
}

std::string with_session_options(const std::string& url, const TeamDbOptions& o) {
  int secs = std::max(2, (o.connect_timeout_ms + 999) / 1000);  // libpq's smallest connect timeout is 2 s
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=" + std::to_string(secs) +
         "&application_name=pacts-sync";
}

}  // namespace

std::string server_message(const std::exception& e) {
  std::string m = e.what();
  if (m.rfind("ERROR:", 0) == 0) m = m.substr(6);
  auto nl = m.find('\n');
  if (nl != std::string::npos) m = m.substr(0, nl);
  return trim(m);
}

std::string iso_sql(const std::string& column) {
  return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

void throw_team_error(const std::string& where, const std::string& doing, const std::exception& e) {
  std::string msg = server_message(e);
  std::string state;
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) state = sql->sqlstate();
  if (state.rfind("42", 0) == 0 && state != "42501")
    throw_setup(fmt::format("the team database {} does not have the tables this pacts expects ({} while {}); "
                            "run: pacts db migrate --postgres",
                            where, msg, doing));
  bool refused = state.rfind("28", 0) == 0 || state == "3D000" || state == "42501" ||
                 mentions(msg, {"password authentication failed", "no pg_hba.conf entry", "does not exist",
                                "authentication", "permission denied"});
  if (refused)
    throw_setup(fmt::format("the team database {} refused pacts while {}: {}. Check the user, password and "
                            "database in postgres.url (or PACTS_POSTGRES_URL).",
                            where, doing, msg));
  if (state == "57014")
    throw_setup(fmt::format("the team database {} did not finish a statement within sync.statement_timeout_ms while "
                            "{}: {}. Nothing was lost: what was not acknowledged stays in the outbox.",
                            where, doing, msg));
  bool gone = state == "08000" || state == "08001" || state == "08003" || state == "08004" || state == "08006" ||
              state.rfind("57P", 0) == 0;
  if (gone || dynamic_cast<const pqxx::broken_connection*>(&e) || dynamic_cast<const pqxx::in_doubt_error*>(&e))
    throw_setup(fmt::format("the team database {} could not be reached or went away while {}: {}. Nothing was "
                            "lost: what was not acknowledged stays in the outbox for the next `pacts sync`.",
                            where, doing, msg.empty() ? "connection lost" : msg));
  throw_setup(fmt::format("the team database {} failed while {}: {}", where, doing, msg));
}

TeamDb::TeamDb(const TeamDbOptions& options, bool check_schema) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.options = options;
  m.where = redact_url(options.url);
  try {
    m.conn.emplace(with_session_options(options.url, options));
    m.quiet.emplace(*m.conn);
    pqxx::nontransaction n(*m.conn);
    n.exec(fmt::format("SET statement_timeout = {}", options.statement_timeout_ms));
    int version = 0;
    if (n.exec1("SELECT to_regclass('schema_version') IS NOT NULL")[0].as<bool>())
      version = n.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0].as<int>();
    int latest = postgres_latest_schema_version();
    if (check_schema && version < latest)
      throw_setup(fmt::format("the team database {} has schema version {}, but this pacts needs version {}: "
                              "run `pacts db migrate --postgres` (it upgrades in place and keeps the data)",
                              m.where, version, latest));
    if (check_schema && version > latest)
      throw_setup(fmt::format("the team database {} has schema version {}, newer than this pacts knows ({}): "
                              "upgrade pacts on this machine (`pacts db migrate --postgres` cannot downgrade it)",
                              m.where, version, latest));
    if (version >= 2) m.team_id = n.exec1("SELECT team_id FROM team_store LIMIT 1")[0].as<std::string>();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw_team_error(m.where, "connecting", e);
  }
}

TeamDb::~TeamDb() = default;

const std::string& TeamDb::team_id() const { return impl_->team_id; }
const std::string& TeamDb::where() const { return impl_->where; }

void TeamDb::record_cursor(const std::string& device_id, const std::string& cursor) {
  try {
    pqxx::nontransaction n(impl_->c());
    n.exec_params(
        "INSERT INTO sync_cursors (device_id, watermark, pulled_at) VALUES ($1, $2::xid8, now()) "
        "ON CONFLICT (device_id) DO UPDATE SET watermark = excluded.watermark, pulled_at = excluded.pulled_at",
        device_id, cursor);
  } catch (const std::exception& e) {
    throw_team_error(impl_->where, "recording the pull cursor", e);
  }
}

TeamInfo TeamDb::info() {
  TeamInfo info;
  info.where = impl_->where;
  info.team_id = impl_->team_id;
  info.latest_schema_version = postgres_latest_schema_version();
  try {
    pqxx::nontransaction n(impl_->c());
    if (n.exec1("SELECT to_regclass('schema_version') IS NOT NULL")[0].as<bool>())
      info.schema_version = n.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0].as<int>();
    for (const char* table : {"devices", "runs", "run_steps", "artifacts", "selectors", "selector_invalidations",
                              "selector_counters", "heal_history", "cache_stats", "sync_applied", "sync_rejected"}) {
      if (!n.exec_params1("SELECT to_regclass($1) IS NOT NULL", std::string(table))[0].as<bool>()) continue;
      info.rows[table] = n.exec1(fmt::format("SELECT count(*) FROM {}", n.quote_name(table)))[0].as<int64_t>();
    }
    if (info.schema_version >= 2) {
      auto r = n.exec(fmt::format(
          "SELECT d.device_id, d.name, {}, COALESCE({}, '') FROM devices d "
          "LEFT JOIN sync_cursors c ON c.device_id = d.device_id ORDER BY d.last_seen_at DESC",
          iso_sql("d.last_seen_at"), iso_sql("c.pulled_at")));
      for (const auto& row : r)
        info.devices.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                                row[3].as<std::string>()});
    }
  } catch (const std::exception& e) {
    throw_team_error(impl_->where, "reading its counts", e);
  }
  return info;
}

}  // namespace pacts
