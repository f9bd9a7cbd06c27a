// `pacts sync`, `pacts db info --postgres` and the sync around `pacts run --sync`.
#include "cli/sync_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "core/secret.h"
#include "core/url.h"
#include "report/json_report.h"
#include "sync/sync.h"

namespace pacts {

namespace {

// What sync prints or writes passes through mask_secrets (a server message may quote what it refused).
void write_file(const std::string& path, const std::string& text) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  std::ofstream out(path, std::ios::binary);
  if (!out) throw_bad_input("cannot write " + path);
  out << mask_secrets(text);
}

void print(const std::string& text) { fmt::print("{}", mask_secrets(text)); }

Config config_for(const CommonArgs& common) {
  Config config = load_config(common.config_path, process_environment());
  for (const auto& w : config.warnings) spdlog::warn("{}", w);
  return config;
}

// What a person needs to see when a sync did not do all it was asked.
void print_problems(const SyncReport& r, const std::string& store_path) {
  if (!r.error.empty())
    std::cerr << fmt::format("pacts sync: {}\n", mask_secrets(r.error));
  if (!r.push.rejected.empty())
    std::cerr << fmt::format(
        "pacts sync: the team database refused {} outbox entries (listed above; the rest was pushed). They are kept "
        "in {} and in the team's sync_rejected table; `pacts sync --status` lists them.\n",
        r.push.rejected.size(), store_path);
}

SyncMode mode_of(const SyncArgs& a) {
  if (a.push && !a.pull) return SyncMode::Push;
  if (a.pull && !a.push) return SyncMode::Pull;
  return SyncMode::PushAndPull;
}

int status(const Config& config, const SyncArgs& args) {
  Store store(config.store.path, config.store.busy_timeout_ms, config.sync.device_name);
  SyncStatus s = sync_status(store);
  print(sync_status_text(s));
  if (args.json_path) write_file(*args.json_path, sync_status_json(s));
  return kExitOk;
}

}  // namespace

int cmd_sync(const CommonArgs& common, const SyncArgs& args) {
  Config config = config_for(common);
  if (args.status) return status(config, args);
  team_db_options(config);  // no team database configured: say so before anything else
  install_signal_handlers();
  Store store(config.store.path, config.store.busy_timeout_ms, config.sync.device_name);
  auto show = [&](const SyncReport& r) {
    print(sync_report_text(r));
    std::fflush(stdout);
    print_problems(r, store.path());
    if (args.json_path) write_file(*args.json_path, sync_report_json(r));
  };
  if (args.watch) {
    int interval = args.interval_s.value_or(config.sync.interval_s);
    fmt::print("syncing with {} every {} s; Ctrl-C stops\n", redact_url(config.postgres.url), interval);
    return watch(config, store, mode_of(args), interval, show);
  }
  SyncReport r = sync_once(config, store, mode_of(args));
  show(r);
  return exit_code_of(r);
}

int cmd_db_info_postgres(const CommonArgs& common, const std::optional<std::string>& json_path) {
  Config config = config_for(common);
  TeamDb team(team_db_options(config), false);
  TeamInfo info = team.info();
  print(team_info_text(info));
  if (json_path) write_file(*json_path, team_info_json(info));
  return kExitOk;
}

void pull_before_run(const Config& config, Store& store, const std::function<void(const std::string&)>& warn) {
  SyncReport r = sync_once(config, store, SyncMode::Pull);
  if (!r.error.empty()) warn(fmt::format("--sync: the pull before the run failed, running from the local store: {}", r.error));
  else print(sync_report_text(r));
}

int push_after_run(const Config& config, Store& store, int run_exit_code, std::string& sync_json) {
  SyncReport r = sync_once(config, store, SyncMode::Push);
  print(sync_report_text(r));
  sync_json = sync_report_json(r);
  if (r.error.empty() && r.push.rejected.empty() && !r.interrupted) return run_exit_code;
  print_problems(r, store.path());
  if (store.path() == ":memory:")
    std::cerr << "pacts run --sync: the store is in memory (store.path = \":memory:\"): what was not pushed is lost\n";
  else
    std::cerr << fmt::format("pacts run --sync: what was not pushed waits in the outbox of {}; run pacts sync\n",
                             store.path());
  return std::max(run_exit_code, kExitBadInput);
}

void write_run_report_with_sync(std::string json, const std::string& path, const std::string& sync_json) {
  auto brace = json.find('{');
  if (brace != std::string::npos) json.insert(brace + 1, "\n  \"sync\": " + sync_json + ",");
  write_file(path, json);
}

}  // namespace pacts
