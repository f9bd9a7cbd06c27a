#include "cli/commands.h"

#include <fstream>
#include <iostream>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "config/config.h"
#include "core/error.h"
#include "spec/loader.h"
#include "spec/plan_json.h"
#include "store/migrations.h"
#include "store/store.h"
#include "sync/outbox.h"

#ifndef PACTS_VERSION
#define PACTS_VERSION "dev"
#endif

namespace pacts {

namespace {

std::string quoted(const std::optional<std::string>& s) { return s ? "\"" + *s + "\"" : std::string("-"); }

void print_plan(const Plan& plan) {
  std::string last_file;
  for (const auto& t : plan.tests) {
    if (t.file != last_file) {
      fmt::print("{}\n", t.file);
      last_file = t.file;
    }
    fmt::print("  Test: {}  (URL {})\n", t.name, t.url.empty() ? "-" : t.url);
    size_t a = 0;
    auto print_assertions_until = [&](int after) {
      for (; a < t.assertions.size() && t.assertions[a].after_step <= after; ++a) {
        const auto& as = t.assertions[a];
        fmt::print("    {:>4}  {:<8} {} \"{}\"\n", as.line > 0 ? std::to_string(as.line) : "", "expect",
                   assertion_type_name(as.type), as.display_value);
      }
    };
    for (size_t i = 0; i < t.steps.size(); ++i) {
      print_assertions_until(static_cast<int>(i));
      const auto& s = t.steps[i];
      std::string detail = quoted(s.target);
      if (s.display_value) detail += " = \"" + *s.display_value + "\"";
      if (s.ordinal) detail += fmt::format("  ordinal {}", *s.ordinal);
      if (s.within) detail += "  within \"" + *s.within + "\"";
      if (s.context) detail += "  for \"" + *s.context + "\"";
      fmt::print("    {:>4}  {:<8} {}\n", s.line > 0 ? std::to_string(s.line) : "", action_name(s.action), detail);
    }
    print_assertions_until(static_cast<int>(t.steps.size()));
  }
}

Config config_for(const CommonArgs& common) { return load_config(common.config_path, process_environment()); }

}  // namespace

int cmd_plan(const CommonArgs& common, const PlanArgs& args) {
  LoadOptions options;
  options.vars = common.vars;
  options.env = process_environment();
  Plan plan = load_plan(args.files, options);
  if (!args.quiet && args.json_path.value_or("") != "-") print_plan(plan);
  if (args.json_path) {
    std::string json = plan_to_json(plan);
    if (*args.json_path == "-") {
      std::cout << json;
    } else {
      std::ofstream out(*args.json_path, std::ios::binary);
      if (!out) throw_bad_input("cannot write " + *args.json_path);
      out << json;
    }
  }
  size_t steps = 0, assertions = 0;
  for (const auto& t : plan.tests) {
    steps += t.steps.size();
    assertions += t.assertions.size();
  }
  if (args.json_path.value_or("") != "-")
    fmt::print("{} test{}, {} steps, {} assertions\n", plan.tests.size(), plan.tests.size() == 1 ? "" : "s", steps,
               assertions);
  return kExitOk;
}

int cmd_db_migrate(const CommonArgs& common) {
  Config config = config_for(common);
  Store store(config.store.path, config.store.busy_timeout_ms, config.sync.device_name);
  auto info = store.info();
  fmt::print("{}: schema version {} (latest {})\n", info.path, info.schema_version, info.latest_schema_version);
  return kExitOk;
}

int cmd_db_info(const CommonArgs& common) {
  Config config = config_for(common);
  Store store(config.store.path, config.store.busy_timeout_ms, config.sync.device_name);
  auto info = store.info();
  fmt::print("store          {}\n", info.path);
  fmt::print("schema version {} (latest {})\n", info.schema_version, info.latest_schema_version);
  fmt::print("device id      {}\n", info.device_id);
  for (const auto& [table, n] : info.rows) fmt::print("{:<14} {} rows\n", table, n);
  fmt::print("sync pending   {} outbox entries\n", Outbox(store).pending_count());
  return kExitOk;
}

int cmd_version() {
  fmt::print("pacts {}\n", PACTS_VERSION);
  fmt::print("sqlite {}, spdlog {}.{}.{}, fmt {}\n", SQLite::getLibVersion(), SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR,
             SPDLOG_VER_PATCH, FMT_VERSION);
  return kExitOk;
}

}  // namespace pacts
