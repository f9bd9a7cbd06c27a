#pragma once
// One heal: a snapshot of every interactive element on the page, then the strategies (strategies.h) in the
// order the heal history gives (order.h), until one accepts a candidate. Every strategy tried is reported
// with its time and result, for heal_history. When none accepts, the heal abstains, listing the best
// candidates each strategy saw and why it refused: PACTS never acts on an element it is not sure of.
#include <string>
#include <vector>

#include "browser/poll.h"
#include "heal/strategies.h"
#include "store/records.h"

namespace pacts {

class PageAgent;

struct StrategyTry {
  std::string strategy;
  bool success = false;
  double ms = 0;
};

struct HealResult {
  bool healed = false;
  HealCandidate chosen;
  std::string strategy;                 // the one that accepted
  std::vector<StrategyTry> tried;       // in the order tried
  std::vector<std::string> candidates;  // when abstaining: "<strategy>: <candidate>", best first per strategy
  std::vector<std::string> refusals;    // when abstaining: "<strategy>: <why>"
  // When abstaining: rediscovery saw no visible candidate for the step's target, and no strategy refused for
  // ambiguity. The target may not be rendered yet (nothing to choose between), so waiting for it is no guess;
  // a refusal between candidates stays a refusal.
  bool target_absent = false;
};

// order: the strategies to try, best first (strategy_order()). Throws ContextLost when the page navigates.
HealResult heal_element(PageAgent& agent, const HealRequest& request, const std::vector<std::string>& order,
                        Millis timeout);

// rival_as_like() (strategies.h) on a snapshot of the page. Throws ContextLost when the page navigates.
bool rival_on_page(PageAgent& agent, const HealRequest& request, int current, Millis timeout);

// The same on a snapshot already taken (the benchmark and unit tests).
HealResult heal_on_snapshot(const Snapshot& snapshot, const HealRequest& request, const std::vector<std::string>& order);

}  // namespace pacts
