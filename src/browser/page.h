#pragma once
// A page (tab) in its own browser context. Everything a step needs from the browser: navigation, script
// evaluation in the main frame, trusted mouse and keyboard input, screenshots, and waiting for the page to
// settle. If the page navigates while a script runs, evaluate() throws ContextLost and the caller retries on
// the new document. Closing the Page closes the tab and disposes its context.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace pacts {

class CdpConnection;

using Millis = std::chrono::milliseconds;

// The page navigated (or reloaded) while a script was running in it.
class ContextLost : public Error {
 public:
  using Error::Error;
};

// A script threw; message is the exception's description.
class ScriptError : public Error {
 public:
  using Error::Error;
};

struct NavigationResult {
  bool ok = false;
  int status = 0;         // HTTP status of the main document, 0 when unknown (file:, about:)
  std::string error;      // net::ERR_... text when the load failed
};

// A JavaScript dialog (alert, confirm, prompt, beforeunload) and how PACTS answered it.
struct DialogSeen {
  std::string type;     // alert, confirm, prompt, beforeunload
  std::string message;  // what it said (the page's text: mask it on the way out)
  bool expected = false;  // answered as a step asked (expect_dialog), else dismissed as unexpected
  bool accepted = false;
};

// How to answer the next dialog.
struct DialogAnswer {
  bool accept = true;
  std::optional<std::string> prompt_text;  // a prompt's answer (with accept)
};

struct SettleResult {
  bool settled = false;  // false: the timeout came first (long polling, endless animations)
  double waited_ms = 0;
  std::string still;     // when not settled: what kept going ("loading", "the DOM kept changing", requests)
};

// A moment in the page's activity. What an action started is what happened after the mark taken just before it.
struct ActivityMark {
  int64_t requests = 0;       // requests started so far
  int64_t loads_started = 0;  // main-frame loads started so far
  int64_t navigations = 0;    // main-frame documents committed so far
  int64_t events = 0;         // input gestures sent and task turns noted so far (note_task_turn)

  // Whether something that can still change the page started between `before` and this mark: a request, a
  // main-frame load, a committed document (input gestures and task turns do not count).
  bool started_since(const ActivityMark& before) const {
    return requests > before.requests || loads_started > before.loads_started || navigations > before.navigations;
  }
};

class Page {
 public:
  Page(CdpConnection& cdp, std::string session_id, std::string target_id, std::string context_id,
       bool owns_context);
  ~Page();
  Page(const Page&) = delete;
  Page& operator=(const Page&) = delete;

  // Scripts run in every new document before the page's own scripts (the page agent).
  void add_init_script(const std::string& source);

  // Loads url and waits for its load event, all within `timeout` (the document's answer included). Never
  // throws for HTTP or network failures: see the result. A page that has not loaded by then (a server that
  // holds the document, a script or stylesheet that never comes) is stopped, so that what arrived renders and
  // can be screenshot, and the result says it did not load; one that never drew anything (a script in its
  // head that never came blocks the first paint for good) is replaced by an empty tab, which is what a person
  // saw, and the result says so.
  NavigationResult navigate(const std::string& url, Millis timeout);
  std::string url();
  std::string title();

  // Evaluates `expression` in the main frame and returns its value: a string as is, anything else as JSON
  // text. await_promise waits for a returned promise. Throws ScriptError, ContextLost, or Error(Browser) when
  // the browser does not answer within timeout.
  std::string evaluate(const std::string& expression, Millis timeout, bool await_promise = false);
  // The time to allow for the answer of an expression that waits in the page up to `in_page` (a timer that
  // resolves its promise): the page's timer fires late, and its answer travels late, on a loaded machine. The
  // same figure for both made a wait that ran out in the page an error of the browser instead of its answer.
  static Millis answer_within(Millis in_page) { return in_page + Millis(5000); }

  // Reload, and back or forward in the tab's history; each waits for the document it brings (like navigate()).
  NavigationResult reload(Millis timeout);
  NavigationResult go_back(Millis timeout);
  NavigationResult go_forward(Millis timeout);

  // Trusted input at viewport coordinates (CSS pixels of the top-level page).
  void mouse_move(double x, double y);
  // button: "left" or "right"; click_count 2 is a double click (two clicks, the second with detail 2).
  void mouse_click(double x, double y, int click_count = 1, const std::string& button = "left");
  // Presses at (x1, y1), moves to (x2, y2) and releases: an HTML5 drag and drop (the browser's drag is taken
  // over and its drop delivered at the end) or a drag done with mouse events, whichever the page listens to.
  void drag(double x1, double y1, double x2, double y2);
  // Sets the files of the <input type=file> that `element_expression` evaluates to (absolute paths). Throws
  // ScriptError when the expression is not such an input.
  void set_input_files(const std::string& element_expression, const std::vector<std::string>& paths);

