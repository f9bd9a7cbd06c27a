#pragma once
// The read side of the JSON API: one function per endpoint, each a few prepared statements over the store,
// returning the body as JSON. Internal to serve (api.cpp validates the parameters and calls these); the only
// other translation unit of serve that sees nlohmann json.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace SQLite {
class Database;
}

namespace pacts::api {

struct RunFilter {
  int limit = 50;
  int64_t offset = 0;
  std::string verdict;  // "" any
  std::string test;     // "" any; else a part of the test's name
  std::string since;    // "" any; else an ISO 8601 date or time, compared as text
};

nlohmann::json summary(SQLite::Database& db, double hit_rate_alert);
nlohmann::json runs(SQLite::Database& db, const RunFilter& filter);
// nullopt: no such run.
std::optional<nlohmann::json> run_detail(SQLite::Database& db, const std::string& id);
// The recorded path of an artifact; nullopt: no such artifact.
std::optional<std::string> artifact_path(SQLite::Database& db, const std::string& id);
nlohmann::json cache_per_day(SQLite::Database& db);
nlohmann::json heal_per_strategy(SQLite::Database& db);
nlohmann::json selectors(SQLite::Database& db, const std::string& url_pattern, int limit);

}  // namespace pacts::api
