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

namespace {

void refuse_newer(int current, int latest, const std::string& db_name) {
  if (current > latest)
    throw_setup(fmt::format(
        "{} has schema version {}, but this pacts knows versions up to {}: it was written by a newer pacts. "
        "Upgrade pacts, or point store.path at another file.",
        db_name, current, latest));
}

// Applies the first migration the database lacks; false when it lacks none. The version is read again under
// the write lock (BEGIN IMMEDIATE), so that of several processes opening a new store at once exactly one
// applies each migration and the others see it done.
bool apply_next_migration(SQLite::Database& db, const std::vector<Migration>& migrations, int latest,
                          const std::string& db_name) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL)");
  int current = sqlite_schema_version(db);
  refuse_newer(current, latest, db_name);
  auto next = std::find_if(migrations.begin(), migrations.end(), [&](const Migration& m) { return m.version > current; });
  if (next == migrations.end()) {
    tx.commit();
    return false;
  }
  try {
    db.exec(next->sql);
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorKind::Internal, fmt::format("migration {} failed on {}: {}", next->name, db_name, e.what()));
  }
  // Foreign keys are off while migrating (a table rebuilt must not cascade): check them before committing.
  SQLite::Statement fk(db, "PRAGMA foreign_key_check");
  if (fk.executeStep())
    throw Error(ErrorKind::Internal, fmt::format("migration {} left a dangling reference in table {} of {}", next->name,
                                                 fk.getColumn(0).getString(), db_name));
  SQLite::Statement ins(db, "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)");
  ins.bind(1, next->version);
  ins.bind(2, next->name);
  ins.bind(3, now_iso8601());
  ins.exec();
  tx.commit();
  return true;
}

// Turns foreign key enforcement off for its lifetime and back to what it was after. SQLite's way to change a
// table's constraints is to rebuild it, and dropping the old table would otherwise cascade to the rows that
// reference it. The pragma is a no-op inside a transaction, so this wraps the migrations' transactions.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(SQLite::Database& db) : db_(db) {
    SQLite::Statement q(db, "PRAGMA foreign_keys");
    was_on_ = q.executeStep() && q.getColumn(0).getInt() == 1;
    if (was_on_) db_.exec("PRAGMA foreign_keys=OFF");
  }
  ~ForeignKeysOff() {
    if (!was_on_) return;
    try {
      db_.exec("PRAGMA foreign_keys=ON");
    } catch (...) {  // a destructor does not throw; the connection then stays as SQLite left it
    }
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  SQLite::Database& db_;
  bool was_on_ = false;
};

}  // namespace

void apply_sqlite_migrations(SQLite::Database& db, const std::vector<Migration>& migrations,
                             const std::string& db_name) {
  int latest = migrations.empty() ? 0 : migrations.back().version;
  // The common case, an up-to-date store, is a read and takes no write lock.
  int current = sqlite_schema_version(db);
  refuse_newer(current, latest, db_name);
  if (current == latest && current > 0) return;
  ForeignKeysOff fk_off(db);
  while (apply_next_migration(db, migrations, latest, db_name)) {
  }
}

}  // namespace pacts
