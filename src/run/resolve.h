#pragma once
// Element resolution: from a step to the one element it acts on, and where its selector came from. The seam
// between the cache and discovery, where healing will go:
//   1. the step's cache key (cache/cache_key.h) is looked up in the tiers;
//   2. a hit is verified on the page: exactly one element, still of the kind that was stored, and one the
//      action can use; a hit that matches nothing yet waits for the page, unless discovery finds the element
//      elsewhere (then the hit is stale and rejected);
//   3. for a target named by what it shows (not "the first video result", nor an ordinal, whose element is
//      whatever holds that place now), the one element is fingerprinted and compared with the print stored with the selector
//      (heal/fingerprint.h): a cosmetic change refreshes the stored print; drift (the selector matches
//      another element now) is counted, and the step heals instead of acting on that element: the heal
//      strategies (heal/healer.h), in the order the heal history gives, look for the element on one snapshot;
//      the one accepted has its selector replace the old one in the tiers written during a run (source
//      "healed"), every strategy tried is counted in heal_history, and when none is sure the step fails as
//      heal_abstained listing the candidates; unless none saw the step's target at all and none refused for
//      ambiguity: then discovery waits for it until the step's deadline (a part rendered late);
//   4. otherwise discovery finds the element (discovery/locator.h) and its selector is stored when stable. With
//      several workers, one discovers a missed key and the others wait for it, then verify its selector on
//      their own page (single-flight, SelectorCache::begin_discovery).
// Explicit selectors (css:, role:) skip discovery and are cached all the same.
#include <optional>
#include <string>
#include <vector>

#include "browser/poll.h"
#include "cache/selector_cache.h"
#include "discovery/interaction.h"
#include "discovery/page_agent.h"
#include "discovery/request.h"
#include "plan/plan.h"
#include "run/context.h"
#include "store/records.h"

namespace pacts {

struct HealResult;
struct StrategyTry;

// The element found for a step: a handle on the page's current document, and the selector that finds it again.
struct ResolvedElement {
  int handle = -1;
  int64_t navigations = 0;  // the page's document when found: the handle and selector are only good on it
  std::string selector;
  std::string source;    // sqlite, redis, postgres, discovery
  std::string strategy;
  std::optional<double> score;
  std::optional<ElementBasics> basics;  // what it was when found, when the finding call brought it (a cache hit's)
};

struct ResolveOutcome {
  std::optional<ResolvedElement> element;  // nullopt: not found, see failure
  StepFailure failure;
  std::string selector;                 // the selector tried, when there was one (also on failure)
  std::vector<std::string> candidates;  // what discovery saw, best first
  std::optional<StepHeal> heal;         // the cached selector drifted: what it was, and how the step healed
};

class ElementResolver {
 public:
  explicit ElementResolver(TestContext& context) : ctx_(context) {}

  // Adds its time to record.timings (lookup, discovery).
  ResolveOutcome resolve(const Step& step, Deadline deadline, StepRecord& record);
  // The element `request` names, its selector cached under `key_action` (a step's action, or an assertion's
  // kind: "checked", "field_contains"), so that checks of an element take it from the cache too.
  ResolveOutcome resolve(const LocateRequest& request, const std::string& key_action, Deadline deadline,
                         StepRecord& record);

 private:
  ResolveOutcome resolve_override(const LocateRequest& request, const SelectorKey& key,
                                  const std::optional<CacheHit>& hit, Deadline deadline);
  // nullopt: no usable hit (rejected, or none); discovery follows.
  // drift: set when the hit's one element is not the element that was stored.
  std::optional<ResolvedElement> verify_hit(const LocateRequest& request, const CacheHit& hit, Deadline deadline,
                                            StepRecord& record, std::optional<StepHeal>& drift, int& drifted_handle);
  // print_now: the element's fingerprint() JSON. nullopt: the element is the one stored (a changed print is
  // kept for refresh_print()); else the drift (not counted yet: the page may still be settling).
  std::optional<StepHeal> check_for_drift(const CacheHit& hit, const std::string& print_now);
  // After a close-enough print whose identifying features changed (heal/strategies.h identity_changed):
  // drift when another element on the page is as like the stored print (rival_as_like), else nullopt.
  std::optional<StepHeal> check_for_rival(const CacheHit& hit, const LocateRequest& request, int handle);
  // Stores the print the last check_for_drift() found changed but close enough, with the hit's selector.
  void refresh_print(const CacheHit& hit);
  ResolveOutcome heal(const LocateRequest& request, const SelectorKey& key, StepHeal drift, int drifted_handle,
                      Deadline deadline, StepRecord& record);
  // heal_abstained, listing what each strategy saw and why it refused; `after`: what followed the heal.
  ResolveOutcome abstain(StepHeal drift, const HealResult& healed, const std::string& after = "");
  // After a heal that saw no candidate for the target (HealResult::target_absent): discovery, waiting until
  // the deadline; the step heals when the target appears under another selector.
  ResolveOutcome wait_for_target(const LocateRequest& locate, const SelectorKey& key, StepHeal drift,
                                 const HealResult& healed, Deadline deadline, StepRecord& record);
  // Every strategy tried, counted in heal_history per page and per cache key.
  void count_tries(const SelectorKey& key, const std::vector<StrategyTry>& tried);
  ResolvedElement write_back(const SelectorKey& key, const HealResult& healed, const LocateRequest& request);
  bool hit_still_fits(const CacheHit& hit, const Resolution& resolution, Interaction interaction);
  ResolveOutcome discover(const LocateRequest& request, const SelectorKey& key, Deadline deadline, StepRecord& record);
  std::optional<ResolvedElement> after_flight(const LocateRequest& request, const SelectorKey& key, Deadline deadline,
                                              StepRecord& record, SelectorCache::Flight& flight);

  TestContext& ctx_;
  std::string pending_print_;  // see refresh_print()
  std::vector<std::string> pending_changed_;
  double pending_similarity_ = 1;
};

// What the step's action does to the element it finds.
Interaction interaction_of(Action action);

}  // namespace pacts
