#pragma once
// Keeping what a test did: its run record, steps and assertions in the store (and so in the sync outbox), and
// screenshots as artifacts with their SHA-256. The store is optional (null: nothing is recorded). A record
// that cannot be written does not stop the run: it is said once, as a warning, and the run goes on.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "run/results.h"

namespace pacts {

class Page;
class Store;
class RunObserver;

class Recorder {
 public:
  // screenshots: run.screenshots, the policy: "all", "failures" or "off".
  Recorder(Store* store, RunObserver& observer, std::string artifacts_dir, std::string screenshots = "failures")
      : store_(store), observer_(observer), artifacts_dir_(std::move(artifacts_dir)),
        screenshots_(std::move(screenshots)) {}

  void run_started(const RunRecord& run);
  // Writes the run's steps and assertions, then its final record.
  void run_finished(const TestResult& result);
  // One heal attempt, counted in the store's heal_history (and so queued for sync).
  void heal_outcome(const HealOutcome& outcome);
  // The heal history of a page (cache_key "") or of one key; empty without a store.
  std::vector<HealStatsRow> heal_stats(const std::string& url_pattern, const std::string& cache_key = "");
  // A PNG of the page under <artifacts_dir>/<run id>/<name>.png, recorded as an artifact of the run and added
  // to result.artifacts; returns its absolute path, or "" (with a warning) when it could not be taken or
  // written. failure: the page after a failure; healed: after a healed step's action (kept under "failures"
  // too). Returns "" without taking one when the policy says no ("off"; or "failures" and neither). Beside a
  // failure's screenshot goes the page's HTML, <name>.html (see dom_snapshot).
  std::string screenshot(Page& page, TestResult& result, const std::string& name, std::optional<int> step_index,
                         bool failure = true, bool healed = false);

 private:
  // The page's HTML (document.documentElement.outerHTML, no password field's value, every secret of the run
  // masked) as `file`, recorded as an artifact of kind "html"; a failure to take it is a warning.
  void dom_snapshot(Page& page, TestResult& result, const std::string& file, std::optional<int> step_index);
  // Writes `bytes` to `file`, records it as an artifact of the run (with its SHA-256) and adds it to
  // result.artifacts; returns its absolute path. Throws when the file cannot be written.
  std::string keep(TestResult& result, const std::string& file, const std::string& bytes, const char* kind,
                   std::optional<int> step_index);
  // take()'s path; or "" when it failed, said once per `warned` as "could not save <what>: ..." (an interrupt
  // goes on up).
  std::string saving(const char* what, bool& warned, const std::function<std::string()>& take);
  // false when there is no store or the write failed (warned once).
  bool store_safely(const std::function<void(Store&)>& write);

  Store* store_;
  RunObserver& observer_;
  std::string artifacts_dir_;
  std::string screenshots_;
  bool run_recorded_ = false;
  bool store_warned_ = false;
  bool screenshot_warned_ = false;
  bool snapshot_warned_ = false;
};

std::string sha256_hex(const std::string& data);

// Texts a record took from the page or the browser (an error quoting the URL the browser reports, the page's
// text, a candidate's name, a selector) with every secret of this run masked (see mask_secrets). Values PACTS
// composed itself are masked at their source already (MaskedText); this covers the echoes.
void mask_echoes(StepRecord& record);
void mask_echoes(RunRecord& record);

}  // namespace pacts
