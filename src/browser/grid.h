#pragma once
// A browser on a Selenium Grid 4 (browser.grid_url, --grid): one W3C WebDriver session, asked for with
// Chromium's capabilities (headless, the Grid node's Chromium binary), whose DevTools websocket the Grid
// returns as the capability se:cdp; the browser module speaks the DevTools protocol over it as it does to any
// browser it connects to. Destroying a GridSession deletes the session on the Grid (also while unwinding from
// an error or Ctrl-C/SIGTERM), so that its slot is free again. The browser module's only translation unit
// with cpp-httplib.
#include <chrono>
#include <memory>
#include <string>

namespace pacts {

struct GridOptions {
  std::string url;                       // http://host:4444 (a path prefix such as /wd/hub is kept)
  std::string chromium_binary;           // on the Grid's node; empty: the node's own choice
  bool headless = true;
  int window_width = 1280;
  int window_height = 800;
  std::chrono::milliseconds connect_timeout{5000};    // reaching the Grid
  std::chrono::milliseconds session_timeout{300000};  // the Grid's answer to a new session (its queue included)
};

class GridSession {
 public:
  // Asks the Grid for a session. Throws Error(BadInput) for a URL that is not http://, Error(Setup) with what
  // the Grid said when it refused, had no free slot before its queue timed out, gave no se:cdp, or could not
  // be reached. (A session created but unusable is deleted before throwing.)
  explicit GridSession(const GridOptions& options);
  ~GridSession();  // deletes the session; a Grid that is gone is logged, not thrown
  GridSession(const GridSession&) = delete;
  GridSession& operator=(const GridSession&) = delete;

  const std::string& id() const { return id_; }
  // The DevTools websocket of the session's browser: se:cdp as the Grid gave it, except that a wildcard host
  // (0.0.0.0, [::]) or none is replaced by the Grid's own host, which proxies the websocket.
  const std::string& cdp_url() const { return cdp_url_; }

 private:
  void remove() noexcept;
  GridOptions options_;
  std::string id_;
  std::string cdp_url_;
};

// se:cdp as reachable from here: `cdp` unchanged unless its host is a wildcard or empty, then the Grid's host.
// Exposed for tests.
std::string reachable_cdp_url(const std::string& cdp, const std::string& grid_url);

}  // namespace pacts
