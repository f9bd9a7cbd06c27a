#pragma once
// What discovery is asked (a target and what will be done to it) and what it answers (one element, or a
// failure with the candidates and their scores).
#include <string>
#include <vector>

#include "core/target.h"
#include "discovery/interaction.h"
#include "discovery/page_agent.h"

namespace pacts {

struct LocateRequest {
  Target target;
  Interaction interaction = Interaction::Click;
};

enum class LocateStatus {
  Found,
  NotFound,       // nothing matches the name
  Ambiguous,      // several match about equally well
  ScopeNotFound,  // the "within" scope is not on the page
  Incompatible,   // something matches, but not what the action needs (a button where a field is wanted)
  NotVisible,     // matches exist, all hidden
  Blocked,        // matches exist, all behind a modal dialog or inert
};

const char* locate_status_name(LocateStatus s);

// Whether an element can take the interaction at all (fill needs an editable field, select a select or
// combobox, check a checkbox or radio); any element takes a click.
bool accepts(const CandidateElement& element, Interaction interaction);
bool fillable(const CandidateElement& element);

struct ScoredCandidate {
  CandidateElement element;
  double score = 0;
  std::string matched_by;  // the name source that gave the score: testid, aria_label, label, ..., kind
  std::string describe() const;  // "button "Save"  score 0.91 (role_name)"
};

struct LocateResult {
  LocateStatus status = LocateStatus::NotFound;
  ScoredCandidate best;
  std::vector<ScoredCandidate> candidates;  // the top ones, best first, for messages and reports
  std::string strategy;                     // best.matched_by plus +scope, +context, +ordinal
  std::string message;                      // for the user, when not Found
  double page_ms = 0;                       // time spent in the page
  int attempts = 0;
};

struct LocateOptions {
  double ambiguity_margin = 0.1;
  double min_score = 0.5;  // below: typo-level matches, never acted on
};

}  // namespace pacts
