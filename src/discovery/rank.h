#pragma once
// Ranking: from a snapshot of the page to exactly one element, or a failure that lists the candidates. A pure
// function of its inputs (no page, no clock), so every stage is tested on hand-made snapshots.
//
// The stages, in order, each narrowing the candidates or ending with a failure:
//   1. name      score each candidate by its best name source (name_sources.h), or 1.0 for a kind target
//   2. action    keep what the interaction can use (a fill wants an editable field); keys go to fields
//   3. control   one control, one candidate: text inside a matching control stands for the control
//   4. scope     inside the container that best fits "within" (scope.h)
//   5. modal     an open modal dialog blocks everything outside it
//   6. visible   visible elements only, when any is visible
//   7. context   for "X": the candidates closest to the item holding X
//   8. kind      kind targets prefer members of a container that names the kind ("results")
//   9. role      the sentence's UI word ("button") weakens candidates of another kind
//  10. ordinal   the Nth of the equally good, in document order
//  11. strict    the best must lead the runner-up by the ambiguity margin
#include "discovery/request.h"

namespace pacts {

LocateResult rank(const Snapshot& snapshot, const LocateRequest& request, const LocateOptions& options);

// A control that takes a click for itself (a button, a link, a field, an option, a tab...); a tabindex alone
// does not make one.
bool is_control(const CandidateElement& element);

// Whether an element is of the kind a sentence's UI word names ("button", "link", "textbox", ...).
bool role_matches_hint(const CandidateElement& element, const std::string& hint);

}  // namespace pacts
