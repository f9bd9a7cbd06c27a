#include "report/json_report.h"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace pacts {

using nlohmann::json;

namespace {
json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
}  // namespace

std::string run_report_json(const RunReport& report) {
  json runs = json::array();
  for (const auto& t : report.tests) {
    json steps = json::array();
    for (const auto& s : t.steps) {
      steps.push_back({{"index", s.index},
                       {"line", s.line > 0 ? json(s.line) : json(nullptr)},
                       {"action", s.action},
                       {"target", opt(s.target)},
                       {"value", opt(s.value)},
                       {"selector", opt(s.selector)},
                       {"strategy", opt(s.strategy)},
                       {"source", opt(s.source)},
                       {"outcome", s.outcome},
                       {"duration_ms", s.duration_ms},
                       {"error", text_or_null(s.error)},
                       {"reason", text_or_null(s.reason)},
                       {"score", s.score ? json(*s.score) : json(nullptr)},
                       {"candidates", s.candidates},
                       {"screenshot", text_or_null(s.screenshot)},
                       {"timings", {{"lookup_ms", s.lookup_ms},
                                    {"discovery_ms", s.discovery_ms},
                                    {"action_ms", s.action_ms},
                                    {"settle_ms", s.settle_ms},
                                    {"browser_ms", s.browser_ms}}}});
    }
    json assertions = json::array();
    for (const auto& a : t.assertions)
      assertions.push_back({{"line", a.line > 0 ? json(a.line) : json(nullptr)},
                            {"type", a.type},
                            {"value", a.value},
                            {"outcome", a.outcome},
                            {"error", text_or_null(a.error)},
                            {"duration_ms", a.duration_ms},
                            {"screenshot", text_or_null(a.screenshot)}});
    runs.push_back({{"id", t.run_id},
                    {"test", t.test},
                    {"file", t.file},
                    {"url", t.url},
                    {"verdict", t.verdict},
                    {"reason", text_or_null(t.reason)},
                    {"error", text_or_null(t.error)},
                    {"duration_ms", t.duration_ms},
                    {"steps", steps},
                    {"assertions", assertions},
                    {"artifacts", t.artifacts}});
  }
  json cache = nullptr;
  if (report.cache_enabled) {
    const auto& c = report.cache;
    json tiers = json::object();
    for (const auto& [name, t] : c.tiers)
      tiers[name] = {{"lookups", t.lookups}, {"hits", t.hits}, {"errors", t.errors}, {"skipped", t.skipped},
                     {"writes", t.writes}, {"time_ms", t.time_ms}};
    cache = {{"lookups", c.lookups()},
             {"hits", c.hits()},
             {"misses", c.misses},
             {"hit_rate", c.hit_rate()},
             {"verifications_failed", c.verifications_failed},
             {"invalidations", c.invalidations},
             {"discoveries", c.discoveries},
             {"stored", c.stored},
             {"tiers", tiers}};
  }
  json doc = {{"invocation_id", report.invocation_id},
              {"browser", report.browser_version},
              {"runs", runs},
              {"summary", {{"passed", report.passed()}, {"failed", report.failed()}, {"duration_ms", report.duration_ms}}},
              {"cache", cache}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void write_run_report(const RunReport& report, const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  std::ofstream out(path, std::ios::binary);
  if (!out) throw_bad_input("cannot write the JSON report to " + path);
  out << run_report_json(report);
}

}  // namespace pacts
