// The console's text as a pure function of the run's events, with a clock the test sets: the live progress line
// on a terminal, plain lines for a pipe, dots; colours and NO_COLOR; secrets; the --repeat loop table.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "core/error.h"
#include "core/secret.h"
#include "report/console.h"
#include "report/loops.h"

using namespace pacts;

namespace {

Test make_test(const std::string& name, const std::string& file, int line, const std::string& sentence) {
  Test t;
  t.name = name;
  t.file = file;
  t.line = line;
  Step s;
  s.line = line + 3;
  s.sentence = sentence;
  t.steps.push_back(s);
  Assertion a;
  a.line = line + 4;
  a.sentence = "Expected: \"Saved\" is visible";
  t.assertions.push_back(a);
  return t;
}

StepRecord step(int line, Outcome outcome, FailureReason reason = FailureReason::None, const std::string& error = "") {
  StepRecord s;
  s.kind = StepKind::Step;
  s.index = 0;
  s.line = line;
  s.action = "click";
  s.target = "Save";
  s.source = "discovery";
  s.selector = "#save";
  s.outcome = outcome;
  s.reason = reason;
  s.error = error;
  s.duration_ms = 120;
  s.timings.lookup_ms = 0.4;
  return s;
}

TestResult result(const Test& t, Verdict v, const StepRecord& s, double ms) {
  TestResult r;
  r.test_name = t.name;
  r.file = t.file;
  r.verdict = v;
  r.duration_ms = ms;
  r.steps.push_back(s);
  if (v != Verdict::Pass) {
    r.reason = s.reason;
    r.error = s.error;
  }
  return r;
}

struct FakeClock {
  double now = 0;
  ConsoleView::Clock fn() {
    return [this] { return now; };
  }
};

const std::string kClear = "\r\x1b[2K";

}  // namespace

TEST_CASE("on a terminal, passing tests collapse into one progress line redrawn in place with counts, elapsed "
          "time and ETA", "[console]") {
  FakeClock clock;
  ConsoleView view({ConsoleMode::Live, false}, clock.fn());
  Test a = make_test("Search", "a.txt", 1, "Click \"Save\"");
  CHECK(view.run_started(3) == kClear + "[0/3] 0 passed, 0 failed  0.0 s");
  CHECK(view.test_started(a) == kClear + "[0/3] 0 passed, 0 failed  0.0 s  Search");
  clock.now = 1000;
  CHECK(view.step_finished(step(4, Outcome::Passed)) == kClear + "[0/3] 0 passed, 0 failed  1.0 s  Search");
  clock.now = 2000;
  CHECK(view.test_finished(result(a, Verdict::Pass, step(4, Outcome::Passed), 2000)) ==
        kClear + "[1/3] 1 passed, 0 failed  2.0 s, ETA 4.0 s");
  clock.now = 65000;
  CHECK(view.progress_line() == "[1/3] 1 passed, 0 failed  1:05, ETA 2:10");
}

TEST_CASE("on a terminal, a failure is printed above the progress line as it happens, with file:line, the "
          "sentence and the reason, and the summary ends with it", "[console]") {
  FakeClock clock;
  ConsoleView view({ConsoleMode::Live, false}, clock.fn());
  Test a = make_test("Search", "a.txt", 1, "Click \"Save\"");
  Test b = make_test("Checkout", "shop/b.txt", 10, "Click \"Pay now\"");
  view.run_started(2);
  view.test_started(a);
  view.test_finished(result(a, Verdict::Pass, step(4, Outcome::Passed), 1000));
  view.test_started(b);
  clock.now = 3000;
  StepRecord failed = step(13, Outcome::Failed, FailureReason::NotFound, "no element is named \"Pay now\"");
  failed.screenshot = "/tmp/a/step-01-not_found.png";
  CHECK(view.step_finished(failed) == kClear + "FAIL Checkout\n  shop/b.txt:13  Click \"Pay now\"\n"
                                               "        not_found: no element is named \"Pay now\"\n"
                                               "        screenshot: /tmp/a/step-01-not_found.png\n"
                                               "[1/2] 1 passed, 0 failed  3.0 s, ETA 3.0 s  Checkout");
  clock.now = 4000;
  // Already shown: the test's end only moves the counts.
  CHECK(view.test_finished(result(b, Verdict::Fail, failed, 1000)) == kClear + "[2/2] 1 passed, 1 failed  4.0 s");
  RunReport report;
  report.tests = {result(a, Verdict::Pass, step(4, Outcome::Passed), 1000), result(b, Verdict::Fail, failed, 1000)};
  report.duration_ms = 4000;
  CHECK(view.summary(report) == kClear + "2 tests: 1 passed, 1 failed  (4.0 s)\ncache: off\n"
                                         "  FAIL Checkout  shop/b.txt:13  not_found: no element is named \"Pay now\"\n");
  CHECK(view.note("HTML report: r.html") == "HTML report: r.html\n");  // no progress line after the summary
}

