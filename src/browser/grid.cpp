#include "browser/grid.h"

#include <atomic>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include "browser/chromium_args.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "core/url.h"

namespace pacts {

namespace {

using json = nlohmann::json;

struct GridAddress {
  std::string origin;  // http://host:port
  std::string prefix;  // "" or "/wd/hub", without a trailing '/'
  std::string host;
};

GridAddress grid_address(const std::string& url) {
  auto u = parse_url(url);
  if (!u || u->scheme != "http" || u->host.empty())
    throw_bad_input(fmt::format("browser.grid_url (--grid) wants http://host:port, got '{}'", url));
  GridAddress a{u->origin(), u->path, u->host};
  while (!a.prefix.empty() && a.prefix.back() == '/') a.prefix.pop_back();
  return a;
}

std::unique_ptr<httplib::Client> client_for(const GridAddress& a, std::chrono::milliseconds connect,
                                            std::chrono::milliseconds read) {
  auto c = std::make_unique<httplib::Client>(a.origin);
  auto secs = [](std::chrono::milliseconds ms) { return static_cast<time_t>(ms.count() / 1000); };
  auto usecs = [](std::chrono::milliseconds ms) { return static_cast<time_t>(ms.count() % 1000 * 1000); };
  c->set_connection_timeout(secs(connect), usecs(connect));
  c->set_read_timeout(secs(read), usecs(read));
  c->set_write_timeout(secs(connect), usecs(connect));
  return c;
}

json new_session_request(const GridOptions& o) {
  json args = common_chromium_args();
  args.push_back(fmt::format("--window-size={},{}", o.window_width, o.window_height));
  if (o.headless) args.push_back("--headless=new");
  json chromium = {{"args", args}};
  if (!o.chromium_binary.empty()) chromium["binary"] = o.chromium_binary;
  // W3C new session; Chromium answers to the WebDriver browser name "chrome" and its options key.
  return {{"capabilities", {{"alwaysMatch", {{"browserName", "chrome"}, {"goog:chromeOptions", chromium}}}}}};
}

// The Grid's reason for an error answer: its W3C error and message, or the HTTP status and body.
std::string grid_error(const httplib::Result& r) {
  if (!r) return "the Grid cannot be reached (" + httplib::to_string(r.error()) + ")";
  auto body = json::parse(r->body, nullptr, false);
  if (body.is_object() && body.contains("value") && body["value"].is_object()) {
    const json& v = body["value"];
    std::string message = v.value("message", std::string());
    return fmt::format("HTTP {}: {}{}", r->status, v.value("error", std::string("error")),
                       message.empty() ? "" : ": " + message.substr(0, message.find('\n')));
  }
  return fmt::format("HTTP {}: {}", r->status, r->body.substr(0, 200));
}

// While it lives, Ctrl-C or SIGTERM stops the client's request in flight: a new session may wait minutes in the
// Grid's queue, and the run must stop at once. (A session the Grid creates after that is not ours to delete;
// the Grid's session timeout ends it.)
class StopOnInterrupt {
 public:
  explicit StopOnInterrupt(httplib::Client& client)
      : watcher_([this, &client] {
          while (!done_) {
            if (wait_for_interrupt(100)) {
              client.stop();
              return;
            }
          }
        }) {}
  ~StopOnInterrupt() {
    done_ = true;
    watcher_.join();
  }
  StopOnInterrupt(const StopOnInterrupt&) = delete;
  StopOnInterrupt& operator=(const StopOnInterrupt&) = delete;

 private:
  std::atomic<bool> done_{false};
  std::thread watcher_;
};

}  // namespace

std::string reachable_cdp_url(const std::string& cdp, const std::string& grid_url) {
  // Textually: the host of ws://HOST:PORT/..., where HOST may be a bracketed IPv6 address.
  size_t start = cdp.find("://");
  auto g = parse_url(grid_url);
  if (start == std::string::npos || !g) return cdp;
  start += 3;
  size_t end = cdp[start] == '[' ? cdp.find(']', start) + 1 : cdp.find_first_of(":/", start);
  if (end == 0 || end == std::string::npos) end = cdp.size();
  std::string host = cdp.substr(start, end - start);
  if (!host.empty() && host != "0.0.0.0" && host != "[::]") return cdp;
  return cdp.substr(0, start) + g->host + cdp.substr(end);
}

GridSession::GridSession(const GridOptions& options) : options_(options) {
  GridAddress a = grid_address(options.url);
  auto client = client_for(a, options.connect_timeout, options.session_timeout);
  httplib::Result r{nullptr, httplib::Error::Unknown};
  {
    StopOnInterrupt stop(*client);
    // The Grid refuses a body whose content type does not say UTF-8.
    r = client->Post((a.prefix + "/session").c_str(), new_session_request(options).dump(),
                     "application/json; charset=utf-8");
  }
  throw_if_interrupted();
  if (!r || r->status != 200)
    throw_setup(fmt::format("the Grid at {} gave no session: {}", options.url, grid_error(r)));
  auto body = json::parse(r->body, nullptr, false);
  const json* value = body.is_object() && body.contains("value") ? &body["value"] : nullptr;
  if (value && value->is_object()) id_ = value->value("sessionId", std::string());
  if (id_.empty()) throw_setup(fmt::format("the Grid at {} answered a new session without a session id", options.url));
  const json caps = value->value("capabilities", json::object());
  std::string cdp = caps.is_object() ? caps.value("se:cdp", std::string()) : std::string();
  if (cdp.empty()) {
    remove();
    throw_setup(fmt::format("the Grid at {} gave session {} without se:cdp (its DevTools websocket); a Grid 4 node "
                            "with Chromium gives one",
                            options.url, id_));
  }
  cdp_url_ = reachable_cdp_url(cdp, options.url);
  spdlog::debug("grid session {} at {}", id_, cdp_url_);
}

GridSession::~GridSession() { remove(); }

void GridSession::remove() noexcept {
  if (id_.empty()) return;
  try {
    GridAddress a = grid_address(options_.url);
    auto client = client_for(a, options_.connect_timeout, options_.connect_timeout);
    auto r = client->Delete((a.prefix + "/session/" + id_).c_str());
    if (!r || r->status != 200)
      spdlog::warn("could not delete session {} on the Grid at {}: {}", id_, options_.url, grid_error(r));
  } catch (const std::exception& e) {
    spdlog::warn("could not delete session {} on the Grid at {}: {}", id_, options_.url, e.what());
  }
  id_.clear();
}

}  // namespace pacts
