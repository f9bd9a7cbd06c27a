// `pacts serve`: the dashboard, the JSON API and /metrics over the local store, until Ctrl-C or SIGTERM.
#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cache/postgres_tier.h"
#include "cache/redis_tier.h"
#include "cli/commands.h"
#include "config/config.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "core/url.h"
#include "serve/api.h"
#include "serve/http_server.h"
#include "store/store.h"

namespace pacts {

namespace {

// A tier is reachable when it answers a count within its own deadlines.
bool reachable(SelectorTier& tier) {
  try {
    tier.count();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

int cmd_serve(const CommonArgs& common, const ServeArgs& args) {
  Config config = load_config(common.config_path, process_environment());
  for (const auto& w : config.warnings) spdlog::warn("{}", w);
  ApiOptions options;
  if (args.postgres) {
    if (config.postgres.url.empty())
      throw_bad_input("pacts serve --postgres reads the team database at postgres.url, and none is configured");
    options.team_database_url = config.postgres.url;
    options.connect_timeout_ms = config.postgres.connect_timeout_ms;
    options.statement_timeout_ms = config.sync.statement_timeout_ms;
  } else {
    if (config.store.path == ":memory:") throw_bad_input("store.path is \":memory:\": there is no store to serve");
    { Store store(config.store.path, config.store.busy_timeout_ms); }  // creates or migrates it, once
    options.store_path = config.store.path;
  }
  options.artifacts_dir = config.run.artifacts_dir;
  options.hit_rate_alert = config.report.hit_rate_alert;
  options.probe_tiers = [config] {
    std::map<std::string, bool> out;
    if (!config.redis.url.empty()) {
      RedisTier redis(config.redis);
      out["redis"] = reachable(redis);
    }
    if (!config.postgres.url.empty()) {
      PostgresTier postgres(config.postgres);
      out["postgres"] = reachable(postgres);
    }
    return out;
  };
  Api api(options);
  install_signal_handlers();
  HttpServer server(api, args.bind, args.port);
  fmt::print("pacts serve: {} ({})\n", server.base_url(),
             args.postgres ? "team database " + redact_url(config.postgres.url) : "store " + config.store.path);
  std::fflush(stdout);
  while (!wait_for_interrupt(60000)) {
  }
  server.stop();
  return 0;
}

}  // namespace pacts
