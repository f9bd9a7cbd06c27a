#pragma once
// What the sync tests share: device stores filled with every kind of outbox entry, dumps of the team store
// to compare, and the pacts executable as a process (to run, stop at a fault point, and kill).
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/store.h"

namespace pacts::testing {

// What fill_outbox() queued, to check the team store against.
struct Workload {
  int64_t entries = 0;
  int64_t runs = 0;
  int64_t steps = 0;
  int64_t hits = 0;
  int64_t heal_successes = 0;
  int64_t cache_stats_runs = 0;
};

// Queues exactly `entries` outbox entries through the store's API: runs (started and finished) with steps,
// cache telemetry, selectors and verified hits on overlapping keys, heal outcomes, misses and invalidations.
Workload fill_outbox(Store& store, int64_t entries, const std::string& tag);

// Every row of every team table, every column, sorted: two dumps are equal only if nothing changed.
std::string full_dump(const std::string& url);
// What the merge rules decide, without what the server makes up (its clock, transaction stamps, the split of
// applied ranges): equal for two pushes of the same entries however they were interrupted.
std::string content_dump(const std::string& url);
// One value of a query, as text.
std::string query_value(const std::string& url, const std::string& sql);
// Each seq 1..n of the device is inside exactly one applied range.
bool applied_exactly_once(const std::string& url, const std::string& device_id, int64_t n);

// The pacts executable, started with extra environment variables (and in `cwd` when given), its stdout and
// stderr going to `log`. An empty config file is used unless the args name one.
pid_t spawn_pacts(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                  const std::string& log, const std::string& cwd = "");
// Waits for the process to exit; its exit code, or 128 + the signal that killed it. Kills it and fails the
// test after `limit`.
int wait_exit(pid_t pid, std::chrono::seconds limit = std::chrono::seconds(120));
// Waits until the process stopped itself at its fault point (PACTS_SYNC_STOP_AT); false if it exited first.
bool wait_stopped(pid_t pid);
std::string read_file(const std::string& path);
// Runs pacts to its end: the exit code, with the output in *out.
int run_pacts(const std::vector<std::string>& args, const std::map<std::string, std::string>& env, std::string* out);

}  // namespace pacts::testing
