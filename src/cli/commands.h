#pragma once
// The `pacts` subcommands, thin over the engine. main.cpp parses arguments (cxxopts lives only there) and
// calls these; each returns the process exit code and lets pacts::Error propagate to main.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pacts {

struct CommonArgs {
  std::optional<std::string> config_path;
  std::map<std::string, std::string> vars;  // --var k=v
};

// Which tests to read: --tags (a Cucumber tag expression) and --data (rows for .txt and JSON tests).
struct SelectionArgs {
  std::optional<std::string> tags;
  std::optional<std::string> data_file;
  std::optional<std::string> shard;  // --shard i/n: this machine's part of the suite (plan/shard.h)
};

struct PlanArgs {
  std::vector<std::string> files;
  std::optional<std::string> json_path;  // "-" for stdout
  bool quiet = false;
  SelectionArgs selection;
};

struct RunArgs {
  std::vector<std::string> files;
  std::vector<std::string> serve_dirs;  // --serve, repeatable: the first folder that has a path serves it
  std::optional<std::string> base_url;
  std::optional<std::string> json_path;
  std::vector<std::string> reports;  // --report KIND[:PATH] (report/outputs.h)
  std::optional<std::string> browser_ws;
  std::optional<std::string> grid_url;  // checked like browser.grid_url
  std::optional<std::string> timeout_ms;  // checked like run.step_timeout_ms
  std::optional<std::string> screenshots;  // checked like run.screenshots
  std::optional<std::string> retries;     // checked like run.retries
  std::optional<std::string> workers;     // checked like run.workers
  bool fail_on_flaky = false;
  bool no_cache = false;
  bool headed = false;
  bool ci = false;
  bool verbose = false;
  bool sync = false;  // pull from the team store before the run, push to it after
  std::optional<std::string> reporter;  // checked like report.reporter
  int repeat = 1;  // run the suite this many times in one browser (the loop table: cold, then warm)
  SelectionArgs selection;
};

struct SyncArgs {
  bool push = false;    // only push
  bool pull = false;    // only pull
  bool watch = false;
  bool status = false;
  std::optional<int> interval_s;  // --watch
  std::optional<std::string> json_path;
};

struct CacheArgs {
  std::string what;         // clear | stats
  std::string tier = "sqlite";  // sqlite | redis | postgres | all; the shared tiers only when asked
  std::optional<std::string> json_path;
};

struct GcArgs {
  std::optional<std::string> keep_days;  // checked like store.keep_days
};

struct ServeArgs {
  int port = 9464;
  std::string bind = "127.0.0.1";
  bool postgres = false;  // the team database (postgres.url) instead of the local store
};

int cmd_plan(const CommonArgs& common, const PlanArgs& args);
int cmd_run(const CommonArgs& common, const RunArgs& args);
int cmd_cache(const CommonArgs& common, const CacheArgs& args);
int cmd_heal_stats(const CommonArgs& common, const std::optional<std::string>& json_path);
int cmd_db_migrate(const CommonArgs& common, bool postgres);
int cmd_db_info(const CommonArgs& common);
int cmd_db_info_postgres(const CommonArgs& common, const std::optional<std::string>& json_path);
int cmd_sync(const CommonArgs& common, const SyncArgs& args);
int cmd_serve(const CommonArgs& common, const ServeArgs& args);
int cmd_gc(const CommonArgs& common, const GcArgs& args);
int cmd_version();

}  // namespace pacts
