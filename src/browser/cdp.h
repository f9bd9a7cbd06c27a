#pragma once
// The Chrome DevTools Protocol over a Transport: numbered commands matched to their replies, and events
// dispatched to the listener of their session (flattened sessions: every page command carries its session
// id). Single-threaded: events are delivered while a caller waits in call() or pump_until().
// Only the browser module includes this header (it brings in nlohmann/json).
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "browser/transport.h"
#include "core/error.h"

namespace pacts {

// A command the browser refused; `message` is the protocol's text ("Execution context was destroyed.").
class CdpError : public Error {
 public:
  CdpError(const std::string& method, const std::string& message)
      : Error(ErrorKind::Browser, method + ": " + message), protocol_message(message) {}
  std::string protocol_message;
};

class CdpConnection {
 public:
  using Clock = std::chrono::steady_clock;
  using Listener = std::function<void(const std::string& method, const nlohmann::json& params)>;

  explicit CdpConnection(std::unique_ptr<Transport> transport) : transport_(std::move(transport)) {}

  // Sends a command and waits for its reply; returns "result". Throws CdpError on a protocol error,
  // Error(Browser) when no reply comes within `timeout` or the browser is gone.
  nlohmann::json call(const std::string& method, const nlohmann::json& params = nlohmann::json::object(),
                      const std::string& session = "",
                      std::chrono::milliseconds timeout = std::chrono::milliseconds(30000));
  // Sends several commands at once and waits for every reply (one round trip instead of one per command);
  // the results in order. Throws as call() does, for the first command that failed.
  std::vector<nlohmann::json> call_all(const std::vector<std::pair<std::string, nlohmann::json>>& commands,
                                       const std::string& session = "",
                                       std::chrono::milliseconds timeout = std::chrono::milliseconds(30000));
  // Sends a command without waiting for its reply.
  void send(const std::string& method, const nlohmann::json& params, const std::string& session = "");
  // Sends a command and returns at once; `on_reply` gets the whole reply ("result" or "error") when it arrives,
  // inside whichever later call(), call_all(), drain() or pump_until() reads it. It may send more commands.
  // Dropped unanswered when the connection is destroyed.
  using ReplyHandler = std::function<void(const nlohmann::json& reply)>;
  void send_then(const std::string& method, const nlohmann::json& params, const std::string& session,
                 ReplyHandler on_reply);
  // Processes every message that has already arrived, without waiting.
  void drain();
  // Processes incoming messages until done() or the deadline; returns done().
  bool pump_until(const std::function<bool()>& done, Clock::time_point deadline);

  // Total time spent blocked waiting for the browser, in milliseconds (for the runner's own-overhead figure).
  double waited_ms() const { return waited_ms_; }
  // Round trips so far: each call() or call_all() is one, however many commands it carries.
  int64_t round_trips() const { return round_trips_; }

  void listen(const std::string& session, Listener listener) { listeners_[session] = std::move(listener); }
  void unlisten(const std::string& session) { listeners_.erase(session); }

 private:
  void dispatch(const std::string& raw);

  std::unique_ptr<Transport> transport_;
  int64_t next_id_ = 1;
  std::map<int64_t, nlohmann::json> replies_;  // replies that arrived for commands nobody waits on yet
  std::map<std::string, Listener> listeners_;
  std::set<int64_t> unawaited_;  // ids sent with send(): their replies are dropped
  std::map<int64_t, ReplyHandler> handlers_;  // ids sent with send_then()
  double waited_ms_ = 0;
  int64_t round_trips_ = 0;
};

}  // namespace pacts
