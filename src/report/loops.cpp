#include "report/loops.h"

#include <fmt/format.h>

namespace pacts {

namespace {

std::string cut(const std::string& s, size_t width) {
  return s.size() <= width ? s : s.substr(0, width - 3) + "...";
}

std::string row(int loop, const StepRecord& s) {
  std::string what = s.kind == StepKind::Assertion ? "expect " + s.action : s.action;
  if (s.target) what += " \"" + *s.target + "\"";
  else if (s.kind == StepKind::Assertion && s.value) what += " \"" + *s.value + "\"";
  std::string lookup = s.source ? fmt::format("{:.1f} ms", s.timings.lookup_ms) : "-";
  return fmt::format("{:>4}  {:>4}  {:<36}  {:<9}  {:<36}  {:>9}  {}\n", loop, s.line, cut(what, 36),
                     s.source.value_or("-"), cut(s.selector.value_or("-"), 36), lookup, name(s.outcome));
}

}  // namespace

std::string loops_table(const std::vector<RunReport>& loops) {
  std::string out = fmt::format("{:>4}  {:>4}  {:<36}  {:<9}  {:<36}  {:>9}  {}\n", "loop", "line", "step", "source",
                                "selector", "lookup", "outcome");
  for (size_t i = 0; i < loops.size(); ++i) {
    int loop = static_cast<int>(i + 1);
    for (const auto& t : loops[i].tests) {
      out += fmt::format("{:>4}  {} ({}): {}\n", loop, t.test_name, t.file, name(t.verdict));
      for (const auto& s : t.steps) out += row(loop, s);
      for (const auto& a : t.assertions) out += row(loop, a);
    }
  }
  for (size_t i = 0; i < loops.size(); ++i) {
    const RunReport& r = loops[i];
    std::string verdicts = r.flaky() ? fmt::format("{} passed, {} flaky, {} failed", r.passed(), r.flaky(), r.failed())
                                     : fmt::format("{} passed, {} failed", r.passed(), r.failed());
    if (!r.cache_enabled) {
      out += fmt::format("loop {}: cache off, {}\n", i + 1, verdicts);
      continue;
    }
    std::string tiers;
    for (const auto& [tier, t] : r.cache.tiers) tiers += fmt::format(", {} {}", tier, t.hits);
    out += fmt::format("loop {}: hit rate {:.0f}% ({} of {} lookups{}), {} discoveries, {}\n", i + 1,
                       r.cache.hit_rate() * 100, r.cache.hits(), r.cache.lookups(), tiers, r.cache.discoveries, verdicts);
  }
  return out;
}

RunReport merged_loops(const std::vector<RunReport>& loops) {
  RunReport all;
  if (loops.empty()) return all;
  all.invocation_id = loops.front().invocation_id;
  all.browser_version = loops.front().browser_version;
  all.cache_enabled = loops.front().cache_enabled;
  all.workers = loops.front().workers;
  for (const auto& r : loops) {
    all.tests.insert(all.tests.end(), r.tests.begin(), r.tests.end());
    all.cache += r.cache;
    all.duration_ms += r.duration_ms;
    all.without_browser += r.without_browser;
    if (!r.stopped.empty()) all.stopped = r.stopped;
  }
  return all;
}

}  // namespace pacts
