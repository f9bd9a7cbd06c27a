// The local store shared by pacts processes: several opening a new store at once, and one killed mid-run.
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "core/temp_dir.h"
#include "harness.h"
#include "processes.h"
#include "store/migrations.h"

using namespace pacts;
using namespace pacts::testing;
namespace fs = std::filesystem;

namespace {

// Browser profile folders in `dir` (a private TMPDIR).
int profile_folders(const std::string& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename().string().rfind("pacts-chromium-", 0) == 0;
  return n;
}

// One column of the run named `test`, read with SQLite itself: opening a Store would already correct it.
std::string run_column(const std::string& db_path, const std::string& test, const std::string& column) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT COALESCE(" + column + ", '') FROM runs WHERE test_name = ?");
  q.bind(1, test);
  return q.executeStep() ? q.getColumn(0).getString() : "(no run)";
}

}  // namespace

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

TEST_CASE("a run killed with kill -9 is closed as interrupted by the next pacts, and its profile removed", "[process]") {
  TempDir dir("pacts-kill");
  std::string tmp = dir.path() + "/tmp", db = dir.path() + "/s.db";
  fs::create_directories(tmp);
  // A private TMPDIR: this test's browser profiles are the only ones in it.
  std::map<std::string, std::string> env = {{"TMPDIR", tmp}, {"PACTS_STORE_PATH", db}};
  std::ofstream(dir.path() + "/wait.txt") << "Test: waits\nURL: /slow.html\nSteps:\n1. Wait for \"a text that never comes\"\n";
  std::ofstream(dir.path() + "/quick.txt") << "Test: quick\nURL: /ambiguous.html\nSteps:\n1. Fill \"x\" in Name\n";
  auto run = [&](const std::string& file, const std::string& log) {
    return spawn({PACTS_BINARY, "run", "--serve", source_path("tests/pages"), "--timeout", "60000", "--no-cache",
                  dir.path() + "/" + file},
                 dir.path() + "/" + log, env);
  };
  pid_t killed = run("wait.txt", "killed.log");
  REQUIRE(eventually([&] { return file_text(dir.path() + "/killed.log").find("TEST waits") != std::string::npos; },
                     std::chrono::milliseconds(30000)));
  REQUIRE(profile_folders(tmp) == 1);

  // While it runs, another pacts uses the same store and TMPDIR: the live run and its profile are left alone.
  CHECK(wait_exit(run("quick.txt", "alive.log")) == 0);
  CHECK(run_column(db, "waits", "verdict") == "running");
  CHECK(profile_folders(tmp) == 1);

  kill(killed, SIGKILL);
  CHECK(wait_exit(killed) == 128 + SIGKILL);
  CHECK(eventually([&] { return processes_with(tmp) == 0; }, std::chrono::milliseconds(10000)));  // its browser went with it
  CHECK(run_column(db, "waits", "verdict") == "running");  // nobody has looked yet
  CHECK(profile_folders(tmp) == 1);                        // what it could not remove

  // The next pacts to open the store closes the run, and queues the correction for sync.
  CHECK(wait_exit(spawn({PACTS_BINARY, "db", "info"}, dir.path() + "/info.log", env)) == 0);
  CHECK(run_column(db, "waits", "verdict") == "error");
  CHECK(run_column(db, "waits", "reason") == "interrupted");
  CHECK_THAT(run_column(db, "waits", "error"), Catch::Contains(fmt::format("pid {}", killed)));
  CHECK(run_column(db, "waits", "finished_at") != "");
  {
    SQLite::Database check(db, SQLite::OPEN_READONLY);
    SQLite::Statement q(check, "SELECT payload FROM outbox WHERE entity = 'run' AND entity_id = "
                               "(SELECT id FROM runs WHERE test_name = 'waits') AND pushed_at IS NULL "
                               "ORDER BY seq DESC LIMIT 1");  // the run was queued as running at its start too
    REQUIRE(q.executeStep());
    CHECK_THAT(q.getColumn(0).getString(), Catch::Contains("\"reason\":\"interrupted\""));
    CHECK_THAT(q.getColumn(0).getString(), Catch::Contains("\"verdict\":\"error\""));
  }
  // The next browser launch removes the dead run's profile (and the TMPDIR inside it); its own goes at its end.
  CHECK(wait_exit(run("quick.txt", "after.log")) == 0);
  CHECK(profile_folders(tmp) == 0);
  CHECK(fs::is_empty(tmp));
}
