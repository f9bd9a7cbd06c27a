// `pacts sync` as processes against a real PostgreSQL (scripts/services.sh): three laptops at once, two
// syncs of one laptop at once, kill -9 anywhere in a push, the team database stopped mid-push, --watch.
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <pqxx/pqxx>

#include "core/clock.h"
#include "core/ids.h"
#include "core/temp_dir.h"
#include "services.h"
#include "sync_helpers.h"

using namespace pacts;
using namespace pacts::testing;
namespace fs = std::filesystem;

namespace {

std::string minutes_ago(int m) { return iso8601(std::chrono::system_clock::now() - std::chrono::minutes(m)); }

SelectorRecord sel(const std::string& target, const std::string& css, const std::string& verified_at) {
  SelectorRecord s;
  s.key = {"{base}/crm/accounts.html", "click", target, "", 0, ""};
  s.selector = css;
  s.strategy = "testid";
  s.confidence = 1;
  s.fingerprint = "{}";
  s.verified_at = verified_at;
  return s;
}

void runs_with_steps(Store& store, int runs, int steps, std::vector<std::string>& run_ids) {
  for (int r = 0; r < runs; ++r) {
    RunRecord run;
    run.id = new_uuid_v7();
    run.invocation_id = new_uuid_v7();
    run.test_name = "t" + std::to_string(r);
    run.file = "f.txt";
    run.started_at = now_iso8601();
    store.begin_run(run);
    for (int s = 0; s < steps; ++s) {
      StepRecord st;
      st.id = new_uuid_v7();
      st.run_id = run.id;
      st.index = s;
      st.action = "click";
      st.outcome = Outcome::Passed;
      st.started_at = now_iso8601();
      store.add_step(st);
    }
    run.verdict = Verdict::Pass;
    run.finished_at = now_iso8601();
    store.finish_run(run);
    run_ids.push_back(run.id);
  }
}

std::string team_selector(const std::string& url, const std::string& target) {
  return query_value(url, "SELECT selector FROM selectors WHERE target = '" + target + "'");
}

// A laptop store of `entries` entries made once per test process and copied for each push: the same device,
// the same entries, so that every push of it must leave the same team store.
const std::string& pristine_store(int64_t entries) {
  static TempDir dir("pacts-sync-pristine");
  static std::map<int64_t, std::string> made;
  auto it = made.find(entries);
  if (it != made.end()) return it->second;
  std::string path = dir.path() + "/" + std::to_string(entries) + ".db";
  {
    Store store(path);
    fill_outbox(store, entries, "crash");
  }  // closing checkpoints the WAL into the file
  return made[entries] = path;
}

std::string copy_of(const std::string& path, const std::string& to) {
  fs::copy_file(path, to, fs::copy_options::overwrite_existing);
  return to;
}

}  // namespace

