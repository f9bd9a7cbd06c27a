// The tab's history: reload, back and forward, each waiting for the document it brings (the history half of Page).
#include <fmt/format.h>

#include "browser/cdp.h"
#include "browser/page.h"

namespace pacts {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

NavigationResult Page::wait_for_history_load(int64_t stopped_before, const std::string& url_before, Millis timeout) {
  NavigationResult res;
  // A new document loads (and stops loading); a same-document entry only changes the URL.
  bool done = cdp_.pump_until(
      [&] { return !loading_ && (stopped_loading_ > stopped_before || main_url_ != url_before); }, Clock::now() + timeout);
  if (!done) {
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
