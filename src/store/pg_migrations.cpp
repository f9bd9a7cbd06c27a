#include "store/pg_migrations.h"

#include <pqxx/pqxx>
#include <fmt/format.h>

#include "core/url.h"
#include "core/embedded.h"
#include "core/error.h"
#include "store/migrations.h"

namespace pacts {

const std::vector<EmbeddedFile>& postgres_migrations_files();

namespace {

const std::vector<Migration>& postgres_migrations() {
  static const std::vector<Migration> all = migrations_from(postgres_migrations_files());
  return all;
}

constexpr long long kMigrationLock = 0x70616374735f6d67LL;  // "pacts_mg"

std::string with_connect_timeout(const std::string& url, int ms) {
  int secs = std::max(2, (ms + 999) / 1000);  // libpq's minimum
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=" + std::to_string(secs);
}

}  // namespace

int postgres_latest_schema_version() { return postgres_migrations().back().version; }

PostgresMigration migrate_postgres(const std::string& url, int connect_timeout_ms) {
  PostgresMigration result;
  try {
    pqxx::connection conn(with_connect_timeout(url, connect_timeout_ms));
    {
      pqxx::nontransaction n(conn);
      n.exec_params("SELECT pg_advisory_lock($1)", kMigrationLock);
      n.exec(
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
          "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      result.from = n.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0].as<int>();
    }
    result.to = result.from;
    int latest = postgres_latest_schema_version();
    if (result.from > latest)
      throw_setup(fmt::format("the team database has schema version {}, but this pacts knows up to {}: upgrade pacts",
                              result.from, latest));
    for (const auto& m : postgres_migrations()) {
      if (m.version <= result.from) continue;
      pqxx::work tx(conn);
      tx.exec(m.sql);
      tx.exec_params("INSERT INTO schema_version (version, name) VALUES ($1, $2)", m.version, m.name);
      tx.commit();
      result.to = m.version;
    }
    pqxx::nontransaction n(conn);
    n.exec_params("SELECT pg_advisory_unlock($1)", kMigrationLock);
  } catch (const pqxx::broken_connection& e) {
    throw_setup(fmt::format("cannot reach the team database {}: {}", redact_url(url), e.what()));
  } catch (const pqxx::sql_error& e) {
    throw_setup(fmt::format("migrating the team database {} failed: {}", redact_url(url), e.what()));
  }
  return result;
}

}  // namespace pacts
