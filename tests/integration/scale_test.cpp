// Scaling out a run: retries (a flaky test is reported as flaky, never as a pass), workers and shards.
// The flaky page comes from a loopback server that answers its first request differently from the later ones
// (holding_server.h): the test's own material, counted on the server, not in the browser's storage (every
// attempt gets a fresh context).
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <fstream>

#include "core/temp_dir.h"
#include "harness.h"
#include "holding_server.h"
#include "processes.h"
#include "plan/loader.h"
#include "report/json_report.h"

using namespace pacts;
using namespace pacts::testing;

namespace {

std::string order_page(const std::string& status) {
  return "<!doctype html><html><head><title>Order</title></head><body><button>Place order</button><p>" + status +
         "</p></body></html>";
}

// The first request of /order.html gets a page that never confirms the order; every later one confirms it.
void serve_flaky_order(HoldingServer& server) {
  server.pages_in_turn("/order.html", {order_page("Please wait"), order_page("Order placed")});
}

std::string order_test(const HoldingServer& server) {
  return "Test: Place an order\nURL: " + server.url("/order.html") +
         "\nSteps:\n1. Click \"Place order\"\nExpected: \"Order placed\"\n";
}

}  // namespace

TEST_CASE("a test that fails on its first attempt and passes on its retry is reported flaky, never as a pass",
          "[scale]") {
  HoldingServer server;
  serve_flaky_order(server);
  TempDir dir("pacts-flaky");
  Harness h("tests/pages", dir.path() + "/s.db");
  h.config.run.retries = 1;
  h.config.run.assertion_timeout_ms = 500;
  auto report = h.run_plan(h.plan(order_test(server)));
  REQUIRE(report.tests.size() == 1);
  const auto& r = report.tests[0];
  INFO(r.error);
  CHECK(server.served("/order.html") == 2);
  CHECK(r.verdict == Verdict::Flaky);
  CHECK(r.attempt == 2);
  REQUIRE(r.earlier_attempts.size() == 1);
  CHECK(r.earlier_attempts[0].verdict == Verdict::Fail);
  CHECK(r.earlier_attempts[0].reason == FailureReason::AssertionFailed);
  CHECK(report.passed() == 0);
  CHECK(report.flaky() == 1);
  CHECK(report.failed() == 0);
  // The store keeps both attempts, each a run of its own: the failure as it was, the retry as flaky.
  auto first = h.store().find_run(r.earlier_attempts[0].id), last = h.store().find_run(r.id);
  REQUIRE(first);
  REQUIRE(last);
  CHECK(first->verdict == Verdict::Fail);
  CHECK(first->attempt == 1);
  CHECK(last->verdict == Verdict::Flaky);
  CHECK(last->attempt == 2);
  std::string json = run_report_json(report);
  CHECK_THAT(json, Catch::Contains("\"verdict\": \"flaky\"") && Catch::Contains("\"flaky\": 1") &&
                       Catch::Contains("\"earlier_attempts\""));
}

TEST_CASE("without retries the flaky page fails, and a test that fails on every attempt stays failed", "[scale]") {
  HoldingServer server;
  Harness h("tests/pages");
  h.config.run.assertion_timeout_ms = 500;
  serve_flaky_order(server);
  auto once = h.run_plan(h.plan(order_test(server)));
  CHECK(once.tests.at(0).verdict == Verdict::Fail);
  CHECK(once.tests.at(0).attempt == 1);
  CHECK(server.served("/order.html") == 1);

  server.pages_in_turn("/order.html", {order_page("Please wait")});
  h.config.run.retries = 2;
  auto thrice = h.run_plan(h.plan(order_test(server)));
  const auto& r = thrice.tests.at(0);
  CHECK(r.verdict == Verdict::Fail);
  CHECK(r.attempt == 3);
  CHECK(r.earlier_attempts.size() == 2);
  CHECK(server.served("/order.html") == 3);
  CHECK(thrice.failed() == 1);
}

