// --browser-ws: the same runs against a browser that is already running, reached over its DevTools websocket.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "core/temp_dir.h"
#include "harness.h"
#include "run/runner.h"
#include "plan/loader.h"

extern char** environ;

using namespace pacts;
using namespace pacts::testing;

TEST_CASE("a run over a DevTools websocket behaves as one over the pipe", "[run]") {
  TempDir profile("pacts-remote");
  std::vector<std::string> args = {"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                   "--disable-quic", "--no-first-run", "--disable-background-networking",
                                   "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
                                   "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile.path(),
                                   "about:blank"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, argv[0], &fa, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  REQUIRE(spawned == 0);
  struct Kill {
    pid_t pid;
    ~Kill() {
      kill(-pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  } kill_it{pid};

  // The browser writes its port and websocket path to DevToolsActivePort once it listens.
  std::string port, path;
  for (int i = 0; i < 200 && path.empty(); ++i) {
    std::ifstream in(profile.path() + "/DevToolsActivePort");
    std::getline(in, port);
    std::getline(in, path);
    if (path.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling another process
  }
  REQUIRE_FALSE(path.empty());
  BrowserOptions o;
  o.ws_url = "ws://127.0.0.1:" + port + path;
  Browser remote(o);
  CHECK(remote.pid() == 0);

  StaticServer server(source_path("tests/pages"));
  Store store(":memory:");
  RecordingObserver observer;
  std::vector<PlanError> errors;
  auto tests = read_text_requirements(
      "t.txt", "Test: remote\nURL: /ambiguous.html\nSteps:\n1. Fill \"Ada\" in Name\n2. Click \"Save\" in Personal details\nExpected: \"Saved personal details\"\n",
      LoadOptions{}, errors);
  REQUIRE(errors.empty());
  ExecutorOptions eo;
  eo.base_url = server.base_url();
  eo.run.step_timeout_ms = 5000;
  auto report = run_plan(Plan{tests}, remote, &store, nullptr, observer, eo);
  REQUIRE(report.tests.size() == 1);
  INFO(report.tests[0].error);
  CHECK(report.tests[0].verdict == Verdict::Pass);
}
