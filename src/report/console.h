#pragma once
// The console of `pacts run`, in three forms (report.reporter / --reporter):
//   live: on a terminal, one progress line (tests done of total, passed, failed, elapsed, ETA) redrawn in place;
//         passing tests collapse into it, and each failure is printed above it as it happens (file:line, the
//         step's sentence, the reason);
//   line: plain lines, a line per step and per test (what a pipe or a CI log gets);
//   dot:  a character per test (. passed, f flaky, F failed, E error; R an attempt that failed and is run again);
// each ended by the same summary, whose last lines are the failures with their file:line and reason, and the
// flaky tests (run.retries: passed on a retry; counted apart, never as failures, nor as plain passes).
//
// ConsoleView is the text as a pure function of the run's events and a clock: each call returns exactly what
// to write, so that tests compare it byte for byte. ConsoleReporter is the RunObserver that writes it to a
// FILE with every secret masked. Every event carries the worker it came from (0: the run has one) so that
// several tests may be under way at once; with several workers (run.workers), each line of the line form starts
// with its worker's number ("[2] PASS Login ..."). A failed attempt that is retried (TestResult::retry_follows)
// is shown, then a RETRY line, and its test counts once, when its last attempt finishes.
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "run/observer.h"
#include "run/runner.h"

namespace pacts {

enum class ConsoleMode { Live, Line, Dot };

// reporter: auto (live on a terminal, line otherwise), live, line or dot. Throws Error(BadInput) otherwise.
ConsoleMode console_mode(const std::string& reporter, bool terminal);
// color: report.color. auto means a terminal and no non-empty NO_COLOR (https://no-color.org); always and never
// are what they say.
bool color_wanted(const std::string& setting, bool terminal, const char* no_color);
bool color_wanted(const std::string& setting, std::FILE* out);

struct ConsoleStyle {
  ConsoleMode mode = ConsoleMode::Line;
  bool color = false;
  bool verbose = false;  // line: each step's selector too
  int columns = 0;       // live: the terminal's width, the progress line is cut to it; 0: no limit
};

class ConsoleView {
 public:
  using Clock = std::function<double()>;  // milliseconds since any fixed start

  ConsoleView(ConsoleStyle style, Clock now_ms);

  // The number of tests the run will finish (every loop of --repeat): the progress line's total.
  std::string run_started(int tests);
  std::string test_started(const Test& test, int worker = 0);
  std::string step_finished(const StepRecord& step, int worker = 0);
  std::string assertion_finished(const StepRecord& assertion, int worker = 0);
  std::string test_finished(const TestResult& result, int worker = 0);
  // `failed` is run again as attempt `attempt` of at most `attempts` (run.retries).
  std::string test_retrying(const TestResult& failed, int attempt, int attempts, int worker = 0);
  std::string warning(const std::string& message);
  // A line of its own (where a report was written, which loop starts).
  std::string note(const std::string& message);
  std::string summary(const RunReport& report);

  // live: "[3/10] 2 passed, 1 failed  12.3 s, ETA 28.7 s  <the tests under way>" ("2 passed, 1 flaky, 0
  // failed" once a test was flaky), without colour codes when the style has none.
  std::string progress_line() const;

 private:
  struct Current {
    Test test;
    bool failure_shown = false;  // live: a failed step of this test is printed already
  };
  std::string paint(const std::string& s, const char* code) const;
  std::string step_line(const StepRecord& s) const;
  std::string assertion_line(const StepRecord& a) const;
  std::string failure_detail(const StepRecord& s, const char* reason) const;
  std::string failure_block(const StepRecord& s, const char* reason, int worker);
  std::string verdict_line(const TestResult& r) const;
  std::string verdict_mark(Verdict v) const;  // PASS, FLAKY, FAIL, ERROR, painted
  // line: `text` with "[worker] " before each of its lines (worker 0: as it is).
  std::string labelled(const std::string& text, int worker) const;
  // live: clear the progress line, write `text`, draw the line again.
  std::string above_progress(const std::string& text) const;
  std::string redraw() const;
  // A text of its own lines: in dot mode, after the dots' line is ended.
  std::string own_line(const std::string& text);
  std::string dot(const TestResult& r);

  ConsoleStyle style_;
  Clock now_;
  double started_ms_ = 0;
  bool finished_ = false;  // the summary is out: no progress line after it
  int total_ = 0, done_ = 0, passed_ = 0, flaky_ = 0, failed_ = 0;
  int dots_ = 0;
  std::map<int, Current> current_;  // by worker
};

class ConsoleReporter : public RunObserver {
 public:
  ConsoleReporter(std::FILE* out, ConsoleStyle style, ConsoleView::Clock now_ms = {});
  // The run's size, before its first test: see ConsoleView::run_started.
  void run_started(int tests);
  void test_started(const Test& test, const std::string& run_id) override;
  void step_finished(const StepRecord& step) override;
  void assertion_finished(const StepRecord& assertion) override;
  void test_finished(const TestResult& result) override;
  void test_retrying(const TestResult& failed, int attempt, int attempts) override;
  void warning(const std::string& message) override;
  // The worker whose events follow (run/workers.h calls it before each, one worker at a time); 0: one worker.
  void worker_label(int worker) override;
  void summary(const RunReport& report);
  void note(const std::string& message);

 private:
  // Every text goes out through here, with the run's secrets masked (texts quoted from the page or browser):
  // `make` gives the text, under the lock, so that the view's state and the output stay in one order.
  template <typename Make>
  void emit(Make&& make);
  std::FILE* out_;
  ConsoleView view_;
  int worker_ = 0;
  // Workers report one at a time, but a warning from a part they share (the cache's tiers) comes from any
  // worker's thread at any time.
  std::mutex mu_;
};

// The width of the terminal `out` is, or 0.
int terminal_columns(std::FILE* out);

}  // namespace pacts
