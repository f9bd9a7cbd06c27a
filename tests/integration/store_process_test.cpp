// The local store shared by pacts processes: several opening a new store at once.
#include <catch2/catch.hpp>

#include <set>

#include <SQLiteCpp/SQLiteCpp.h>

#include "core/temp_dir.h"
#include "processes.h"
#include "store/migrations.h"

using namespace pacts;
using namespace pacts::testing;

TEST_CASE("eight pacts processes opening a new store at once all succeed, fifty times over", "[process]") {
  TempDir dir("pacts-first-open");
  int failures = 0;
  std::string first_failure;
  for (int round = 0; round < 50; ++round) {
    std::string db = dir.path() + "/" + std::to_string(round) + "/pacts.db";
    std::vector<pid_t> pids;
    for (int i = 0; i < 8; ++i) {
      std::vector<std::string> args = {PACTS_BINARY, "db", i % 2 ? "migrate" : "info"};
      pids.push_back(spawn(args, dir.path() + "/log" + std::to_string(i), {{"PACTS_STORE_PATH", db}}));
    }
    std::set<std::string> device_ids;
    for (int i = 0; i < 8; ++i) {
      if (wait_exit(pids[i]) != 0) {
        if (!failures++) first_failure = file_text(dir.path() + "/log" + std::to_string(i));
        continue;
      }
      std::string log = file_text(dir.path() + "/log" + std::to_string(i));
      if (auto at = log.find("device id"); at != std::string::npos) device_ids.insert(log.substr(at, log.find('\n', at) - at));
    }
    CHECK(device_ids.size() == 1);  // one identity, created once
    SQLite::Database check(db, SQLite::OPEN_READONLY);
    CHECK(sqlite_schema_version(check) == sqlite_migrations().back().version);
    CHECK(check.execAndGet("SELECT COUNT(*) FROM schema_version").getInt() == static_cast<int>(sqlite_migrations().size()));
    CHECK(check.execAndGet("PRAGMA journal_mode").getString() == "wal");
  }
  INFO("the first failure: " << first_failure);
  CHECK(failures == 0);
}
