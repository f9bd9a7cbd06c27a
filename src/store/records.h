#pragma once
// The rows PACTS keeps: runs, their steps and assertions, artifacts, and cached selectors. Plain values. The
// executor fills these same records as a test runs; the store writes them, the reports print them, and sync
// replicates them: one type per row from the page to the team database.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/outcome.h"

namespace pacts {

// What a cached selector is for: one meaning of a step on one kind of page. The cache (cache/cache_key.h)
// builds it from a step; the store keys its rows by canonical().
struct SelectorKey {
  std::string url_pattern;  // see url_pattern() in core/url.h
  std::string action;       // fill, click, ...
  std::string target;       // as the tester wrote it, spaces collapsed, with the kind of element it names
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
  std::string url;            // secrets masked
  Verdict verdict = Verdict::Running;
  FailureReason reason = FailureReason::None;
  std::string error;
  std::string started_at;
  std::string finished_at;
  double duration_ms = 0;
  int total_steps = 0;
  int steps_passed = 0;
  int total_assertions = 0;
  int assertions_passed = 0;
  int attempt = 1;            // 1: the test's first run; 2: its first retry (run.retries), ...
};

// A step whose cached selector drifted (it matched one element, not the one it was stored for), and how the
// step healed. Shown by the reports; not stored with the step (heal_history counts heals).
struct StepHeal {
  std::string old_selector;
  double similarity = 0;             // of the element the old selector matched, to the stored fingerprint
  std::vector<std::string> changed;  // the fingerprint features that differed
  std::string strategy;              // the heal strategy that found the element; "" when none did
  size_t tried = 0;                  // strategies tried
  double heal_ms = 0;                // the heal's time: snapshot and strategies
  std::string stored_fingerprint;    // the print the old selector was stored with (not reported)
  bool matched_nothing = false;      // the old selector matched nothing (stale), not another element
};

enum class StepKind { Step, Assertion };
const char* name(StepKind k);

// Where a step's time went, in milliseconds.
struct StepTimings {
  double lookup_ms = 0;     // cache lookups and verifying a hit on the page
  double discovery_ms = 0;  // finding the element when the cache could not
  double action_ms = 0;     // waiting until actionable, and acting
  double settle_ms = 0;     // waiting for the page after the action
  double browser_ms = 0;    // of all that, time spent waiting on the browser (not stored)
  int64_t round_trips = 0;  // calls to the browser it made, each waited for (not stored)
};

// One step or one assertion of a run. For an assertion, `action` is the assertion's type and `value` the
// text it checks.
struct StepRecord {
  std::string id;
  std::string run_id;
  StepKind kind = StepKind::Step;
  int index = 0;  // among the run's steps, or among its assertions
  int line = 0;   // 0 when the source has no lines (JSON)
  std::string action;
  std::optional<std::string> target;
  std::optional<std::string> within;   // the target's scope, context and ordinal, as the sentence gave them
  std::optional<std::string> context;  // (shown and reported; not stored: the cache key holds them)
  std::optional<int> ordinal;
  std::optional<std::string> value;  // secrets masked
  std::optional<std::string> selector;
  std::optional<std::string> strategy;
  std::optional<std::string> source;  // the tier the selector came from: sqlite, redis, postgres; or discovery
  std::optional<double> score;
  Outcome outcome = Outcome::Skipped;
  FailureReason reason = FailureReason::None;
  std::string error;
  std::vector<std::string> candidates;  // on not_found / ambiguous: what was there (not stored)
  std::optional<StepHeal> heal;         // source "healed", or a drift that could not heal (not stored here)
  std::string screenshot;               // the page after the step, also an artifact (not stored here): after
                                        // a failure, or after every step with run.screenshots = "all"
  std::string started_at;
  double duration_ms = 0;
  StepTimings timings;
};

// What Store::prune_runs removed.
struct PrunedRuns {
  int64_t runs = 0;
  int64_t steps = 0;  // steps and assertions
  std::vector<std::pair<std::string, int64_t>> artifacts;  // recorded path, bytes
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

// One heal attempt's result, as healing reports it. The store counts it per (URL pattern, strategy) and per
// (cache key, strategy), and sync carries both counts to the team store as deltas.
struct HealOutcome {
  std::string url_pattern;
  std::string cache_key;  // the step's cache key; "" when the heal was for no particular key
  std::string strategy;
  bool success = false;
  double duration_ms = 0;
  std::string at;  // ISO 8601; empty: now
};

// One row of heal statistics: a strategy's counts on a page (cache_key "") or for one key, for one device
// (device_id) or summed over devices (device_id "").
struct HealStatsRow {
  std::string url_pattern;
  std::string cache_key;
  std::string strategy;
  std::string device_id;
  int64_t successes = 0;
  int64_t failures = 0;
  double total_ms = 0;
  std::string last_used_at;
};

// One change waiting in the sync outbox: this device's changes, in sequence order, until the team database
// has them.
struct OutboxEntry {
  int64_t seq = 0;  // this device's monotonic sequence number
  std::string device_id;
  std::string entity;     // run, run_step, artifact, selector, selector_counters, selector_invalidated, ...
  std::string entity_id;
  std::string op;         // upsert, delete, delta
  std::string payload;    // JSON
  std::string created_at;
  std::string rejected_error;  // why the team store refused it; "" for every other entry
};

}  // namespace pacts
