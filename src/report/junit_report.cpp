#include "report/junit_report.h"

#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "core/error.h"
#include "core/secret.h"

namespace pacts {

namespace {

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// The step or assertion that failed, as "line N: action target: error".
std::string failure_detail(const TestResult& t) {
  std::string out = t.error;
  for (const auto* list : {&t.steps, &t.assertions})
    for (const auto& s : *list)
      if (s.outcome == Outcome::Failed) {
        out += fmt::format("\n{}:{}: {} {}{}", t.file, s.line, s.action, s.target.value_or(s.value.value_or("")),
                           s.error.empty() ? "" : ": " + s.error);
        if (!s.candidates.empty()) out += "\n  candidates: " + fmt::format("{}", fmt::join(s.candidates, "; "));
        if (!s.screenshot.empty()) out += "\n  screenshot: " + s.screenshot;
      }
  return out;
}

struct Suite {
  std::vector<const TestResult*> tests;
  int failures = 0, errors = 0;
  double seconds = 0;
  std::map<std::string, int> sources;  // steps per source tier, or "discovery"
};

// A flaky test is a passing testcase (no failure or error element): CI counts it as passed, as `pacts run` does
// without --fail-on-flaky. Each failed attempt before the pass is a flakyFailure or flakyError element, the form
// Maven Surefire writes for a test that passed on a rerun and that CI plugins show as flaky; properties say the
// same for the consumers that read those.
void write_flaky(std::string& out, const TestResult& t) {
  out += "      <properties>\n";
  out += "        <property name=\"pacts.verdict\" value=\"flaky\"/>\n";
  out += fmt::format("        <property name=\"pacts.attempts\" value=\"{}\"/>\n", t.attempt);
  out += "      </properties>\n";
  for (const auto& a : t.earlier_attempts) {
    const char* element = a.verdict == Verdict::Fail ? "flakyFailure" : "flakyError";
    std::string message = a.error.empty() ? std::string(name(a.reason)) : first_line(a.error);
    out += fmt::format("      <{} message=\"{}\" type=\"{}\">attempt {}: {}</{}>\n", element, xml_escape(message),
                       xml_escape(name(a.reason)), a.attempt, xml_escape(a.error), element);
  }
}

void write_testcase(std::string& out, const TestResult& t) {
  out += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{:.3f}\">\n", xml_escape(t.test_name),
                     xml_escape(t.file), t.duration_ms / 1000.0);
  if (t.verdict == Verdict::Fail || t.verdict == Verdict::Error || t.verdict == Verdict::Running) {
    const char* element = t.verdict == Verdict::Fail ? "failure" : "error";
    std::string message = t.error.empty() ? std::string(name(t.reason)) : first_line(t.error);
    out += fmt::format("      <{} message=\"{}\" type=\"{}\">{}</{}>\n", element, xml_escape(message),
                       xml_escape(name(t.reason)), xml_escape(failure_detail(t)), element);
  }
  if (t.verdict == Verdict::Flaky) write_flaky(out, t);
  std::string steps;
  for (const auto& s : t.steps)
    steps += fmt::format("{:>4} {:<7} {} {}{}\n", s.line, name(s.outcome), s.action,
                         s.target.value_or(""), s.source ? " [" + *s.source + "]" : "");
  for (const auto& a : t.assertions)
    steps += fmt::format("{:>4} {:<7} expect {} \"{}\"\n", a.line, name(a.outcome), a.action, a.value.value_or(""));
  if (t.verdict == Verdict::Flaky)
    steps = fmt::format("flaky: passed on attempt {} after {} failed\n", t.attempt, t.earlier_attempts.size()) + steps;
  out += fmt::format("      <system-out>{}</system-out>\n", xml_escape(steps));
  out += "    </testcase>\n";
}

}  // namespace

std::string xml_escape(const std::string& raw) {
  std::string text = mask_secrets(raw);  // before escaping: an escaped secret would no longer be recognised
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;  // not allowed in XML 1.0
        out += static_cast<char>(c);
    }
  }
  return out;
}

std::string junit_report_xml(const RunReport& report) {
  std::map<std::string, Suite> suites;  // by file, in name order
  int failures = 0, errors = 0;
  for (const auto& t : report.tests) {
    Suite& s = suites[t.file];
    s.tests.push_back(&t);
    s.seconds += t.duration_ms / 1000.0;
    if (t.verdict == Verdict::Fail) ++s.failures, ++failures;
    else if (t.verdict != Verdict::Pass && t.verdict != Verdict::Flaky) ++s.errors, ++errors;
    for (const auto& step : t.steps)
      if (step.source) ++s.sources[*step.source];
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"pacts\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3f}\">\n",
                     report.tests.size(), failures, errors, report.duration_ms / 1000.0);
  int id = 0;
  for (const auto& [file, s] : suites) {
    out += fmt::format("  <testsuite name=\"{}\" id=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" "
                       "time=\"{:.3f}\" timestamp=\"{}\">\n",
                       xml_escape(file), id++, s.tests.size(), s.failures, s.errors, s.seconds,
                       xml_escape(s.tests.front()->started_at.substr(0, 19)));
    out += "    <properties>\n";
    out += fmt::format("      <property name=\"pacts.invocation\" value=\"{}\"/>\n", xml_escape(report.invocation_id));
    for (const auto& [source, n] : s.sources)
      out += fmt::format("      <property name=\"pacts.steps.{}\" value=\"{}\"/>\n", xml_escape(source), n);
    if (report.cache_enabled) {
      out += fmt::format("      <property name=\"pacts.cache.hits\" value=\"{}\"/>\n", report.cache.hits());
      out += fmt::format("      <property name=\"pacts.cache.misses\" value=\"{}\"/>\n", report.cache.misses);
      out += fmt::format("      <property name=\"pacts.cache.discoveries\" value=\"{}\"/>\n", report.cache.discoveries);
    }
    out += "    </properties>\n";
    for (const auto* t : s.tests) write_testcase(out, *t);
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return mask_secrets(out);
}

void write_junit_report(const RunReport& report, const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  std::ofstream out(path, std::ios::binary);
  if (!out) throw_bad_input("cannot write the JUnit report to " + path);
  out << junit_report_xml(report);
}

}  // namespace pacts
