#pragma once
// `pacts serve`'s JSON API over a store, without sockets (serve/http_server.h puts it on HTTP):
//   /                            the dashboard: one page (src/serve/dashboard/index.html, embedded) over the API
//   /health                      the store (or team database), and each configured tier, reachable or not
//   /api/summary                 runs recorded per verdict (pacts gc does not lower these totals), the last run,
//                                hit rate overall and of the last day
//   /api/runs?limit&offset&verdict&test&since
//                                runs, newest first (limit 1..1000, default 50; verdict pass|fail|error|running;
//                                test: a part of the test's name; since: YYYY-MM-DD or an ISO 8601 time)
//   /api/runs/{id}               one run with its steps, assertions and artifacts
//   /api/artifacts/{id}          the artifact's file with its content type: only files recorded in the store
//                                that lie inside the artifacts folder once symlinks are resolved
//   /api/cache                   lookups, hits and hit rate per tier per day
//   /api/heal                    heal attempts per strategy
//   /api/selectors?url_pattern&limit
//                                cached selectors with where they came from
//   /metrics                     Prometheus text (serve/metrics.h)
// Bad parameters get 400 with {"error": "..."}, unknown ids and paths 404, a refused artifact 403. Every text
// body passes mask_secrets. Used from one thread at a time (the HTTP server serialises calls).
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace pacts {

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  bool sandboxed = false;  // content PACTS did not write (a page's HTML): served with no script and no origin
};

struct ApiOptions {
  std::string store_path;     // the SQLite store, opened read-only
  std::string artifacts_dir;  // run.artifacts_dir
  double hit_rate_alert = 0.8;  // report.hit_rate_alert: the dashboard's banner threshold
  // The configured shared tiers, each reachable or not, checked at each /health (empty function: none).
  std::function<std::map<std::string, bool>()> probe_tiers;
  // Non-empty: read the team Postgres at this URL instead (`pacts serve --postgres`: every device's runs).
  std::string team_database_url;
  int connect_timeout_ms = 5000;
  int statement_timeout_ms = 10000;
};

class Api {
 public:
  // Throws Error(Setup) when the store (or the team database) cannot be opened.
  explicit Api(ApiOptions options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // path: without the query; params: the decoded query parameters (a repeated one: the first).
  ApiResponse get(const std::string& path, const std::map<std::string, std::string>& params);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pacts