  // JavaScript dialogs never block the page: each is answered as it opens. The next one gets `answer` (a step
  // such as "I accept the alert" asks for it, before the action that opens it); any other is unexpected and
  // dismissed. What happened is kept until taken.
  void expect_dialog(const DialogAnswer& answer);
  void cancel_expected_dialog();
  bool dialog_expected() const { return expected_dialog_.has_value(); }
  std::vector<DialogSeen> take_dialogs();
  // Waits (pumping the browser's events) until a dialog has been answered or `max` passes.
  bool wait_for_dialog(Millis max);
  // key: a KeyboardEvent.key ("Enter", "a", "ArrowDown") with optional modifiers "Control+Shift+K".
  void press_key(const std::string& key);
  void type_text(const std::string& text);    // key events per character
  void insert_text(const std::string& text);  // one input event, like a paste or an IME commit

  // Chromium's own accessible name for every element of the main document matching a CSS selector, in
  // document order (the reference the page agent's names are checked against).
  std::vector<std::string> accessibility_names(const std::string& css_selector);

  // PNG bytes of the viewport.
  std::string screenshot_png();

  ActivityMark activity_mark() const;
  // Waits for what the page started since `mark` (an action's effects) and for nothing else, as Playwright's
  // actions do: a main-frame navigation, until the new document commits (or the load stops without one: a
  // download, a 204), within navigation_timeout (the new document's own loads are not the action's: a step that
  // needs it parsed waits with wait_interactive); the requests started since the mark, until they finish, within
  // request_bound (long polls and streams do not hold a step); and returns at once when nothing was started. It
  // first lets the page run what the action queued (one task), so a navigation or fetch its handlers started is
  // seen. settled=false when a bound passed first. Throws only when the browser is gone.
  SettleResult settle_after(const ActivityMark& mark, Millis request_bound, Millis navigation_timeout);
  // Says that a call just answered let the page run one task first (an agent call that awaits a zero timeout
  // after dispatching what it did): when that is the last thing since the mark and no input gesture followed
  // it, settle_after makes no call of its own for that task.
  void note_task_turn() { last_turn_ = ++events_; }
  // Whether the main frame's current document is parsed (its DOMContentLoaded has fired, or nothing loads):
  // what a step that judges the whole document (finding an element, "X is not shown", a count) waits for.
  bool interactive() const;
  // Waits (pumping the browser's events) until interactive(); false when `deadline` passes first.
  bool wait_interactive(std::chrono::steady_clock::time_point deadline);
  // Waits until the main frame is not loading and its document's readyState is "complete" (the load event);
  // false at `timeout`. At once when the page is loaded.
  bool wait_for_load(Millis timeout);
  // Opt-in (run.settle_quiet_ms > 0): waits until the main frame has finished loading, no request has been in
  // flight for `quiet`, and the DOM has not changed for `quiet`; gives up (settled=false) at `timeout`.
  SettleResult settle(Millis quiet, Millis timeout);
  // What keeps a page from settling now, for messages.
  std::string still_going() const;
  // Returns at the first DOM change or after `max_wait`: the pause between two attempts of a waiting loop.
  void wait_for_change(Millis max_wait);

  bool loading() const { return loading_; }
  // Time this browser connection has spent waiting on the browser so far, in milliseconds.
  double browser_wait_ms() const;
  // Round trips to the browser on this connection so far (the hot path's cost in calls, for the timings).
  int64_t browser_round_trips() const;
  // The main frame's URL as of the last navigation event (no round trip).
  const std::string& current_url() const { return main_url_; }
  int64_t navigations() const { return navigations_; }  // main-frame document changes so far

 private:
  void on_event(const std::string& method, const void* params);
  void pump(Millis max);
  void stop_loading();  // Page.stopLoading; waits briefly for the frame to say it stopped
  // Whether the page draws a frame within `within` (a document whose first paint is blocked never does).
  bool draws_frames(Millis within);
  void show_blank();  // about:blank, which draws

  CdpConnection& cdp_;
  std::string session_;
  std::string target_;
  std::string context_;
  bool owns_context_;
  std::string main_frame_;
  std::string main_url_ = "about:blank";

  bool loading_ = false;
  int64_t loads_started_ = 0;
  int64_t stopped_loading_ = 0;
  int64_t navigations_ = 0;
  int64_t dom_content_loaded_ = 0;            // DOMContentLoaded events of the main frame so far
  int64_t dom_content_loaded_at_commit_ = 0;  // ... when the current document was committed
  int64_t load_events_ = 0;                   // load events of the main frame so far
  int64_t load_events_at_commit_ = 0;         // ... when the current document was committed
  int64_t requests_started_ = 0;
  int64_t events_ = 0;      // input gestures and task turns so far (ActivityMark::events)
  int64_t last_turn_ = -1;  // events_ at the last note_task_turn
  void sent_input() { ++events_; }
  int last_document_status_ = 0;
  std::string pending_loader_;
  std::optional<DialogAnswer> expected_dialog_;
  std::vector<DialogSeen> dialogs_;
  bool drag_intercepted_ = false;
  std::string drag_data_;  // Input.dragIntercepted's data, as JSON text
  NavigationResult wait_for_history_load(int64_t stopped_before, const std::string& url_before, Millis timeout);
  NavigationResult go_in_history(int delta, Millis timeout);
  void on_dialog(const void* params);
  struct Inflight;
  std::unique_ptr<Inflight> inflight_;
};

}  // namespace pacts
