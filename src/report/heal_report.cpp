#include "report/heal_report.h"

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "heal/order.h"
#include "heal/strategies.h"

namespace pacts {

using nlohmann::json;

namespace {

std::map<std::string, std::vector<HealStatsRow>> by_page(const std::vector<HealStatsRow>& rows) {
  std::map<std::string, std::vector<HealStatsRow>> out;
  for (const auto& r : rows) out[r.url_pattern].push_back(r);
  return out;
}

const HealStatsRow* row_of(const std::vector<HealStatsRow>& rows, const std::string& strategy) {
  for (const auto& r : rows)
    if (r.strategy == strategy) return &r;
  return nullptr;
}

}  // namespace

std::string heal_report_text(const std::vector<HealStatsRow>& rows) {
  if (rows.empty()) return "no heals recorded\n";
  std::string out;
  for (const auto& [page, page_rows] : by_page(rows)) {
    auto ranked = rank_strategies(heal_strategies(), page_rows, {});
    out += fmt::format("{}\n  {:<21} {:>9} {:>9} {:>8} {:>10}\n", page, "strategy (next order)", "successes", "failures",
                       "avg ms", "value");
    for (const auto& v : ranked) {
      const auto* r = row_of(page_rows, v.strategy);
      int64_t s = r ? r->successes : 0, f = r ? r->failures : 0;
      double avg = s + f ? r->total_ms / double(s + f) : 0;
      out += fmt::format("  {:<21} {:>9} {:>9} {:>8.1f} {:>10.4f}\n", v.strategy, s, f, avg, v.value);
    }
  }
  return out;
}

std::string heal_report_json(const std::vector<HealStatsRow>& rows) {
  json pages = json::array();
  for (const auto& [page, page_rows] : by_page(rows)) {
    json strategies = json::array();
    json order = json::array();
    for (const auto& v : rank_strategies(heal_strategies(), page_rows, {})) {
      const auto* r = row_of(page_rows, v.strategy);
      order.push_back(v.strategy);
      strategies.push_back({{"strategy", v.strategy},
                            {"successes", r ? r->successes : 0},
                            {"failures", r ? r->failures : 0},
                            {"total_ms", r ? r->total_ms : 0.0},
                            {"last_used_at", r && !r->last_used_at.empty() ? json(r->last_used_at) : json(nullptr)},
                            {"expected_success", v.success},
                            {"value", v.value}});
    }
    pages.push_back({{"url_pattern", page}, {"order", order}, {"strategies", strategies}});
  }
  return json{{"pages", pages}}.dump(2) + "\n";
}

}  // namespace pacts