TEST_CASE("pacts run --retries 1 exits 0 on a flaky test, printing FLAKY, and 1 with --fail-on-flaky", "[scale]") {
  HoldingServer server;
  TempDir dir("pacts-flaky-cli");
  std::string req = dir.path() + "/order.txt";
  std::ofstream(req) << order_test(server);
  std::map<std::string, std::string> env = {{"PACTS_STORE_PATH", dir.path() + "/s.db"},
                                            {"PACTS_RUN_ASSERTION_TIMEOUT_MS", "500"},
                                            {"PACTS_RUN_ARTIFACTS_DIR", dir.path() + "/artifacts"}};
  auto run = [&](std::vector<std::string> extra) {
    serve_flaky_order(server);
    std::vector<std::string> args = {PACTS_BINARY, "run", "--no-cache", "--json", dir.path() + "/r.json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(req);
    return wait_exit(spawn(args, dir.path() + "/log", env));
  };
  CHECK(run({"--retries", "1"}) == 0);
  std::string log = file_text(dir.path() + "/log");
  INFO(log);
  CHECK_THAT(log, Catch::Contains("RETRY Place an order  attempt 2 of 2") && Catch::Contains("FLAKY Place an order") &&
                      Catch::Contains("0 passed, 1 flaky, 0 failed"));
  CHECK_THAT(file_text(dir.path() + "/r.json"), Catch::Contains("\"verdict\": \"flaky\""));
  CHECK(run({"--retries", "1", "--fail-on-flaky"}) == 1);
  CHECK(run({}) == 1);  // no retries: the first attempt's failure is the verdict
  CHECK(run({"--retries", "11"}) == 2);  // out of run.retries' range
  CHECK_THAT(file_text(dir.path() + "/log"), Catch::Contains("--retries"));
}

namespace {

// Names the tests in the order they finish.
struct FinishOrder : RecordingObserver {
  std::vector<std::string> finished;
  void test_finished(const TestResult& r) override { finished.push_back(r.test_name); }
};

std::vector<std::string> names(const std::vector<TestResult>& results) {
  std::vector<std::string> out;
  for (const auto& r : results) out.push_back(r.test_name);
  return out;
}

std::vector<std::string> names(const Plan& plan) {
  std::vector<std::string> out;
  for (const auto& t : plan.tests) out.push_back(t.name);
  return out;
}

}  // namespace

// Eight workers write one store at once. Their browsers are contexts of one Chromium: eight Chromiums on this
// 2-core machine starve each other (bench/workers.sh measures both set-ups), and what is tested here is the
// store, not how many browsers the machine can start at once.
TEST_CASE("four workers run the bundled examples as one does, and eight share one SQLite store warm", "[scale]") {
  TempDir dir("pacts-workers");
  Harness h("examples/sites", dir.path() + "/pacts.db");
  h.config = Config{};  // the shipped defaults, as the README's command uses them
  h.config.run.artifacts_dir = dir.path() + "/artifacts";
  Plan plan = load_plan({source_path("examples/requirements"), source_path("examples/features")}, LoadOptions{});
  REQUIRE(plan.tests.size() >= 10);

  h.config.run.workers = 4;
  auto cold = h.run_plan(plan);
  CHECK(cold.workers == 4);
  CHECK(names(cold.tests) == names(plan));  // the plan's order, whatever order they finished in
  for (const auto& t : cold.tests) {
    INFO(t.test_name << " (" << t.file << "): " << t.error);
    CHECK(t.verdict == Verdict::Pass);
  }

  h.config.run.workers = 8;
  // Eight pages on two cores, beside another suite's browsers under ctest -j2: a page has taken more than the
  // default 10 s for one warm step (a snapshot call bounded by the step's time left did not answer in time).
  // What is tested here is the shared store, not the machine's speed.
  h.config.run.step_timeout_ms = 30000;
  int64_t discoveries_before = h.cache().stats().discoveries;  // the harness's cache counts over both runs
  DebuggableChromium one_browser(dir.path() + "/profile");
  REQUIRE_FALSE(one_browser.ws_url.empty());
  h.browser_ws = one_browser.ws_url;
  auto warm = h.run_plan(plan);
  CHECK(warm.workers == 8);
  CHECK(names(warm.tests) == names(plan));
  for (const auto& t : warm.tests) {
    INFO(t.test_name << " (" << t.file << "): " << t.error);
    CHECK(t.verdict == Verdict::Pass);
    for (const auto& s : t.steps)
      if (s.target) CHECK(s.source == "sqlite");
    // Every run, with its steps, is in the store: eight workers wrote through one connection, none was refused.
    auto stored = h.store().find_run(t.id);
    REQUIRE(stored);
    CHECK(stored->verdict == Verdict::Pass);
    CHECK(h.store().steps_of(t.id).size() == t.steps.size() + t.assertions.size());
  }
  CHECK(warm.cache.discoveries == discoveries_before);
  for (const auto& w : h.observer.warnings) {
    INFO(w);
    CHECK_THAT(w, !Catch::Contains("locked") && !Catch::Contains("busy"));
  }
}

TEST_CASE("tests that finish out of order are reported in the plan's order", "[scale]") {
  Harness h("tests/pages");
  h.config.run.workers = 2;
  // Long enough for worker 2 to launch its browser and run both quick tests on a loaded machine.
  h.config.run.assertion_timeout_ms = 8000;
  Plan plan = h.plan(
      "Test: slow failure\nURL: /ambiguous.html\nSteps:\n1. Fill \"x\" in Name\nExpected: \"a text that never comes\"\n\n"
      "Test: quick one\nURL: /ambiguous.html\nSteps:\n1. Fill \"y\" in Name\n\n"
      "Test: quick two\nURL: /ambiguous.html\nSteps:\n1. Fill \"z\" in Name\n");
  FinishOrder order;
  auto report = h.run_plan(plan, order);
  REQUIRE(report.tests.size() == 3);
  CHECK(names(report.tests) == names(plan));
  REQUIRE(order.finished.size() == 3);
  CHECK(order.finished.back() == "slow failure");  // it finished last, and is reported first
  CHECK(report.tests[0].verdict == Verdict::Fail);
  CHECK(report.tests[1].verdict == Verdict::Pass);
  CHECK(report.tests[2].verdict == Verdict::Pass);
}

TEST_CASE("four workers that miss one cache key at once run one discovery", "[scale]") {
  Harness h("tests/pages");
  h.config.run.workers = 4;
  std::string text;
  for (int i = 1; i <= 4; ++i)
    text += "Test: fill " + std::to_string(i) + "\nURL: /ambiguous.html\nSteps:\n1. Fill \"" + std::to_string(i) +
            "\" in Name\n\n";
  auto report = h.run_plan(h.plan(text));
  REQUIRE(report.tests.size() == 4);
  for (const auto& t : report.tests) {
    INFO(t.test_name << ": " << t.error);
    CHECK(t.verdict == Verdict::Pass);
  }
  INFO("spared " << report.cache.discoveries_spared << ", hits " << report.cache.hits());
  // One leads and discovers; each of the others either waited for it (a spared discovery) or came after it.
  CHECK(report.cache.discoveries == 1);
  CHECK(report.cache.hits() == 3);
}

TEST_CASE("Ctrl-C stops every worker and every browser", "[scale]") {
  TempDir dir("pacts-wsig");  // short: the browser's socket path lies under it
  std::string req = dir.path() + "/wait.txt";
  std::ofstream(req) << "Test: waits one\nURL: /slow.html\nSteps:\n1. Wait for \"a text that never comes\"\n\n"
                        "Test: waits two\nURL: /slow.html\nSteps:\n1. Wait for \"a text that never comes\"\n";
  std::string log = dir.path() + "/out.log", tmp = dir.path() + "/tmp";
  std::filesystem::create_directories(tmp);
  // A private TMPDIR: these browsers' profiles, and so their command lines, carry its path.
  pid_t pid = spawn({PACTS_BINARY, "run", "--serve", source_path("tests/pages"), "--timeout", "60000", "--no-cache",
                     "--workers", "2", req},
                    log, {{"TMPDIR", tmp}, {"PACTS_STORE_PATH", dir.path() + "/s.db"}});
  bool both_waiting = eventually([&] {
    std::string s = file_text(log);
    return s.find("[1] TEST waits") != std::string::npos && s.find("[2] TEST waits") != std::string::npos;
  }, std::chrono::milliseconds(60000));
  INFO(file_text(log));
  REQUIRE(both_waiting);
  CHECK(processes_with(tmp) > 0);
  kill(pid, SIGINT);
  CHECK(wait_exit(pid) == 130);
  CHECK(eventually([&] { return processes_with(tmp) == 0; }, std::chrono::milliseconds(5000)));
  CHECK(std::filesystem::is_empty(tmp));
}
