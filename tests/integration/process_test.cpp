// The pacts executable as a process: no browser outlives it, whatever ends it.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/temp_dir.h"
#include "harness.h"
#include "processes.h"

using namespace pacts;
using namespace pacts::testing;
namespace fs = std::filesystem;

TEST_CASE("no chromium is left after SIGTERM or Ctrl-C, and the profile is removed", "[process]") {
  int sig = GENERATE(SIGTERM, SIGINT);
  TempDir dir("pacts-signal");
  std::string req = dir.path() + "/wait.txt";
  std::ofstream(req) << "Test: waits\nURL: /slow.html\nSteps:\n1. Wait for \"a text that never comes\"\n";
  std::string log = dir.path() + "/out.log";
  // A private TMPDIR: this run's browser profile, and so its processes' command lines, carry its path, so
  // other tests' browsers running at the same time are not counted.
  std::string tmp = dir.path() + "/tmp";
  fs::create_directories(tmp);
  setenv("TMPDIR", tmp.c_str(), 1);
  setenv("PACTS_STORE_PATH", (dir.path() + "/s.db").c_str(), 1);
  pid_t pid = spawn({PACTS_BINARY, "run", "--serve", source_path("tests/pages"), "--timeout", "60000",
                     "--no-cache", req},
                    log);
  unsetenv("TMPDIR");
  unsetenv("PACTS_STORE_PATH");
  // Wait until its browser is up and the step is waiting.
  REQUIRE(eventually([&] { return processes_with(tmp) > 0; }, std::chrono::milliseconds(20000)));
  REQUIRE(eventually([&] {
    std::ifstream in(log);
    std::string s((std::istreambuf_iterator<char>(in)), {});
    return s.find("TEST waits") != std::string::npos;
  }, std::chrono::milliseconds(20000)));
  kill(pid, sig);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 128 + sig);
  CHECK(eventually([&] { return processes_with(tmp) == 0; }, std::chrono::milliseconds(5000)));
  CHECK(fs::is_empty(tmp));  // the fresh profile is gone too
}

TEST_CASE("a failing test exits 1 and a passing one 0, and no browser is left either way", "[process]") {
  TempDir dir("pacts-exit");
  std::string pass = dir.path() + "/pass.txt", fail = dir.path() + "/fail.txt";
  std::ofstream(pass) << "Test: p\nURL: /ambiguous.html\nSteps:\n1. Fill \"x\" in Name\nExpected: \"Profile\"\n";
  std::ofstream(fail) << "Test: f\nURL: /ambiguous.html\nSteps:\n1. Fill \"x\" in Name\nExpected: \"Nope\"\n";
  auto run = [&](const std::string& file) {
    pid_t pid = spawn({PACTS_BINARY, "run", "--serve", source_path("tests/pages"), "--no-cache", "--json",
                       dir.path() + "/r.json", file},
                      dir.path() + "/log");
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  std::string tmp = dir.path() + "/tmp";  // a private TMPDIR: this run's browser carries it in its command line
  fs::create_directories(tmp);
  setenv("TMPDIR", tmp.c_str(), 1);
  setenv("PACTS_STORE_PATH", (dir.path() + "/s.db").c_str(), 1);
  setenv("PACTS_RUN_ASSERTION_TIMEOUT_MS", "500", 1);
  CHECK(run(pass) == 0);
  CHECK(processes_with(tmp) == 0);  // nothing left after a normal end
  CHECK(run(fail) == 1);
  CHECK(processes_with(tmp) == 0);  // ... nor after a failure
  CHECK(fs::is_empty(tmp));
  unsetenv("TMPDIR");
  std::ifstream in(dir.path() + "/r.json");
  std::string json((std::istreambuf_iterator<char>(in)), {});
  CHECK_THAT(json, Catch::Contains("\"verdict\": \"fail\""));
  CHECK_THAT(json, Catch::Contains("\"summary\""));
  unsetenv("PACTS_STORE_PATH");
  unsetenv("PACTS_RUN_ASSERTION_TIMEOUT_MS");
}