TEST_CASE("on a terminal, a failed check and a test that failed before its steps are shown with their place",
          "[console]") {
  FakeClock clock;
  ConsoleView view({ConsoleMode::Live, false}, clock.fn());
  Test a = make_test("Search", "a.txt", 1, "Click \"Save\"");
  view.run_started(2);
  view.test_started(a);
  StepRecord check;
  check.kind = StepKind::Assertion;
  check.index = 0;
  check.line = 5;
  check.action = "text_visible";
  check.outcome = Outcome::Failed;
  check.error = "\"Saved\" is not on the page";
  CHECK(view.assertion_finished(check) == kClear + "FAIL Search\n  a.txt:5  Expected: \"Saved\" is visible\n"
                                                   "        assertion_failed: \"Saved\" is not on the page\n"
                                                   "[0/2] 0 passed, 0 failed  0.0 s  Search");
  view.test_finished(result(a, Verdict::Fail, step(4, Outcome::Passed), 10));
  view.test_started(a);
  TestResult lost;
  lost.test_name = "Search";
  lost.file = "a.txt";
  lost.verdict = Verdict::Error;
  lost.reason = FailureReason::NavigationFailed;
  lost.error = "the page did not load";
  CHECK(view.test_finished(lost) == kClear + "ERROR Search\n  a.txt:1\n        navigation_failed: the page did not "
                                             "load\n[2/2] 0 passed, 2 failed  0.0 s");
}

TEST_CASE("the progress line is cut to the terminal's width, so that it never wraps", "[console]") {
  FakeClock clock;
  ConsoleView view({ConsoleMode::Live, false, false, 40}, clock.fn());
  view.run_started(3);
  view.test_started(make_test("A test with a very long name indeed", "a.txt", 1, "x"));
  CHECK(view.progress_line() == "[0/3] 0 passed, 0 failed  0.0 s  A test");
  CHECK(view.progress_line().size() == 39);
}

TEST_CASE("in colour, the counts are painted, and without it there is no escape code but the live line's own",
          "[console]") {
  FakeClock clock;
  ConsoleView coloured({ConsoleMode::Live, true}, clock.fn());
  coloured.run_started(1);
  CHECK(coloured.progress_line() == "[0/1] \x1b[32m0\x1b[0m passed, 0 failed\x1b[2m  0.0 s\x1b[0m");
  ConsoleView plain({ConsoleMode::Live, false}, clock.fn());
  plain.run_started(1);
  CHECK(plain.progress_line().find('\x1b') == std::string::npos);
}

TEST_CASE("through a pipe, plain lines: a line per step and test, no escape code, and the summary ends with the "
          "failures' file:line and reason", "[console]") {
  FakeClock clock;
  ConsoleView view({ConsoleMode::Line, false}, clock.fn());
  Test b = make_test("Checkout", "b.txt", 10, "Click \"Pay now\"");
  StepRecord failed = step(13, Outcome::Failed, FailureReason::Ambiguous, "2 elements are named Save");
  std::string out = view.run_started(1);
  out += view.test_started(b);
  out += view.step_finished(failed);
  out += view.test_finished(result(b, Verdict::Fail, failed, 1500));
  RunReport report;
  report.tests = {result(b, Verdict::Fail, failed, 1500)};
  report.duration_ms = 1600;
  out += view.summary(report);
  CHECK(out == "TEST Checkout  b.txt\n"
               "  FAIL  13  click   \"Save\"  [discovery] 120 ms\n"
               "        ambiguous: 2 elements are named Save\n"
               "FAIL Checkout  0/1 steps, 0/0 checks, 1.5 s\n\n"
               "1 test: 0 passed, 1 failed  (1.6 s)\ncache: off\n"
               "  FAIL Checkout  b.txt:13  ambiguous: 2 elements are named Save\n");
}

