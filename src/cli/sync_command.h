#pragma once
// `pacts run --sync`: the team's changes are pulled before the run and the run's records pushed after it, so
// that a CI job with PACTS_STORE_PATH=:memory: starts from the team's selectors and leaves its records in
// the team database and nothing on disk.
#include <functional>
#include <optional>
#include <string>

#include "config/config.h"
#include "run/runner.h"
#include "store/store.h"

namespace pacts {

// A failed pull is a warning: the run goes on from what the local store has.
void pull_before_run(const Config& config, Store& store, const std::function<void(const std::string&)>& warn);
// Pushes, prints what moved, and returns the run's exit code, or 2 when the records did not all reach the team
// database (a test failure's 1 then becomes 2; a lost browser's 3 or a bug's 4 stay). The sync's JSON goes to
// sync_json.
int push_after_run(const Config& config, Store& store, int run_exit_code, std::string& sync_json);
// The run's JSON report (its text) with the sync's JSON as its "sync" member.
void write_run_report_with_sync(std::string json, const std::string& path, const std::string& sync_json);

}  // namespace pacts
