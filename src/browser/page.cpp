#include "browser/page.h"

#include <map>

#include <fmt/format.h>

#include "browser/cdp.h"
#include "core/text.h"

namespace pacts {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Page::Inflight {
  struct Request {
    Clock::time_point started;
    std::string url;
    int64_t serial = 0;  // the page's requests_started_ when it began
  };
  std::map<std::string, Request> requests;  // requestId -> when and what
  Clock::time_point last_activity = Clock::now();
};

namespace {

std::string base64_decode(const std::string& in) {
  static const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  int table[256];
  std::fill(std::begin(table), std::end(table), -1);
  for (size_t i = 0; i < chars.size(); ++i) table[static_cast<unsigned char>(chars[i])] = static_cast<int>(i);
  std::string out;
  out.reserve(in.size() * 3 / 4);
  int val = 0, bits = -8;
  for (unsigned char c : in) {
    if (table[c] < 0) continue;
    val = (val << 6) + table[c];
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

bool is_context_lost(const std::string& message) {
  return message.find("Execution context was destroyed") != std::string::npos ||
         message.find("Cannot find default execution context") != std::string::npos ||
         message.find("Cannot find context with specified id") != std::string::npos ||
         message.find("Inspected target navigated or closed") != std::string::npos;
}

}  // namespace

Page::Page(CdpConnection& cdp, std::string session_id, std::string target_id, std::string context_id,
           bool owns_context)
    : cdp_(cdp),
      session_(std::move(session_id)),
      target_(std::move(target_id)),
      context_(std::move(context_id)),
      owns_context_(owns_context),
      inflight_(std::make_unique<Inflight>()) {
  cdp_.listen(session_, [this](const std::string& method, const json& params) { on_event(method, &params); });
  try {
    // One round trip for the set-up a new page needs.
    auto r = cdp_.call_all({{"Page.enable", json::object()},
                            {"Network.enable", json::object()},
                            {"Page.getFrameTree", json::object()}},
                           session_);
    main_frame_ = r[2]["frameTree"]["frame"]["id"].get<std::string>();
  } catch (...) {
    cdp_.unlisten(session_);  // no listener may outlive this half-built page
    throw;
  }
}

Page::~Page() {
  cdp_.unlisten(session_);
  // Not waited for: the browser tears the page down while the next test starts (commands are handled in
  // order, so nothing of this page is seen again). Disposing of the context closes its page.
  try {
    if (owns_context_) cdp_.send("Target.disposeBrowserContext", {{"browserContextId", context_}});
    else cdp_.send("Target.closeTarget", {{"targetId", target_}});
  } catch (const std::exception&) {
    // The browser is gone or going: nothing left to close.
  }
}

void Page::on_event(const std::string& method, const void* raw) {
  const json& p = *static_cast<const json*>(raw);
  auto now = Clock::now();
  if (method == "Network.requestWillBeSent") {
    std::string type = p.value("type", std::string());
    std::string url = p.contains("request") ? p["request"].value("url", std::string()) : std::string();
    if (type == "EventSource" || type == "WebSocket" || url.rfind("data:", 0) == 0) return;
    inflight_->requests[p.value("requestId", std::string())] = {now, url, ++requests_started_};
    inflight_->last_activity = now;
  } else if (method == "Network.loadingFinished" || method == "Network.loadingFailed") {
    if (inflight_->requests.erase(p.value("requestId", std::string()))) inflight_->last_activity = now;
  } else if (method == "Network.responseReceived") {
    if (p.value("type", std::string()) == "Document" && p.value("frameId", std::string()) == main_frame_ &&
        p.contains("response"))
      last_document_status_ = p.at("response").value("status", 0);
  } else if (method == "Page.frameStartedLoading") {
    if (p.value("frameId", std::string()) == main_frame_) {
      loading_ = true;
      ++loads_started_;
    }
  } else if (method == "Page.domContentEventFired") {
    ++dom_content_loaded_;
  } else if (method == "Page.loadEventFired") {
    ++load_events_;
  } else if (method == "Page.frameStoppedLoading") {
    if (p.value("frameId", std::string()) == main_frame_) {
      loading_ = false;
      ++stopped_loading_;
    }
  } else if (method == "Page.frameNavigated") {
    if (p.contains("frame") && !p["frame"].contains("parentId")) {
      ++navigations_;
      dom_content_loaded_at_commit_ = dom_content_loaded_;
      load_events_at_commit_ = load_events_;
      main_url_ = p["frame"].value("url", main_url_) + p["frame"].value("urlFragment", std::string());
      inflight_->last_activity = now;
    }
  } else if (method == "Page.navigatedWithinDocument") {
    if (p.value("frameId", std::string()) == main_frame_) main_url_ = p.value("url", main_url_);
  } else if (method == "Page.javascriptDialogOpening") {
    on_dialog(&p);
  } else if (method == "Input.dragIntercepted") {
    drag_intercepted_ = true;
    drag_data_ = p.contains("data") ? p["data"].dump() : "{}";
  }
}

double Page::browser_wait_ms() const { return cdp_.waited_ms(); }
int64_t Page::browser_round_trips() const { return cdp_.round_trips(); }

void Page::pump(Millis max) {
  if (max.count() <= 0) cdp_.drain();  // take what has arrived, without waiting
  else cdp_.pump_until([] { return false; }, Clock::now() + max);
}

void Page::add_init_script(const std::string& source) {
  cdp_.call("Page.addScriptToEvaluateOnNewDocument", {{"source", source}}, session_);
}

std::string Page::url() {
  std::string u = evaluate("location.href", Millis(10000));
  return u;
}

std::string Page::title() { return evaluate("document.title", Millis(10000)); }

std::string Page::evaluate(const std::string& expression, Millis timeout, bool await_promise) {
  json r;
  try {
    r = cdp_.call("Runtime.evaluate",
                  {{"expression", expression},
                   {"returnByValue", true},
                   {"awaitPromise", await_promise},
                   {"userGesture", true}},
                  session_, timeout + Millis(2000));
  } catch (const CdpError& e) {
    if (is_context_lost(e.protocol_message)) throw ContextLost(ErrorKind::Browser, "the page navigated");
    throw;
  }
  if (r.contains("exceptionDetails")) {
    const auto& d = r["exceptionDetails"];
    std::string text = d.contains("exception") ? d["exception"].value("description", d.value("text", std::string()))
                                               : d.value("text", std::string("script error"));
    if (is_context_lost(text)) throw ContextLost(ErrorKind::Browser, "the page navigated");
    throw ScriptError(ErrorKind::Browser, text);
  }
  const auto& v = r["result"];
  if (!v.contains("value")) return "";  // undefined
  if (v["value"].is_string()) return v["value"].get<std::string>();
  return v["value"].dump();
}

std::vector<std::string> Page::accessibility_names(const std::string& css_selector) {
  auto doc = cdp_.call("DOM.getDocument", {{"depth", 0}}, session_);
  auto found = cdp_.call("DOM.querySelectorAll", {{"nodeId", doc["root"]["nodeId"]}, {"selector", css_selector}}, session_);
  std::vector<std::string> names;
  for (const auto& id : found["nodeIds"]) {
    auto tree = cdp_.call("Accessibility.getPartialAXTree", {{"nodeId", id}, {"fetchRelatives", false}}, session_);
    std::string name;
    if (!tree["nodes"].empty()) {
      const auto& n = tree["nodes"][0];
      if (n.contains("name") && n["name"].contains("value")) name = n["name"]["value"].get<std::string>();
    }
    names.push_back(name);
  }
  return names;
}

std::string Page::screenshot_png() {
  auto r = cdp_.call("Page.captureScreenshot", {{"format", "png"}}, session_, Millis(20000));
  return base64_decode(r["data"].get<std::string>());
}

void Page::wait_for_change(Millis max_wait) {
  std::string js = fmt::format(
      "new Promise(res => {{ const o = new MutationObserver(() => {{ o.disconnect(); res(true); }}); "
      "o.observe(document, {{subtree: true, childList: true, attributes: true, characterData: true}}); "
      "setTimeout(() => {{ o.disconnect(); res(false); }}, {}); }})",
      max_wait.count());
  try {
    evaluate(js, answer_within(max_wait), true);
  } catch (const ContextLost&) {
    pump(Millis(0));  // a new document: let the caller look at it
  }
}

ActivityMark Page::activity_mark() const { return {requests_started_, loads_started_, navigations_, events_}; }

bool Page::interactive() const { return !loading_ || dom_content_loaded_ > dom_content_loaded_at_commit_; }

bool Page::wait_interactive(Clock::time_point deadline) {
  pump(Millis(0));
  if (interactive()) return true;
  return cdp_.pump_until([&] { return interactive(); }, deadline);
}

SettleResult Page::settle_after(const ActivityMark& mark, Millis request_bound, Millis navigation_timeout) {
  auto start = Clock::now();
  SettleResult res;
  auto done = [&](bool settled) {
    res.settled = settled;
    res.waited_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!settled) res.still = still_going();
    return res;
  };
  // One task of the page's: what the action's handlers queued (a fetch, a navigation) has started after it,
  // and the events saying so arrive before this call's answer.
  auto let_page_run = [&] {
    try {
      evaluate("new Promise(r => setTimeout(r, 0))", Millis(1000), true);
    } catch (const ContextLost&) {
      // it navigated: the checks below see it
    } catch (const ScriptError&) {
      // a page that broke setTimeout: nothing to wait for there
    }
    pump(Millis(0));
  };
  auto started_since_mark = [&] {
    for (const auto& [id, r] : inflight_->requests)
      if (r.serial > mark.requests) return true;
    return false;
  };
  auto committed = [&] { return navigations_ > mark.navigations; };
  // A navigation is followed until its document commits, or until the load stops without one (a download, a 204).
  auto far_enough = [&] { return committed() || !loading_; };
  // An action whose last call after its input already let the page run a task (note_task_turn), or one whose
  // navigation has begun (its document is going away), needs no call for that task.
  pump(Millis(0));
  bool ran = last_turn_ == events_ && last_turn_ > mark.events;
  if (!ran && loads_started_ == mark.loads_started && !committed()) let_page_run();
  // A response can start more (a login that fetches, then navigates): look again until nothing new is left.
  for (int round = 0; round < 8; ++round) {
    bool navigating = loads_started_ > mark.loads_started || committed();
    if (navigating && !far_enough()) {
      if (!cdp_.pump_until(far_enough, start + navigation_timeout)) return done(false);
      continue;
    }
    // The new document's own loads (scripts, styles, images) are not the action's: the steps after it wait for
    // what they need of it (the document parsed, an element, a text).
    if (committed()) return done(true);
    if (!started_since_mark()) return done(true);
    auto quiet = [&] { return !started_since_mark() || (loading_ && !far_enough()); };
    if (!cdp_.pump_until(quiet, start + request_bound)) return done(false);
    let_page_run();
  }
  return done(true);
}

bool Page::wait_for_load(Millis timeout) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    pump(Millis(0));
    if (loading_ && !cdp_.pump_until([&] { return !loading_; }, deadline)) return false;
    // The browser said so already: the document committed last fired its load event, and nothing loads since.
    if (load_events_ > load_events_at_commit_) return true;
    auto left = std::max(Millis(1), std::chrono::duration_cast<Millis>(deadline - Clock::now()));
    try {
      // The load event in the page, or the document's state when the time is up.
      std::string state = evaluate(
          fmt::format("new Promise(r => {{ if (document.readyState === 'complete') return r('complete'); "
                      "addEventListener('load', () => r('complete'), {{once: true}}); "
                      "setTimeout(() => r(document.readyState), {}); }})",
                      left.count()),
          answer_within(left), true);
      if (state == "complete") return true;
    } catch (const ContextLost&) {
      continue;  // a new document: look at it
    }
    if (Clock::now() >= deadline) return false;
  }
}

