// Runs on a real Selenium Grid 4 (scripts/grid.sh: a standalone Grid on loopback, Debian's chromedriver and
// Chromium): the bundled examples pass with two sessions and the Grid keeps none afterwards; a Grid that
// refuses, or has no free slot, is each test's clear error and the run goes on; Ctrl-C deletes the sessions.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/temp_dir.h"
#include "harness.h"
#include "processes.h"
#include "services.h"

using namespace pacts;
using namespace pacts::testing;

namespace {

// A loopback port nothing listens on: bound (never listened on), then released.
int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  bool bound = bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
               getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0;
  close(fd);
  REQUIRE(bound);
  return ntohs(a.sin_port);
}

std::string two_tests(const std::string& dir) {
  std::string req = dir + "/two.txt";
  std::ofstream(req) << "Test: first\nURL: /actions.html\nSteps:\n1. Click \"Save\"\n\n"
                        "Test: second\nURL: /actions.html\nSteps:\n1. Click \"Save\"\n";
  return req;
}

}  // namespace

TEST_CASE("the bundled examples pass on a real Selenium Grid 4 with two sessions, and the Grid keeps none", "[grid]") {
  // A patient Grid: on a loaded 2-core machine (other suites' browsers running beside it) starting a node's
  // Chromium through chromedriver has taken longer than the default 20 s request timeout. Giving up on a
  // session is what the no-free-slot test checks; this one checks the suite on a Grid.
  LocalGrid grid(2, 180);
  TempDir dir("pacts-grid-run");
  std::string log = dir.path() + "/log", json = dir.path() + "/r.json";
  int code = wait_exit(spawn({PACTS_BINARY, "run", "--grid", grid.url, "--workers", "2", "--serve",
                              source_path("examples/sites"), source_path("examples/requirements"),
                              source_path("examples/features"), "--json", json},
                             log, {{"PACTS_STORE_PATH", dir.path() + "/s.db"},
                                   {"PACTS_RUN_ARTIFACTS_DIR", dir.path() + "/artifacts"}}));
  INFO(file_text(log));
  CHECK(code == 0);
  auto report = nlohmann::json::parse(file_text(json));
  REQUIRE(report["runs"].size() >= 10);
  for (const auto& t : report["runs"]) {
    INFO(t["test"] << ": " << t["error"]);
    CHECK(t["verdict"] == "pass");
  }
  // The Grid's /status follows its sessions a moment late; a session left behind would stay for minutes.
  CHECK(eventually([&] { return grid.sessions().empty(); }, std::chrono::milliseconds(15000)));
}

TEST_CASE("a Grid that refuses is each test's clear error, and a run where no test got a browser exits 2", "[grid]") {
  TempDir dir("pacts-grid-refused");
  std::string url = "http://127.0.0.1:" + std::to_string(closed_port());
  std::string log = dir.path() + "/log";
  int code = wait_exit(spawn({PACTS_BINARY, "run", "--grid", url, "--serve", source_path("tests/pages"),
                              two_tests(dir.path()), "--json", dir.path() + "/r.json"},
                             log, {{"PACTS_STORE_PATH", dir.path() + "/s.db"}}));
  std::string out = file_text(log);
  INFO(out);
  CHECK(code == 2);
  auto report = nlohmann::json::parse(file_text(dir.path() + "/r.json"));
  REQUIRE(report["runs"].size() == 2);  // both tests reported, each with its error
  for (const auto& t : report["runs"]) {
    CHECK(t["verdict"] == "error");
    CHECK_THAT(t["error"].get<std::string>(), Catch::Contains("no browser: the Grid at " + url + " gave no session") &&
                                                  Catch::Contains("cannot be reached"));
  }
  CHECK(wait_exit(spawn({PACTS_BINARY, "run", "--grid", "ws://x", two_tests(dir.path())}, log, {})) == 2);
  CHECK_THAT(file_text(log), Catch::Contains("--grid") && Catch::Contains("http://"));
}

TEST_CASE("a Grid with no free slot fails the test that waited for one, and the run goes on with the next", "[grid]") {
  LocalGrid grid(1, 10);  // one slot; the Grid gives up on a queued request after 10 s
  httplib::Client client(grid.url);
  client.set_read_timeout(120, 0);  // a session takes seconds to start on a loaded machine
  std::string caps = R"({"capabilities":{"alwaysMatch":{"browserName":"chrome","goog:chromeOptions":)"
                     R"({"binary":"/usr/bin/chromium","args":["--headless=new","--no-sandbox"]}}}})";
  // Someone else's session. On a loaded machine its browser may take longer to start than the Grid's 10 s
  // request timeout allows: ask again then (what is tested is our request, not this one).
  auto held = client.Post("/session", caps, "application/json; charset=utf-8");
  for (int attempt = 1; attempt < 3 && !(held && held->status == 200); ++attempt)
    held = client.Post("/session", caps, "application/json; charset=utf-8");
  REQUIRE(held);
  INFO(held->body.substr(0, 300));
  REQUIRE(held->status == 200);
  std::string held_id = nlohmann::json::parse(held->body)["value"]["sessionId"];
  TempDir dir("pacts-grid-busy");
  std::string log = dir.path() + "/log";
  int code = wait_exit(spawn({PACTS_BINARY, "run", "--grid", grid.url, "--serve", source_path("tests/pages"),
                              two_tests(dir.path()), "--json", dir.path() + "/r.json"},
                             log, {{"PACTS_STORE_PATH", dir.path() + "/s.db"}}));
  INFO(file_text(log));
  CHECK(code == 2);
  auto report = nlohmann::json::parse(file_text(dir.path() + "/r.json"));
  REQUIRE(report["runs"].size() == 2);
  CHECK_THAT(report["runs"][0]["error"].get<std::string>(), Catch::Contains("gave no session: HTTP 500"));
  // Ours never got one; theirs is untouched.
  std::vector<std::string> seen;
  bool only_theirs = eventually([&] { return (seen = grid.sessions()) == std::vector<std::string>{held_id}; },
                                std::chrono::milliseconds(15000));
  INFO("held " << held_id << "; the Grid has " << seen.size() << ": " << (seen.empty() ? "" : seen[0]));
  CHECK(only_theirs);
  client.Delete(("/session/" + held_id).c_str());
}

TEST_CASE("Ctrl-C during a run on a Grid deletes its sessions", "[grid]") {
  LocalGrid grid(2);
  TempDir dir("pacts-grid-sig");
  std::string req = dir.path() + "/wait.txt";
  std::ofstream(req) << "Test: waits\nURL: /slow.html\nSteps:\n1. Wait for \"a text that never comes\"\n";
  std::string log = dir.path() + "/log";
  pid_t pid = spawn({PACTS_BINARY, "run", "--grid", grid.url, "--serve", source_path("tests/pages"), "--timeout",
                     "60000", "--no-cache", req},
                    log, {{"PACTS_STORE_PATH", dir.path() + "/s.db"}});
  bool waiting = eventually([&] { return file_text(log).find("TEST waits") != std::string::npos; },
                            std::chrono::milliseconds(60000));
  INFO(file_text(log));
  REQUIRE(waiting);
  REQUIRE(eventually([&] { return grid.sessions().size() == 1; }, std::chrono::milliseconds(15000)));
  kill(pid, SIGTERM);
  CHECK(wait_exit(pid) == 143);
  CHECK(eventually([&] { return grid.sessions().empty(); }, std::chrono::milliseconds(15000)));
}
