#pragma once
// `pacts sync`: push this device's outbox to the team store, then pull the team's changes (push.h, pull.h),
// once, or over and over (watch), and what `pacts sync --status` shows. The team store is postgres.url; the
// settings are [sync] in config.toml.
//
// A sync never throws for the state of the team store or of the local store (down, refusing, a schema of
// another version, locked past the busy timeout): the report says what moved before it stopped and why,
// and the local store remembers the last success and the last error. It throws Error(BadInput) when no team
// store is configured, and lets a PACTS bug (Internal) through.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "config/config.h"
#include "store/records.h"
#include "store/store.h"
#include "sync/pull.h"
#include "sync/push.h"

namespace pacts {

enum class SyncMode { PushAndPull, Push, Pull };

struct SyncReport {
  SyncMode mode = SyncMode::PushAndPull;
  bool pushed = false;     // the push ran to its end
  bool pulled = false;     // the pull ran to its end
  PushReport push;
  PullReport pull;
  int64_t pruned = 0;      // delivered outbox entries removed after sync.keep_pushed_days
  int64_t pending = 0;     // entries still waiting afterwards
  std::string error;       // why it stopped; "" when it did all it was asked
  bool interrupted = false;
  std::string finished_at;
  double seconds = 0;
};

// 0 when everything moved; 2 when it stopped on an error or the team store refused an entry; 128 + the
// signal when Ctrl-C or SIGTERM stopped it.
int exit_code_of(const SyncReport& report);

SyncReport sync_once(const Config& config, Store& store, SyncMode mode);

// Syncs every `interval_s` until Ctrl-C or SIGTERM (install_signal_handlers() first). While a sync fails it
// tries again after 1 s, then twice as long each time, up to config.sync.max_backoff_s; the first success
// returns to the interval. A signal during a sync stops it between two batches. Returns 128 + the signal.
int watch(const Config& config, Store& store, SyncMode mode, int interval_s,
          const std::function<void(const SyncReport&)>& on_sync);

// `pacts sync --status`: the local view, without contacting the team store.
struct SyncStatus {
  std::string device_id, device_name;
  OutboxStatus outbox;
  std::string last_success_at, last_error, last_error_at;
  std::vector<OutboxEntry> rejected;  // the newest few
};
SyncStatus sync_status(Store& store);

// Text for a person and JSON for a program (--json PATH).
std::string sync_report_text(const SyncReport& report);
std::string sync_report_json(const SyncReport& report);
std::string sync_status_text(const SyncStatus& status);
std::string sync_status_json(const SyncStatus& status);
std::string team_info_text(const TeamInfo& info);
std::string team_info_json(const TeamInfo& info);

// The team store configured for sync (postgres.url with sync's deadlines); throws BadInput when there is none.
TeamDbOptions team_db_options(const Config& config);

}  // namespace pacts
