#include "run/resolve.h"

#include <fmt/format.h>

#include "browser/page.h"
#include "browser/poll.h"
#include "cache/cache_key.h"
#include "cache/selector_cache.h"
#include "core/secret.h"
#include "core/clock.h"
#include "core/text.h"
#include "discovery/locator.h"
#include "discovery/selectors.h"

namespace pacts {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

FailureReason reason_for(LocateStatus status) {
  switch (status) {
    case LocateStatus::Ambiguous: return FailureReason::Ambiguous;
    case LocateStatus::NotVisible: return FailureReason::NotVisible;
    case LocateStatus::Blocked: return FailureReason::Covered;
    default: return FailureReason::NotFound;
  }
}

// role:button=Save -> role=button[name="Save"]; css:.x -> .x; xpath://a -> xpath=//a. A scope given as a
// selector narrows it: "#main >> .x".
std::string override_selector(const Target& t) {
  std::string sel = selector_of_override(t.text);
  if (t.within && (starts_with_ci(*t.within, "css:") || starts_with_ci(*t.within, "xpath:")))
    sel = selector_of_override(*t.within) + " >> " + sel;
  if (t.ordinal) sel += fmt::format(" >> nth={}", *t.ordinal);
  return sel;
}

}  // namespace

Interaction interaction_of(Action action) {
  switch (action) {
    case Action::Fill: return Interaction::Fill;
    case Action::Type: return Interaction::Type;
    case Action::Press: return Interaction::Press;
    case Action::Select:
    case Action::SelectAlso: return Interaction::Select;
    case Action::Check: return Interaction::Check;
    case Action::Uncheck: return Interaction::Uncheck;
    case Action::Hover: return Interaction::Hover;
    case Action::Choose: return Interaction::Choose;
    case Action::Attach: return Interaction::Attach;
    case Action::Focus: return Interaction::Focus;
    case Action::ScrollTo: return Interaction::Scroll;
    default: return Interaction::Click;
  }
}

ResolveOutcome ElementResolver::resolve(const Step& step, Deadline deadline, StepRecord& record) {
  return resolve(LocateRequest{step.target, interaction_of(step.action)}, action_name(step.action), deadline, record);
}

ResolveOutcome ElementResolver::resolve(const LocateRequest& request, const std::string& key_action, Deadline deadline,
                                        StepRecord& record) {
  SelectorKey key = selector_key_for(ctx_.page.current_url(), ctx_.options.base_url, key_action, request.target);
  auto lookup_start = Clock::now();
  std::optional<CacheHit> hit;
  if (ctx_.cache) hit = ctx_.cache->lookup(key);
  record.timings.lookup_ms += ms_since(lookup_start);

  ResolveOutcome res;
  if (request.target.is_override()) {
    res = resolve_override(request, key, hit, deadline);
  } else {
    std::optional<StepHeal> drift;
    int drifted_handle = -1;
    // A leading flight lands at the end of this scope, once what it discovered is stored.
    SelectorCache::Flight flight;
    if (auto verified = hit ? verify_hit(request, *hit, deadline, record, drift, drifted_handle) : std::nullopt) {
      res.element = std::move(verified);
      res.selector = res.element->selector;
    } else if (drift) {
      res = heal(request, key, std::move(*drift), drifted_handle, deadline, record);
    } else if (auto spared = hit || !ctx_.cache ? std::nullopt : after_flight(request, key, deadline, record, flight)) {
      res.element = std::move(spared);
      res.selector = res.element->selector;
    } else {
      res = discover(request, key, deadline, record);
    }
  }
  if (res.element) res.element->navigations = ctx_.page.navigations();
  return res;
}

// A miss: another worker may be discovering this very key. Wait for its flight to land and verify what it
// stored on this page; nullopt when this worker is the one to discover (it leads: `flight` is then its own, in
// the air until the caller drops it), or when the leader found nothing this page can use.
std::optional<ResolvedElement> ElementResolver::after_flight(const LocateRequest& request, const SelectorKey& key,
                                                             Deadline deadline, StepRecord& record,
                                                             SelectorCache::Flight& flight) {
  auto wait_start = Clock::now();
  flight = ctx_.cache->begin_discovery(key, deadline);
  if (flight.leads() || !flight.waited()) return std::nullopt;
  auto hit = ctx_.cache->lookup(key);
  record.timings.lookup_ms += ms_since(wait_start);
  if (!hit) return std::nullopt;
  // The leader's selector was stored a moment ago; one that matches another element here is not healed but
  // discovered afresh, as any miss is.
  std::optional<StepHeal> drift;
  int drifted_handle = -1;
  auto verified = verify_hit(request, *hit, deadline, record, drift, drifted_handle);
  if (!verified || drift) return std::nullopt;
  ctx_.cache->count_spared_discovery();
  return verified;
}

