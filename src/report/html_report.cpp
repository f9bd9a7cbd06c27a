#include "report/html_report.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/error.h"
#include "core/secret.h"
#include "core/text.h"

namespace pacts {

namespace {

constexpr const char* kStyle = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
.pass{color:#1a7f37}.flaky{color:#9a6700}.fail,.error,.running{color:#cf222e}
table{border-collapse:collapse;width:100%;margin:.5em 0}
td,th{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa}tr.failed td{background:#ffebe9}
code{font-size:12px;word-break:break-all}
img.shot{max-width:100%;border:1px solid #d0d7de;margin:.5em 0}
.summary span{margin-right:1.5em}
)";

std::string base64(const std::string& bytes) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += {table[n >> 18], table[(n >> 12) & 63], table[(n >> 6) & 63], table[n & 63]};
  }
  if (i + 1 == bytes.size()) {
    uint32_t n = uint8_t(bytes[i]) << 16;
    out += {table[n >> 18], table[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += {table[n >> 18], table[(n >> 12) & 63], table[(n >> 6) & 63], '='};
  }
  return out;
}

// The screenshot as an <img> with a data: URL; a note when the file is gone.
std::string inline_image(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fmt::format("<p>screenshot missing: {}</p>", html_escape(path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return fmt::format("<img class=\"shot\" alt=\"screenshot {}\" src=\"data:image/png;base64,{}\">",
                     html_escape(std::filesystem::path(path).filename().string()), base64(bytes.str()));
}

std::string opt(const std::optional<std::string>& s) { return html_escape(s.value_or("")); }

// A drifted cached selector under the step's selector: what it was, how like the stored element its element
// was, and the strategy that healed (none: the step failed).
std::string heal_note(const StepRecord& s) {
  if (!s.heal) return "";
  const auto& h = *s.heal;
  return fmt::format("<br><small>drifted: was <code>{}</code> (similarity {:.2f}); {}</small>",
                     html_escape(h.old_selector), h.similarity,
                     h.strategy.empty() ? std::string("no strategy was sure")
                                        : "healed by " + html_escape(h.strategy));
}

std::string step_row(const StepRecord& s) {
  const auto& t = s.timings;
  return fmt::format(
      "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
      "<td><code>{}</code>{}</td><td>{:.0f}</td><td>{:.0f} / {:.0f} / {:.0f} / {:.0f}</td><td>{}</td></tr>\n",
      name(s.outcome), s.line > 0 ? std::to_string(s.line) : "", name(s.outcome), html_escape(s.action),
      opt(s.target), opt(s.value), opt(s.source), opt(s.strategy) + (s.score ? fmt::format(" ({:.2f})", *s.score) : ""),
      opt(s.selector), heal_note(s), s.duration_ms, t.lookup_ms, t.discovery_ms, t.action_ms, t.settle_ms, html_escape(s.error));
}

std::string test_section(const TestResult& t) {
  std::string out = fmt::format(
      "<section class=\"test\"><h2><span class=\"{}\">{}</span> {} <small>{} &middot; {:.0f} ms</small></h2>\n",
      name(t.verdict), html_escape(name(t.verdict)), html_escape(t.test_name), html_escape(t.file), t.duration_ms);
  out += fmt::format("<p>URL <code>{}</code> &middot; context {:.0f} ms, first navigation {:.0f} ms, teardown {:.0f} ms</p>\n",
                     html_escape(t.url), t.timings.context_ms, t.timings.navigation_ms, t.timings.teardown_ms);
  if (!t.error.empty())
    out += fmt::format("<p class=\"{}\"><b>{}</b>: {}</p>\n", name(t.verdict), html_escape(name(t.reason)), html_escape(t.error));
  for (const auto& a : t.earlier_attempts)
    out += fmt::format("<p class=\"flaky\">attempt {} <b>{}</b> ({}): {}</p>\n", a.attempt, html_escape(name(a.verdict)),
                       html_escape(name(a.reason)), html_escape(a.error));
  out += "<table><tr><th>line</th><th>outcome</th><th>action</th><th>target</th><th>value</th><th>source</th>"
         "<th>strategy (score)</th><th>selector</th><th>ms</th><th>lookup / discovery / action / settle ms</th>"
         "<th>error</th></tr>\n";
  for (const auto& s : t.steps) out += step_row(s);
  out += "</table>\n";
  if (!t.assertions.empty()) {
    out += "<table><tr><th>line</th><th>outcome</th><th>expected</th><th>value</th><th>ms</th><th>error</th></tr>\n";
    for (const auto& a : t.assertions)
      out += fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.0f}</td><td>{}</td></tr>\n",
                         name(a.outcome), a.line > 0 ? std::to_string(a.line) : "", name(a.outcome),
                         html_escape(a.action), opt(a.value), a.duration_ms, html_escape(a.error));
    out += "</table>\n";
  }
  for (const auto& path : t.artifacts) {
    auto ext = std::filesystem::path(path).extension();
    if (ext == ".png") out += inline_image(path);
    if (ext == ".html")  // the page's HTML at the failure (a DOM snapshot), beside the report's machine
      out += fmt::format("<p><a class=\"snapshot\" href=\"file://{}\">page HTML: {}</a></p>\n", html_escape(path),
                         html_escape(std::filesystem::path(path).filename().string()));
  }
  return out + "</section>\n";
}

}  // namespace

std::string html_escape(const std::string& raw) {
  return html_escaped(mask_secrets(raw));  // masked first: an escaped secret would no longer be recognised
}

std::string html_report(const RunReport& report) {
  std::string out = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PACTS report</title>";
  out += fmt::format("<style>{}</style></head><body>\n<h1>PACTS report</h1>\n", kStyle);
  out += fmt::format("<p class=\"summary\"><span class=\"pass\">{} passed</span><span class=\"flaky\">{} flaky</span>"
                     "<span class=\"fail\">{} failed</span><span>{} tests</span><span>{:.1f} s</span><span>invocation <code>{}</code></span></p>\n",
                     report.passed(), report.flaky(), report.failed(), report.tests.size(), report.duration_ms / 1000.0,
                     html_escape(report.invocation_id));
  if (report.cache_enabled)
    out += fmt::format("<p>Cache: {} hits, {} misses, hit rate {:.0f} %, {} discoveries</p>\n", report.cache.hits(),
                       report.cache.misses, report.cache.hit_rate() * 100, report.cache.discoveries);
  if (!report.stopped.empty()) out += fmt::format("<p class=\"error\">Stopped: {}</p>\n", html_escape(report.stopped));
  for (const auto& t : report.tests) out += test_section(t);
  out += "</body></html>\n";
  return mask_secrets(out);
}

void write_html_report(const RunReport& report, const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  std::ofstream out(path, std::ios::binary);
  if (!out) throw_bad_input("cannot write the HTML report to " + path);
  out << html_report(report);
}

}  // namespace pacts
