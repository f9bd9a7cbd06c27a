// The serve module without sockets: /metrics text from a store, scraped incrementally, and the JSON API's
// parameter checks. Real SQLite stores in temp files.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/ids.h"
#include "core/temp_dir.h"
#include "serve/api.h"
#include "serve/metrics.h"
#include "store/store.h"

using namespace pacts;

namespace {

struct StoreWithRuns {
  TempDir dir{"pacts-serve-unit"};
  std::string path = dir.path() + "/pacts.db";
  Store store{path};

  std::string add_run(Verdict verdict, const std::vector<std::pair<std::string, double>>& steps) {
    RunRecord r;
    r.id = new_uuid_v7();
    r.invocation_id = new_uuid_v7();
    r.test_name = "checkout";
    r.file = "shop.txt";
    r.started_at = now_iso8601();
    store.begin_run(r);
    int i = 0;
    for (const auto& [action, ms] : steps) {
      StepRecord s;
      s.id = new_uuid_v7();
      s.run_id = r.id;
      s.index = i++;
      s.action = action;
      s.outcome = Outcome::Passed;
      s.duration_ms = ms;
      s.started_at = now_iso8601();
      store.add_step(s);
    }
    r.verdict = verdict;
    r.finished_at = now_iso8601();
    store.finish_run(r);
    return r.id;
  }
};

}  // namespace

TEST_CASE("a scrape counts each step once, in its histogram bucket, and runs by verdict", "[serve]") {
  StoreWithRuns s;
  s.add_run(Verdict::Pass, {{"click", 30}, {"fill", 700}});
  Api api({s.path, s.dir.path(), 0.8, {}});
  auto first = api.get("/metrics", {}).body;
  CHECK_THAT(first, Catch::Contains("pacts_runs_total{verdict=\"pass\"} 1\n"));
  CHECK_THAT(first, Catch::Contains("pacts_step_duration_seconds_bucket{action=\"click\",le=\"0.05\"} 1\n"));
  CHECK_THAT(first, Catch::Contains("pacts_step_duration_seconds_bucket{action=\"fill\",le=\"0.5\"} 0\n"));
  CHECK_THAT(first, Catch::Contains("pacts_step_duration_seconds_bucket{action=\"fill\",le=\"1\"} 1\n"));
  CHECK_THAT(first, Catch::Contains("pacts_step_duration_seconds_count{action=\"fill\"} 1\n"));
  s.add_run(Verdict::Fail, {{"click", 200}});
  auto second = api.get("/metrics", {}).body;
  CHECK_THAT(second, Catch::Contains("pacts_runs_total{verdict=\"fail\"} 1\n"));
  CHECK_THAT(second, Catch::Contains("pacts_step_duration_seconds_count{action=\"click\"} 2\n"));
  CHECK_THAT(second, Catch::Contains("pacts_step_duration_seconds_count{action=\"fill\"} 1\n"));  // not twice
  CHECK_THAT(second, Catch::Contains("# TYPE pacts_step_duration_seconds histogram\n"));
}

TEST_CASE("a Prometheus label value escapes backslash, quote and line feed", "[serve]") {
  CHECK(prometheus_label_value("a\\b\"c\nd") == "a\\\\b\\\"c\\nd");
  CHECK(epoch_seconds("2026-12-03T10:00:00.5Z") == 1796292000.5);
  CHECK(epoch_seconds("yesterday") == 0);
}

TEST_CASE("the JSON API refuses bad parameters with 400 and unknown runs with 404", "[serve]") {
  StoreWithRuns s;
  auto id = s.add_run(Verdict::Pass, {{"click", 30}});
  Api api({s.path, s.dir.path(), 0.8, {}});
  CHECK(api.get("/api/runs", {{"limit", "abc"}}).status == 400);
  CHECK(api.get("/api/runs", {{"limit", "99999999999999999999"}}).status == 400);
  CHECK(api.get("/api/runs", {{"since", "2026-13"}}).status == 400);
  CHECK(api.get("/api/runs", {{"verdict", "PASS"}}).status == 400);
  CHECK(api.get("/api/runs/" + id, {}).status == 200);
  CHECK(api.get("/api/runs/x" + id, {}).status == 404);
  auto list = nlohmann::json::parse(api.get("/api/runs", {{"verdict", "pass"}, {"limit", "1"}}).body);
  CHECK(list["runs"][0]["id"] == id);
}
