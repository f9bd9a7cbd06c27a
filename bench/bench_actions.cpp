// Per-action overhead of the runner on the shop flow, cold (empty cache: discovery) and warm (every selector
// from SQLite): for each step, the step's wall time minus the time spent waiting on the browser.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "browser/browser.h"
#include "cache/factory.h"
#include "core/temp_dir.h"
#include "run/runner.h"
#include "serve/static_server.h"
#include "plan/loader.h"
#include "stats.h"
#include "store/store.h"

using namespace pacts;

namespace {

struct Quiet : RunObserver {};

void report(const char* label, const RunReport& r) {
  std::map<std::string, std::vector<double>> overhead, wall, lookup, discovery, trips;
  std::vector<double> all_overhead, all_wall;
  int steps = 0;
  for (const auto& t : r.tests) {
    for (const auto& s : t.steps) {
      if (s.outcome != Outcome::Passed) continue;
      ++steps;
      double own = s.duration_ms - s.timings.browser_ms;
      overhead[s.action].push_back(own);
      wall[s.action].push_back(s.duration_ms);
      lookup[s.action].push_back(s.timings.lookup_ms);
      discovery[s.action].push_back(s.timings.discovery_ms);
      trips[s.action].push_back(static_cast<double>(s.timings.round_trips));
      all_overhead.push_back(own);
      all_wall.push_back(s.duration_ms);
    }
  }
  std::printf("\n%s: %zu tests, %d steps, %s, %.0f ms in all\n", label, r.tests.size(), steps,
              r.failed() ? "SOME FAILED" : "all passed", r.duration_ms);
  std::printf("  %-8s %5s %12s %12s %14s %14s %12s %12s\n", "action", "n", "wall p50", "wall mean", "overhead p50",
              "overhead mean", "lookup mean", "round trips");
  for (const auto& [action, v] : overhead)
    std::printf("  %-8s %5zu %10.1fms %10.1fms %12.2fms %12.2fms %10.2fms %9.0f p50\n", action.c_str(), v.size(),
                bench::percentile(wall[action], 50), bench::mean(wall[action]), bench::percentile(v, 50), bench::mean(v),
                bench::mean(lookup[action]), bench::percentile(trips[action], 50));
  std::printf("  %-8s %5zu %10.1fms %10.1fms %12.2fms %12.2fms\n", "all", all_overhead.size(),
              bench::percentile(all_wall, 50), bench::mean(all_wall), bench::percentile(all_overhead, 50),
              bench::mean(all_overhead));
}

}  // namespace

int main(int argc, char** argv) {
  std::string file = argc > 1 ? argv[1] : std::string(PACTS_SOURCE_DIR) + "/examples/requirements/shop_e2e.txt";
  StaticServer server(std::string(PACTS_SOURCE_DIR) + "/examples/sites");
  TempDir dir("pacts-bench");
  Config config;
  config.run.artifacts_dir = dir.path() + "/artifacts";
  Store store(dir.path() + "/pacts.db");
  auto cache = make_selector_cache(config, store, nullptr);
  Browser browser{BrowserOptions{}};
  LoadOptions lo;
  Plan plan = load_plan({file}, lo);
  Quiet quiet;
  ExecutorOptions eo;
  eo.run = config.run;
  eo.base_url = server.base_url();
  eo.ci = true;
  std::printf("per-action overhead: %s (the runner's time = step wall time - time waiting on the browser)\n", file.c_str());
  auto cold = run_plan(plan, browser, &store, cache.get(), quiet, eo);
  report("cold (empty cache, discovery)", cold);
  auto warm = run_plan(plan, browser, &store, cache.get(), quiet, eo);
  report("warm (every selector from sqlite)", warm);
  return cold.failed() || warm.failed() ? 1 : 0;
}
