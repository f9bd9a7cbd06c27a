// Redis and Postgres tier deadlines under CPU load: connect and command latencies on loopback with 0, 2 and 4
// busy loops competing for the CPU (the machine's other load comes on top: the load average is printed), how
// many calls missed their deadline (connect_timeout_ms / command_timeout_ms, defaults 200/100 ms), the longest
// run of misses in a row, and what the tiered cache made of it: a tier taken out at its first missed deadline
// (the old rule) or at the third in a row (the rule now). Starts its own Redis and PostgreSQL.
//   bench_tier_load [calls per measurement, default 2000] [busy loops, default "0 2 4"]
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cache/postgres_tier.h"
#include "cache/redis_tier.h"
#include "cache/selector_cache.h"
#include "core/clock.h"
#include "services.h"
#include "stats.h"
#include "store/pg_migrations.h"

using namespace pacts;
using Clock = std::chrono::steady_clock;

namespace {

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

// Busy loops in child processes, killed (by pid) when this goes away.
struct Burners {
  std::vector<pid_t> pids;
  explicit Burners(int n) {
    for (int i = 0; i < n; ++i) {
      pid_t pid = fork();
      if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the bench
        volatile unsigned long x = 0;
        for (;;) x = x + 1;
      }
      pids.push_back(pid);
    }
  }
  ~Burners() {
    for (pid_t p : pids) kill(p, SIGKILL);
    for (pid_t p : pids) waitpid(p, nullptr, 0);
  }
};

struct Trace {
  std::vector<double> ms;  // every call, answered or not
  int missed = 0, down = 0, longest_run = 0, run = 0;
  void time(const std::function<void()>& fn) {
    auto t0 = Clock::now();
    bool miss = false;
    try {
      fn();
    } catch (const TierUnavailable& e) {
      miss = e.why() == TierUnavailable::Why::Slow;
      down += !miss;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    missed += miss;
    run = miss ? run + 1 : 0;
    longest_run = std::max(longest_run, run);
  }
  void print(const char* what) const {
    std::printf("  %-30s %8.2f %8.2f %8.2f %7d %7d %7d\n", what, bench::percentile(ms, 50), bench::percentile(ms, 99),
                bench::percentile(ms, 100), missed, longest_run, down);
  }
};

SelectorRecord record(int i) {
  SelectorRecord s;
  s.key = {"{base}/shop/inventory.html", "click", "Button " + std::to_string(i % 100), "", 0, ""};
  s.selector = "#b" + std::to_string(i % 100);
  s.strategy = "testid";
  s.confidence = 1.0;
  s.fingerprint = "{}";
  s.verified_at = now_iso8601();
  return s;
}

// Lookups through the tiered cache with only this tier, taken out after `strikes` missed deadlines in a row.
void cache_rule(const char* label, std::unique_ptr<SelectorTier> tier, int strikes, int calls) {
  int warnings = 0;
  std::vector<TierSlot> slots;
  slots.push_back(TierSlot{std::move(tier), true, std::chrono::milliseconds(30000), "", strikes});
  SelectorCache cache(std::move(slots), [&](const std::string&) { ++warnings; });
  int answered = 0;
  for (int i = 0; i < calls; ++i) answered += cache.lookup(record(i).key).has_value();
  const auto& st = cache.stats().tiers.begin()->second;
  std::printf("  %-44s %6d of %d answered, %5lld skipped (backing off), %4lld errors, %d warning(s)\n", label,
              answered, calls, static_cast<long long>(st.skipped), static_cast<long long>(st.errors), warnings);
}

}  // namespace

int main(int argc, char** argv) {
  int calls = argc > 1 ? std::stoi(argv[1]) : 2000;
  std::vector<int> loads = {0, 2, 4};
  if (argc > 2) {
    loads.clear();
    std::istringstream in(argv[2]);
    for (int n; in >> n;) loads.push_back(n);
  }
  bench::Servers servers("pacts-bench-load");
  if (!servers.ok()) {
    servers.print_failure();
    return 2;
  }
  const std::string& redis_url = servers.redis_url;
  const std::string& pg_url = servers.postgres_url;
  migrate_postgres(pg_url, 5000);
  RedisConfig rc;
  rc.url = redis_url;
  rc.key_prefix = "bench-load";
  PostgresConfig pc;
  pc.url = pg_url;
  {
    RedisTier r(rc);
    PostgresTier p(pc);
    for (int i = 0; i < 100; ++i) {
      r.put(record(i));
      p.put(record(i));
    }
  }
  std::printf("tier calls on loopback under CPU load, %d calls each; deadlines: connect %d ms, command %d ms\n", calls,
              rc.connect_timeout_ms, rc.command_timeout_ms);
  for (int n : loads) {
    Burners burn(n);
    std::printf("\n%d busy loop(s) on %ld cores (load average before: %s)\n", n, sysconf(_SC_NPROCESSORS_ONLN),
                load_average().c_str());
    std::printf("  %-30s %8s %8s %8s %7s %7s %7s\n", "(ms)", "p50", "p99", "max", "missed", "in-row", "down");
    Trace redis_connect, redis_command, pg_connect, pg_command;
    for (int i = 0; i < calls / 10; ++i) redis_connect.time([&] { RedisTier(rc).get(record(i).key); });
    {
      RedisTier r(rc);
      for (int i = 0; i < calls; ++i) redis_command.time([&] { r.get(record(i).key); });
    }
    for (int i = 0; i < calls / 20; ++i) pg_connect.time([&] { PostgresTier(pc).get(record(i).key); });
    {
      PostgresTier p(pc);
      for (int i = 0; i < calls; ++i) pg_command.time([&] { p.get(record(i).key); });
    }
    redis_connect.print("redis connect + first GET");
    redis_command.print("redis GET");
    pg_connect.print("postgres connect + first SELECT");
    pg_command.print("postgres SELECT (prepared)");
    std::printf("  the tiered cache over the same servers, %d lookups, back-off 30 s:\n", calls);
    cache_rule("redis, out at the first missed deadline (old)", std::make_unique<RedisTier>(rc), 1, calls);
    cache_rule("redis, out at the third in a row (now)", std::make_unique<RedisTier>(rc), 3, calls);
    cache_rule("postgres, out at the first missed deadline (old)", std::make_unique<PostgresTier>(pc), 1, calls);
    cache_rule("postgres, out at the third in a row (now)", std::make_unique<PostgresTier>(pc), 3, calls);
    std::printf("  load average after: %s\n", load_average().c_str());
  }
  return 0;
}
