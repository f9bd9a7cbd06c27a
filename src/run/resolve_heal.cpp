// The heal half of ElementResolver (run/resolve.h): the drift check of a hit, the heal of a drifted one and the
// write-back of the healed selector.
#include "run/resolve.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "browser/page.h"
#include "cache/cache_key.h"
#include "cache/selector_cache.h"
#include "core/clock.h"
#include "core/secret.h"
#include "core/text.h"
#include "discovery/locator.h"
#include "discovery/match.h"
#include "discovery/selectors.h"
#include "heal/fingerprint.h"
#include "heal/healer.h"
#include "heal/order.h"
#include "run/recording.h"

namespace pacts {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

std::optional<StepHeal> ElementResolver::check_for_drift(const CacheHit& hit, const std::string& print_now) {
  std::string now_print = mask_secrets(print_now);
  auto check = check_drift(parse_fingerprint(hit.record.fingerprint), parse_fingerprint(now_print));
  pending_print_.clear();
  pending_changed_.clear();
  // The same element, changed: its new print is kept (once the hit is used), so that changes do not add up
  // to a false drift.
  if (check.verdict == DriftVerdict::Cosmetic) {
    pending_print_ = now_print;
    pending_changed_ = check.changed;
    pending_similarity_ = check.similarity;
  }
  if (check.verdict != DriftVerdict::Drift) return std::nullopt;
  StepHeal drift;
  drift.old_selector = hit.record.selector;
  drift.stored_fingerprint = hit.record.fingerprint;
  drift.similarity = check.similarity;
  drift.changed = std::move(check.changed);
  return drift;
}

std::optional<StepHeal> ElementResolver::check_for_rival(const CacheHit& hit, const LocateRequest& request,
                                                         int handle) {
  // An id the page generates anew on every load ("input-191", then "input-342": generated-looking on both sides,
  // as the selector synthesis judges ids) changes with the element unchanged: it is no sign of another element,
  // and checking for a rival on every warm step of such a page cost a page snapshot each.
  Fingerprint then = parse_fingerprint(hit.record.fingerprint), now = parse_fingerprint(pending_print_);
  std::vector<std::string> changed = pending_changed_;
  if (!then.id.empty() && !now.id.empty() && looks_generated_id(then.id) && looks_generated_id(now.id))
    changed.erase(std::remove(changed.begin(), changed.end(), "id"), changed.end());
  if (!identity_changed(changed)) return std::nullopt;
  // What identifies the element changed: an element that no longer answers the step by its name and kept no
  // identifier is another one; else one look at the page tells a reworded element from a look-alike that took
  // its selector (only then: an unchanged hit costs no round trip).
  HealRequest rival;
  rival.locate = request;
  rival.stored = parse_fingerprint(hit.record.fingerprint);
  rival.synonyms = synonym_groups(ctx_.options.run.heal_synonyms);
  std::string why;
  if (!still_answers(now, rival)) {
    why = "no longer answers the step";
  } else {
    try {
      if (rival_on_page(ctx_.agent, rival, handle, kAgentCallTimeout)) why = "another element as like it";
    } catch (const ContextLost&) {
      return std::nullopt;  // the page went away: the next look decides
    }
  }
  if (why.empty()) return std::nullopt;
  pending_print_.clear();
  StepHeal drift;
  drift.old_selector = hit.record.selector;
  drift.stored_fingerprint = hit.record.fingerprint;
  drift.similarity = pending_similarity_;
  drift.changed = pending_changed_;
  drift.changed.push_back(why);
  return drift;
}

void ElementResolver::refresh_print(const CacheHit& hit) {
  if (pending_print_.empty()) return;
  SelectorRecord refreshed = hit.record;
  refreshed.fingerprint = std::move(pending_print_);
  refreshed.verified_at = now_iso8601();
  pending_print_.clear();
  ctx_.cache->store(refreshed);
}

void ElementResolver::count_tries(const SelectorKey& key, const std::vector<StrategyTry>& tried) {
  for (const auto& t : tried) {
    HealOutcome outcome;
    outcome.url_pattern = key.url_pattern;
    outcome.cache_key = key.canonical();
    outcome.strategy = t.strategy;
    outcome.success = t.success;
    outcome.duration_ms = t.ms;
    ctx_.recorder.heal_outcome(outcome);
  }
}

ResolveOutcome ElementResolver::heal(const LocateRequest& locate, const SelectorKey& key, StepHeal drift,
                                     int drifted_handle, Deadline deadline, StepRecord& record) {
  auto start = Clock::now();
  HealRequest request;
  request.locate = locate;
  request.drifted_handle = drifted_handle;
  request.selector_matched_nothing = drift.matched_nothing;
  request.synonyms = synonym_groups(ctx_.options.run.heal_synonyms);
  // The print the selector was stored with: what the element was.
  request.stored = parse_fingerprint(drift.stored_fingerprint);
  auto order = strategy_order(heal_strategies(), ctx_.recorder.heal_stats(key.url_pattern),
                              ctx_.recorder.heal_stats(key.url_pattern, key.canonical()));
  HealResult healed;
  try {
    healed = heal_element(ctx_.agent, request, order, std::max(left_until(deadline), Millis(1000)));
  } catch (const ContextLost&) {
    // The page went away under the heal: nothing was decided, nothing is counted; discovery takes over.
    return discover(locate, key, deadline, record);
  }
  double heal_ms = ms_since(start);
  record.timings.discovery_ms += heal_ms;
  drift.tried = healed.tried.size();
  drift.heal_ms = heal_ms;
  if (!healed.healed && healed.target_absent)
    return wait_for_target(locate, key, std::move(drift), healed, deadline, record);
  count_tries(key, healed.tried);
  if (!healed.healed) return abstain(std::move(drift), healed);
  ResolveOutcome res;
  drift.strategy = healed.strategy;
  res.element = write_back(key, healed, request.locate);
  res.selector = res.element->selector;
  res.heal = std::move(drift);
  return res;
}

ResolveOutcome ElementResolver::abstain(StepHeal drift, const HealResult& healed, const std::string& after) {
  ResolveOutcome res;
  res.candidates = healed.candidates;
  std::string what = drift.matched_nothing
                         ? fmt::format("the cached selector {} matches nothing now, nor does the step's target", drift.old_selector)
                         : fmt::format("the cached selector {} now matches another element (similarity {:.2f}; {} changed)",
                                       drift.old_selector, drift.similarity, join(drift.changed, ", "));
  res.failure = {FailureReason::HealAbstained, fmt::format("{}, and no heal strategy is sure of one: {}{}", what,
                                                           join(healed.refusals, "; "), after)};
  res.selector = drift.old_selector;
  res.heal = std::move(drift);
  return res;
}

ResolveOutcome ElementResolver::wait_for_target(const LocateRequest& locate, const SelectorKey& key, StepHeal drift,
                                                const HealResult& healed, Deadline deadline, StepRecord& record) {
  // Nothing on the page answers the step yet (a component still rendering, a part shown late): discovery waits
  // for the target until the step's deadline, with its own rules for one element. The strategies, which saw
  // a page not ready, are counted only when the target never comes.
  auto waited = discover(locate, key, deadline, record);
  if (!waited.element) {
    count_tries(key, healed.tried);
    if (waited.failure.reason != FailureReason::NotFound || drift.matched_nothing) {
      // Gone, as far as anything on the page tells: not found, with the selector that used to find it.
      if (drift.matched_nothing && waited.failure.reason == FailureReason::NotFound)
        waited.failure.message = fmt::format("the cached selector {} matches nothing now; {}; no heal strategy "
                                             "found it: {}", drift.old_selector, waited.failure.message,
                                             join(healed.refusals, "; "));
      waited.heal = std::move(drift);
      return waited;
    }
    return abstain(std::move(drift), healed, "; nothing answered the step by its deadline");
  }
  // The old selector found again: the drift was the page still rendering, not a change.
  if (waited.element->selector == drift.old_selector) return waited;
  count_tries(key, {{"rediscovery", true, drift.heal_ms}});
  drift.strategy = "rediscovery";
  waited.element->source = "healed";
  waited.element->strategy = "rediscovery";
  waited.heal = std::move(drift);
  return waited;
}

ResolvedElement ElementResolver::write_back(const SelectorKey& key, const HealResult& healed, const LocateRequest& request) {
  ResolvedElement found;
  found.handle = healed.chosen.element.handle;
  found.strategy = healed.strategy;
  found.score = healed.chosen.score;
  found.source = "healed";
  auto choice = choose_selector(ctx_.agent, healed.chosen.element, request, kAgentCallTimeout);
  found.selector = choice.selector;
  // The healed selector replaces the old one in the tiers written during a run (Postgres gets it by sync), so
  // that the step heals once, not on every run.
  if (ctx_.cache && choice.stable && !choice.selector.empty() && !mentions_secret(choice.selector)) {
    SelectorRecord rec;
    rec.key = key;
    rec.selector = choice.selector;
    rec.strategy = "healed:" + healed.strategy;
    rec.confidence = healed.chosen.score;
    rec.stable = true;
    rec.fingerprint = mask_secrets(ctx_.agent.fingerprint(found.handle, kAgentCallTimeout));
    rec.verified_at = now_iso8601();
    ctx_.cache->store(rec);
  }
  return found;
}

}  // namespace pacts
