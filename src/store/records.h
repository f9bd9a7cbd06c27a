#pragma once
// The rows PACTS keeps: runs, their steps and artifacts, and cached selectors. Plain values.
#include <cstdint>
#include <optional>
#include <string>

namespace pacts {

// What a cached selector is for: one meaning of a step on one kind of page.
struct SelectorKey {
  std::string url_pattern;  // see url_pattern() in core/url.h
  std::string action;       // fill, click, ...
  std::string target;       // as the tester wrote it, spaces collapsed
  std::string scope;        // "within", or ""
  int ordinal = 0;          // 0: none
  std::string context;      // relative target's item, or ""

  // The tuple in one canonical string, identical in every tier: fields joined by " | ", with '|' and '\'
  // escaped inside fields.
  std::string canonical() const;
};

struct SelectorRecord {
  SelectorKey key;
  std::string selector;     // PACTS selector: CSS segments joined by " >>> " across shadow roots and iframes
  std::string strategy;     // testid, label, placeholder, role_name, ...
  double confidence = 0;
  bool stable = true;       // false: positional or keyed on a generated id; never stored
  std::string fingerprint;  // JSON
  std::string verified_at;
  std::string created_at;
  int64_t hit_count = 0;
  int64_t miss_count = 0;
  int failures_in_a_row = 0;
};

struct RunRecord {
  std::string id;             // UUIDv7
  std::string invocation_id;  // the `pacts run` it belongs to
  std::string test_name;
  std::string file;
  std::string url;
  std::string verdict = "running";  // running, pass, fail, error
  std::string reason;
  std::string error;
  std::string started_at;
  std::string finished_at;
  int64_t duration_ms = 0;
  int total_steps = 0;
  int steps_passed = 0;
  int total_assertions = 0;
  int assertions_passed = 0;
};

struct StepRecord {
  std::string id;
  std::string run_id;
  std::string kind = "step";  // step, assertion
  int idx = 0;
  int line = 0;
  std::string action;
  std::optional<std::string> target;
  std::optional<std::string> value;  // masked
  std::optional<std::string> selector;
  std::optional<std::string> strategy;
  std::optional<std::string> source;
  std::optional<double> score;
  std::string outcome = "passed";  // passed, failed, skipped
  std::optional<std::string> reason;
  std::optional<std::string> error;
  std::string started_at;
  double duration_ms = 0;
  double lookup_ms = 0;
  double discovery_ms = 0;
  double action_ms = 0;
  double settle_ms = 0;
};

struct ArtifactRecord {
  std::string id;
  std::string run_id;
  std::optional<int> step_idx;
  std::string kind;  // screenshot, html
  std::string path;
  int64_t bytes = 0;
  std::string sha256;
  std::string created_at;
};

// Cache telemetry of one `pacts run` for one tier ("sqlite", "redis", "postgres"), or for the run as a whole
// ("all": misses, failed verifications, invalidations, discoveries).
struct CacheStatsRow {
  std::string tier;
  int64_t lookups = 0, hits = 0, errors = 0, skipped = 0, writes = 0;
  double time_ms = 0;
  std::string histogram = "[]";  // JSON array of counts per latency bucket
  int64_t misses = 0, verifications_failed = 0, invalidations = 0, discoveries = 0;
  int64_t invocations = 0;       // when read back as totals: how many runs they cover
};

}  // namespace pacts