ResolveOutcome ElementResolver::resolve_override(const LocateRequest& request, const SelectorKey& key,
                                                 const std::optional<CacheHit>& hit, Deadline deadline) {
  const Target& target = request.target;
  ResolveOutcome res;
  res.selector = override_selector(target);
  ResolvedElement found;
  found.selector = res.selector;
  found.strategy = target.kind == TargetKind::Css     ? "css_override"
                   : target.kind == TargetKind::Xpath ? "xpath_override"
                                                      : "role_override";
  auto outcome = poll_until(ctx_.page, deadline, kDiscoveryPause, [&]() -> std::optional<StepFailure> {
    auto r = ctx_.agent.resolve(res.selector, kAgentCallTimeout);
    if (!r.error.empty())
      return StepFailure{FailureReason::NotFound, fmt::format("the selector {} is not valid: {}", res.selector, r.error)};
    if (r.count == 1) {
      found.handle = r.handles[0];
      return StepFailure{};
    }
    if (r.count > 1)
      return StepFailure{FailureReason::Ambiguous, fmt::format("{} matches {} elements", res.selector, r.count)};
    return std::nullopt;
  });
  if (!outcome) {
    res.failure = {FailureReason::NotFound, fmt::format("{} matches nothing", res.selector)};
    return res;
  }
  if (outcome->reason != FailureReason::None) {
    res.failure = *outcome;
    return res;
  }
  // An explicit selector needs no discovery; it is cached all the same so that a warm run reads it locally.
  found.source = hit ? hit->tier : "discovery";
  if (ctx_.cache && hit) ctx_.cache->confirm(*hit);
  if (ctx_.cache && !hit) {
    SelectorRecord rec;
    rec.key = key;
    rec.selector = found.selector;
    rec.strategy = found.strategy;
    rec.confidence = 1.0;
    rec.fingerprint = ctx_.agent.fingerprint(found.handle, kAgentCallTimeout);
    ctx_.cache->store(rec);
  }
  res.element = std::move(found);
  return res;
}

namespace {
// How long a cached selector that does not fit yet (matches nothing while discovery sees its target, or an
// element of another kind) is given to start fitting before it is called stale. A hit that fits at once never
// waits.
constexpr Millis kHydrationBound{1500};
}  // namespace

bool ElementResolver::hit_still_fits(const CacheHit& hit, const Resolution& r, Interaction interaction) {
  // One element matches; it must still be the kind of element that was stored, and one the action can use.
  auto now = r.basics ? *r.basics : ctx_.agent.basics(r.handles[0], kAgentCallTimeout);
  if (now.detached) return false;
  auto then = summarize_fingerprint(hit.record.fingerprint);
  if (!then.tag.empty() && then.tag != now.tag) return false;
  if (!then.role.empty() && then.role != now.role) return false;
  CandidateElement e;
  e.tag = now.tag;
  e.role = now.role;
  e.type = now.type;
  e.editable = now.editable;
  e.haspopup = now.haspopup;
  return accepts(e, interaction);
}

