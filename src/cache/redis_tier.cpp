#include "cache/redis_tier.h"

#include <sys/time.h>

#include <cerrno>

#include <hiredis/hiredis.h>
#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"
#include "core/url.h"
#include "store/record_json.h"

namespace pacts {

namespace {

// A prefix is literal in SCAN MATCH patterns: "team[1]" must not match "team1".
std::string glob_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// hiredis reports a passed deadline as an I/O error with errno EAGAIN (a read past SO_RCVTIMEO: "Resource
// temporarily unavailable") or ETIMEDOUT (a connect): slow, not down.
TierUnavailable::Why why_failed(const redisContext* ctx, int err) {
  bool deadline = ctx && ctx->err == REDIS_ERR_IO && (err == EAGAIN || err == EWOULDBLOCK || err == ETIMEDOUT);
  return deadline ? TierUnavailable::Why::Slow : TierUnavailable::Why::Down;
}

timeval to_timeval(int ms) {
  timeval tv{};
  tv.tv_sec = ms / 1000;
  tv.tv_usec = (ms % 1000) * 1000;
  return tv;
}

}  // namespace

RedisEndpoint parse_redis_url(const std::string& url) {
  RedisEndpoint e;
  if (url.rfind("/", 0) == 0) {
    e.socket_path = url;
    return e;
  }
  if (url.rfind("unix://", 0) == 0) {
    e.socket_path = url.substr(7);
    return e;
  }
  auto u = parse_url(url);
  if (!u || u->scheme != "redis") throw_bad_input(fmt::format("redis.url: not a redis:// URL: {}", redact_url(url)));
  // The user info ends at the authority's last '@' (a password may contain '@'), and is percent-encoded.
  size_t authority_end = url.find_first_of("/?#", 8);
  std::string authority = url.substr(8, authority_end == std::string::npos ? std::string::npos : authority_end - 8);
  if (auto at = authority.rfind('@'); at != std::string::npos) {
    std::string userinfo = authority.substr(0, at);
    auto colon = userinfo.find(':');
    e.password = percent_decode(colon == std::string::npos ? userinfo : userinfo.substr(colon + 1));
  }
  if (!u->host.empty()) e.host = u->host;
  if (!u->port.empty()) {
    if (!is_all_digits(u->port)) throw_bad_input("redis.url: bad port in " + redact_url(url));
    e.port = std::stoi(u->port);
  }
  std::string db = u->path.size() > 1 ? u->path.substr(1) : "";
  if (!db.empty()) {
    if (!is_all_digits(db)) throw_bad_input("redis.url: the database must be a number, in " + redact_url(url));
    e.db = std::stoi(db);
  }
  return e;
}

struct RedisTier::Reply {
  std::unique_ptr<redisReply, void (*)(void*)> r{nullptr, freeReplyObject};
  redisReply* operator->() const { return r.get(); }
};

RedisTier::RedisTier(const RedisConfig& config) : config_(config), endpoint_(parse_redis_url(config.url)) {}

RedisTier::~RedisTier() { drop(); }

void RedisTier::drop() {
  if (ctx_) redisFree(ctx_);
  ctx_ = nullptr;
}

void RedisTier::connect() {
  timeval ct = to_timeval(config_.connect_timeout_ms);
  ctx_ = endpoint_.socket_path.empty() ? redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, ct)
                                       : redisConnectUnixWithTimeout(endpoint_.socket_path.c_str(), ct);
  if (!ctx_ || ctx_->err) {
    int err = errno;
    std::string why = ctx_ ? ctx_->errstr : "out of memory";
    auto kind = why_failed(ctx_, err);
    drop();
    throw TierUnavailable("cannot connect: " + why, kind);
  }
  redisSetTimeout(ctx_, to_timeval(config_.command_timeout_ms));
  if (endpoint_.socket_path.empty()) redisEnableKeepAlive(ctx_);
  try {
    if (!endpoint_.password.empty()) command({"AUTH", endpoint_.password});
    if (endpoint_.db != 0) command({"SELECT", std::to_string(endpoint_.db)});
  } catch (const TierUnavailable&) {
    drop();  // never keep a connection on the wrong database or unauthenticated
    throw;
  }
}

RedisTier::Reply RedisTier::command(const std::vector<std::string>& args) {
  if (!ctx_) connect();
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  Reply reply;
  reply.r.reset(static_cast<redisReply*>(redisCommandArgv(ctx_, static_cast<int>(args.size()), argv.data(), lens.data())));
  if (!reply.r) {
    int err = errno;
    std::string why = ctx_->errstr[0] ? ctx_->errstr : "no reply";
    auto kind = why_failed(ctx_, err);
    drop();  // the connection is unusable after an I/O error or a timeout
    throw TierUnavailable(why, kind);
  }
  if (reply->type == REDIS_REPLY_ERROR) {
    std::string why(reply->str, reply->len);
    if (why.rfind("LOADING", 0) == 0 || why.rfind("NOAUTH", 0) == 0 || why.rfind("WRONGPASS", 0) == 0) {
      drop();
      throw TierUnavailable(why);
    }
    throw TierUnavailable("redis refused " + args[0] + ": " + why);
  }
  return reply;
}

std::optional<SelectorRecord> RedisTier::get(const SelectorKey& key) {
  auto r = command({"GET", sel_key(key)});
  if (r->type != REDIS_REPLY_STRING) return std::nullopt;
  auto rec = selector_from_json(std::string(r->str, r->len));
  if (!rec) return std::nullopt;
  rec->key = key;
  return rec;
}

