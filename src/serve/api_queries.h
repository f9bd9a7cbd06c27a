#pragma once
// The read side of the JSON API: one function per endpoint, returning the body as JSON, over the local store
// (api_queries.cpp, SQLite) or the team database (api_queries_pg.cpp, every device's runs). Internal to serve:
// api.cpp validates the parameters and calls a Source; with metrics.cpp the only translation units of serve
// that see nlohmann json.
#include <cstdint>
#include <memory>
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

// Shared by both sources: part over whole, null when whole is 0; {"hits", "misses", "hit_rate"}; the days of
// /api/cache from rows {day, tier, lookups, hits, misses, discoveries} ordered by day; /api/heal from rows
// {strategy, successes, failures, total_ms, last_used_at}.
nlohmann::json rate(int64_t part, int64_t whole);
nlohmann::json hit_rate(int64_t hits, int64_t misses);
nlohmann::json cache_days_from_rows(const nlohmann::json& rows);
nlohmann::json heal_with_rates(nlohmann::json rows);

nlohmann::json summary(SQLite::Database& db, double hit_rate_alert);
nlohmann::json runs(SQLite::Database& db, const RunFilter& filter);
// nullopt: no such run.
std::optional<nlohmann::json> run_detail(SQLite::Database& db, const std::string& id);
// The recorded path of an artifact; nullopt: no such artifact.
std::optional<std::string> artifact_path(SQLite::Database& db, const std::string& id);
nlohmann::json cache_per_day(SQLite::Database& db);
nlohmann::json heal_per_strategy(SQLite::Database& db);
nlohmann::json selectors(SQLite::Database& db, const std::string& url_pattern, int limit);

// Where the API reads from. Methods throw pacts::Error(Setup) when the source cannot be read.
class Source {
 public:
  virtual ~Source() = default;
  virtual std::string name() const = 0;  // "store" or "team database", for /health
  virtual bool reachable() = 0;
  virtual nlohmann::json summary(double hit_rate_alert) = 0;
  virtual nlohmann::json runs(const RunFilter& filter) = 0;
  virtual std::optional<nlohmann::json> run_detail(const std::string& id) = 0;
  virtual std::optional<std::string> artifact_path(const std::string& id) = 0;
  virtual nlohmann::json cache_per_day() = 0;
  virtual nlohmann::json heal_per_strategy() = 0;
  virtual nlohmann::json selectors(const std::string& url_pattern, int limit) = 0;
  virtual std::string metrics() = 0;  // Prometheus text
};

// The local SQLite store at `path`, read-only.
std::unique_ptr<Source> store_source(const std::string& path);
// The team Postgres at `url` (a libpq URL); statements end after statement_timeout_ms.
std::unique_ptr<Source> team_source(const std::string& url, int connect_timeout_ms, int statement_timeout_ms);

}  // namespace pacts::api
