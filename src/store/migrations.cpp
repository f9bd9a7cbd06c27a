#include "store/migrations.h"

#include <algorithm>
#include <set>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "core/clock.h"
#include "core/error.h"

namespace pacts {

const std::vector<EmbeddedFile>& sqlite_migrations_files();

std::vector<Migration> migrations_from(const std::vector<EmbeddedFile>& files) {
  std::vector<Migration> out;
  std::set<int> seen;
  for (const auto& f : files) {
    std::string name(f.name);
    size_t digits = 0;
    while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) ++digits;
    if (digits == 0 || digits >= name.size() || name[digits] != '_')
      throw Error(ErrorKind::Internal, fmt::format("migration file '{}' must be named NNNN_name.sql", name));
    int version = std::stoi(name.substr(0, digits));
    if (!seen.insert(version).second)
      throw Error(ErrorKind::Internal, fmt::format("two migrations have number {}", version));
    out.push_back({version, name, std::string(f.content)});
  }
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

const std::vector<Migration>& sqlite_migrations() {
  static const std::vector<Migration> all = migrations_from(sqlite_migrations_files());
  return all;
}

int sqlite_schema_version(SQLite::Database& db) {
  if (!db.tableExists("schema_version")) return 0;
  SQLite::Statement q(db, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  q.executeStep();
  return q.getColumn(0).getInt();
}

void apply_sqlite_migrations(SQLite::Database& db, const std::vector<Migration>& migrations,
                             const std::string& db_name) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL)");
  int current = sqlite_schema_version(db);
  int latest = migrations.empty() ? 0 : migrations.back().version;
  if (current > latest)
    throw_setup(fmt::format(
        "{} has schema version {}, but this pacts knows versions up to {}: it was written by a newer pacts. "
        "Upgrade pacts, or point store.path at another file.",
        db_name, current, latest));
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    SQLite::Transaction tx(db);
    try {
      db.exec(m.sql);
    } catch (const SQLite::Exception& e) {
      throw Error(ErrorKind::Internal, fmt::format("migration {} failed on {}: {}", m.name, db_name, e.what()));
    }
    SQLite::Statement ins(db, "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)");
    ins.bind(1, m.version);
    ins.bind(2, m.name);
    ins.bind(3, now_iso8601());
    ins.exec();
    tx.commit();
  }
}

}  // namespace pacts
