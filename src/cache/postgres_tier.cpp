#include "cache/postgres_tier.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include <pqxx/pqxx>
#include <fmt/format.h>

#include "core/url.h"

namespace pacts {

namespace {

using Clock = std::chrono::steady_clock;

enum class Reach { Yes, Refused, TimedOut };

// Connects to host:port within `ms`, so an unreachable server costs the connect timeout and not libpq's
// (whose minimum is two seconds).
Reach tcp_reachable(const std::string& host, const std::string& port, int ms) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &res) != 0 || !res) return Reach::Refused;
  bool ok = false, timed_out = false;
  for (addrinfo* a = res; a && !ok; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc == 0) {
      ok = true;
    } else if (errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      if (poll(&p, 1, ms) == 1) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        ok = err == 0;
        timed_out |= err == ETIMEDOUT;
      } else {
        timed_out = true;
      }
    }
    close(fd);
  }
  freeaddrinfo(res);
  return ok ? Reach::Yes : timed_out ? Reach::TimedOut : Reach::Refused;
}

constexpr auto kSlow = TierUnavailable::Why::Slow;

const char* const kGet =
    "SELECT selector, strategy, confidence, stable, fingerprint::text, "
    "to_char(verified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), failures_in_a_row "
    "FROM selectors WHERE cache_key = $1";
// The newest verification wins; an invalidation newer than the verification keeps the entry out.
const char* const kPut =
    "INSERT INTO selectors (cache_key, url_pattern, action, target, scope, ordinal, context, selector, strategy, "
    "confidence, stable, fingerprint, verified_at, created_at) "
    "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::timestamptz, "
    "COALESCE(NULLIF($14, '')::timestamptz, now()) "
    "WHERE NOT EXISTS (SELECT 1 FROM selector_invalidations WHERE cache_key = $1 AND invalidated_at > $13::timestamptz) "
    "ON CONFLICT (cache_key) DO UPDATE SET selector = excluded.selector, strategy = excluded.strategy, "
    "confidence = excluded.confidence, stable = excluded.stable, fingerprint = excluded.fingerprint, "
    "verified_at = excluded.verified_at, updated_at = now(), failures_in_a_row = 0 "
    "WHERE selectors.verified_at <= excluded.verified_at";
const char* const kHit =
    "UPDATE selectors SET verified_at = now(), updated_at = now(), failures_in_a_row = 0 WHERE cache_key = $1";
const char* const kFail =
    "UPDATE selectors SET failures_in_a_row = failures_in_a_row + 1, updated_at = now() "
    "WHERE cache_key = $1 AND selector = $2 RETURNING failures_in_a_row";
const char* const kRemove = "DELETE FROM selectors WHERE cache_key = $1";
const char* const kRemember =
    "INSERT INTO selector_invalidations (cache_key, invalidated_at) VALUES ($1, now()) "
    "ON CONFLICT (cache_key) DO UPDATE SET invalidated_at = now()";

}  // namespace

struct PostgresTier::Impl {
  PostgresConfig config;
  std::unique_ptr<pqxx::connection> conn;

  // The client-side deadline: a watchdog that shuts the connection's socket down when a statement overruns,
  // which makes the blocked libpq call fail at once (statement_timeout cannot help with a hung server).
  std::thread watchdog;
  std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;
  bool armed = false;
  bool fired = false;
  int fd = -1;
  Clock::time_point deadline;

  explicit Impl(const PostgresConfig& c) : config(c) {
    watchdog = std::thread([this] {
      std::unique_lock<std::mutex> lock(mu);
      while (!stopping) {
        if (!armed) {
          cv.wait(lock);
          continue;
        }
        if (cv.wait_until(lock, deadline) == std::cv_status::timeout && armed && Clock::now() >= deadline) {
          shutdown(fd, SHUT_RDWR);
          fired = true;
          armed = false;
        }
      }
    });
  }

  ~Impl() {
    {
      std::lock_guard<std::mutex> lock(mu);
      stopping = true;
    }
    cv.notify_all();
    watchdog.join();
    conn.reset();
  }

  void arm(int socket_fd, int ms) {
    std::lock_guard<std::mutex> lock(mu);
    fd = socket_fd;
    deadline = Clock::now() + std::chrono::milliseconds(ms);
    armed = true;
    fired = false;
    cv.notify_all();
  }

  bool disarm() {
    std::lock_guard<std::mutex> lock(mu);
    armed = false;
    return fired;
  }

