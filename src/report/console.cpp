#include "report/console.h"

#include <unistd.h>

#include <fmt/format.h>

namespace pacts {

namespace {
constexpr const char* kGreen = "32";
constexpr const char* kRed = "31";
constexpr const char* kYellow = "33";
constexpr const char* kDim = "2";
constexpr const char* kBold = "1";

std::string ms(double v) { return v >= 1000 ? fmt::format("{:.1f} s", v / 1000) : fmt::format("{:.0f} ms", v); }
}  // namespace

bool color_wanted(const std::string& setting, std::FILE* out) {
  if (setting == "always") return true;
  if (setting == "never") return false;
  return isatty(fileno(out)) == 1 && getenv("NO_COLOR") == nullptr;
}

std::string ConsoleReporter::paint(const std::string& s, const char* code) const {
  return color_ ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
}

void ConsoleReporter::test_started(const Test& test, const std::string& /*run_id*/) {
  fmt::print(out_, "{} {}  {}\n", paint("TEST", kBold), test.name, paint(test.file, kDim));
  std::fflush(out_);
}

void ConsoleReporter::step_finished(const StepResult& s) {
  const char* mark = s.outcome == "passed" ? "ok  " : s.outcome == "failed" ? "FAIL" : "skip";
  const char* color = s.outcome == "passed" ? kGreen : s.outcome == "failed" ? kRed : kDim;
  std::string what = s.target ? "\"" + *s.target + "\"" : "";
  if (s.value) what += (what.empty() ? "" : " ") + std::string("= \"") + *s.value + "\"";
  std::string where = s.source ? *s.source : "";
  std::string line = fmt::format("  {} {:>3}  {:<7} {}", paint(mark, color), s.line, s.action, what);
  if (s.outcome != "skipped")
    line += fmt::format("  {}{}", paint(where.empty() ? "" : "[" + where + "] ", kDim), paint(ms(s.duration_ms), kDim));
  fmt::print(out_, "{}\n", line);
  if (s.outcome == "failed") {
    fmt::print(out_, "        {}: {}\n", paint(s.reason, kRed), s.error);
    for (size_t i = 0; i < s.candidates.size() && i < 5 && s.error.find("candidates:") == std::string::npos; ++i)
      fmt::print(out_, "          {}\n", s.candidates[i]);
    if (!s.screenshot.empty()) fmt::print(out_, "        screenshot: {}\n", s.screenshot);
  }
  if (verbose_ && s.selector) fmt::print(out_, "        {}\n", paint(*s.selector, kDim));
  std::fflush(out_);
}

void ConsoleReporter::assertion_finished(const AssertionResult& a) {
  const char* mark = a.outcome == "passed" ? "ok  " : a.outcome == "failed" ? "FAIL" : "skip";
  const char* color = a.outcome == "passed" ? kGreen : a.outcome == "failed" ? kRed : kDim;
  fmt::print(out_, "  {} {:>3}  {:<7} {} \"{}\"", paint(mark, color), a.line, "expect", a.type, a.value);
  if (a.outcome != "skipped") fmt::print(out_, "  {}", paint(ms(a.duration_ms), kDim));
  fmt::print(out_, "\n");
  if (a.outcome == "failed") {
    fmt::print(out_, "        {}: {}\n", paint("assertion_failed", kRed), a.error);
    if (!a.screenshot.empty()) fmt::print(out_, "        screenshot: {}\n", a.screenshot);
  }
  std::fflush(out_);
}

void ConsoleReporter::test_finished(const TestResult& r) {
  int steps = 0, assertions = 0;
  for (const auto& s : r.steps) steps += s.outcome == "passed";
  for (const auto& a : r.assertions) assertions += a.outcome == "passed";
  std::string verdict = r.verdict == "pass" ? paint("PASS", kGreen) : paint(r.verdict == "fail" ? "FAIL" : "ERROR", kRed);
  fmt::print(out_, "{} {}  {}/{} steps, {}/{} checks, {}\n", verdict, r.test, steps, r.steps.size(), assertions,
             r.assertions.size(), ms(r.duration_ms));
  if (r.verdict != "pass" && !r.error.empty() && r.steps.empty()) fmt::print(out_, "  {}: {}\n", r.reason, r.error);
  fmt::print(out_, "\n");
  std::fflush(out_);
}

void ConsoleReporter::warning(const std::string& message) {
  fmt::print(out_, "{} {}\n", paint("warning:", kYellow), message);
  std::fflush(out_);
}

void ConsoleReporter::summary(const RunReport& report) {
  int passed = report.passed(), failed = report.failed();
  std::string line = fmt::format("{} test{}: {} passed, {} failed  ({})", report.tests.size(),
                                 report.tests.size() == 1 ? "" : "s", passed, failed, ms(report.duration_ms));
  fmt::print(out_, "{}\n", failed ? paint(line, kRed) : paint(line, kGreen));
  if (report.cache_enabled) {
    const auto& c = report.cache;
    std::string tiers;
    for (const auto& [name, t] : c.tiers) {
      tiers += fmt::format("{}{} {} hits", tiers.empty() ? "" : ", ", name, t.hits);
      if (t.errors) tiers += fmt::format(" ({} errors)", t.errors);
    }
    fmt::print(out_, "cache: {} lookups, {:.0f}% hits ({}), {} discoveries, {} stored, {} invalidated\n", c.lookups(),
               c.hit_rate() * 100, tiers, c.discoveries, c.stored, c.invalidations);
  } else {
    fmt::print(out_, "cache: off\n");
  }
  for (const auto& t : report.tests)
    if (t.verdict != "pass") fmt::print(out_, "  {} {} ({}): {}\n", paint(t.verdict == "fail" ? "FAIL" : "ERROR", kRed), t.test, t.file, t.error);
  std::fflush(out_);
}

}  // namespace pacts