TEST_CASE("the dot reporter writes a character per test and the summary on a line of its own", "[console]") {
  FakeClock clock;
  ConsoleView view({ConsoleMode::Dot, false}, clock.fn());
  Test a = make_test("A", "a.txt", 1, "x");
  std::string out = view.run_started(2) + view.test_started(a) + view.step_finished(step(4, Outcome::Passed));
  out += view.test_finished(result(a, Verdict::Pass, step(4, Outcome::Passed), 10));
  out += view.test_finished(result(a, Verdict::Error, step(4, Outcome::Failed, FailureReason::BrowserError, "gone"), 10));
  CHECK(out == ".E");
  RunReport report;
  report.tests = {result(a, Verdict::Pass, step(4, Outcome::Passed), 10)};
  CHECK(view.summary(report).rfind("\n1 test: 1 passed, 0 failed", 0) == 0);
}

TEST_CASE("colour follows report.color and a non-empty NO_COLOR, and the reporter is auto, live, line or dot",
          "[console]") {
  CHECK(color_wanted("auto", true, nullptr));
  CHECK_FALSE(color_wanted("auto", true, "1"));
  CHECK(color_wanted("auto", true, ""));  // https://no-color.org: only a non-empty NO_COLOR
  CHECK_FALSE(color_wanted("auto", false, nullptr));
  CHECK(color_wanted("always", false, "1"));
  CHECK_FALSE(color_wanted("never", true, nullptr));
  CHECK(console_mode("auto", true) == ConsoleMode::Live);
  CHECK(console_mode("auto", false) == ConsoleMode::Line);
  CHECK(console_mode("dot", true) == ConsoleMode::Dot);
  CHECK_THROWS_WITH(console_mode("list", true), Catch::Contains("--reporter list: the reporters are auto, live"));
}

TEST_CASE("the console never prints a secret the page echoed, in the live and in the line form", "[console]") {
  remember_secret("hunter2-console");
  for (ConsoleMode mode : {ConsoleMode::Live, ConsoleMode::Line}) {
    std::FILE* f = std::tmpfile();
    REQUIRE(f);
    {
      ConsoleReporter reporter(f, {mode, false});
      Test a = make_test("Login", "a.txt", 1, "Fill @env:PASSWORD in Password");
      reporter.run_started(1);
      reporter.test_started(a, "r");
      StepRecord s = step(4, Outcome::Failed, FailureReason::NotFound, "the page says: hunter2-console is wrong");
      reporter.step_finished(s);
      reporter.test_finished(result(a, Verdict::Fail, s, 10));
      reporter.warning("a warning quoting hunter2-console");
      RunReport report;
      report.tests = {result(a, Verdict::Fail, s, 10)};
      reporter.summary(report);
    }
    std::rewind(f);
    std::string text;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    std::fclose(f);
    CHECK_THAT(text, Catch::Contains("the page says: *** is wrong"));
    CHECK(text.find("hunter2") == std::string::npos);
  }
}

TEST_CASE("the loop table of --repeat shows each loop's steps with source, selector and lookup, and each loop's "
          "hit rate", "[console]") {
  Test a = make_test("Search", "a.txt", 1, "x");
  RunReport cold, warm;
  cold.cache_enabled = warm.cache_enabled = true;
  cold.tests = {result(a, Verdict::Pass, step(4, Outcome::Passed), 10)};
  cold.cache.misses = 1;
  cold.cache.discoveries = 1;
  cold.cache.tiers["sqlite"].lookups = 1;
  StepRecord hit = step(4, Outcome::Passed);
  hit.source = "sqlite";
  warm.tests = {result(a, Verdict::Pass, hit, 10)};
  warm.cache.tiers["sqlite"] = {1, 1};
  std::string table = loops_table({cold, warm});
  CHECK(table ==
        "loop  line  step                                  source     selector                                 lookup  outcome\n"
        "   1  Search (a.txt): pass\n"
        "   1     4  click \"Save\"                          discovery  #save                                    0.4 ms  passed\n"
        "   2  Search (a.txt): pass\n"
        "   2     4  click \"Save\"                          sqlite     #save                                    0.4 ms  passed\n"
        "loop 1: hit rate 0% (0 of 1 lookups, sqlite 0), 1 discoveries, 1 passed, 0 failed\n"
        "loop 2: hit rate 100% (1 of 1 lookups, sqlite 1), 0 discoveries, 1 passed, 0 failed\n");
  RunReport all = merged_loops({cold, warm});
  CHECK(all.tests.size() == 2);
  CHECK(all.cache.lookups() == 2);
  CHECK(all.cache.discoveries == 1);
}