SettleResult Page::settle(Millis quiet, Millis timeout) {
  auto start = Clock::now();
  auto deadline = start + timeout;
  SettleResult res;
  auto dom_quiet_js = [&](Millis max) {
    return fmt::format(
        "new Promise(res => {{ if (!document || !document.documentElement) return res(false); let t; "
        "const o = new MutationObserver(() => {{ clearTimeout(t); t = setTimeout(done, {0}); }}); "
        "function done() {{ o.disconnect(); res(true); }} "
        "o.observe(document, {{subtree: true, childList: true, attributes: true, characterData: true}}); "
        "t = setTimeout(done, {0}); setTimeout(() => {{ o.disconnect(); res(false); }}, {1}); }})",
        quiet.count(), max.count());
  };
  // Network: nothing in flight, and nothing started or finished, for `quiet`. Requests pending longer than the
  // whole settle budget (long polls, streams) do not hold the page.
  auto net_is_quiet = [&] {
    auto now = Clock::now();
    for (auto it = inflight_->requests.begin(); it != inflight_->requests.end();) {
      if (now - it->second.started > timeout) it = inflight_->requests.erase(it);
      else ++it;
    }
    return inflight_->requests.empty() && now - inflight_->last_activity >= quiet;
  };
  while (Clock::now() < deadline) {
    pump(Millis(0));
    if (loading_) {
      cdp_.pump_until([&] { return !loading_; }, deadline);
      continue;
    }
    // The DOM's quiet window runs in the page while network events arrive here, so both windows overlap.
    auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
    if (left.count() <= 0) break;
    int64_t nav_before = navigations_;
    std::string quiet_dom;
    try {
      quiet_dom = evaluate(dom_quiet_js(left), answer_within(left), true);
    } catch (const ContextLost&) {
      continue;  // navigated while we watched: settle the new document
    }
    pump(Millis(0));
    if (quiet_dom != "true" || loading_ || navigations_ != nav_before) continue;
    if (net_is_quiet()) {
      res.settled = true;
      break;
    }
    // The DOM is quiet but a request is still out (or just ended): wait for the network, then look again.
    while (!net_is_quiet() && Clock::now() < deadline) {
      auto wake = inflight_->requests.empty() ? inflight_->last_activity + quiet : deadline;
      cdp_.pump_until(net_is_quiet, std::min(deadline, std::max(wake, Clock::now() + Millis(1))));
    }
  }
  res.waited_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (!res.settled) res.still = still_going();
  return res;
}

std::string Page::still_going() const {
  if (loading_) return "the page was still loading";
  if (inflight_->requests.empty()) return "the DOM kept changing";
  std::vector<std::string> urls;
  for (const auto& [id, r] : inflight_->requests) urls.push_back(r.url.size() > 120 ? r.url.substr(0, 120) + "..." : r.url);
  return fmt::format("{} request{} still open: {}", urls.size(), urls.size() == 1 ? " was" : "s were", join(urls, ", "));
}

}  // namespace pacts