TEST_CASE("three laptops syncing at once: every run once, counters summed, the newest verification wins, an invalidation reaches the others", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  TempDir dir("pacts-sync-three");
  std::vector<std::string> paths, devices, run_ids;
  std::pair<std::string, std::string> newest_h;  // (verified_at, device) of the newest hit on H
  std::string newest_h_selector;
  for (int i = 0; i < 3; ++i) {
    paths.push_back(dir.path() + "/laptop" + std::to_string(i) + ".db");
    Store store(paths[i], 5000, "laptop-" + std::to_string(i));
    devices.push_back(store.device_id());
    runs_with_steps(store, 5, 4, run_ids);
    store.upsert_selector(sel("A", "#a-" + std::to_string(i), minutes_ago(i == 1 ? 10 : 50 + i)));  // 1 newest
    store.upsert_selector(sel("B", "#b-" + std::to_string(i), minutes_ago(i == 2 ? 10 : 50 + i)));  // 2 newest
    store.upsert_selector(sel("C", "#c-" + std::to_string(i), "2026-01-01T00:00:00.000Z"));        // a tie
    store.upsert_selector(sel("D", "#d-" + std::to_string(i), minutes_ago(40 + i)));
    if (i == 1) store.upsert_selector(sel("E", "#e-1", minutes_ago(30)));
    store.upsert_selector(sel("H", "#h-" + std::to_string(i), minutes_ago(60)));
    for (int h = 0; h <= i; ++h) store.record_selector_hit(sel("H", "", "").key.canonical());  // 1 + 2 + 3 hits
    auto h = store.find_selector(sel("H", "", "").key.canonical());
    if (std::make_pair(h->verified_at, devices[i]) > newest_h) {
      newest_h = {h->verified_at, devices[i]};
      newest_h_selector = h->selector;
    }
    for (int k = 0; k < 3; ++k) store.record_heal_outcome({"{base}/crm/accounts.html", "", "label", true, 10, ""});
  }
  {
    Store first(paths[0]);
    REQUIRE(first.delete_selector(sel("D", "", "").key.canonical()));  // newer than every verification of D
  }
  std::vector<pid_t> pids;
  for (int i = 0; i < 3; ++i)
    pids.push_back(spawn_pacts({"sync"}, {{"PACTS_STORE_PATH", paths[i]}, {"PACTS_POSTGRES_URL", url},
                                          {"PACTS_SYNC_BATCH_SIZE", "7"}},
                               dir.path() + "/sync" + std::to_string(i) + ".log"));
  for (int i = 0; i < 3; ++i) {
    INFO(read_file(dir.path() + "/sync" + std::to_string(i) + ".log"));
    CHECK(wait_exit(pids[i]) == 0);
  }
  std::string out;
  for (int i = 0; i < 3; ++i) {  // each laptop's next pull
    CHECK(run_pacts({"sync", "--pull"}, {{"PACTS_STORE_PATH", paths[i]}, {"PACTS_POSTGRES_URL", url}}, &out) == 0);
  }

  CHECK(query_value(url, "SELECT count(*) FROM runs") == "15");
  CHECK(query_value(url, "SELECT count(*) FROM run_steps") == "60");
  for (const auto& id : run_ids)
    CHECK(query_value(url, "SELECT count(*) FROM runs WHERE verdict = 'pass' AND id = '" + id + "'") == "1");
  CHECK(query_value(url, "SELECT string_agg(hits::text, ',' ORDER BY hits) FROM selector_counters WHERE cache_key LIKE '%| H |%'") == "1,2,3");
  CHECK(query_value(url, "SELECT successes FROM heal_success_rate WHERE strategy = 'label'") == "9");
  CHECK(query_value(url, "SELECT count(*) FROM devices") == "3");
  CHECK(team_selector(url, "A") == "#a-1");
  CHECK(team_selector(url, "B") == "#b-2");
  int tie_winner = static_cast<int>(std::max_element(devices.begin(), devices.end()) - devices.begin());
  CHECK(team_selector(url, "C") == "#c-" + std::to_string(tie_winner));
  CHECK(team_selector(url, "D") == "");
  CHECK(team_selector(url, "E") == "#e-1");
  CHECK(team_selector(url, "H") == newest_h_selector);
  for (int i = 0; i < 3; ++i) {
    INFO("laptop " << i);
    Store store(paths[i]);
    CHECK(store.find_selector(sel("A", "", "").key.canonical())->selector == "#a-1");
    CHECK(store.find_selector(sel("B", "", "").key.canonical())->selector == "#b-2");
    CHECK_FALSE(store.find_selector(sel("D", "", "").key.canonical()));  // the invalidation reached everyone
    CHECK(store.find_selector(sel("E", "", "").key.canonical())->selector == "#e-1");
    CHECK(store.heal_stats("{base}/crm/accounts.html")[0].successes == 9);
    CHECK(store.outbox_pending_count() == 0);
    SQLite::Statement last(store.database(), "SELECT MAX(seq) FROM outbox");
    last.executeStep();
    CHECK(applied_exactly_once(url, devices[i], last.getColumn(0).getInt64()));
  }
}

