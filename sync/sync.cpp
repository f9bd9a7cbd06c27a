#include "sync/sync.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include "cache/redis_tier.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/interrupt.h"

namespace pacts {

namespace {

constexpr const char* kLastSuccess = "last_success_at";
constexpr const char* kLastError = "last_error";
constexpr const char* kLastErrorAt = "last_error_at";

// The local store may itself be what failed: remembering the outcome is then left out, not fatal.
void remember_outcome(Store& store, const SyncReport& r) {
  try {
    if (r.error.empty() && !r.interrupted) {
      store.set_sync_state(kLastSuccess, r.finished_at);
    }
    std::string error = r.error;
    if (error.empty() && !r.push.rejected.empty())
      error = std::to_string(r.push.rejected.size()) + " outbox entries were refused by the team database";
    if (!error.empty()) {
      store.set_sync_state(kLastError, error);
      store.set_sync_state(kLastErrorAt, r.finished_at);
    }
  } catch (const Error&) {
  }
}

void push_and_prune(const Config& config, Store& store, TeamDb& team, SyncReport& r) {
  Device device{store.device_id(), config.sync.device_name.empty() ? store.device_name() : config.sync.device_name};
  r.push = push_outbox(store, team, device, config.sync.batch_size, [&](const PushReport& p) { r.push = p; });
  r.interrupted = r.push.stopped;
  r.pushed = !r.push.stopped;
  auto keep = std::chrono::hours(24) * config.sync.keep_pushed_days;
  r.pruned = store.outbox_prune(iso8601(std::chrono::system_clock::now() - keep));
}

void pull(const Config& config, Store& store, TeamDb& team, SyncReport& r) {
  std::unique_ptr<RedisTier> redis;
  if (!config.redis.url.empty()) redis = std::make_unique<RedisTier>(config.redis);
  r.pull = pull_team_changes(store, team, redis.get());
  r.pulled = true;
}

}  // namespace

TeamDbOptions team_db_options(const Config& config) {
  if (config.postgres.url.empty())
    throw_bad_input("no team database is configured: set postgres.url in config.toml (or PACTS_POSTGRES_URL)");
  TeamDbOptions o;
  o.url = config.postgres.url;
  o.connect_timeout_ms = config.sync.connect_timeout_ms;
  o.statement_timeout_ms = config.sync.statement_timeout_ms;
  return o;
}

int exit_code_of(const SyncReport& r) {
  if (r.interrupted) return 128 + (interrupt_signal() ? interrupt_signal() : 2);
  if (!r.error.empty() || !r.push.rejected.empty()) return kExitBadInput;
  return kExitOk;
}

SyncReport sync_once(const Config& config, Store& store, SyncMode mode) {
  auto start = std::chrono::steady_clock::now();
  SyncReport r;
  r.mode = mode;
  TeamDbOptions options = team_db_options(config);
  try {
    TeamDb team(options);
    if (mode != SyncMode::Pull) push_and_prune(config, store, team, r);
    if (mode != SyncMode::Push && !r.interrupted) pull(config, store, team, r);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Internal || e.kind() == ErrorKind::BadInput) throw;
    if (e.kind() == ErrorKind::Interrupted) r.interrupted = true;
    else r.error = e.what();
  }
  r.finished_at = now_iso8601();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  try {
    r.pending = store.outbox_pending_count();
  } catch (const Error&) {
    r.pending = -1;
  }
  remember_outcome(store, r);
  return r;
}

int watch(const Config& config, Store& store, SyncMode mode, int interval_s,
          const std::function<void(const SyncReport&)>& on_sync) {
  int failures = 0;
  while (!interrupted()) {
    SyncReport r = sync_once(config, store, mode);
    if (on_sync) on_sync(r);
    if (r.interrupted) break;
    int64_t wait_ms = int64_t{interval_s} * 1000;
    if (!r.error.empty()) {
      wait_ms = std::min<int64_t>(int64_t{1000} << std::min(failures, 20), int64_t{config.sync.max_backoff_s} * 1000);
      ++failures;
    } else {
      failures = 0;
    }
    if (wait_for_interrupt(wait_ms)) break;
  }
  return 128 + (interrupt_signal() ? interrupt_signal() : 2);
}

SyncStatus sync_status(Store& store) {
  SyncStatus s;
  s.device_id = store.device_id();
  s.device_name = store.device_name();
  s.outbox = store.outbox_status();
  s.last_success_at = store.sync_state(kLastSuccess).value_or("");
  s.last_error = store.sync_state(kLastError).value_or("");
  s.last_error_at = store.sync_state(kLastErrorAt).value_or("");
  s.rejected = store.outbox_rejected(20);
  return s;
}

}  // namespace pacts
