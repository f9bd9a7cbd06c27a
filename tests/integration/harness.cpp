#include "harness.h"

#include <fstream>

#include <catch2/catch.hpp>

#include "cache/factory.h"
#include "plan/loader.h"

namespace pacts::testing {

std::string source_path(const std::string& relative) { return std::string(PACTS_SOURCE_DIR) + "/" + relative; }

Browser& shared_browser() {
  static Browser browser{BrowserOptions{}};
  return browser;
}

bool png_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char sig[8] = {};
  in.read(sig, 8);
  return in.gcount() == 8 && std::string(sig + 1, 3) == "PNG";
}

Harness::Harness(const std::string& site, const std::string& store_path)
    : server_(site.rfind("/", 0) == 0 ? site : source_path(site)), store_(std::make_unique<Store>(store_path)) {
  config.run.step_timeout_ms = 3000;
  config.run.assertion_timeout_ms = 2000;
  config.run.artifacts_dir = artifacts_.path();
}

SelectorCache& Harness::cache() {
  if (!cache_) cache_ = make_selector_cache(config, *store_, [this](const std::string& w) { observer.warning(w); });
  return *cache_;
}

Plan Harness::plan(const std::string& text) {
  std::vector<PlanError> errors;
  LoadOptions options;
  options.env = process_environment();
  auto tests = read_text_requirements("test.txt", text, options, errors);
  for (const auto& e : errors) FAIL(e.str());
  return Plan{tests};
}

Plan Harness::plan_feature(const std::string& text, const std::map<std::string, std::string>& pages) {
  std::vector<PlanError> errors;
  LoadOptions options;
  options.env = process_environment();
  options.pages = pages;
  auto tests = read_gherkin_feature(source_path("tests/pages/test.feature"), text, options, errors);
  for (const auto& e : errors) FAIL(e.str());
  return Plan{tests};
}

TestResult Harness::run_feature(const std::string& text, const std::map<std::string, std::string>& pages) {
  auto report = run_plan(plan_feature(text, pages));
  REQUIRE(report.tests.size() == 1);
  return report.tests[0];
}

RunReport Harness::run_plan(const Plan& plan) { return run_plan(plan, observer); }

RunReport Harness::run_plan(const Plan& plan, RecordingObserver& obs) {
  ExecutorOptions eo;
  eo.run = config.run;
  eo.base_url = base_url();
  eo.ci = true;
  // With config.run.workers, worker 1 uses the shared browser and the others launch their own, as `pacts run` does;
  // with browser_ws, every worker connects to that browser and runs in contexts of it, as with --browser-ws.
  if (!browser_ws.empty()) {
    BrowserOptions remote;
    remote.ws_url = browser_ws;
    return pacts::run_plan(plan, BrowserSource{nullptr, [remote] { return std::make_unique<Browser>(remote); }},
                           store_.get(), use_cache ? &cache() : nullptr, obs, eo);
  }
  return pacts::run_plan(plan, shared_browser(), store_.get(), use_cache ? &cache() : nullptr, obs, eo,
                         [] { return std::make_unique<Browser>(BrowserOptions{}); });
}

TestResult Harness::run(const std::string& text) {
  auto report = run_plan(plan(text));
  REQUIRE(report.tests.size() == 1);
  return report.tests[0];
}

}  // namespace pacts::testing