TEST_CASE("two pacts sync of one laptop at once push every entry once (the replay rule, no lock)", "[sync]") {
  std::string url = shared_services().fresh_postgres_database();
  TempDir dir("pacts-sync-two");
  std::string path = copy_of(pristine_store(10000), dir.path() + "/laptop.db");
  std::map<std::string, std::string> env = {{"PACTS_STORE_PATH", path}, {"PACTS_POSTGRES_URL", url},
                                            {"PACTS_SYNC_BATCH_SIZE", "100"}};
  pid_t a = spawn_pacts({"sync", "--push"}, env, dir.path() + "/a.log");
  pid_t b = spawn_pacts({"sync", "--push"}, env, dir.path() + "/b.log");
  CHECK(wait_exit(a) == 0);
  CHECK(wait_exit(b) == 0);
  INFO(read_file(dir.path() + "/a.log") << read_file(dir.path() + "/b.log"));
  std::string reference = shared_services().fresh_postgres_database();
  std::string out;
  REQUIRE(run_pacts({"sync", "--push"}, {{"PACTS_STORE_PATH", copy_of(pristine_store(10000), dir.path() + "/ref.db")},
                                          {"PACTS_POSTGRES_URL", reference}}, &out) == 0);
  CHECK(content_dump(url) == content_dump(reference));
  CHECK(applied_exactly_once(url, Store(path).device_id(), 10000));
  CHECK(Store(path).outbox_pending_count() == 0);
}

TEST_CASE("kill -9 at 12 points of a 10,000-entry push, each followed by a sync to completion: nothing lost, nothing doubled", "[sync]") {
  TempDir dir("pacts-sync-kill");
  std::string pristine = pristine_store(10000);
  std::string reference = shared_services().fresh_postgres_database();
  std::string out;
  REQUIRE(run_pacts({"sync", "--push"}, {{"PACTS_STORE_PATH", copy_of(pristine, dir.path() + "/ref.db")},
                                          {"PACTS_POSTGRES_URL", reference}}, &out) == 0);
  const std::string expected = content_dump(reference);
  std::string device = Store(dir.path() + "/ref.db").device_id();
  REQUIRE(query_value(reference, "SELECT count(*) FROM sync_applied") == "20");  // 20 batches of 500

  // Where the push stops itself (for a kill at that exact place), or after how many applied batches a
  // kill is sent from outside (wherever the push then is).
  struct Point {
    std::string stop_at;
    int after_batches;
    const char* batch_size;
  };
  std::vector<Point> points = {
      {"after_merge:1", 0, "500"},     {"before_commit:2", 0, "500"}, {"after_commit:3", 0, "500"},
      {"after_ack:4", 0, "500"},      {"after_commit:10", 0, "500"}, {"before_commit:11", 0, "500"},
      {"after_merge:15", 0, "500"},    {"after_commit:20", 0, "500"}, {"after_ack:20", 0, "500"},
      {"", 10, "100"},                {"", 45, "100"},               {"", 90, "100"},
  };
  int n = 0;
  for (const auto& p : points) {
    std::string where = p.stop_at.empty() ? fmt::format("after {} batches of {}", p.after_batches, p.batch_size) : p.stop_at;
    INFO("kill -9 at " << where);
    std::string url = shared_services().fresh_postgres_database();
    std::string path = copy_of(pristine, dir.path() + "/k" + std::to_string(++n) + ".db");
    std::map<std::string, std::string> env = {{"PACTS_STORE_PATH", path}, {"PACTS_POSTGRES_URL", url},
                                              {"PACTS_SYNC_BATCH_SIZE", p.batch_size}};
    if (!p.stop_at.empty()) env["PACTS_SYNC_STOP_AT"] = p.stop_at;
    pid_t pid = spawn_pacts({"sync", "--push"}, env, dir.path() + "/k.log");
    if (!p.stop_at.empty()) {
      REQUIRE(wait_stopped(pid));
    } else {
      pqxx::connection watch(url);
      for (;;) {  // as soon as the push is that far, wherever it then is
        pqxx::nontransaction q(watch);
        if (q.exec1("SELECT count(*) FROM sync_applied")[0].as<int>() >= p.after_batches) break;
      }
    }
    kill(pid, SIGKILL);
    REQUIRE(wait_exit(pid) == 128 + SIGKILL);
    int64_t applied_before = std::stoll(query_value(url, "SELECT COALESCE(sum(seq_to - seq_from + 1), 0) FROM sync_applied"));
    if (p.stop_at.empty()) CHECK(applied_before < 10000);  // killed during the push, not after it
    env.erase("PACTS_SYNC_STOP_AT");
    REQUIRE(run_pacts({"sync", "--push"}, env, &out) == 0);
    INFO(out);
    CHECK(content_dump(url) == expected);
    CHECK(applied_exactly_once(url, device, 10000));
    CHECK(Store(path).outbox_pending_count() == 0);
  }
}