std::optional<ResolvedElement> ElementResolver::verify_hit(const LocateRequest& request, const CacheHit& hit,
                                                           Deadline deadline, StepRecord& record,
                                                           std::optional<StepHeal>& drift, int& drifted_handle) {
  enum class Verdict { Use, Reject, Drift, Stale };
  int handle = -1;
  std::optional<ElementBasics> basics;
  // A target named by a kind and a position ("the first video result", the 2nd "Save") means whatever is there
  // now: its content is not its identity, so a changed text is no drift. Other hits are checked for drift with
  // the print the verifying call returns (no round trip of its own).
  bool check_print = request.target.kind == TargetKind::Name && !request.target.ordinal;
  // Components may still be upgrading after the load event (a custom element without its shadow root has no
  // role yet, and its inner parts do not exist, and its print lacks what the upgrade adds): a hit that does
  // not fit yet, or whose print does not match yet, is looked at again, as the page changes, for a short
  // while before it is rejected. One that fits is used at once.
  std::optional<Clock::time_point> first_misfit;
  auto give_it_time = [&] {
    if (!first_misfit) first_misfit = Clock::now();
    return Clock::now() - *first_misfit < kHydrationBound;
  };
  // The one element: used, or drifted (after the page had its time to settle).
  auto judge = [&](const Resolution& r) -> std::optional<Verdict> {
    if (!check_print) return Verdict::Use;
    auto check_start = Clock::now();
    drift = check_for_drift(hit, r.fingerprint);
    if (!drift && !pending_print_.empty()) drift = check_for_rival(hit, request, r.handles[0]);
    record.timings.lookup_ms += ms_since(check_start);
    if (!drift) return Verdict::Use;
    if (give_it_time()) return std::nullopt;
    return Verdict::Drift;
  };
  auto verdict = poll_until(ctx_.page, deadline, kDiscoveryPause, [&]() -> std::optional<Verdict> {
    // Verify the cached selector on the page: exactly one element.
    auto verify_start = Clock::now();
    auto r = ctx_.agent.resolve(hit.record.selector, kAgentCallTimeout, check_print);
    record.timings.lookup_ms += ms_since(verify_start);
    if (r.error.empty() && r.count == 1) {
      if (!hit_still_fits(hit, r, request.interaction)) {
        if (give_it_time()) return std::nullopt;
        return Verdict::Reject;
      }
      handle = r.handles[0];
      basics = r.basics;
      return judge(r);
    }
    if (!r.error.empty() || r.count > 1) return Verdict::Reject;
    // Nothing matches yet: the page may still be rendering, or the selector went stale. Discovery tells which.
    LocateOptions lo;
    lo.ambiguity_margin = ctx_.options.run.ambiguity_margin;
    auto d_start = Clock::now();
    LocateResult probe;
    try {
      probe = locate_once(ctx_.agent, request, lo, kAgentCallTimeout);
    } catch (const ContextLost&) {
      probe.status = LocateStatus::NotFound;
    }
    record.timings.discovery_ms += ms_since(d_start);
    if (probe.status != LocateStatus::Found) {
      // Neither the selector nor the step's words find the element: the page may still be rendering, or a
      // release renamed the element and its selector with it ("Customer name" now "Client full name", its id
      // changed). Once the page had its time, the stored print can still find it: the step heals (the
      // strategies abstain when unsure, and wait for the target when they see none). A target named by its
      // kind and place has no print to heal by, and waits until the deadline as before.
      if (!check_print || hit.record.fingerprint.empty() || give_it_time()) return std::nullopt;
      return Verdict::Stale;
    }
    // The page may still be rendering (components upgrading after the load event, an iframe loading): discovery
    // can see an element before the part the selector names exists. Let the page go quiet, briefly, and ask the
    // selector again before calling it stale.
    if (give_it_time()) return std::nullopt;
    auto again = ctx_.agent.resolve(hit.record.selector, kAgentCallTimeout, check_print);
    if (again.error.empty() && again.count == 1) {
      if (!hit_still_fits(hit, again, request.interaction)) return Verdict::Reject;
      handle = again.handles[0];
      basics = again.basics;
      drift = check_print ? check_for_drift(hit, again.fingerprint) : std::nullopt;
      if (check_print && !drift && !pending_print_.empty()) drift = check_for_rival(hit, request, handle);
      return drift ? Verdict::Drift : Verdict::Use;
    }
    return Verdict::Reject;
  });
  if (verdict != Verdict::Drift) drift.reset();  // a drift seen while the page settled, then gone
  if (verdict == Verdict::Stale) {
    drift = StepHeal{};
    drift->old_selector = hit.record.selector;
    drift->stored_fingerprint = hit.record.fingerprint;
    drift->matched_nothing = true;
    drift->changed = {"the selector matches nothing"};
  }
  if (verdict == Verdict::Drift) {
    ctx_.cache->count_drift();
    drifted_handle = handle;
  } else if (verdict == Verdict::Use) {
    refresh_print(hit);
  }
  if (verdict != Verdict::Use) {
    ctx_.cache->reject(hit);  // stale, drifted, or nothing at all by the deadline
    return std::nullopt;
  }
  ctx_.cache->confirm(hit);
  ResolvedElement found;
  found.handle = handle;
  found.selector = hit.record.selector;
  found.source = hit.tier;
  found.strategy = hit.record.strategy;
  found.score = hit.record.confidence;
  found.basics = std::move(basics);
  return found;
}

ResolveOutcome ElementResolver::discover(const LocateRequest& request, const SelectorKey& key, Deadline deadline,
                                        StepRecord& record) {
  ResolveOutcome res;
  auto start = Clock::now();
  LocateOptions lo;
  lo.ambiguity_margin = ctx_.options.run.ambiguity_margin;
  auto located = locate(ctx_.agent, request, lo, deadline);
  for (const auto& c : located.candidates) res.candidates.push_back(c.describe());
  if (located.status != LocateStatus::Found) {
    record.timings.discovery_ms += ms_since(start);
    res.failure = {reason_for(located.status), located.message};
    return res;
  }
  auto choice = choose_selector(ctx_.agent, located.best.element, request, kAgentCallTimeout);
  record.timings.discovery_ms += ms_since(start);
  ResolvedElement found;
  found.handle = located.best.element.handle;
  found.selector = choice.selector;
  found.strategy = located.strategy;
  found.score = located.best.score;
  found.source = "discovery";
  if (ctx_.cache) {
    bool stored = false;
    // A selector that spells out a secret (an element named by a value the test typed) is used, never kept.
    if (choice.stable && !choice.selector.empty() && !mentions_secret(choice.selector)) {
      SelectorRecord rec;
      rec.key = key;
      rec.selector = choice.selector;
      rec.strategy = located.strategy;
      rec.confidence = located.best.score;
      rec.stable = true;
      rec.fingerprint = mask_secrets(ctx_.agent.fingerprint(found.handle, kAgentCallTimeout));
      rec.verified_at = now_iso8601();
      ctx_.cache->store(rec);
      stored = true;
    }
    ctx_.cache->count_discovery(stored, choice.stable);
  }
  res.selector = found.selector;
  res.element = std::move(found);
  return res;
}

}  // namespace pacts
