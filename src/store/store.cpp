#include "store/store.h"

#include <chrono>
#include <filesystem>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <fmt/format.h>

#include "core/secret.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/process.h"
#include "store/migrations.h"
#include "store/record_json.h"
#include "store/rows.h"
#include "store/sql_edge.h"

namespace pacts {

namespace {

std::string escape_field(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// WAL mode, set safely when several processes open a new store at once. Switching needs the exclusive lock;
// two connections asking at once deadlock, and SQLite answers one of them SQLITE_BUSY at once, without its
// busy handler. That one then waits, through the busy handler, until it can take the write lock (the other
// has switched), and asks again (now a no-op).
void use_wal(SQLite::Database& db, int busy_timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (;;) {
    try {
      db.exec("PRAGMA journal_mode=WAL");
      return;
    } catch (const SQLite::Exception& e) {
      if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) throw;
    }
    db.exec("BEGIN IMMEDIATE");
    db.exec("COMMIT");
  }
}

}  // namespace

void throw_store_error(const std::string& path, const char* what, const SQLite::Exception& e) {
  int code = e.getErrorCode() & 0xff;  // the primary result code
  bool environment = code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_READONLY || code == SQLITE_IOERR ||
                     code == SQLITE_CORRUPT || code == SQLITE_FULL || code == SQLITE_CANTOPEN ||
                     code == SQLITE_NOTADB || code == SQLITE_PERM;
  if (environment)
    throw Error(ErrorKind::Setup,
                fmt::format("the local store {} could not {}: {}{}", path, what, e.what(),
                            code == SQLITE_BUSY || code == SQLITE_LOCKED
                                ? " (another pacts holds it; wait for it, or raise store.busy_timeout_ms)"
                                : ""));
  throw Error(ErrorKind::Internal, fmt::format("the local store {}: {} failed: {}", path, what, e.what()));
}

const char* name(StepKind k) { return k == StepKind::Assertion ? "assertion" : "step"; }

std::string SelectorKey::canonical() const {
  return fmt::format("{} | {} | {} | {} | {} | {}", escape_field(url_pattern), escape_field(action),
                     escape_field(target), escape_field(scope), ordinal, escape_field(context));
}

Store::Store(const std::string& path, int busy_timeout_ms, const std::string& device_name)
    : path_(path), owner_(this_process()) {
  try {
    if (path != ":memory:") {
      auto parent = std::filesystem::path(path).parent_path();
      if (!parent.empty()) std::filesystem::create_directories(parent);
    }
    db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db_->setBusyTimeout(busy_timeout_ms);
    if (path != ":memory:") use_wal(*db_, busy_timeout_ms);
    db_->exec("PRAGMA synchronous=NORMAL");
    db_->exec("PRAGMA foreign_keys=ON");
  } catch (const std::exception& e) {
    throw_setup(fmt::format("cannot open the store {}: {} (set store.path in config.toml or PACTS_STORE_PATH)",
                            path, e.what()));
  }
  at_sql_edge(mu_, path_, "be opened", [&] {
    apply_sqlite_migrations(*db_, sqlite_migrations(), path);
    device_id_ = identity(device_name);
    close_interrupted_runs();
  });
}

std::string Store::identity(const std::string& device_name) {
  auto read = [&]() -> std::optional<std::string> {
    SQLite::Statement q(*db_, "SELECT value FROM meta WHERE key = 'device_id'");
    if (q.executeStep()) return q.getColumn(0).getString();
    return std::nullopt;
  };
  if (auto id = read()) return *id;
  // Created under the write lock, after looking again: of several processes opening a new store at once,
  // one creates the identity and the others read it.
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  auto id = read();
  if (!id) {
    id = new_uuid_v7();
    SQLite::Statement ins(*db_, "INSERT INTO meta (key, value) VALUES ('device_id', ?), ('device_name', ?), ('created_at', ?)");
    ins.bind(1, *id);
    ins.bind(2, device_name.empty() ? host_name() : device_name);
    ins.bind(3, now_iso8601());
    ins.exec();
  }
  tx.commit();
  return *id;
}

void Store::close_interrupted_runs() {
  std::vector<std::pair<std::string, ProcessIdentity>> gone;
  {
    SQLite::Statement q(*db_, "SELECT id, owner_pid, owner_start FROM runs WHERE verdict = 'running' AND owner_host = ?");
    q.bind(1, owner_.host);
    while (q.executeStep()) {
      ProcessIdentity owner{q.getColumn(1).getInt64(), owner_.host, q.getColumn(2).getString()};
      if (process_state(owner) == ProcessState::Gone) gone.emplace_back(q.getColumn(0).getString(), owner);
    }
  }
  for (const auto& [id, owner] : gone) {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement st(*db_,
                         "UPDATE runs SET verdict = 'error', reason = :reason, error = :error, finished_at = :now "
                         "WHERE id = :id AND verdict = 'running'");
    rows::bind(st, ":reason", std::string(name(FailureReason::Interrupted)));
    rows::bind(st, ":error", fmt::format("the pacts process that ran this test (pid {} on {}) ended before the test "
                                         "did: it was killed or crashed",
                                         owner.pid, owner.host));
    rows::bind(st, ":now", now_iso8601());
    rows::bind(st, ":id", id);
    if (st.exec() == 1) {  // another pacts opening the store at the same time may have closed it first
      SQLite::Statement q(*db_, "SELECT * FROM runs WHERE id = ?");
      q.bind(1, id);
      q.executeStep();
      queue("run", id, "upsert", run_to_json(rows::run_from(q), device_id_));
    }
    tx.commit();
  }
}

Store::~Store() {
  find_selector_.reset();  // statements before their database
}

void Store::queue(const std::string& entity, const std::string& entity_id, const std::string& op,
                  const std::string& payload) {
  SQLite::Statement st(*db_,
                       "INSERT INTO outbox (device_id, entity, entity_id, op, payload, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, device_id_);
  st.bind(2, entity);
  st.bind(3, entity_id);
  st.bind(4, op);
  st.bind(5, mask_secrets(payload));  // the last stop before the team database: no secret leaves this device
  st.bind(6, now_iso8601());
  st.exec();
}

StoreInfo Store::info() {
  return at_sql_edge(mu_, path_, "be read", [&] {
    StoreInfo i;
    i.path = path_;
    i.schema_version = sqlite_schema_version(*db_);
    i.latest_schema_version = sqlite_migrations().back().version;
    i.device_id = device_id_;
    for (const char* table : {"runs", "run_steps", "artifacts", "selectors", "heal_history", "outbox"}) {
      SQLite::Statement q(*db_, fmt::format("SELECT COUNT(*) FROM {}", table));
      q.executeStep();
      i.rows[table] = q.getColumn(0).getInt64();
    }
    SQLite::Statement q(*db_,
                        "SELECT COUNT(*) FILTER (WHERE pushed_at IS NULL), COUNT(*) FILTER (WHERE rejected_at IS NOT NULL) "
                        "FROM outbox");
    q.executeStep();
    i.outbox_pending = q.getColumn(0).getInt64();
    i.outbox_rejected = q.getColumn(1).getInt64();
    return i;
  });
}

void Store::begin_run(const RunRecord& r) {
  at_sql_edge(mu_, path_, "record a run", [&] {
    SQLite::Transaction tx(*db_);
    SQLite::Statement st(*db_,
                         "INSERT INTO runs (id, invocation_id, device_id, test_name, file, url, verdict, started_at, "
                         "owner_pid, owner_host, owner_start, attempt) VALUES (:id, :invocation_id, :device_id, "
                         ":test_name, :file, :url, 'running', :started_at, :owner_pid, :owner_host, :owner_start, "
                         ":attempt)");
    rows::bind_run(st, r);
    rows::bind(st, ":device_id", device_id_);
    rows::bind(st, ":owner_pid", owner_.pid);
    rows::bind(st, ":owner_host", owner_.host);
    rows::bind(st, ":owner_start", owner_.start);
    st.exec();
    RunRecord running = r;
    running.verdict = Verdict::Running;
    queue("run", r.id, "upsert", run_to_json(running, device_id_));
    tx.commit();
  });
}

void Store::finish_run(const RunRecord& r) {
  at_sql_edge(mu_, path_, "record a run", [&] {
    SQLite::Transaction tx(*db_);
    SQLite::Statement st(*db_,
                         "UPDATE runs SET verdict = :verdict, reason = :reason, error = :error, "
                         "finished_at = :finished_at, duration_ms = :duration_ms, total_steps = :total_steps, "
                         "steps_passed = :steps_passed, total_assertions = :total_assertions, "
                         "assertions_passed = :assertions_passed WHERE id = :id");
    rows::bind_run(st, r);
    if (st.exec() != 1) throw Error(ErrorKind::Internal, "finish_run: no run " + r.id);
    queue("run", r.id, "upsert", run_to_json(r, device_id_));
    tx.commit();
  });
}

void Store::add_step(const StepRecord& s) {
  at_sql_edge(mu_, path_, "record a step", [&] {
    SQLite::Transaction tx(*db_);
    SQLite::Statement st(*db_,
                         "INSERT INTO run_steps (id, run_id, kind, idx, line, action, target, value, selector, "
                         "strategy, source, score, outcome, reason, error, started_at, duration_ms, lookup_ms, "
                         "discovery_ms, action_ms, settle_ms, heal_old_selector, heal_similarity, heal_changed, "
                         "heal_strategy, heal_tried, heal_ms) VALUES (:id, :run_id, :kind, :idx, :line, :action, "
                         ":target, :value, :selector, :strategy, :source, :score, :outcome, :reason, :error, "
                         ":started_at, :duration_ms, :lookup_ms, :discovery_ms, :action_ms, :settle_ms, "
                         ":heal_old_selector, :heal_similarity, :heal_changed, :heal_strategy, :heal_tried, :heal_ms)");
    rows::bind_step(st, s);
    st.exec();
    queue("run_step", s.id, "upsert", step_to_json(s));
    tx.commit();
  });
}

void Store::add_artifact(const ArtifactRecord& a) {
  at_sql_edge(mu_, path_, "record an artifact", [&] {
    SQLite::Transaction tx(*db_);
    SQLite::Statement st(*db_,
                         "INSERT INTO artifacts (id, run_id, step_idx, kind, path, bytes, sha256, created_at) "
                         "VALUES (:id, :run_id, :step_idx, :kind, :path, :bytes, :sha256, :created_at)");
    rows::bind_artifact(st, a);
    st.exec();
    queue("artifact", a.id, "upsert", artifact_to_json(a));
    tx.commit();
  });
}

std::optional<RunRecord> Store::find_run(const std::string& id) {
  return at_sql_edge(mu_, path_, "be read", [&]() -> std::optional<RunRecord> {
    SQLite::Statement q(*db_, "SELECT * FROM runs WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return rows::run_from(q);
  });
}

std::vector<StepRecord> Store::steps_of(const std::string& run_id) {
  return at_sql_edge(mu_, path_, "be read", [&] {
    SQLite::Statement q(*db_, "SELECT * FROM run_steps WHERE run_id = ? ORDER BY kind DESC, idx");
    q.bind(1, run_id);
    std::vector<StepRecord> out;
    while (q.executeStep()) out.push_back(rows::step_from(q));
    return out;
  });
}

std::vector<ArtifactRecord> Store::artifacts_of(const std::string& run_id) {
  return at_sql_edge(mu_, path_, "be read", [&] {
    SQLite::Statement q(*db_, "SELECT * FROM artifacts WHERE run_id = ? ORDER BY created_at");
    q.bind(1, run_id);
    std::vector<ArtifactRecord> out;
    while (q.executeStep()) out.push_back(rows::artifact_from(q));
    return out;
  });
}

std::vector<OutboxEntry> Store::outbox_pending(int limit, int64_t after_seq) {
  return at_sql_edge(mu_, path_, "be read", [&] {
    SQLite::Statement q(*db_, "SELECT * FROM outbox WHERE pushed_at IS NULL AND seq > ? ORDER BY seq LIMIT ?");
    q.bind(1, after_seq);
    q.bind(2, limit);
    std::vector<OutboxEntry> out;
    while (q.executeStep()) out.push_back(rows::outbox_entry_from(q));
    return out;
  });
}

int64_t Store::outbox_pending_count() {
  return at_sql_edge(mu_, path_, "be read", [&] {
    SQLite::Statement q(*db_, "SELECT COUNT(*) FROM outbox WHERE pushed_at IS NULL");
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

int64_t Store::outbox_acknowledge(int64_t up_to) {
  return at_sql_edge(mu_, path_, "acknowledge outbox entries", [&]() -> int64_t {
    SQLite::Statement st(*db_, "UPDATE outbox SET pushed_at = ? WHERE pushed_at IS NULL AND seq <= ?");
    st.bind(1, now_iso8601());
    st.bind(2, up_to);
    return st.exec();
  });
}

}  // namespace pacts
