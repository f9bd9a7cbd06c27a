#pragma once
// Real Redis and PostgreSQL servers for tests, started with scripts/services.sh on free loopback ports with
// their data in a private temp dir, stopped by PID when the object goes away. Postgres gets the PACTS schema.
#include <string>
#include <vector>

#include "core/temp_dir.h"

namespace pacts::testing {

class LocalServices {
 public:
  LocalServices(bool redis = true, bool postgres = true);
  ~LocalServices();
  LocalServices(const LocalServices&) = delete;
  LocalServices& operator=(const LocalServices&) = delete;

  std::string redis_url;
  std::string postgres_url;

  void stop_redis();
  void start_redis();  // again, on the same port
  void stop_postgres();
  void start_postgres();
  // Freeze (SIGSTOP) and thaw (SIGCONT) a server's processes: a server that is there but never answers.
  void pause(const std::string& which, bool frozen);
  // A raw command to this Redis (for checks the tier does not offer): the reply as text.
  std::string redis_cli(const std::string& args);
  // A new, empty database in this Postgres with the PACTS schema: its URL. Tests that share the servers each
  // take their own database (and their own Redis key prefix), so that nothing one writes is seen by another.
  std::string fresh_postgres_database();

 private:
  std::string script(const std::string& args);
  TempDir dir_{"pacts-services"};
  bool redis_, postgres_;
};

// A real Selenium Grid 4 (standalone) started with scripts/grid.sh on a free loopback port, stopped by PID when
// the object goes away.
class LocalGrid {
 public:
  explicit LocalGrid(int max_sessions = 2, int queue_timeout_s = 20);
  ~LocalGrid();
  LocalGrid(const LocalGrid&) = delete;
  LocalGrid& operator=(const LocalGrid&) = delete;

  std::string url;
  // The ids of the sessions the Grid has now, from its /status.
  std::vector<std::string> sessions() const;

 private:
  TempDir dir_{"pacts-grid"};
};

// The servers every test of this process shares (started on first use, stopped when the process exits). Tests
// that stop, restart or freeze a server start their own LocalServices instead.
LocalServices& shared_services();
// A key prefix no other test of this run uses.
std::string fresh_redis_prefix();

}  // namespace pacts::testing
