#pragma once
// Numbered schema migrations ("0001_core.sql", ...), applied in order on open inside one transaction each and
// recorded in schema_version. A database newer than the migrations this binary knows is refused. Safe across
// processes: each migration is applied under SQLite's write lock (BEGIN IMMEDIATE) after reading the version
// again under it, so processes opening one new store at once apply every migration exactly once. Migrations run
// with foreign keys off (a table is rebuilt to change its constraints), and each checks them before it commits.
#include <string>
#include <vector>

#include "core/embedded.h"

namespace SQLite {
class Database;
}

namespace pacts {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// Parses "0003_name.sql" names; throws Internal on a malformed or duplicated number.
std::vector<Migration> migrations_from(const std::vector<EmbeddedFile>& files);
const std::vector<Migration>& sqlite_migrations();  // compiled in from schema/sqlite/

int sqlite_schema_version(SQLite::Database& db);  // 0 for a new database
// Applies what is missing; throws Setup when the database is newer than `migrations`.
void apply_sqlite_migrations(SQLite::Database& db, const std::vector<Migration>& migrations,
                             const std::string& db_name);

}  // namespace pacts
