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

struct PlanArgs {
  std::vector<std::string> files;
  std::optional<std::string> json_path;  // "-" for stdout
  bool quiet = false;
};

int cmd_plan(const CommonArgs& common, const PlanArgs& args);
int cmd_db_migrate(const CommonArgs& common);
int cmd_db_info(const CommonArgs& common);
int cmd_version();

}  // namespace pacts
