// Navigation: loading a URL, reload, back and forward in the tab's history, each waiting for the document it
// brings within its deadline (the navigation half of Page).
#include <fmt/format.h>

#include "browser/cdp.h"
#include "browser/page.h"

namespace pacts {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

NavigationResult Page::navigate(const std::string& url, Millis timeout) {
  NavigationResult res;
  last_document_status_ = 0;
  int64_t stopped_before = stopped_loading_;
  auto deadline = Clock::now() + timeout;
  // The page did not load by the deadline: stop it, so that what did arrive renders (a script that never
  // comes blocks the first paint, and with it any screenshot) and nothing keeps loading into the next step.
  auto not_loaded = [&] {
    stop_loading();
    res.error = fmt::format("the page did not finish loading within {} ms", timeout.count());
    if (!draws_frames(Millis(1000))) {
      // Nothing of it was ever drawn (a script in its head never came), and a stopped document that was never
      // drawn never will be: show what a person saw, an empty tab, so that the failure keeps its screenshot.
      show_blank();
      res.error += " (nothing of it had been drawn)";
    }
    return res;
  };
  json r;
  try {
    r = cdp_.call("Page.navigate", {{"url", url}}, session_, timeout);
  } catch (const CdpError& e) {
    res.error = e.protocol_message;
    return res;
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Browser) throw;  // the browser is gone, or the run was interrupted
    return not_loaded();  // no answer at all: the server has not sent the document's headers
  }
  if (r.contains("errorText") && !r["errorText"].get<std::string>().empty()) {
    res.error = r["errorText"].get<std::string>();
    return res;
  }
  bool same_document = !r.contains("loaderId");
  if (!same_document && !cdp_.pump_until([&] { return stopped_loading_ > stopped_before && !loading_; }, deadline))
    return not_loaded();
  res.status = last_document_status_;
  res.ok = res.status == 0 || res.status < 400;
  if (!res.ok) res.error = fmt::format("HTTP {}", res.status);
  return res;
}

bool Page::draws_frames(Millis within) {
  try {
    std::string js = fmt::format(
        "new Promise(r => {{ requestAnimationFrame(() => r(true)); setTimeout(() => r(false), {}); }})", within.count());
    // No answer within `within` counts as no frame: a page that does not answer is not drawing either, and this
    // runs on a failure path that should not wait longer.
    return evaluate(js, within, true) == "true";
  } catch (const ScriptError&) {
    return false;
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Browser) throw;
    return false;
  }
}

void Page::show_blank() {
  try {
    int64_t stopped_before = stopped_loading_;
    cdp_.call("Page.navigate", {{"url", "about:blank"}}, session_, Millis(5000));
    cdp_.pump_until([&] { return stopped_loading_ > stopped_before && !loading_; }, Clock::now() + Millis(5000));
  } catch (const CdpError&) {
    // the screenshot will say what is left
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Browser) throw;
  }
}

void Page::stop_loading() {
  try {
    cdp_.call("Page.stopLoading", json::object(), session_, Millis(5000));
    cdp_.pump_until([&] { return !loading_; }, Clock::now() + Millis(1000));
  } catch (const CdpError&) {
    // nothing left to stop
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Browser) throw;
  }
}

NavigationResult Page::wait_for_history_load(int64_t stopped_before, const std::string& url_before, Millis timeout) {
  NavigationResult res;
  // A new document loads (and stops loading); a same-document entry only changes the URL.
  bool done = cdp_.pump_until(
      [&] { return !loading_ && (stopped_loading_ > stopped_before || main_url_ != url_before); }, Clock::now() + timeout);
  if (!done) {
    stop_loading();  // as navigate() does: what arrived renders, and nothing keeps loading into the next step
    res.error = fmt::format("the page did not finish loading within {} ms", timeout.count());
    return res;
  }
  res.ok = true;
  res.status = last_document_status_;
  return res;
}

NavigationResult Page::reload(Millis timeout) {
  int64_t before = stopped_loading_;
  last_document_status_ = 0;
  cdp_.call("Page.reload", json::object(), session_, timeout);
  NavigationResult res;
  bool done = cdp_.pump_until([&] { return stopped_loading_ > before && !loading_; }, Clock::now() + timeout);
  if (!done) {
    stop_loading();
    res.error = fmt::format("the page did not finish reloading within {} ms", timeout.count());
    return res;
  }
  res.status = last_document_status_;
  res.ok = res.status == 0 || res.status < 400;
  if (!res.ok) res.error = fmt::format("HTTP {}", res.status);
  return res;
}

NavigationResult Page::go_back(Millis timeout) { return go_in_history(-1, timeout); }
NavigationResult Page::go_forward(Millis timeout) { return go_in_history(1, timeout); }

NavigationResult Page::go_in_history(int delta, Millis timeout) {
  auto history = cdp_.call("Page.getNavigationHistory", json::object(), session_);
  int current = history.value("currentIndex", 0);
  int target = current + delta;
  const auto& entries = history["entries"];
  // The tab's history starts at the test's first page: the blank page before it is not a page of the test.
  if (target >= 0 && target < static_cast<int>(entries.size()) &&
      entries[target].value("url", std::string()).rfind("about:", 0) == 0)
    target = -1;
  if (target < 0 || target >= static_cast<int>(entries.size())) {
    NavigationResult res;
    res.error = delta < 0 ? "there is no page to go back to" : "there is no page to go forward to";
    return res;
  }
  int64_t before = stopped_loading_;
  std::string url_before = main_url_;
  last_document_status_ = 0;
  cdp_.call("Page.navigateToHistoryEntry", {{"entryId", entries[target]["id"]}}, session_);
  return wait_for_history_load(before, url_before, timeout);
}

}  // namespace pacts