void RedisTier::put(const SelectorRecord& record) {
  command({"SET", sel_key(record.key), selector_to_json(record), "EX", std::to_string(config_.ttl_s)});
  command({"DEL", fail_key(record.key)});
}

void RedisTier::record_hit(const SelectorKey& key) {
  command({"EXPIRE", sel_key(key), std::to_string(config_.ttl_s)});
  command({"DEL", fail_key(key)});
}

bool RedisTier::try_lock(const std::string& cache_key, const std::string& token, int ttl_ms) {
  auto r = command({"SET", flight_key(cache_key), token, "NX", "PX", std::to_string(ttl_ms)});
  // NX answers OK when it set the key and nil when another worker holds it.
  return r->type == REDIS_REPLY_STATUS;
}

void RedisTier::unlock(const std::string& cache_key, const std::string& token) {
  // Compare and delete in one step on the server: a GET then DEL could delete a lock another worker took after
  // ours expired.
  static const std::string kScript =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
  command({"EVAL", kScript, "1", flight_key(cache_key), token});
}

bool RedisTier::lock_exists(const std::string& cache_key) {
  auto r = command({"EXISTS", flight_key(cache_key)});
  return r->type == REDIS_REPLY_INTEGER && r->integer > 0;
}

bool RedisTier::record_failure(const SelectorKey& key, const std::string& selector) {
  auto held = get(key);
  if (!held || held->selector != selector) return false;  // another selector: not the one that failed
  auto n = command({"INCR", fail_key(key)});
  command({"EXPIRE", fail_key(key), std::to_string(config_.ttl_s)});
  if (n->type == REDIS_REPLY_INTEGER && n->integer >= 2) {
    command({"DEL", sel_key(key), fail_key(key)});
    return true;
  }
  return false;
}

void RedisTier::pipeline(const std::vector<std::vector<std::string>>& commands) {
  if (!ctx_) connect();
  for (const auto& args : commands) {
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    redisAppendCommandArgv(ctx_, static_cast<int>(args.size()), argv.data(), lens.data());
  }
  for (size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(ctx_, &raw) != REDIS_OK || !raw) {
      std::string why = ctx_->errstr[0] ? ctx_->errstr : "no reply";
      drop();
      throw TierUnavailable(why);
    }
    Reply reply;
    reply.r.reset(static_cast<redisReply*>(raw));
    if (reply->type == REDIS_REPLY_ERROR) {
      std::string why(reply->str, reply->len);
      drop();  // replies still due would arrive out of step
      throw TierUnavailable("redis refused " + commands[i][0] + ": " + why);
    }
  }
}

int64_t RedisTier::put_newer(const std::vector<SelectorRecord>& records) {
  constexpr size_t kChunk = 500;
  int64_t written = 0;
  for (size_t from = 0; from < records.size(); from += kChunk) {
    size_t to = std::min(records.size(), from + kChunk);
    std::vector<std::string> mget = {"MGET"};
    for (size_t i = from; i < to; ++i) mget.push_back(sel_key(records[i].key));
    auto held = command(mget);
    if (held->type != REDIS_REPLY_ARRAY || held->elements != to - from) throw TierUnavailable("unexpected MGET reply");
    std::vector<std::vector<std::string>> writes;
    for (size_t i = from; i < to; ++i) {
      const redisReply* h = held->element[i - from];
      if (h->type == REDIS_REPLY_STRING) {
        auto rec = selector_from_json(std::string(h->str, h->len));
        if (rec && rec->verified_at >= records[i].verified_at) continue;
      }
      writes.push_back({"SET", sel_key(records[i].key), selector_to_json(records[i]), "EX", std::to_string(config_.ttl_s)});
      writes.push_back({"DEL", fail_key(records[i].key)});
      ++written;
    }
    pipeline(writes);
  }
  return written;
}

bool RedisTier::remove_verified_before(const std::string& cache_key, const std::string& at) {
  std::string key = config_.key_prefix + ":sel:" + cache_key;
  auto r = command({"GET", key});
  if (r->type != REDIS_REPLY_STRING) return false;
  auto rec = selector_from_json(std::string(r->str, r->len));
  if (rec && rec->verified_at >= at) return false;  // verified since: the invalidation is older
  command({"DEL", key, config_.key_prefix + ":fail:" + cache_key});
  return true;
}

void RedisTier::scan(const std::string& pattern, const std::function<void(std::vector<std::string>&)>& batch) {
  std::string cursor = "0";
  do {
    auto r = command({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"});
    if (r->type != REDIS_REPLY_ARRAY || r->elements != 2) throw TierUnavailable("unexpected SCAN reply");
    cursor.assign(r->element[0]->str, r->element[0]->len);
    std::vector<std::string> keys;
    for (size_t i = 0; i < r->element[1]->elements; ++i)
      keys.emplace_back(r->element[1]->element[i]->str, r->element[1]->element[i]->len);
    batch(keys);
  } while (cursor != "0");
}

int64_t RedisTier::clear() {
  int64_t removed = 0;
  for (const char* kind : {":sel:*", ":fail:*"}) {
    scan(glob_escape(config_.key_prefix) + kind, [&](std::vector<std::string>& keys) {
      if (keys.empty()) return;
      keys.insert(keys.begin(), "DEL");
      auto d = command(keys);
      if (d->type == REDIS_REPLY_INTEGER) removed += d->integer;
    });
  }
  return removed;
}

int64_t RedisTier::count() {
  int64_t n = 0;
  scan(glob_escape(config_.key_prefix) + ":sel:*", [&](std::vector<std::string>& keys) { n += static_cast<int64_t>(keys.size()); });
  return n;
}

}  // namespace pacts
