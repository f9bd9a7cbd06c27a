#include "heal/order.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace pacts {

namespace {

struct Counts {
  double s = 0, f = 0, ms = 0;
};

std::map<std::string, Counts> counts_of(const std::vector<HealStatsRow>& rows) {
  std::map<std::string, Counts> out;
  for (const auto& r : rows) {
    auto& c = out[r.strategy];
    c.s += double(r.successes);
    c.f += double(r.failures);
    c.ms += r.total_ms;
  }
  return out;
}

}  // namespace

std::vector<StrategyValue> rank_strategies(const std::vector<std::string>& fixed,
                                           const std::vector<HealStatsRow>& page_rows,
                                           const std::vector<HealStatsRow>& key_rows) {
  auto page = counts_of(page_rows), key = counts_of(key_rows);
  double all_tries = 0, all_ms = 0;
  for (const auto& name : fixed) {
    all_tries += page[name].s + page[name].f;
    all_ms += page[name].ms;
  }
  // The cost of a strategy seldom tried is assumed to be the page's mean cost per try: a prior on the scale of
  // what was measured, so that measured costs, not how often each strategy was tried, decide.
  double prior_ms = all_tries > 0 ? all_ms / all_tries : kPriorMs;
  std::vector<StrategyValue> out;
  for (const auto& name : fixed) {
    const Counts& p = page[name];
    const Counts& k = key[name];
    double s = p.s + kKeyWeight * k.s, f = p.f + kKeyWeight * k.f;
    double tries = p.s + p.f;
    StrategyValue v;
    v.strategy = name;
    v.success = (1 + s) / (2 + s + f) + kExploration * std::sqrt(std::log1p(all_tries) / (1 + tries));
    v.ms = (p.ms + prior_ms) / (tries + 1) + kRecordMs;
    v.value = v.success / std::max(v.ms, 0.001);
    out.push_back(v);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
  return out;
}

std::vector<std::string> strategy_order(const std::vector<std::string>& fixed, const std::vector<HealStatsRow>& page_rows,
                                        const std::vector<HealStatsRow>& key_rows) {
  std::vector<std::string> out;
  for (const auto& v : rank_strategies(fixed, page_rows, key_rows)) out.push_back(v.strategy);
  return out;
}

}  // namespace pacts
