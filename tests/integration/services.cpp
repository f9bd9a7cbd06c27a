#include "services.h"

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "harness.h"
#include "store/pg_migrations.h"

namespace pacts::testing {

namespace {

// Runs a shell command; its output (stdout and stderr) and exit status.
std::pair<std::string, int> shell(const std::string& cmd) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  return {out, pclose(p)};
}

}  // namespace

LocalGrid::LocalGrid(int max_sessions, int queue_timeout_s) {
  std::string cmd = fmt::format("{} start {} {} {}", source_path("scripts/grid.sh"), dir_.path(), max_sessions,
                                queue_timeout_s);
  auto [out, rc] = shell(cmd);
  INFO(cmd << "\n" << out);
  REQUIRE(rc == 0);
  auto at = out.find("PACTS_GRID_URL=");
  REQUIRE(at != std::string::npos);
  url = out.substr(at + 15, out.find('\n', at) - at - 15);
}

LocalGrid::~LocalGrid() {
  std::string cmd = source_path("scripts/grid.sh") + " stop " + dir_.path() + " >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) WARN("could not stop the test's Grid");
}

std::vector<std::string> LocalGrid::sessions() const {
  httplib::Client client(url);
  client.set_read_timeout(30, 0);  // a Grid on a loaded machine answers /status slowly
  auto r = client.Get("/status");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  std::vector<std::string> ids;
  auto status = nlohmann::json::parse(r->body);  // named: a range over a part of a temporary would dangle
  for (const auto& node : status["value"]["nodes"])
    for (const auto& slot : node["slots"])
      if (slot.contains("session") && slot["session"].is_object())
        ids.push_back(slot["session"].value("sessionId", std::string("?")));
  return ids;
}

std::string LocalServices::script(const std::string& args) {
  std::string cmd = source_path("scripts/services.sh") + " " + args;
  auto [out, rc] = shell(cmd);
  INFO(cmd << "\n" << out);
  REQUIRE(rc == 0);
  return out;
}

LocalServices::LocalServices(bool redis, bool postgres) : redis_(redis), postgres_(postgres) {
  std::string what = std::string(redis ? " redis" : "") + (postgres ? " postgres" : "");
  std::istringstream lines(script("start " + dir_.path() + what));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("PACTS_REDIS_URL=", 0) == 0) redis_url = line.substr(16);
    if (line.rfind("PACTS_POSTGRES_URL=", 0) == 0) postgres_url = line.substr(19);
  }
  if (redis) REQUIRE_FALSE(redis_url.empty());
  if (postgres) {
    REQUIRE_FALSE(postgres_url.empty());
    migrate_postgres(postgres_url, 5000);
  }
}

LocalServices::~LocalServices() {
  std::string what = std::string(redis_ ? " redis" : "") + (postgres_ ? " postgres" : "");
  std::string cmd = source_path("scripts/services.sh") + " stop " + dir_.path() + what + " >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) WARN("could not stop the test's servers");
}

void LocalServices::stop_redis() { script("stop " + dir_.path() + " redis"); }
void LocalServices::start_redis() { script("start " + dir_.path() + " redis"); }
void LocalServices::stop_postgres() { script("stop " + dir_.path() + " postgres"); }
void LocalServices::start_postgres() { script("start " + dir_.path() + " postgres"); }

void LocalServices::pause(const std::string& which, bool frozen) {
  // The server's main process from its pid file, and for Postgres every backend it forked.
  std::string pidfile = which == "redis" ? dir_.path() + "/redis/redis.pid" : dir_.path() + "/pg/postmaster.pid";
  std::ifstream in(pidfile);
  pid_t main_pid = 0;
  in >> main_pid;
  REQUIRE(main_pid > 0);
  std::vector<pid_t> pids = {main_pid};
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    std::string name = e.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream st(e.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(st)), {});
    auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));
    char state;
    pid_t ppid;
    rest >> state >> ppid;
    if (ppid == main_pid) pids.push_back(std::stoi(name));
  }
  for (pid_t p : pids) kill(p, frozen ? SIGSTOP : SIGCONT);
}

std::string LocalServices::fresh_postgres_database() {
  static int n = 0;
  std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(++n);
  std::string base = postgres_url.substr(0, postgres_url.rfind('/'));
  std::string cmd = "psql '" + postgres_url + "' -q -v ON_ERROR_STOP=1 -c 'CREATE DATABASE " + name + "'";
  auto [out, rc] = shell(cmd);
  INFO(cmd << "\n" << out);
  REQUIRE(rc == 0);
  std::string url = base + "/" + name;
  migrate_postgres(url, 5000);
  return url;
}

LocalServices& shared_services() {
  static LocalServices services(true, true);
  return services;
}

std::string fresh_redis_prefix() {
  static int n = 0;
  return "pacts-test-" + std::to_string(getpid()) + "-" + std::to_string(++n);
}

std::string LocalServices::redis_cli(const std::string& args) {
  std::string out = shell("redis-cli -u " + redis_url + " " + args).first;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace pacts::testing
