#pragma once
// The team Postgres schema (schema/postgres/), applied by `pacts db migrate --postgres`: numbered migrations
// in order, each in its own transaction, under an advisory lock so that two laptops migrating at once do not
// collide; recorded in schema_version. A database newer than this binary is refused.
#include <string>

namespace pacts {

struct PostgresMigration {
  int from = 0;
  int to = 0;
};

// Throws Error(Setup) when the server cannot be reached or the schema is newer.
PostgresMigration migrate_postgres(const std::string& url, int connect_timeout_ms);
int postgres_latest_schema_version();

}  // namespace pacts
