#include "report/json_report.h"

#include "core/secret.h"

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

namespace {

// A drifted cached selector: the old selector, what differed, and the strategy that healed (null: none did).
json heal_json(const std::optional<StepHeal>& h) {
  if (!h) return nullptr;
  return {{"old_selector", h->old_selector},
          {"similarity", h->similarity},
          {"changed", h->changed},
          {"strategy", text_or_null(h->strategy)},
          {"strategies_tried", h->tried},
          {"heal_ms", h->heal_ms}};
}

json step_json(const StepRecord& s) {
  return {{"index", s.index},
          {"line", s.line > 0 ? json(s.line) : json(nullptr)},
          {"action", s.action},
          {"target", opt(s.target)},
          {"within", opt(s.within)},
          {"context", opt(s.context)},
          {"ordinal", s.ordinal ? json(*s.ordinal) : json(nullptr)},
          {"value", opt(s.value)},
          {"selector", opt(s.selector)},
          {"strategy", opt(s.strategy)},
          {"source", opt(s.source)},
          {"outcome", name(s.outcome)},
          {"duration_ms", s.duration_ms},
          {"error", text_or_null(s.error)},
          {"reason", text_or_null(name(s.reason))},
          {"score", s.score ? json(*s.score) : json(nullptr)},
          {"candidates", s.candidates},
          {"heal", heal_json(s.heal)},
          {"screenshot", text_or_null(s.screenshot)},
          {"timings", {{"lookup_ms", s.timings.lookup_ms},
                       {"discovery_ms", s.timings.discovery_ms},
                       {"action_ms", s.timings.action_ms},
                       {"settle_ms", s.timings.settle_ms},
                       {"browser_ms", s.timings.browser_ms},
                       {"round_trips", s.timings.round_trips}}}};
}

json assertion_json(const StepRecord& a) {
  return {{"line", a.line > 0 ? json(a.line) : json(nullptr)},
          {"type", a.action},
          {"value", a.value.value_or("")},
          {"outcome", name(a.outcome)},
          {"error", text_or_null(a.error)},
          {"duration_ms", a.duration_ms},
          {"screenshot", text_or_null(a.screenshot)}};
}

// The attempts that failed before a test's last one (run.retries); each is a run of its own in the store.
json earlier_attempts_json(const TestResult& t) {
  json out = json::array();
  for (const auto& a : t.earlier_attempts)
    out.push_back({{"id", a.id},
                   {"attempt", a.attempt},
                   {"verdict", name(a.verdict)},
                   {"reason", text_or_null(name(a.reason))},
                   {"error", text_or_null(a.error)},
                   {"duration_ms", a.duration_ms}});
  return out;
}

json test_json(const TestResult& t) {
  json steps = json::array(), assertions = json::array();
  for (const auto& s : t.steps) steps.push_back(step_json(s));
  for (const auto& a : t.assertions) assertions.push_back(assertion_json(a));
  return {{"id", t.id},
          {"test", t.test_name},
          {"file", t.file},
          {"url", t.url},
          {"verdict", name(t.verdict)},
          {"reason", text_or_null(name(t.reason))},
          {"error", text_or_null(t.error)},
          {"duration_ms", t.duration_ms},
          {"attempt", t.attempt},
          {"earlier_attempts", earlier_attempts_json(t)},
          {"timings", {{"context_ms", t.timings.context_ms},
                       {"navigation_ms", t.timings.navigation_ms},
                       {"teardown_ms", t.timings.teardown_ms}}},
          {"steps", steps},
          {"assertions", assertions},
          {"artifacts", t.artifacts}};
}

json cache_json(const CacheStats& c) {
  json tiers = json::object();
  for (const auto& [tier, t] : c.tiers)
    tiers[tier] = {{"lookups", t.lookups}, {"hits", t.hits}, {"errors", t.errors}, {"skipped", t.skipped},
                   {"writes", t.writes}, {"time_ms", t.time_ms}};
  return {{"lookups", c.lookups()},
          {"hits", c.hits()},
          {"misses", c.misses},
          {"hit_rate", c.hit_rate()},
          {"verifications_failed", c.verifications_failed},
          {"invalidations", c.invalidations},
          {"discoveries", c.discoveries},
          {"drifts", c.drifts},
          {"discoveries_spared", c.discoveries_spared},
          {"stored", c.stored},
          {"tiers", tiers}};
}

}  // namespace

std::string run_report_json(const RunReport& report) {
  json runs = json::array();
  for (const auto& t : report.tests) runs.push_back(test_json(t));
  json doc = {{"invocation_id", report.invocation_id},
              {"browser", report.browser_version},
              {"workers", report.workers},
              {"runs", runs},
              {"summary",
               {{"passed", report.passed()},
                {"flaky", report.flaky()},
                {"failed", report.failed()},
                {"duration_ms", report.duration_ms}}},
              {"cache", report.cache_enabled ? cache_json(report.cache) : json(nullptr)}};
  return mask_secrets(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) + "\n";
}

std::string loops_report_json(const std::vector<RunReport>& loops) {
  json runs = json::array(), per_loop = json::array();
  int passed = 0, failed = 0;
  double duration_ms = 0;
  for (size_t i = 0; i < loops.size(); ++i) {
    const RunReport& r = loops[i];
    for (const auto& t : r.tests) {
      json run = test_json(t);
      run["loop"] = i + 1;
      run["invocation_id"] = r.invocation_id;
      runs.push_back(std::move(run));
    }
    per_loop.push_back({{"loop", i + 1}, {"invocation_id", r.invocation_id}, {"passed", r.passed()},
                        {"failed", r.failed()}, {"duration_ms", r.duration_ms},
                        {"cache", r.cache_enabled ? cache_json(r.cache) : json(nullptr)}});
    passed += r.passed();
    failed += r.failed();
    duration_ms += r.duration_ms;
  }
  json doc = {{"invocation_id", loops.empty() ? std::string() : loops.front().invocation_id},
              {"browser", loops.empty() ? std::string() : loops.front().browser_version},
              {"runs", runs},
              {"loops", per_loop},
              {"summary", {{"passed", passed}, {"failed", failed}, {"duration_ms", duration_ms}}}};
  return mask_secrets(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) + "\n";
}

namespace {
void write_json_file(const std::string& text, const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  std::ofstream out(path, std::ios::binary);
  if (!out) throw_bad_input("cannot write the JSON report to " + path);
  out << text;
}
}  // namespace

void write_run_report(const RunReport& report, const std::string& path) {
  write_json_file(run_report_json(report), path);
}

void write_loops_report(const std::vector<RunReport>& loops, const std::string& path) {
  write_json_file(loops_report_json(loops), path);
}

}  // namespace pacts