  void connect() {
    auto u = parse_url(config.url);
    if (u && u->hierarchical && !u->host.empty() && u->host[0] != '/') {
      auto reach = tcp_reachable(u->host, u->port.empty() ? "5432" : u->port, config.connect_timeout_ms);
      if (reach == Reach::TimedOut)
        throw TierUnavailable(fmt::format("cannot connect within {} ms", config.connect_timeout_ms), kSlow);
      if (reach == Reach::Refused) throw TierUnavailable("cannot connect: refused or unreachable");
    }
    int secs = std::max(2, (config.connect_timeout_ms + 999) / 1000);
    std::string url = config.url + (config.url.find('?') == std::string::npos ? "?" : "&") +
                      "connect_timeout=" + std::to_string(secs);
    try {
      conn = std::make_unique<pqxx::connection>(url);
      // The session's set-up is under the deadline too: a server that accepted us may still never answer.
      arm(conn->sock(), config.connect_timeout_ms + config.command_timeout_ms);
      pqxx::nontransaction n(*conn);
      n.exec(fmt::format("SET statement_timeout = {}", config.command_timeout_ms));
      auto v = n.exec("SELECT to_regclass('schema_version') IS NOT NULL AND to_regclass('selectors') IS NOT NULL");
      if (!v[0][0].as<bool>())
        throw TierUnavailable("the team database has no PACTS schema; run: pacts db migrate --postgres");
      conn->prepare("get", kGet);
      conn->prepare("put", kPut);
      conn->prepare("hit", kHit);
      conn->prepare("fail", kFail);
      conn->prepare("remove", kRemove);
      conn->prepare("remember", kRemember);
      disarm();
    } catch (const TierUnavailable&) {
      disarm();
      conn.reset();
      throw;
    } catch (const std::exception& e) {
      bool timed_out = disarm();
      conn.reset();
      if (timed_out) throw TierUnavailable("the server accepted the connection but did not answer", kSlow);
      // Down, also when libpq's own connect timeout passed: its minimum (2 s) is ten times our deadline, far
      // more than a busy CPU delays a loopback answer.
      throw TierUnavailable(std::string("cannot connect: ") + e.what());
    }
  }

  template <typename F>
  auto run(F&& fn) {
    if (!conn || !conn->is_open()) connect();
    arm(conn->sock(), config.command_timeout_ms + 50);
    try {
      auto result = fn(*conn);
      disarm();
      return result;
    } catch (const pqxx::sql_error& e) {
      bool timed_out = disarm();
      std::string state = e.sqlstate();
      if (timed_out || state != "57014") {  // 57014: statement_timeout; the connection is still good then
        if (timed_out || state.rfind("08", 0) == 0 || state == "42P01") conn.reset();
      }
      if (timed_out) throw TierUnavailable(fmt::format("no answer within {} ms", config.command_timeout_ms), kSlow);
      if (state == "57014") throw TierUnavailable("a statement exceeded its deadline", kSlow);
      throw TierUnavailable(e.what());
    } catch (const std::exception& e) {
      bool timed_out = disarm();
      conn.reset();
      if (timed_out) throw TierUnavailable(fmt::format("no answer within {} ms", config.command_timeout_ms), kSlow);
      throw TierUnavailable(e.what());
    }
  }
};

PostgresTier::PostgresTier(const PostgresConfig& config) : impl_(std::make_unique<Impl>(config)) {}
PostgresTier::~PostgresTier() = default;

std::optional<SelectorRecord> PostgresTier::get(const SelectorKey& key) {
  return impl_->run([&](pqxx::connection& c) -> std::optional<SelectorRecord> {
    pqxx::nontransaction n(c);
    auto r = n.exec_prepared("get", key.canonical());
    if (r.empty()) return std::nullopt;
    SelectorRecord rec;
    rec.key = key;
    rec.selector = r[0][0].as<std::string>();
    rec.strategy = r[0][1].as<std::string>();
    rec.confidence = r[0][2].as<double>();
    rec.stable = r[0][3].as<bool>();
    rec.fingerprint = r[0][4].as<std::string>();
    rec.verified_at = r[0][5].as<std::string>();
    rec.created_at = r[0][6].as<std::string>();
    rec.failures_in_a_row = r[0][7].as<int>();
    return rec;
  });
}

void PostgresTier::put(const SelectorRecord& s) {
  impl_->run([&](pqxx::connection& c) {
    pqxx::nontransaction n(c);
    n.exec_prepared("put", s.key.canonical(), s.key.url_pattern, s.key.action, s.key.target, s.key.scope,
                    s.key.ordinal, s.key.context, s.selector, s.strategy, s.confidence, s.stable,
                    s.fingerprint.empty() ? std::string("{}") : s.fingerprint,
                    s.verified_at.empty() ? std::string("now") : s.verified_at, s.created_at);
    return 0;
  });
}

void PostgresTier::record_hit(const SelectorKey& key) {
  impl_->run([&](pqxx::connection& c) {
    pqxx::nontransaction n(c);
    n.exec_prepared("hit", key.canonical());
    return 0;
  });
}

bool PostgresTier::record_failure(const SelectorKey& key, const std::string& selector) {
  return impl_->run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    auto r = tx.exec_prepared("fail", key.canonical(), selector);
    bool removed = false;
    if (!r.empty() && r[0][0].as<int>() >= 2) {
      tx.exec_prepared("remove", key.canonical());
      tx.exec_prepared("remember", key.canonical());
      removed = true;
    }
    tx.commit();
    return removed;
  });
}

int64_t PostgresTier::clear() {
  return impl_->run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    // Invalidations stay: they keep older verifications (from laptops not yet synced) from coming back.
    auto r = tx.exec("DELETE FROM selectors");
    tx.commit();
    return static_cast<int64_t>(r.affected_rows());
  });
}

int64_t PostgresTier::count() {
  return impl_->run([&](pqxx::connection& c) {
    pqxx::nontransaction n(c);
    return n.exec("SELECT count(*) FROM selectors")[0][0].as<int64_t>();
  });
}

}  // namespace pacts
