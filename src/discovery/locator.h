#pragma once
// Discovery: from a step's target ("Add to cart" for "Blue Backpack", the 2nd "Save", the Search field
// in the header) to exactly one element, or a failure that lists the candidates with their scores.
//
// One snapshot of the page per attempt (query.h says what the page collects), ranked in C++ (rank.h). The
// winner must lead the runner-up by the ambiguity margin, or the result is Ambiguous: PACTS never acts on an
// element it is not sure of.
#include <string>
#include <vector>

#include "browser/poll.h"
#include "discovery/rank.h"
#include "discovery/request.h"

namespace pacts {

// One attempt on the page as it is now. Throws ContextLost when the page navigates meanwhile.
LocateResult locate_once(PageAgent& agent, const LocateRequest& request, const LocateOptions& options,
                         Millis timeout);
// Repeats until found, or the deadline; waits for the page to change between attempts. Ambiguity is final at
// once when the page is not loading; otherwise it too gets until the deadline.
LocateResult locate(PageAgent& agent, const LocateRequest& request, const LocateOptions& options, Deadline deadline);

// Elements a person would say are named `target` and can see (for "X is visible" / "X is hidden"): every
// visible candidate of the kind `role_hint` names whose best name source (name_sources.h, the sources element
// checks read) matches with at least min_quality. Described as in LocateResult::candidates.
std::vector<ScoredCandidate> visible_matches(PageAgent& agent, const std::string& target, const std::string& role_hint,
                                             double min_quality, Millis timeout);

}  // namespace pacts
