// `pacts serve` as a process over a store with real runs (headless Chromium through the harness): every
// endpoint's status, content type and body over real loopback HTTP; /metrics through the Prometheus client's
// own parser; path traversal, artifacts outside their folder and bad parameters refused.
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <SQLiteCpp/SQLiteCpp.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/temp_dir.h"
#include "harness.h"
#include "processes.h"
#include "services.h"

using namespace pacts;
using namespace pacts::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// `pacts serve --port 0` on the given config; stopped by SIGTERM (and must then exit 0).
struct ServeProcess {
  std::string log;
  pid_t pid = -1;
  int port = 0;
  ServeProcess(const std::string& config, const std::string& log_path, const std::vector<std::string>& more = {})
      : log(log_path) {
    std::vector<std::string> args = {PACTS_BINARY, "serve", "--port", "0", "-c", config};
    args.insert(args.end(), more.begin(), more.end());
    pid = spawn(args, log);
    REQUIRE(eventually([&] { return file_text(log).find("http://127.0.0.1:") != std::string::npos; },
                       std::chrono::milliseconds(20000)));
    auto text = file_text(log);
    port = std::stoi(text.substr(text.find("http://127.0.0.1:") + 17));
  }
  ~ServeProcess() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      wait_exit(pid);
    }
  }
  int stop() {
    kill(pid, SIGTERM);
    int code = wait_exit(pid);
    pid = -1;
    return code;
  }
};

struct Reply {
  int status = 0;
  std::string content_type, body;
  std::string csp;  // Content-Security-Policy
  json doc() const { return json::parse(body); }
};

Reply get(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  auto r = client.Get(path.c_str());
  REQUIRE(r);
  return {r->status, r->get_header_value("Content-Type"), r->body, r->get_header_value("Content-Security-Policy")};
}

// Runs a passing and a failing test (the failure leaves a screenshot) into a store on disk, and writes the
// config that `pacts serve` reads it with.
struct RecordedStore {
  TempDir dir{"pacts-serve-api"};
  std::string db = dir.path() + "/pacts.db";
  std::unique_ptr<Harness> h;
  std::string config = dir.path() + "/config.toml";
  std::string passed_id, failed_id;
  RecordedStore() {
    h = std::make_unique<Harness>("tests/pages", db);
    auto report = h->run_plan(h->plan(
        "Test: saves notifications\nURL: /ambiguous.html\nSteps:\n1. Click \"Save\" in the Notifications section\n"
        "Expected: \"Saved notifications\" is visible\n\n"
        "Test: expects a thank-you\nURL: /ambiguous.html\nSteps:\n1. Click \"Save\" in the Notifications section\n"
        "Expected: \"Thank you for your order\" is visible\n"));
    REQUIRE(report.tests.size() == 2);
    passed_id = report.tests[0].id;
    failed_id = report.tests[1].id;
    REQUIRE(report.tests[0].verdict == Verdict::Pass);
    REQUIRE(report.tests[1].verdict == Verdict::Fail);
    std::ofstream(config) << "[store]\npath = \"" << db << "\"\n[run]\nartifacts_dir = \""
                          << h->config.run.artifacts_dir << "\"\n";
  }
};

}  // namespace

