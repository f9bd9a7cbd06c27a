#include "report/console.h"

#include <unistd.h>

#include <fmt/format.h>

#include "core/secret.h"

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

void ConsoleReporter::emit(const std::string& text) {
  std::string masked = mask_secrets(text);
  std::fwrite(masked.data(), 1, masked.size(), out_);
}

std::string ConsoleReporter::paint(const std::string& s, const char* code) const {
  return color_ ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
}

void ConsoleReporter::test_started(const Test& test, const std::string& /*run_id*/) {
  print("{} {}  {}\n", paint("TEST", kBold), test.name, paint(test.file, kDim));
  std::fflush(out_);
}

namespace {
const char* mark_of(Outcome o) { return o == Outcome::Passed ? "ok  " : o == Outcome::Failed ? "FAIL" : "skip"; }
const char* color_of(Outcome o) { return o == Outcome::Passed ? kGreen : o == Outcome::Failed ? kRed : kDim; }
}  // namespace

void ConsoleReporter::step_finished(const StepRecord& s) {
  const char* mark = mark_of(s.outcome);
  const char* color = color_of(s.outcome);
  std::string what = s.target ? "\"" + *s.target + "\"" : "";
  if (s.context) what += " for \"" + *s.context + "\"";
  if (s.within) what += " in \"" + *s.within + "\"";
  if (s.ordinal) what += *s.ordinal == -1 ? std::string(" (last)") : fmt::format(" (#{})", *s.ordinal);
  if (s.value) what += (what.empty() ? "" : " ") + std::string("= \"") + *s.value + "\"";
  std::string where = s.source ? *s.source : "";
  std::string line = fmt::format("  {} {:>3}  {:<7} {}", paint(mark, color), s.line, s.action, what);
  if (s.outcome != Outcome::Skipped)
    line += fmt::format("  {}{}", paint(where.empty() ? "" : "[" + where + "] ", kDim), paint(ms(s.duration_ms), kDim));
  print("{}\n", line);
  if (s.outcome == Outcome::Failed) {
    print("        {}: {}\n", paint(name(s.reason), kRed), s.error);
    for (size_t i = 0; i < s.candidates.size() && i < 5 && s.error.find("candidates:") == std::string::npos; ++i)
      print("          {}\n", s.candidates[i]);
    if (!s.screenshot.empty()) print("        screenshot: {}\n", s.screenshot);
  }
  if (verbose_ && s.selector) print("        {}\n", paint(*s.selector, kDim));
  std::fflush(out_);
}

void ConsoleReporter::assertion_finished(const StepRecord& a) {
  std::string what = a.target ? "\"" + *a.target + "\"" : "";
  if (a.value) what += (what.empty() ? "\"" : " = \"") + *a.value + "\"";
  if (a.within) what += " in \"" + *a.within + "\"";
  print("  {} {:>3}  {:<7} {} {}", paint(mark_of(a.outcome), color_of(a.outcome)), a.line, "expect", a.action, what);
  if (a.outcome != Outcome::Skipped) print("  {}", paint(ms(a.duration_ms), kDim));
  print("\n");
  if (a.outcome == Outcome::Failed) {
    print("        {}: {}\n", paint("assertion_failed", kRed), a.error);
    if (!a.screenshot.empty()) print("        screenshot: {}\n", a.screenshot);
  }
  std::fflush(out_);
}

void ConsoleReporter::test_finished(const TestResult& r) {
  int steps = 0, assertions = 0;
  for (const auto& s : r.steps) steps += s.outcome == Outcome::Passed;
  for (const auto& a : r.assertions) assertions += a.outcome == Outcome::Passed;
  std::string verdict = r.verdict == Verdict::Pass ? paint("PASS", kGreen)
                                                   : paint(r.verdict == Verdict::Fail ? "FAIL" : "ERROR", kRed);
  print("{} {}  {}/{} steps, {}/{} checks, {}\n", verdict, r.test_name, steps, r.steps.size(), assertions,
             r.assertions.size(), ms(r.duration_ms));
  if (r.verdict != Verdict::Pass && !r.error.empty() && r.steps.empty())
    print("  {}: {}\n", name(r.reason), r.error);
  print("\n");
  std::fflush(out_);
}

void ConsoleReporter::note(const std::string& message) {
  print("{}\n", message);
  std::fflush(out_);
}

void ConsoleReporter::warning(const std::string& message) {
  print("{} {}\n", paint("warning:", kYellow), message);
  std::fflush(out_);
}

void ConsoleReporter::summary(const RunReport& report) {
  int passed = report.passed(), failed = report.failed();
  std::string line = fmt::format("{} test{}: {} passed, {} failed  ({})", report.tests.size(),
                                 report.tests.size() == 1 ? "" : "s", passed, failed, ms(report.duration_ms));
  print("{}\n", failed ? paint(line, kRed) : paint(line, kGreen));
  if (report.cache_enabled) {
    const auto& c = report.cache;
    std::string tiers;
    for (const auto& [name, t] : c.tiers) {
      tiers += fmt::format("{}{} {} hits", tiers.empty() ? "" : ", ", name, t.hits);
      if (t.errors) tiers += fmt::format(" ({} errors)", t.errors);
    }
    print("cache: {} lookups, {:.0f}% hits ({}), {} discoveries, {} stored, {} invalidated\n", c.lookups(),
               c.hit_rate() * 100, tiers, c.discoveries, c.stored, c.invalidations);
  } else {
    print("cache: off\n");
  }
  for (const auto& t : report.tests)
    if (t.verdict != Verdict::Pass)
      print("  {} {}: {}\n", paint(t.verdict == Verdict::Fail ? "FAIL" : "ERROR", kRed), t.test_name, t.error);
  std::fflush(out_);
}

}  // namespace pacts
