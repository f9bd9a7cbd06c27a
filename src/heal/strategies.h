#pragma once
// Healing strategies: each proposes scored candidates (0..1) from one snapshot of the page (every interactive
// element, discovery/query.h with all_interactive) for a step whose cached selector drifted. Pure functions
// of the snapshot, the step and the stored fingerprint; tested on hand-made snapshots.
//
// | strategy           | proposes                                                                           |
// |--------------------|------------------------------------------------------------------------------------|
// | rediscovery        | what discovery ranks for the step's target (rank.h), with its scores               |
// | fingerprint        | every element by its similarity to the stored fingerprint (fingerprint.h), over the |
// |                    | features a snapshot has (no neighbour text, path or box)                           |
// | relaxed_name       | elements whose name equals the stored name or the target once case, spaces,       |
// |                    | punctuation and word order are ignored (0.95), after small edits (0.8-0.9), or     |
// |                    | after a configured synonym (0.9: Sign in / Log in only when configured)            |
// | structural         | elements of the stored kind with the stored label, or the stored neighbouring text |
// |                    | as their label, field or row header (0.85)                                          |
// | attribute_family   | elements of the stored kind whose id, test id or name attribute is the stored one  |
// |                    | (0.9, only when the old selector matches nothing), or shares its stable words with  |
// |                    | it ("save-btn" -> "btn-save-v2"), by the words in common (0.8-1.0)                  |
//
// choose() accepts a candidate only when it can take the step's interaction, is visible and enabled, scores
// at least the threshold, leads the runner-up (another element, the drifted one included) by the margin, and
// is not the drifted element (for the strategies that may not accept it); else the strategy abstains.
#include <string>
#include <vector>

#include "discovery/request.h"
#include "heal/fingerprint.h"

namespace pacts {

struct HealRequest {
  LocateRequest locate;                           // the step's target and interaction
  Fingerprint stored;                             // the element as it was when its selector was stored
  std::vector<std::vector<std::string>> synonyms;  // groups of names that mean the same (configured)
  int drifted_handle = -1;  // the element the old selector matched: only strategies that read the step's
                            // target or name (rediscovery, relaxed_name) may accept it again; for the others
                            // it is a runner-up (a twin of it is never "the one" element)
  bool selector_matched_nothing = false;  // the old selector went stale (matched nothing), no element drifted
};

struct HealCandidate {
  CandidateElement element;
  double score = 0;
  bool drifted = false;  // the element the old selector matches (HealRequest::drifted_handle)
  std::string describe() const;  // "button "Save"  0.91"
};

struct Proposal {
  std::string strategy;
  std::vector<HealCandidate> candidates;  // best first; only elements that can take the interaction
  bool may_accept_drifted = true;         // false: the drifted element counts only as a runner-up
};

// run.heal_synonyms entries ("Sign in|Log in") as groups of names.
std::vector<std::vector<std::string>> synonym_groups(const std::vector<std::string>& entries);

// Every strategy, in the fixed order (the order with no heal history).
const std::vector<std::string>& heal_strategies();

// Throws Error(Internal) for an unknown strategy name.
Proposal propose(const std::string& strategy, const Snapshot& snapshot, const HealRequest& request);

struct HealChoice {
  bool accepted = false;
  HealCandidate chosen;
  std::string why;  // when not accepted: no candidate, below the threshold, too close to the runner-up
  bool no_candidate = false;  // refused because no candidate is visible and enabled: nothing to choose from
  bool too_close = false;     // refused because the runner-up is within the margin: ambiguity
};

inline constexpr double kHealThreshold = 0.7;
inline constexpr double kHealMargin = 0.1;

HealChoice choose(const Proposal& proposal, double threshold = kHealThreshold, double margin = kHealMargin);

// After a drift check that found the element close enough but changed in what identifies it (identity_changed:
// its name, text, label, id, name or test id attribute, href), whether another element on the page that can
// take the interaction is as like the stored print as `current` (the one the selector matches), by the
// fingerprint strategy's similarity within kHealMargin. A look-alike that took the old id, or a twin where
// there was one element, is drift so caught: the heal decides between them, or abstains.
bool identity_changed(const std::vector<std::string>& changed_features);
// Whether `now` still answers the step's target: one of its names holds every word of the target, or stands
// for it as relaxed_name would accept (case, order, small edits, configured synonyms); or it kept an
// identifier of the developer's (id, name attribute or test id: equal, not empty) from request.stored. When not,
// a changed element is drift (a list re-ordered under a positional selector), not a reworded one.
bool still_answers(const Fingerprint& now, const HealRequest& request);
bool rival_as_like(const Snapshot& snapshot, const HealRequest& request, int current);

// What the snapshot holds about an element, as a fingerprint (for the fingerprint strategy).
Fingerprint fingerprint_of(const CandidateElement& element);

}  // namespace pacts