TEST_CASE("a test that passes on a retry is shown failing, then RETRY, then FLAKY, and counts once, as flaky",
          "[console]") {
  FakeClock clock;
  Test a = make_test("Search", "a.txt", 1, "Click \"Save\"");
  StepRecord missed = step(4, Outcome::Failed, FailureReason::NotFound, "no element is named \"Save\"");
  TestResult first = result(a, Verdict::Fail, missed, 1000);
  first.retry_follows = true;  // run.retries: another attempt follows
  TestResult second = result(a, Verdict::Flaky, step(4, Outcome::Passed), 500);
  second.attempt = 2;
  second.earlier_attempts.push_back(first);
  RunReport report;
  report.tests = {second};
  report.duration_ms = 1600;

  ConsoleView line({ConsoleMode::Line, false}, clock.fn());
  std::string out = line.run_started(1) + line.test_started(a);
  out += line.test_finished(first) + line.test_retrying(first, 2, 2) + line.test_started(a);
  out += line.test_finished(second) + line.summary(report);
  CHECK(out == "TEST Search  a.txt\n"
               "FAIL Search  0/1 steps, 0/0 checks, 1.0 s\n\n"
               "RETRY Search  attempt 2 of 2, in a fresh context (attempt 1: not_found)\n\n"
               "TEST Search  a.txt\n"
               "FLAKY Search  1/1 steps, 0/0 checks, 500 ms  (attempt 2)\n\n"
               "1 test: 0 passed, 1 flaky, 0 failed  (1.6 s)\ncache: off\n"
               "  FLAKY Search  a.txt  passed on attempt 2; attempt 1: not_found: no element is named \"Save\"\n");

  ConsoleView live({ConsoleMode::Live, false}, clock.fn());
  live.run_started(1);
  live.test_started(a);
  live.step_finished(missed);
  CHECK(live.test_finished(first) == kClear + "[0/1] 0 passed, 0 failed  0.0 s");  // not done: a retry follows
  CHECK(live.test_retrying(first, 2, 2) ==
        kClear + "RETRY Search  attempt 2 of 2, in a fresh context (attempt 1: not_found)\n[0/1] 0 passed, 0 failed  0.0 s");
  live.test_started(a);
  CHECK(live.test_finished(second) == kClear + "[1/1] 0 passed, 1 flaky, 0 failed  0.0 s");

  ConsoleView dots({ConsoleMode::Dot, false}, clock.fn());
  dots.run_started(1);
  CHECK(dots.test_finished(first) + dots.test_retrying(first, 2, 2) + dots.test_finished(second) == "Rf");
}

TEST_CASE("with several workers, every plain line says whose it is, the live line lists each worker's test, and "
          "the summary gives the workers and the discoveries they spared one another", "[console]") {
  FakeClock clock;
  Test a = make_test("Search", "a.txt", 1, "Click \"Save\"");
  Test b = make_test("Login", "b.txt", 1, "Click \"Sign in\"");
  ConsoleView line({ConsoleMode::Line, false}, clock.fn());
  std::string out = line.test_started(a, 2) + line.test_started(b, 1) + line.step_finished(step(4, Outcome::Passed), 2);
  StepRecord missed = step(4, Outcome::Failed, FailureReason::NotFound, "nothing");
  out += line.step_finished(missed, 1) + line.test_finished(result(a, Verdict::Pass, step(4, Outcome::Passed), 100), 2);
  CHECK(out == "[2] TEST Search  a.txt\n"
               "[1] TEST Login  b.txt\n"
               "[2]   ok     4  click   \"Save\"  [discovery] 120 ms\n"
               "[1]   FAIL   4  click   \"Save\"  [discovery] 120 ms\n"
               "[1]         not_found: nothing\n"
               "[2] PASS Search  1/1 steps, 0/0 checks, 100 ms\n\n");
  CHECK(line.warning("redis is down") == "warning: redis is down\n");  // the run's, not a worker's

  ConsoleView live({ConsoleMode::Live, false}, clock.fn());
  live.run_started(2);
  live.test_started(a, 1);
  CHECK(live.test_started(b, 2) == kClear + "[0/2] 0 passed, 0 failed  0.0 s  Search, Login");
  CHECK(live.test_finished(result(a, Verdict::Pass, step(4, Outcome::Passed), 100), 1) ==
        kClear + "[1/2] 1 passed, 0 failed  0.0 s, ETA 0.0 s  Login");

  RunReport report;
  report.tests = {result(a, Verdict::Pass, step(4, Outcome::Passed), 100)};
  report.duration_ms = 2000;
  report.workers = 4;
  report.cache_enabled = true;
  report.cache.discoveries = 1;
  report.cache.discoveries_spared = 3;
  std::string summary = line.summary(report);
  CHECK_THAT(summary, Catch::StartsWith("1 test: 1 passed, 0 failed  (2.0 s, 4 workers)\n") &&
                          Catch::Contains("1 discoveries (3 spared by another worker's), 0 stored"));
}
