#include "report/console.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>

#include <fmt/format.h>

#include "core/error.h"
#include "core/secret.h"

namespace pacts {

namespace {
constexpr const char* kGreen = "32";
constexpr const char* kRed = "31";
constexpr const char* kYellow = "33";
constexpr const char* kDim = "2";
constexpr const char* kBold = "1";
constexpr const char* kClearLine = "\r\x1b[2K";  // back to the line's start, and erase it
constexpr int kDotsPerLine = 60;

std::string ms(double v) { return v >= 1000 ? fmt::format("{:.1f} s", v / 1000) : fmt::format("{:.0f} ms", v); }
// Elapsed and remaining time: "12.3 s", "4:05".
std::string clock_text(double v) {
  if (v < 60000) return fmt::format("{:.1f} s", v / 1000);
  auto s = static_cast<long>(v / 1000);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}
const char* mark_of(Outcome o) { return o == Outcome::Passed ? "ok  " : o == Outcome::Failed ? "FAIL" : "skip"; }
const char* color_of(Outcome o) { return o == Outcome::Passed ? kGreen : o == Outcome::Failed ? kRed : kDim; }
const char* verdict_word(Verdict v) {
  return v == Verdict::Pass ? "PASS" : v == Verdict::Flaky ? "FLAKY" : v == Verdict::Fail ? "FAIL" : "ERROR";
}
// Flaky (passed on a retry) is no failure: it is counted and listed apart.
bool is_failure(const TestResult& r) { return r.verdict != Verdict::Pass && r.verdict != Verdict::Flaky; }
// Why a failed attempt failed, in a word.
const char* why_failed(const RunRecord& r) { return r.reason == FailureReason::None ? name(r.verdict) : name(r.reason); }

// Where a failed test went wrong: its first failed step or assertion, else nothing (it failed before any).
const StepRecord* first_failure(const TestResult& r) {
  for (const auto& s : r.steps)
    if (s.outcome == Outcome::Failed) return &s;
  for (const auto& a : r.assertions)
    if (a.outcome == Outcome::Failed) return &a;
  return nullptr;
}
const char* reason_of(const StepRecord& s) {
  return s.kind == StepKind::Assertion ? "assertion_failed" : name(s.reason);
}
std::string place(const std::string& file, int line) { return line > 0 ? fmt::format("{}:{}", file, line) : file; }
}  // namespace

ConsoleMode console_mode(const std::string& reporter, bool terminal) {
  if (reporter == "auto") return terminal ? ConsoleMode::Live : ConsoleMode::Line;
  if (reporter == "live") return ConsoleMode::Live;
  if (reporter == "line") return ConsoleMode::Line;
  if (reporter == "dot") return ConsoleMode::Dot;
  throw_bad_input("--reporter " + reporter + ": the reporters are auto, live, line and dot");
}

bool color_wanted(const std::string& setting, bool terminal, const char* no_color) {
  if (setting == "always") return true;
  if (setting == "never") return false;
  return terminal && (no_color == nullptr || *no_color == '\0');
}

bool color_wanted(const std::string& setting, std::FILE* out) {
  return color_wanted(setting, isatty(fileno(out)) == 1, getenv("NO_COLOR"));
}

int terminal_columns(std::FILE* out) {
  winsize ws{};
  if (ioctl(fileno(out), TIOCGWINSZ, &ws) != 0) return 0;
  return ws.ws_col;
}

ConsoleView::ConsoleView(ConsoleStyle style, Clock now_ms) : style_(style), now_(std::move(now_ms)) {
  started_ms_ = now_();
}

std::string ConsoleView::paint(const std::string& s, const char* code) const {
  return style_.color && !s.empty() ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
}

std::string ConsoleView::progress_line() const {
  double elapsed = now_() - started_ms_;
  std::string eta = done_ > 0 && done_ < total_ ? ", ETA " + clock_text(elapsed / done_ * (total_ - done_)) : "";
  std::string flaky = flaky_ ? fmt::format("{} flaky, ", flaky_) : "";
  std::string counts = fmt::format("[{}/{}] {} passed, {}{} failed", done_, total_, passed_, flaky, failed_);
  std::string times = fmt::format("  {}{}", clock_text(elapsed), eta);
  std::string under_way;
  for (const auto& [worker, c] : current_) under_way += (under_way.empty() ? "  " : ", ") + c.test.name;
  if (style_.columns > 0) {  // cut what does not fit, so that the line never wraps and \r redraws all of it
    size_t room = static_cast<size_t>(style_.columns - 1);
    std::string plain = counts + times + under_way;
    if (plain.size() > room) under_way.resize(under_way.size() - std::min(under_way.size(), plain.size() - room));
    while (!under_way.empty() && (static_cast<unsigned char>(under_way.back()) & 0xC0) == 0x80) under_way.pop_back();
    if (!under_way.empty() && static_cast<unsigned char>(under_way.back()) >= 0xC0) under_way.pop_back();  // a lead byte
    if ((counts + times).size() > room) return (counts + times).substr(0, room);
  }
  std::string painted = fmt::format("[{}/{}] {} passed, {}{} failed", done_, total_,
                                    paint(std::to_string(passed_), kGreen),
                                    flaky_ ? paint(std::to_string(flaky_), kYellow) + " flaky, " : "",
                                    failed_ ? paint(std::to_string(failed_), kRed) : "0");
  return painted + paint(times, kDim) + under_way;
}

std::string ConsoleView::redraw() const { return std::string(kClearLine) + progress_line(); }

std::string ConsoleView::above_progress(const std::string& text) const {
  if (style_.mode != ConsoleMode::Live || finished_) return text;
  return kClearLine + text + progress_line();
}

std::string ConsoleView::run_started(int tests) {
  total_ = tests;
  started_ms_ = now_();
  return style_.mode == ConsoleMode::Live ? redraw() : "";
}

std::string ConsoleView::test_started(const Test& test, int worker) {
  current_[worker] = Current{test, false};
  if (style_.mode == ConsoleMode::Live) return redraw();
  if (style_.mode == ConsoleMode::Dot) return "";
  return labelled(fmt::format("{} {}  {}\n", paint("TEST", kBold), test.name, paint(test.file, kDim)), worker);
}

std::string ConsoleView::labelled(const std::string& text, int worker) const {
  if (worker <= 0 || style_.mode != ConsoleMode::Line) return text;
  std::string label = paint(fmt::format("[{}]", worker), kDim) + " ", out;
  bool line_start = true;
  for (char ch : text) {
    if (line_start && ch != '\n') out += label;
    line_start = ch == '\n';
    out += ch;
  }
  return out;
}

std::string ConsoleView::step_line(const StepRecord& s) const {
  std::string what = s.target ? "\"" + *s.target + "\"" : "";
  if (s.context) what += " for \"" + *s.context + "\"";
  if (s.within) what += " in \"" + *s.within + "\"";
  if (s.ordinal) what += *s.ordinal == -1 ? std::string(" (last)") : fmt::format(" (#{})", *s.ordinal);
  if (s.value) what += (what.empty() ? "" : " ") + std::string("= \"") + *s.value + "\"";
  std::string where = s.source ? *s.source : "";
  std::string line = fmt::format("  {} {:>3}  {:<7} {}", paint(mark_of(s.outcome), color_of(s.outcome)), s.line,
                                 s.action, what);
  if (s.outcome != Outcome::Skipped)
    line += fmt::format("  {}{}", paint(where.empty() ? "" : "[" + where + "] ", kDim), paint(ms(s.duration_ms), kDim));
  return line + "\n";
}

std::string ConsoleView::assertion_line(const StepRecord& a) const {
  std::string what = a.target ? "\"" + *a.target + "\"" : "";
  if (a.value) what += (what.empty() ? "\"" : " = \"") + *a.value + "\"";
  if (a.within) what += " in \"" + *a.within + "\"";
  std::string line = fmt::format("  {} {:>3}  {:<7} {} {}", paint(mark_of(a.outcome), color_of(a.outcome)), a.line,
                                 "expect", a.action, what);
  if (a.outcome != Outcome::Skipped) line += "  " + paint(ms(a.duration_ms), kDim);
  return line + "\n";
}

// The reason, the candidates and the screenshot of a failed step or assertion, indented under it.
std::string ConsoleView::failure_detail(const StepRecord& s, const char* reason) const {
  std::string out = fmt::format("        {}: {}\n", paint(reason, kRed), s.error);
  for (size_t i = 0; i < s.candidates.size() && i < 5 && s.error.find("candidates:") == std::string::npos; ++i)
    out += fmt::format("          {}\n", s.candidates[i]);
  if (!s.screenshot.empty()) out += fmt::format("        screenshot: {}\n", s.screenshot);
  return out;
}

// live: the test, the failed step's file:line and sentence as written, then its detail.
std::string ConsoleView::failure_block(const StepRecord& s, const char* reason, int worker) {
  auto it = current_.find(worker);
  if (it == current_.end()) return failure_detail(s, reason);
  Current& c = it->second;
  c.failure_shown = true;
  std::string sentence, file = c.test.file;
  if (s.kind == StepKind::Step && s.index >= 0 && static_cast<size_t>(s.index) < c.test.steps.size()) {
    sentence = c.test.steps[s.index].sentence;
    if (!c.test.steps[s.index].file.empty()) file = c.test.steps[s.index].file;
  } else if (s.kind == StepKind::Assertion && s.index >= 0 && static_cast<size_t>(s.index) < c.test.assertions.size()) {
    sentence = c.test.assertions[s.index].sentence;
  }
  return fmt::format("{} {}\n  {}  {}\n", paint("FAIL", kRed), c.test.name, place(file, s.line), sentence) +
         failure_detail(s, reason);
}

std::string ConsoleView::step_finished(const StepRecord& s, int worker) {
  if (style_.mode == ConsoleMode::Dot) return "";
  if (style_.mode == ConsoleMode::Live)
    return s.outcome == Outcome::Failed ? above_progress(failure_block(s, name(s.reason), worker)) : redraw();
  std::string out = step_line(s);
  if (s.outcome == Outcome::Failed) out += failure_detail(s, name(s.reason));
  if (s.heal && s.outcome == Outcome::Passed)
    out += fmt::format("        healed: {} -> {} ({}, score {:.2f}; the old one matched another element, similarity {:.2f})\n",
                       s.heal->old_selector, s.selector.value_or(""), s.heal->strategy, s.score.value_or(0),
                       s.heal->similarity);
  if (style_.verbose && s.selector) out += fmt::format("        {}\n", paint(*s.selector, kDim));
  return labelled(out, worker);
}

std::string ConsoleView::assertion_finished(const StepRecord& a, int worker) {
  if (style_.mode == ConsoleMode::Dot) return "";
  if (style_.mode == ConsoleMode::Live)
    return a.outcome == Outcome::Failed ? above_progress(failure_block(a, "assertion_failed", worker)) : redraw();
  return labelled(assertion_line(a) + (a.outcome == Outcome::Failed ? failure_detail(a, "assertion_failed") : ""),
                  worker);
}

std::string ConsoleView::verdict_line(const TestResult& r) const {
  int steps = 0, assertions = 0;
  for (const auto& s : r.steps) steps += s.outcome == Outcome::Passed;
  for (const auto& a : r.assertions) assertions += a.outcome == Outcome::Passed;
  std::string out = fmt::format("{} {}  {}/{} steps, {}/{} checks, {}{}\n", verdict_mark(r.verdict), r.test_name, steps,
                                r.steps.size(), assertions, r.assertions.size(), ms(r.duration_ms),
                                r.attempt > 1 ? fmt::format("  (attempt {})", r.attempt) : std::string());
  if (is_failure(r) && !r.error.empty() && r.steps.empty()) out += fmt::format("  {}: {}\n", name(r.reason), r.error);
  return out;
}

std::string ConsoleView::verdict_mark(Verdict v) const {
  return paint(verdict_word(v), v == Verdict::Pass ? kGreen : v == Verdict::Flaky ? kYellow : kRed);
}

std::string ConsoleView::dot(const TestResult& r) {
  std::string out = r.retry_follows               ? paint("R", kYellow)
                    : r.verdict == Verdict::Pass  ? paint(".", kGreen)
                    : r.verdict == Verdict::Flaky ? paint("f", kYellow)
                                                  : paint(r.verdict == Verdict::Fail ? "F" : "E", kRed);
  if (++dots_ % kDotsPerLine == 0) out += "\n";
  return out;
}

std::string ConsoleView::test_finished(const TestResult& r, int worker) {
  if (!r.retry_follows) {  // a retried attempt's test counts with its last attempt
    ++done_;
    ++(r.verdict == Verdict::Flaky ? flaky_ : is_failure(r) ? failed_ : passed_);
  }
  auto it = current_.find(worker);
  bool shown = it != current_.end() && it->second.failure_shown;
  std::string file = it != current_.end() ? it->second.test.file : r.file;
  int line = it != current_.end() ? it->second.test.line : 0;
  if (it != current_.end()) current_.erase(it);
  if (style_.mode == ConsoleMode::Dot) return dot(r);
  if (style_.mode == ConsoleMode::Line) return labelled(verdict_line(r), worker) + "\n";
  if (!is_failure(r) || shown) return redraw();
  // A test that failed outside its steps (its page did not load, the browser went away).
  return above_progress(fmt::format("{} {}\n  {}\n        {}: {}\n", paint(verdict_word(r.verdict), kRed), r.test_name,
                                    place(file, line), paint(name(r.reason), kRed), r.error));
}

std::string ConsoleView::test_retrying(const TestResult& failed, int attempt, int attempts, int worker) {
  if (style_.mode == ConsoleMode::Dot) return "";
  std::string text = fmt::format("{} {}  attempt {} of {}, in a fresh context (attempt {}: {})\n", paint("RETRY", kYellow),
                                 failed.test_name, attempt, attempts, attempt - 1, why_failed(failed));
  if (style_.mode == ConsoleMode::Line) return labelled(text, worker) + "\n";
  return above_progress(text);
}

std::string ConsoleView::own_line(const std::string& text) {
  if (style_.mode == ConsoleMode::Dot && dots_ % kDotsPerLine != 0) {
    dots_ = 0;
    return "\n" + text;
  }
  return above_progress(text);
}

std::string ConsoleView::warning(const std::string& message) {
  return own_line(fmt::format("{} {}\n", paint("warning:", kYellow), message));
}

std::string ConsoleView::note(const std::string& message) { return own_line(message + "\n"); }

std::string ConsoleView::summary(const RunReport& report) {
  std::string out = style_.mode == ConsoleMode::Live ? kClearLine : "";
  if (style_.mode == ConsoleMode::Dot && dots_ % kDotsPerLine != 0) out += "\n";
  finished_ = true;
  dots_ = 0;
  int passed = report.passed(), flaky = report.flaky(), failed = report.failed();
  std::string took = ms(report.duration_ms);
  if (report.workers > 1) took += fmt::format(", {} workers", report.workers);
  std::string line = fmt::format("{} test{}: {} passed, {}{} failed  ({})", report.tests.size(),
                                 report.tests.size() == 1 ? "" : "s", passed,
                                 flaky ? fmt::format("{} flaky, ", flaky) : std::string(), failed, took);
  out += paint(line, failed ? kRed : flaky ? kYellow : kGreen) + "\n";
  if (report.cache_enabled) {
    const auto& c = report.cache;
    std::string tiers;
    for (const auto& [tier, t] : c.tiers) {
      tiers += fmt::format("{}{} {} hits", tiers.empty() ? "" : ", ", tier, t.hits);
      if (t.errors) tiers += fmt::format(" ({} errors)", t.errors);
    }
    std::string spared =
        c.discoveries_spared ? fmt::format(" ({} spared by another worker's)", c.discoveries_spared) : std::string();
    out += fmt::format("cache: {} lookups, {:.0f}% hits ({}), {} discoveries{}, {} stored, {} invalidated{}\n",
                       c.lookups(), c.hit_rate() * 100, tiers, c.discoveries, spared, c.stored, c.invalidations,
                       c.drifts ? fmt::format(", {} drifted (healed instead of acting)", c.drifts) : std::string());
  } else {
    out += "cache: off\n";
  }
  // Last, what a reader came for: each failure, where it is and why; and each test that passed only on a retry.
  for (const auto& t : report.tests) {
    if (t.verdict == Verdict::Flaky) {
      std::string before;
      if (!t.earlier_attempts.empty())
        before = fmt::format("; attempt {}: {}: {}", t.attempt - 1, why_failed(t.earlier_attempts.back()),
                             t.earlier_attempts.back().error);
      out += fmt::format("  {} {}  {}  passed on attempt {}{}\n", verdict_mark(t.verdict), t.test_name, t.file, t.attempt,
                         before);
    }
    if (!is_failure(t)) continue;
    const StepRecord* f = first_failure(t);
    std::string where = f ? place(t.file, f->line) : t.file;
    std::string why = f ? fmt::format("{}: {}", reason_of(*f), f->error) : fmt::format("{}: {}", name(t.reason), t.error);
    out += fmt::format("  {} {}  {}  {}\n", paint(verdict_word(t.verdict), kRed), t.test_name, where, why);
  }
  return out;
}

ConsoleReporter::ConsoleReporter(std::FILE* out, ConsoleStyle style, ConsoleView::Clock now_ms)
    : out_(out), view_(style, now_ms ? std::move(now_ms) : [start = std::chrono::steady_clock::now()] {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      }) {}

template <typename Make>
void ConsoleReporter::emit(Make&& make) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string text = make();
  if (text.empty()) return;
  std::string masked = mask_secrets(text);
  std::fwrite(masked.data(), 1, masked.size(), out_);
  std::fflush(out_);
}