TEST_CASE("pacts serve answers every endpoint over HTTP with the store's runs", "[serve]") {
  RecordedStore rec;
  ServeProcess serve(rec.config, rec.dir.path() + "/serve.log");

  auto health = get(serve.port, "/health");
  CHECK(health.status == 200);
  CHECK_THAT(health.content_type, Catch::StartsWith("application/json"));
  CHECK(health.doc()["store"]["reachable"] == true);
  CHECK(health.doc()["status"] == "ok");

  auto runs = get(serve.port, "/api/runs");
  REQUIRE(runs.status == 200);
  CHECK(runs.doc()["total"] == 2);
  CHECK(runs.doc()["runs"].size() == 2);
  auto failed = get(serve.port, "/api/runs?verdict=fail");
  REQUIRE(failed.doc()["runs"].size() == 1);
  CHECK(failed.doc()["runs"][0]["id"] == rec.failed_id);
  CHECK(get(serve.port, "/api/runs?test=thank-you").doc()["runs"][0]["id"] == rec.failed_id);
  CHECK(get(serve.port, "/api/runs?limit=1&offset=1").doc()["runs"].size() == 1);
  CHECK(get(serve.port, "/api/runs?since=2999-01-01").doc()["total"] == 0);

  auto detail = get(serve.port, "/api/runs/" + rec.failed_id);
  REQUIRE(detail.status == 200);
  auto run = detail.doc();
  CHECK(run["verdict"] == "fail");
  REQUIRE(run["steps"].size() == 1);
  CHECK(run["steps"][0]["action"] == "click");
  CHECK(run["steps"][0]["source"].is_string());
  REQUIRE(run["assertions"].size() == 1);
  CHECK(run["assertions"][0]["outcome"] == "failed");
  REQUIRE(run["artifacts"].size() == 2);  // the failure's screenshot and the page's HTML
  auto shot = get(serve.port, run["artifacts"][0]["url"].get<std::string>());
  CHECK(shot.status == 200);
  CHECK(shot.content_type == "image/png");
  CHECK(shot.body.substr(1, 3) == "PNG");
  CHECK(run["artifacts"][1]["kind"] == "html");
  auto page = get(serve.port, run["artifacts"][1]["url"].get<std::string>());
  CHECK(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  CHECK_THAT(page.body, Catch::Contains("</html>"));
  CHECK_THAT(page.csp, Catch::StartsWith("sandbox;"));  // the tested page's scripts never run beside the API
  CHECK_THAT(shot.csp, !Catch::StartsWith("sandbox"));

  auto summary = get(serve.port, "/api/summary").doc();
  CHECK(summary["runs"]["total"] == 2);
  CHECK(summary["runs"]["by_verdict"]["pass"] == 1);
  CHECK(summary["runs"]["by_verdict"]["fail"] == 1);
  CHECK(summary["cache"]["all_time"]["misses"].get<int>() >= 1);  // the first click was discovered
  auto cache = get(serve.port, "/api/cache");
  CHECK(cache.status == 200);
  REQUIRE(cache.doc()["days"].size() == 1);
  CHECK(cache.doc()["days"][0]["tiers"].contains("sqlite"));
  CHECK(get(serve.port, "/api/heal").doc()["strategies"].is_array());
  auto selectors = get(serve.port, "/api/selectors").doc()["selectors"];
  REQUIRE(selectors.size() >= 1);
  auto pattern = selectors[0]["url_pattern"].get<std::string>();
  CHECK(get(serve.port, "/api/selectors?url_pattern=" + httplib::detail::encode_query_param(pattern))
            .doc()["selectors"].size() == selectors.size());
  CHECK(get(serve.port, "/api/selectors?url_pattern=nowhere").doc()["selectors"].empty());
  CHECK(serve.stop() == 0);
}

TEST_CASE("pacts serve answers bad parameters with 400 and unknown ids with 404, in JSON", "[serve]") {
  RecordedStore rec;
  ServeProcess serve(rec.config, rec.dir.path() + "/serve.log");
  for (const char* bad : {"/api/runs?limit=abc", "/api/runs?limit=0", "/api/runs?limit=1001", "/api/runs?offset=-1",
                          "/api/runs?verdict=maybe", "/api/runs?since=yesterday", "/api/runs?colour=red",
                          "/api/runs?since=2026-01-01%27%20OR%201=1", "/api/selectors?limit=x"}) {
    INFO(bad);
    auto r = get(serve.port, bad);
    CHECK(r.status == 400);
    CHECK_THAT(r.content_type, Catch::StartsWith("application/json"));
    CHECK(r.doc()["error"].is_string());
  }
  CHECK_THAT(get(serve.port, "/api/runs?verdict=maybe").doc()["error"].get<std::string>(),
             Catch::Contains("pass, flaky, fail, error or running"));
  for (const char* unknown : {"/api/runs/no-such-run", "/api/artifacts/no-such-artifact", "/api/nothing"}) {
    INFO(unknown);
    auto r = get(serve.port, unknown);
    CHECK(r.status == 404);
    CHECK(r.doc()["error"].is_string());
  }
}

TEST_CASE("pacts serve sends no file outside the artifacts folder, whatever the store or the path says", "[serve]") {
  RecordedStore rec;
  // Rows that point out of the folder: straight at a file, through "..", and through a symlink inside it.
  std::string outside = rec.dir.path() + "/outside.txt";
  std::ofstream(outside) << "not an artifact";
  fs::create_symlink(outside, rec.h->config.run.artifacts_dir + "/link.png");
  {
    SQLite::Database db(rec.db, SQLite::OPEN_READWRITE);
    SQLite::Statement ins(db, "INSERT INTO artifacts (id, run_id, kind, path, bytes, created_at) VALUES (?, ?, "
                              "'screenshot', ?, 1, '2026-12-03T00:00:00Z')");
    for (auto [id, path] : {std::pair<std::string, std::string>{"abs", outside},
                            {"dots", rec.h->config.run.artifacts_dir + "/../" +
                                         fs::relative(outside, fs::path(rec.h->config.run.artifacts_dir).parent_path()).string()},
                            {"link", rec.h->config.run.artifacts_dir + "/link.png"}}) {
      ins.bind(1, id);
      ins.bind(2, rec.failed_id);
      ins.bind(3, path);
      ins.exec();
      ins.reset();
    }
  }
  ServeProcess serve(rec.config, rec.dir.path() + "/serve.log");
  for (const char* id : {"abs", "dots", "link"}) {
    INFO(id);
    auto r = get(serve.port, std::string("/api/artifacts/") + id);
    CHECK(r.status == 403);
    CHECK(r.body.find("not an artifact") == std::string::npos);
  }
  for (const char* path : {"/api/artifacts/..%2F..%2F..%2Fetc%2Fpasswd", "/api/artifacts/../../etc/passwd",
                           "/../../../../etc/passwd", "/api/runs/..%2F..%2Fetc%2Fpasswd"}) {
    INFO(path);
    auto r = get(serve.port, path);
    CHECK((r.status == 404 || r.status == 400));
    CHECK(r.body.find("root:") == std::string::npos);
  }
}

TEST_CASE("pacts serve's /metrics passes the Prometheus client's parser with every promised family", "[serve]") {
  RecordedStore rec;
  {
    // A heal outcome and a sync success, so that those families have samples from the store too.
    rec.h->store().record_heal_outcome({"/ambiguous.html", "", "text", true, 12.5, ""});
    rec.h->store().set_sync_state("last_success_at", "2026-12-03T10:00:00.500Z");
  }
  ServeProcess serve(rec.config, rec.dir.path() + "/serve.log");
  auto metrics = get(serve.port, "/metrics");
  REQUIRE(metrics.status == 200);
  CHECK_THAT(metrics.content_type, Catch::StartsWith("text/plain; version=0.0.4"));
  std::string file = rec.dir.path() + "/metrics.txt";
  std::ofstream(file) << metrics.body;
  std::string families =
      " pacts_runs_total:counter pacts_runs_running:gauge pacts_cache_lookups_total:counter pacts_cache_hits_total:counter"
      " pacts_discoveries_total:counter pacts_heal_attempts_total:counter pacts_step_duration_seconds:histogram"
      " pacts_cache_lookup_seconds:histogram pacts_sync_pending_entries:gauge"
      " pacts_sync_last_success_timestamp_seconds:gauge";
  std::string cmd = "/usr/bin/python3 " + source_path("tests/tools/check_metrics.py") + " " + file + families +
                    " > " + file + ".out 2>&1";
  int code = std::system(cmd.c_str());
  INFO(file_text(file + ".out") << "\n" << metrics.body);
  CHECK(code == 0);
  CHECK_THAT(metrics.body, Catch::Contains("pacts_runs_total{verdict=\"fail\"} 1\n"));
  CHECK_THAT(metrics.body, Catch::Contains("pacts_heal_attempts_total{strategy=\"text\",outcome=\"success\"} 1\n"));
  CHECK_THAT(metrics.body, Catch::Contains("pacts_sync_last_success_timestamp_seconds 1796292000.500\n"));
  CHECK_THAT(metrics.body, Catch::Contains("pacts_step_duration_seconds_count{action=\"click\"} 2\n"));
  // The parser refuses what is not the format: the check above can fail.
  std::ofstream(file) << metrics.body << "pacts_broken{oops 1\n";
  CHECK(std::system(cmd.c_str()) != 0);
}

TEST_CASE("the dashboard passes PACTS's own plain-English test of it in Chromium", "[serve]") {
  RecordedStore rec;
  ServeProcess serve(rec.config, rec.dir.path() + "/serve.log");
  auto page = get(serve.port, "/");
  CHECK(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  CHECK(page.body.find("http") == page.body.find("http://www.w3.org/2000/svg"));  // nothing from elsewhere
  // The run that checks it keeps its records in a store of its own.
  std::string log = rec.dir.path() + "/run.log";
  int code = wait_exit(spawn({PACTS_BINARY, "run", "--no-cache", "--base-url",
                              "http://127.0.0.1:" + std::to_string(serve.port) + "/",
                              source_path("tests/data/dashboard/dashboard.txt")},
                             log, {{"PACTS_STORE_PATH", rec.dir.path() + "/checker.db"},
                                   {"PACTS_RUN_ARTIFACTS_DIR", rec.dir.path() + "/checker-artifacts"}}));
  INFO(file_text(log));
  CHECK(code == 0);
}

TEST_CASE("pacts serve --postgres shows every device's runs from the team database", "[serve]") {
  std::string team = shared_services().fresh_postgres_database();
  RecordedStore laptop1, laptop2;  // two devices, each with a passing and a failing run
  for (auto* rec : {&laptop1, &laptop2}) {
    std::ofstream(rec->config, std::ios::app) << "[postgres]\nurl = \"" << team << "\"\n";
    std::string log = rec->dir.path() + "/sync.log";
    int code = wait_exit(spawn({PACTS_BINARY, "sync", "--push", "-c", rec->config}, log));
    INFO(file_text(log));
    REQUIRE(code == 0);
  }
  ServeProcess serve(laptop1.config, laptop1.dir.path() + "/serve-team.log", {"--postgres"});
  CHECK_THAT(file_text(serve.log), Catch::Contains("team database postgresql://"));

  auto health = get(serve.port, "/health");
  CHECK(health.status == 200);
  CHECK(health.doc()["team_database"]["reachable"] == true);
  auto runs = get(serve.port, "/api/runs");
  REQUIRE(runs.status == 200);
  CHECK(runs.doc()["total"] == 4);
  std::set<std::string> devices;
  auto listed = runs.doc();
  for (const auto& r : listed["runs"]) devices.insert(r["device_id"].get<std::string>());
  CHECK(devices.size() == 2);
  CHECK(get(serve.port, "/api/runs?verdict=fail").doc()["total"] == 2);
  CHECK(get(serve.port, "/api/runs?test=thank&limit=1").doc()["runs"].size() == 1);
  CHECK(get(serve.port, "/api/runs?since=2999-01-01").doc()["total"] == 0);
  CHECK(get(serve.port, "/api/runs?limit=0").status == 400);

  auto summary = get(serve.port, "/api/summary").doc();
  CHECK(summary["runs"]["total"] == 4);
  CHECK(summary["runs"]["by_verdict"]["fail"] == 2);
  CHECK(summary["cache"]["all_time"]["misses"].get<int>() >= 2);

  auto detail = get(serve.port, "/api/runs/" + laptop2.failed_id);
  REQUIRE(detail.status == 200);
  auto d = detail.doc();
  CHECK(d["verdict"] == "fail");
  CHECK(d["steps"].size() == 1);
  CHECK(d["steps"][0]["action"] == "click");
  CHECK(d["assertions"].size() == 1);
  CHECK(d["artifacts"].size() == 2);
  CHECK(get(serve.port, "/api/runs/no-such-run").status == 404);
  CHECK(get(serve.port, "/api/cache").doc()["days"].size() >= 1);
  CHECK(get(serve.port, "/api/heal").status == 200);
  CHECK(get(serve.port, "/api/selectors").status == 200);

  auto metrics = get(serve.port, "/metrics");
  REQUIRE(metrics.status == 200);
  std::string file = laptop1.dir.path() + "/team-metrics.txt";
  std::ofstream(file) << metrics.body;
  std::string cmd = "/usr/bin/python3 " + source_path("tests/tools/check_metrics.py") + " " + file +
                    " pacts_runs_total:counter pacts_runs_running:gauge pacts_cache_lookups_total:counter"
                    " pacts_discoveries_total:counter pacts_step_duration_seconds:histogram > " + file + ".out 2>&1";
  INFO(metrics.body);
  CHECK(std::system(cmd.c_str()) == 0);
  CHECK_THAT(metrics.body, Catch::Contains("pacts_runs_total{verdict=\"fail\"} 2\n"));
  CHECK_THAT(metrics.body, Catch::Contains("pacts_step_duration_seconds_count{action=\"click\"} 4\n"));
  CHECK(metrics.body.find("pacts_sync_pending_entries") == std::string::npos);  // a team database has no outbox
  CHECK(serve.stop() == 0);
}

TEST_CASE("pacts serve --postgres without postgres.url exits 2 naming the key", "[serve]") {
  TempDir dir("pacts-serve-api");
  std::string config = dir.path() + "/config.toml";
  std::ofstream(config) << "[store]\npath = \"" << dir.path() << "/pacts.db\"\n";
  std::string log = dir.path() + "/serve.log";
  CHECK(wait_exit(spawn({PACTS_BINARY, "serve", "--postgres", "--port", "0", "-c", config}, log)) == 2);
  CHECK_THAT(file_text(log), Catch::Contains("postgres.url"));
}
