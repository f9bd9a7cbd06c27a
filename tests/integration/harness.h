#pragma once
// Integration tests run real Chromium against real pages served on loopback. One browser per test process
// (as one per `pacts run`); each run gets its own store and cache unless a test shares them on purpose.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "browser/browser.h"
#include "cache/selector_cache.h"
#include "config/config.h"
#include "core/temp_dir.h"
#include "run/runner.h"
#include "serve/static_server.h"
#include "plan/plan.h"
#include "store/store.h"

namespace pacts::testing {

Browser& shared_browser();

struct RecordingObserver : RunObserver {
  std::vector<std::string> warnings;
  std::function<void(const StepRecord&)> on_step;  // lets a test act between steps (stop a server mid-run)
  void warning(const std::string& m) override { warnings.push_back(m); }
  void step_finished(const StepRecord& s) override {
    if (on_step) on_step(s);
  }
};

class Harness {
 public:
  // site: a folder served for the run (relative URLs resolve against it), absolute or under the source tree.
  explicit Harness(const std::string& site, const std::string& store_path = ":memory:");

  Plan plan(const std::string& requirement_text);
  TestResult run(const std::string& requirement_text);
  // A .feature's text, read as if it were the file tests/pages/test.feature (files to attach are relative to
  // tests/pages), with these named pages.
  Plan plan_feature(const std::string& feature_text, const std::map<std::string, std::string>& pages = {});
  TestResult run_feature(const std::string& feature_text, const std::map<std::string, std::string>& pages = {});
  RunReport run_plan(const Plan& plan);
  RunReport run_plan(const Plan& plan, RecordingObserver& observer);  // with an observer of the test's own

  Config config;           // tests may shorten timeouts before running
  bool use_cache = true;
  std::string browser_ws;  // non-empty: every worker runs in contexts of the browser at this DevTools websocket
  Store& store() { return *store_; }
  SelectorCache& cache();
  std::string base_url() const { return server_.base_url(); }
  RecordingObserver observer;

 private:
  StaticServer server_;
  TempDir artifacts_{"pacts-test-artifacts"};
  std::unique_ptr<Store> store_;
  std::unique_ptr<SelectorCache> cache_;
};

std::string source_path(const std::string& relative);
bool png_file(const std::string& path);

}  // namespace pacts::testing