void ConsoleReporter::run_started(int tests) {
  emit([&] { return view_.run_started(tests); });
}
void ConsoleReporter::test_started(const Test& test, const std::string& /*run_id*/) {
  emit([&] { return view_.test_started(test, worker_); });
}
void ConsoleReporter::step_finished(const StepRecord& step) {
  emit([&] { return view_.step_finished(step, worker_); });
}
void ConsoleReporter::assertion_finished(const StepRecord& a) {
  emit([&] { return view_.assertion_finished(a, worker_); });
}
void ConsoleReporter::test_finished(const TestResult& result) {
  emit([&] { return view_.test_finished(result, worker_); });
}
void ConsoleReporter::test_retrying(const TestResult& failed, int attempt, int attempts) {
  emit([&] { return view_.test_retrying(failed, attempt, attempts, worker_); });
}
void ConsoleReporter::worker_label(int worker) {
  std::lock_guard<std::mutex> lock(mu_);
  worker_ = worker;
}
void ConsoleReporter::warning(const std::string& message) {
  emit([&] { return view_.warning(message); });
}
void ConsoleReporter::summary(const RunReport& report) {
  emit([&] { return view_.summary(report); });
}
void ConsoleReporter::note(const std::string& message) {
  emit([&] { return view_.note(message); });
}

}  // namespace pacts
