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
// | attribute_family   | elements of the stored kind whose id, test id or name attribute shares its stable   |
// |                    | words with the stored one ("save-btn" -> "btn-save-v2"), by the words in common     |
//
// choose() accepts a candidate only when it can take the step's interaction, is visible and enabled, scores
// at least the threshold, and leads the runner-up (another element) by the margin; else the strategy abstains.
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
                            // target or name (rediscovery, relaxed_name) may propose it again
};

struct HealCandidate {
  CandidateElement element;
  double score = 0;
  std::string describe() const;  // "button "Save"  0.91"
};

struct Proposal {
  std::string strategy;
  std::vector<HealCandidate> candidates;  // best first; only elements that can take the interaction
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
};

inline constexpr double kHealThreshold = 0.7;
inline constexpr double kHealMargin = 0.1;

HealChoice choose(const Proposal& proposal, double threshold = kHealThreshold, double margin = kHealMargin);

// What the snapshot holds about an element, as a fingerprint (for the fingerprint strategy).
Fingerprint fingerprint_of(const CandidateElement& element);

}  // namespace pacts
