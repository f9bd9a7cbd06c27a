#include "sync_helpers.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <thread>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "cache/selector_cache.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/temp_dir.h"

extern char** environ;

namespace pacts::testing {

namespace {

// The step of a workload: one store call and how many outbox entries it queues.
struct Op {
  int cost;
  std::function<void()> call;
};

std::vector<Op> block(Store& store, const std::string& tag, int i, Workload& w) {
  auto run = std::make_shared<RunRecord>();
  run->id = new_uuid_v7();
  run->invocation_id = new_uuid_v7();
  run->test_name = tag + " test " + std::to_string(i);
  run->file = tag + ".txt";
  run->url = "{base}/shop/";
  run->started_at = now_iso8601();
  std::vector<Op> ops;
  ops.push_back({1, [&store, run, &w] { store.begin_run(*run); ++w.runs; }});
  for (int s = 0; s < 12; ++s)
    ops.push_back({1, [&store, run, s, &w] {
                     StepRecord st;
                     st.id = new_uuid_v7();
                     st.run_id = run->id;
                     st.index = s;
                     st.line = s + 3;
                     st.action = "click";
                     st.target = "Button " + std::to_string(s);
                     st.value = "***";
                     st.source = "sqlite";
                     st.outcome = Outcome::Passed;
                     st.started_at = now_iso8601();
                     st.duration_ms = 12.5;
                     store.add_step(st);
                     ++w.steps;
                   }});
  ops.push_back({1, [&store, run] {
                   run->verdict = Verdict::Pass;
                   run->finished_at = now_iso8601();
                   run->total_steps = run->steps_passed = 12;
                   run->duration_ms = 1234;
                   store.finish_run(*run);
                 }});
  ops.push_back({1, [&store, run, &w] {
                   CacheStatsRow sqlite, all;
                   sqlite.tier = "sqlite";
                   sqlite.lookups = sqlite.hits = 12;
                   sqlite.histogram = "[3,9,0,0,0,0,0,0,0,0,0,0]";
                   all.tier = "all";
                   all.lookups = all.hits = 12;
                   store.add_cache_stats(run->invocation_id, {sqlite, all});
                   ++w.cache_stats_runs;
                 }});
  for (int k = 0; k < 3; ++k) {
    SelectorRecord s;
    s.key = {"{base}/shop/p" + std::to_string((i + k) % 40), "click", tag + " Button " + std::to_string(k), "", 0, ""};
    s.selector = "[data-test=\"b" + std::to_string(i) + "-" + std::to_string(k) + "\"]";
    s.strategy = "testid";
    s.confidence = 0.9;
    s.fingerprint = R"({"tag":"button"})";
    ops.push_back({1, [&store, s] { store.upsert_selector(s); }});
    ops.push_back({1, [&store, s, &w] {
                     store.record_selector_hit(s.key.canonical());
                     ++w.hits;
                   }});
  }
  ops.push_back({2, [&store, tag, i, &w] {
                   store.record_heal_outcome({"{base}/shop/p" + std::to_string(i % 40), tag + "-key-" + std::to_string(i % 7),
                                              i % 3 ? "label" : "role_name", true, 15, ""});
                   ++w.heal_successes;
                 }});
  if (i % 9 == 4) {
    SelectorKey key{"{base}/shop/p" + std::to_string((i + 1) % 40), "click", tag + " Button 1", "", 0, ""};
    ops.push_back({1, [&store, key] { store.delete_selector(key.canonical()); }});
  }
  return ops;
}

}  // namespace

Workload fill_outbox(Store& store, int64_t entries, const std::string& tag) {
  Workload w;
  int64_t start = store.outbox_pending_count();
  for (int i = 0; w.entries < entries; ++i) {
    bool full = false;
    for (auto& op : block(store, tag, i, w)) {
      if (w.entries + op.cost > entries) {
        full = true;
        break;
      }
      op.call();
      w.entries += op.cost;
    }
    // The last one or two, when the next call would queue more than that: selectors on keys of their own.
    while (full && w.entries < entries) {
      SelectorRecord s;
      s.key = {"{base}/fill", "click", tag + " filler " + std::to_string(w.entries), "", 0, ""};
      s.selector = "#f" + std::to_string(w.entries);
      s.strategy = "id";
      s.fingerprint = "{}";
      store.upsert_selector(s);
      ++w.entries;
    }
  }
  REQUIRE(store.outbox_pending_count() - start == entries);
  return w;
}

std::string query_value(const std::string& url, const std::string& sql) {
  pqxx::connection c(url);
  pqxx::nontransaction n(c);
  auto r = n.exec(sql);
  if (r.empty() || r[0][0].is_null()) return "";
  return r[0][0].as<std::string>();
}

std::string full_dump(const std::string& url) {
  pqxx::connection c(url);
  pqxx::nontransaction n(c);
  std::string out;
  for (const auto& t : n.exec("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
    std::string table = t[0].as<std::string>();
    auto rows = n.exec("SELECT string_agg(x::text, E'\\n' ORDER BY x::text) FROM " + n.quote_name(table) + " x");
    out += "== " + table + "\n" + (rows[0][0].is_null() ? "" : rows[0][0].as<std::string>()) + "\n";
  }
  return out;
}

std::string content_dump(const std::string& url) {
  static const std::vector<std::pair<std::string, std::string>> tables = {
      {"devices", "device_id, name, first_seen_at, last_seen_at"},
      {"runs", "*"},
      {"run_steps", "*"},
      {"artifacts", "*"},
      {"selectors", "cache_key, url_pattern, action, target, scope, ordinal, context, selector, strategy, confidence, "
                    "stable, fingerprint, verified_at, verified_by, created_at, failures_in_a_row"},
      {"selector_invalidations", "cache_key, invalidated_at"},
      {"selector_counters", "*"},
      {"heal_history", "url_pattern, cache_key, strategy, device_id, successes, failures, total_ms, last_used_at"},
      {"cache_stats", "*"},
      {"sync_rejected", "device_id, seq, entity, entity_id, payload, error"},
  };
  pqxx::connection c(url);
  pqxx::nontransaction n(c);
  std::string out;
  for (const auto& [table, columns] : tables) {
    auto rows = n.exec("SELECT string_agg(x::text, E'\\n' ORDER BY x::text) FROM (SELECT " + columns + " FROM " +
                       table + ") x");
    out += "== " + table + "\n" + (rows[0][0].is_null() ? "" : rows[0][0].as<std::string>()) + "\n";
  }
  return out;
}

bool applied_exactly_once(const std::string& url, const std::string& device_id, int64_t n) {
  pqxx::connection c(url);
  pqxx::nontransaction q(c);
  auto r = q.exec_params(
      "SELECT count(*) FROM generate_series(1, $2::bigint) s WHERE (SELECT count(*) FROM sync_applied a "
      "WHERE a.device_id = $1 AND s BETWEEN a.seq_from AND a.seq_to) <> 1",
      device_id, n);
  return r[0][0].as<int64_t>() == 0;
}

pid_t spawn_pacts(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                  const std::string& log, const std::string& cwd) {
  static TempDir config_dir("pacts-sync-config");
  std::string empty_config = config_dir.path() + "/empty.toml";
  std::ofstream(empty_config).close();
  std::vector<std::string> argv_s = {PACTS_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  bool has_config = false;
  for (const auto& a : args) has_config |= a == "--config";
  if (!has_config && args.size() >= 1 && args[0] != "version") {
    argv_s.push_back("--config");
    argv_s.push_back(empty_config);
  }
  std::map<std::string, std::string> vars;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos && kv.rfind("PACTS_", 0) != 0) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : env) vars[k] = v;
  std::vector<std::string> env_s;
  for (const auto& [k, v] : vars) env_s.push_back(k + "=" + v);
  std::vector<char*> argv, envp;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data()) == 0);
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

int wait_exit(pid_t pid, std::chrono::seconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > end) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      FAIL("pacts did not finish within " << limit.count() << " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // a test waiting for another process
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool wait_stopped(pid_t pid) {
  int status = 0;
  REQUIRE(waitpid(pid, &status, WUNTRACED) == pid);
  return WIFSTOPPED(status);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

int run_pacts(const std::vector<std::string>& args, const std::map<std::string, std::string>& env, std::string* out) {
  static TempDir logs("pacts-sync-logs");
  static int n = 0;
  std::string log = logs.path() + "/" + std::to_string(++n) + ".log";
  int code = wait_exit(spawn_pacts(args, env, log));
  if (out) *out = read_file(log);
  return code;
}

}  // namespace pacts::testing
