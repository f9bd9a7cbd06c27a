#pragma once
// TeamDb's inside, shared by team_db.cpp (session, errors, info), team_push.cpp (merging batches) and
// team_pull.cpp (reading changes). The only sync header that includes libpqxx.
#include <optional>
#include <string>

#include <pqxx/pqxx>

#include "sync/team_db.h"

namespace pacts {

struct TeamDb::Impl {
  TeamDbOptions options;
  std::string where;
  std::string team_id;
  std::optional<pqxx::connection> conn;
  std::optional<pqxx::quiet_errorhandler> quiet;  // server notices are not ours to print
  bool push_ready = false;                        // the push statements are prepared
  bool pull_ready = false;                        // the pull statements are prepared

  ~Impl() {
    quiet.reset();  // before the connection it is registered with
    conn.reset();
  }
  pqxx::connection& c() { return *conn; }
  void prepare_push();
  void prepare_pull();
};

// Turns a libpqxx failure while `doing` something into Error(Setup) with what to do about it.
[[noreturn]] void throw_team_error(const std::string& where, const std::string& doing, const std::exception& e);

// The first line of a server message, without libpq's "ERROR:  " prefix.
std::string server_message(const std::exception& e);

// SQL for a timestamptz column as the local store writes times: "2026-11-23T23:59:59.123Z".
std::string iso_sql(const std::string& column);

}  // namespace pacts
