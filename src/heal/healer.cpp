#include "heal/healer.h"

#include <chrono>

#include "discovery/page_agent.h"
#include "discovery/query.h"

namespace pacts {

HealResult heal_on_snapshot(const Snapshot& snapshot, const HealRequest& request, const std::vector<std::string>& order) {
  using Clock = std::chrono::steady_clock;
  HealResult out;
  bool rediscovery_saw_none = false, ambiguous = false;
  for (const auto& strategy : order) {
    auto start = Clock::now();
    Proposal proposal = propose(strategy, snapshot, request);
    HealChoice choice = choose(proposal);
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    out.tried.push_back({strategy, choice.accepted, ms});
    if (choice.accepted) {
      out.healed = true;
      out.chosen = choice.chosen;
      out.strategy = strategy;
      out.candidates.clear();
      out.refusals.clear();
      return out;
    }
    if (strategy == "rediscovery") rediscovery_saw_none = choice.no_candidate;
    ambiguous = ambiguous || choice.too_close;
    out.refusals.push_back(strategy + ": " + choice.why);
    for (size_t i = 0; i < proposal.candidates.size() && i < 3; ++i)
      out.candidates.push_back(strategy + ": " + proposal.candidates[i].describe());
  }
  out.target_absent = rediscovery_saw_none && !ambiguous;
  return out;
}

namespace {
Snapshot heal_snapshot(PageAgent& agent, const HealRequest& request, Millis timeout) {
  SnapshotQuery query = query_for(request.locate);
  query.all_interactive = true;
  return agent.snapshot(query, timeout);
}
}  // namespace

bool rival_on_page(PageAgent& agent, const HealRequest& request, int current, Millis timeout) {
  return rival_as_like(heal_snapshot(agent, request, timeout), request, current);
}

HealResult heal_element(PageAgent& agent, const HealRequest& request, const std::vector<std::string>& order,
                        Millis timeout) {
  // One snapshot serves every strategy; its time belongs to none of them (it is the heal's, see resolve).
  return heal_on_snapshot(heal_snapshot(agent, request, timeout), request, order);
}

}  // namespace pacts
