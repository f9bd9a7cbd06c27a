#pragma once
// One browser per `pacts run` worker: either a headless Chromium we launch (DevTools over
// --remote-debugging-pipe, a fresh profile in a temp directory, its own process group that dies with pacts even
// on Ctrl-C or SIGTERM), or a browser already running elsewhere, reached by its DevTools websocket URL, or a
// session on a Selenium Grid 4 (its DevTools websocket, se:cdp; the session is deleted with the Browser). All
// give the same pages. Destroying a Browser we launched closes it, kills anything left of its process group and removes the
// profile; destroying a connected Browser only disconnects. The profile folder (with the browser's TMPDIR in
// it) is named after the pacts process that owns it; launching a browser removes the folders of pacts
// processes that are gone (killed outright, so that they could not remove their own).
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace pacts {

class Page;
class CdpConnection;
class ChromiumProcess;
class GridSession;

struct BrowserOptions {
  std::string executable = "/usr/bin/chromium";
  std::string ws_url;  // non-empty: connect instead of launching
  std::string grid_url;  // non-empty: a session on this Selenium Grid 4 instead (browser/grid.h)
  std::string grid_chromium = "/usr/bin/chromium";
  std::chrono::milliseconds grid_timeout{300000};
  bool headless = true;
  std::chrono::milliseconds launch_timeout{20000};
  int window_width = 1280;
  int window_height = 800;
  std::vector<std::string> extra_args;
};

class Browser {
 public:
  // Throws Error(Setup) when the browser cannot be started or reached.
  explicit Browser(const BrowserOptions& options);
  ~Browser();
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  // A page in a fresh browser context (its own cookies and storage). Throws Error(Browser).
  // Takes the page prepare_page() made when there is one.
  std::unique_ptr<Page> new_page();
  // Starts making the next new_page()'s context and target in the background and returns at once: the browser
  // creates them (a renderer process, most of a page's cost) while the caller goes on with the current page,
  // since their replies are read by whatever the connection does next. A fresh context shares nothing with
  // the current one. Does nothing when one is already being prepared. The browser drops an unused one when
  // it closes or when we disconnect (disposeOnDetach).
  void prepare_page();
  std::string version() const { return version_; }
  pid_t pid() const;  // 0 for a connected browser

 private:
  BrowserOptions options_;
  std::unique_ptr<GridSession> grid_;  // declared before cdp_: the connection closes before the session goes
  std::unique_ptr<ChromiumProcess> process_;
  std::unique_ptr<CdpConnection> cdp_;
  std::string version_;
  struct Prepared;
  std::shared_ptr<Prepared> prepared_;  // the page prepare_page() is making, if any
};

}  // namespace pacts