TEST_CASE("the team database stopped during a push: exit 2 with a clear message, and the next sync after a restart completes", "[sync]") {
  LocalServices own(false, true);
  TempDir dir("pacts-sync-pgstop");
  std::string path = copy_of(pristine_store(10000), dir.path() + "/laptop.db");
  std::map<std::string, std::string> env = {{"PACTS_STORE_PATH", path}, {"PACTS_POSTGRES_URL", own.postgres_url},
                                            {"PACTS_SYNC_STOP_AT", "after_commit:5"}};
  pid_t pid = spawn_pacts({"sync"}, env, dir.path() + "/push.log");
  REQUIRE(wait_stopped(pid));
  own.stop_postgres();
  kill(pid, SIGCONT);
  CHECK(wait_exit(pid) == 2);
  std::string log = read_file(dir.path() + "/push.log");
  INFO(log);
  CHECK_THAT(log, Catch::Contains("could not be reached or went away while applying outbox entries 2501..3000"));
  CHECK_THAT(log, Catch::Contains("Nothing was lost"));
  CHECK(Store(path).outbox_pending_count() == 7500);  // five batches were applied and acknowledged

  own.start_postgres();
  env.erase("PACTS_SYNC_STOP_AT");
  std::string out;
  REQUIRE(run_pacts({"sync"}, env, &out) == 0);
  std::string reference = shared_services().fresh_postgres_database();
  REQUIRE(run_pacts({"sync", "--push"}, {{"PACTS_STORE_PATH", copy_of(pristine_store(10000), dir.path() + "/ref.db")},
                                          {"PACTS_POSTGRES_URL", reference}}, &out) == 0);
  CHECK(content_dump(own.postgres_url) == content_dump(reference));
  CHECK(applied_exactly_once(own.postgres_url, Store(path).device_id(), 10000));
  CHECK(Store(path).outbox_pending_count() == 0);
}

TEST_CASE("sync --watch backs off while the team database is away, picks up when it returns, and stops on Ctrl-C", "[sync]") {
  LocalServices own(false, true);
  TempDir dir("pacts-sync-watch");
  std::string path = dir.path() + "/laptop.db";
  {
    Store store(path);
    fill_outbox(store, 200, "watch");
  }
  std::string log = dir.path() + "/watch.log";
  pid_t pid = spawn_pacts({"sync", "--watch", "--interval", "1s"},
                          {{"PACTS_STORE_PATH", path}, {"PACTS_POSTGRES_URL", own.postgres_url},
                           {"PACTS_SYNC_MAX_BACKOFF_S", "4"}},
                          log);
  auto pending = [&] { return Store(path).outbox_pending_count(); };
  auto eventually = [&](const std::function<bool()>& cond) {
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!cond() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return cond();
  };
  REQUIRE(eventually([&] { return pending() == 0; }));
  own.stop_postgres();
  {
    Store store(path);
    fill_outbox(store, 100, "while away");
  }
  auto failures = [&] {
    std::string text = read_file(log);
    int n = 0;
    for (size_t at = 0; (at = text.find("could not be reached", at)) != std::string::npos; ++at) ++n;
    return n;
  };
  REQUIRE(eventually([&] { return failures() >= 3; }));  // 1 s, 2 s, 4 s apart
  own.start_postgres();
  REQUIRE(eventually([&] { return pending() == 0; }));  // picked up again, within the back-off
  int failed = failures();
  CHECK(failed <= 6);  // it backed off instead of trying every second
  kill(pid, SIGINT);
  CHECK(wait_exit(pid, std::chrono::seconds(20)) == 130);
  INFO(read_file(log));
  CHECK(applied_exactly_once(own.postgres_url, Store(path).device_id(), 300));
}
