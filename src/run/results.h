#pragma once
// What a run produced, step by step: plain values for the console, the JSON report and the store.
#include <optional>
#include <string>
#include <vector>

namespace pacts {

// Why a step or an assertion failed.
namespace reason {
inline constexpr const char* kNotFound = "not_found";
inline constexpr const char* kAmbiguous = "ambiguous";
inline constexpr const char* kNotVisible = "not_visible";
inline constexpr const char* kDisabled = "disabled";
inline constexpr const char* kNotEditable = "not_editable";
inline constexpr const char* kCovered = "covered";
inline constexpr const char* kTimeout = "timeout";
inline constexpr const char* kAssertionFailed = "assertion_failed";
inline constexpr const char* kNavigationFailed = "navigation_failed";
inline constexpr const char* kManual = "manual_step";
inline constexpr const char* kBrowser = "browser_error";
}  // namespace reason

struct StepResult {
  int index = 0;
  int line = 0;
  std::string action;
  std::optional<std::string> target;
  std::optional<std::string> value;     // secrets masked
  std::optional<std::string> selector;
  std::optional<std::string> strategy;
  std::optional<std::string> source;    // sqlite, redis, postgres, discovery, healed
  std::optional<double> score;
  std::string outcome = "skipped";      // passed, failed, skipped
  std::string reason;
  std::string error;
  std::vector<std::string> candidates;  // on not_found / ambiguous: what was there
  std::string started_at;
  double duration_ms = 0;
  double lookup_ms = 0;
  double discovery_ms = 0;
  double action_ms = 0;
  double settle_ms = 0;
  double browser_ms = 0;  // time waiting on the browser (page scripts, input, settling)
  std::string screenshot;
};

struct AssertionResult {
  int line = 0;
  std::string type;
  std::string value;  // secrets masked
  std::string outcome = "skipped";
  std::string error;
  std::string started_at;
  double duration_ms = 0;
  std::string screenshot;
};

struct TestResult {
  std::string run_id;
  std::string test;
  std::string file;
  std::string url;
  std::string verdict = "error";  // pass, fail, error
  std::string reason;
  std::string error;
  std::string started_at;
  double duration_ms = 0;
  std::vector<StepResult> steps;
  std::vector<AssertionResult> assertions;
  std::vector<std::string> artifacts;
};

}  // namespace pacts
