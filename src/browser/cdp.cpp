#include "browser/cdp.h"

#include <algorithm>

#include <fmt/format.h>

namespace pacts {

using nlohmann::json;

void CdpConnection::send(const std::string& method, const json& params, const std::string& session) {
  int64_t id = next_id_++;
  json msg = {{"id", id}, {"method", method}, {"params", params}};
  if (!session.empty()) msg["sessionId"] = session;
  unawaited_.insert(id);
  transport_->send(msg.dump());
}

void CdpConnection::send_then(const std::string& method, const json& params, const std::string& session,
                              ReplyHandler on_reply) {
  int64_t id = next_id_++;
  json msg = {{"id", id}, {"method", method}, {"params", params}};
  if (!session.empty()) msg["sessionId"] = session;
  handlers_[id] = std::move(on_reply);
  transport_->send(msg.dump());
}

json CdpConnection::call(const std::string& method, const json& params, const std::string& session,
                         std::chrono::milliseconds timeout) {
  return call_all({{method, params}}, session, timeout).front();
}

std::vector<json> CdpConnection::call_all(const std::vector<std::pair<std::string, json>>& commands,
                                          const std::string& session, std::chrono::milliseconds timeout) {
  ++round_trips_;
  std::vector<int64_t> ids;
  for (const auto& [method, params] : commands) {
    int64_t id = next_id_++;
    json msg = {{"id", id}, {"method", method}, {"params", params}};
    if (!session.empty()) msg["sessionId"] = session;
    transport_->send(msg.dump());
    ids.push_back(id);
  }
  auto deadline = Clock::now() + timeout;
  bool got = pump_until(
      [&] { return std::all_of(ids.begin(), ids.end(), [&](int64_t id) { return replies_.count(id) > 0; }); },
      deadline);
  std::vector<json> results;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string& method = commands[i].first;
    auto it = replies_.find(ids[i]);
    if (it == replies_.end()) {
      for (size_t j = i; j < ids.size(); ++j) unawaited_.insert(ids[j]);  // late replies are dropped
      throw Error(ErrorKind::Browser, fmt::format("the browser did not answer {} within {} ms", method, timeout.count()));
    }
    json reply = std::move(it->second);
    replies_.erase(it);
    if (reply.contains("error")) {
      for (size_t j = i + 1; j < ids.size(); ++j)
        if (!replies_.erase(ids[j])) unawaited_.insert(ids[j]);
      const auto& err = reply["error"];
      throw CdpError(method, err.value("message", std::string("unknown error")) +
                                 (err.contains("data") ? " (" + err["data"].dump() + ")" : ""));
    }
    results.push_back(reply.value("result", json::object()));
  }
  (void)got;
  return results;
}

void CdpConnection::drain() {
  while (auto raw = transport_->receive(std::chrono::milliseconds(0))) dispatch(*raw);
}

bool CdpConnection::pump_until(const std::function<bool()>& done, Clock::time_point deadline) {
  while (!done()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return done();
    auto before = Clock::now();
    auto raw = transport_->receive(left);
    waited_ms_ += std::chrono::duration<double, std::milli>(Clock::now() - before).count();
    if (!raw) return done();
    dispatch(*raw);
  }
  return true;
}

void CdpConnection::dispatch(const std::string& raw) {
  json msg = json::parse(raw, nullptr, false);
  if (msg.is_discarded()) return;
  if (msg.contains("id")) {
    int64_t id = msg["id"].get<int64_t>();
    if (auto h = handlers_.find(id); h != handlers_.end()) {
      ReplyHandler handler = std::move(h->second);
      handlers_.erase(h);
      handler(msg);
      return;
    }
    if (unawaited_.erase(id) == 0) replies_[id] = std::move(msg);
    return;
  }
  if (!msg.contains("method")) return;
  std::string session = msg.value("sessionId", std::string());
  auto it = listeners_.find(session);
  if (it != listeners_.end()) {
    // Copy: a listener may unlisten itself.
    Listener l = it->second;
    l(msg["method"].get<std::string>(), msg.value("params", json::object()));
  }
}

}  // namespace pacts
