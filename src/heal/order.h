#pragma once
// The order in which healing tries its strategies, from the heal history (store: heal_history, summed over
// devices as pulled). The strategy expected to succeed soonest goes first:
//
//   value = P(success) / expected milliseconds per try, plus an exploration bonus
//   P(success)  = posterior mean of Beta(1 + s, 1 + f), with s and f the successes and failures on the page
//                 plus kKeyWeight times those for the step's own cache key (a key's own history counts more);
//   ms per try  = (total_ms + prior) / (tries + 1) + kRecordMs, prior = the page's mean ms per try over all
//                 strategies (kPriorMs with no history): an untried strategy is assumed to cost what a try costs
//                 there, and a tried one soon costs what it was measured to cost (a prior of whole milliseconds
//                 would drown costs of microseconds and make the strategies tried most look cheapest); kRecordMs
//                 is what counting the try costs whatever the strategy, so that a strategy that seldom heals a
//                 page is not tried first there only because it fails fast;
//   bonus       = kExploration * sqrt(ln(1 + all tries) / (1 + tries)) added to P(success) (UCB): a strategy
//                 seldom tried is tried again now and then, so that one that became good is found again.
// Ties keep the fixed order. A pure function: the history is passed in.
#include <string>
#include <vector>

#include "store/records.h"

namespace pacts {

inline constexpr double kKeyWeight = 5.0;
inline constexpr double kPriorMs = 20.0;
inline constexpr double kExploration = 0.15;
// Every strategy tried is counted (Store::record_heal_outcome: one SQLite transaction, two upserts and two outbox
// rows): about 0.1 ms, more than most strategies take on a snapshot (bench_heal measures both).
inline constexpr double kRecordMs = 0.1;

struct StrategyValue {
  std::string strategy;
  double success = 0;  // P(success), with the exploration bonus
  double ms = 0;       // expected ms per try
  double value = 0;    // success / ms
};

// fixed: every strategy, in the order used with no history. page_rows: heal_stats(url_pattern); key_rows:
// heal_stats(url_pattern, cache_key). Rows of strategies not in `fixed` are ignored. Best first.
std::vector<StrategyValue> rank_strategies(const std::vector<std::string>& fixed,
                                           const std::vector<HealStatsRow>& page_rows,
                                           const std::vector<HealStatsRow>& key_rows);
std::vector<std::string> strategy_order(const std::vector<std::string>& fixed, const std::vector<HealStatsRow>& page_rows,
                                        const std::vector<HealStatsRow>& key_rows);

}  // namespace pacts
