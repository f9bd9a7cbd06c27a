#pragma once
// Discovery: from a step's target ("Add to cart" for "Blue Backpack", the 2nd "Save", the Search field
// in the header) to exactly one element, or a failure that lists the candidates with their scores.
//
// One snapshot of the page per attempt (page agent); ranking in C++ by what a person means by the name, in
// this order of trust: test ids, aria-label and aria-labelledby, <label>, placeholder, role with accessible
// name, name attribute, visible text; exact before case-insensitive before whole-word before fuzzy. The
// action filters (fill wants an editable field, select a select or combobox, check a checkbox), then scope,
// modal dialogs, visibility, relative context and ordinals narrow the set. The winner must lead the runner-up
// by the ambiguity margin, or the result is Ambiguous: PACTS never acts on an element it is not sure of.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "discovery/page_agent.h"
#include "spec/plan.h"

namespace pacts {

struct LocateRequest {
  Action action = Action::Click;
  std::string target;
  TargetKind kind = TargetKind::Name;
  std::string role_hint;
  std::optional<int> ordinal;
  std::optional<std::string> within;
  std::optional<std::string> context;
};

LocateRequest locate_request_for(const Step& step);

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

// Whether an element can take the action at all (fill needs an editable field, select a select or combobox,
// check a checkbox or radio); any element takes a click.
bool action_accepts(const CandidateElement& element, Action action);

struct ScoredCandidate {
  CandidateElement element;
  double score = 0;
  std::string source;  // testid, aria_label, label, placeholder, role_name, name_attr, text, id, kind
  std::string describe() const;  // "button "Save" (0.91 role_name)"
};

struct LocateResult {
  LocateStatus status = LocateStatus::NotFound;
  ScoredCandidate best;
  std::vector<ScoredCandidate> candidates;  // the top ones, best first, for messages and reports
  std::string strategy;                     // best.source plus +scope, +context, +ordinal
  std::string message;                      // for the user, when not Found
  double page_ms = 0;                       // time spent in the page
  int attempts = 0;
};

struct LocateOptions {
  double ambiguity_margin = 0.1;
  double min_score = 0.5;  // below: typo-level matches, never acted on
};

// One attempt on the page as it is now.
LocateResult locate_once(PageAgent& agent, const LocateRequest& request, const LocateOptions& options,
                         Millis timeout);
// Repeats until found, or the deadline; waits for the page to change between attempts. Ambiguity and
// incompatibility are final at once only when the page is quiet; otherwise they too get until the deadline.
LocateResult locate(PageAgent& agent, const LocateRequest& request, const LocateOptions& options,
                    std::chrono::steady_clock::time_point deadline);

// Elements a person would say are named `target` and can see (for "X is visible" / "X is hidden"): every
// visible candidate whose best name source matches with at least min_quality (raw match quality, no trust
// weights). Described as in LocateResult::candidates.
std::vector<ScoredCandidate> visible_matches(PageAgent& agent, const std::string& target, const std::string& role_hint,
                                             double min_quality, Millis timeout);

// A stable, unique selector for the element found, with the strategy that made it; stable=false when only a
// positional path or a generated id was unique (such selectors are never cached).
struct SelectorChoice {
  std::string selector;
  bool stable = false;
  std::string error;
};
std::vector<std::string> selector_parts(const CandidateElement& element);
SelectorChoice choose_selector(PageAgent& agent, const CandidateElement& element, const LocateRequest& request,
                               Millis timeout);
std::string css_escape_identifier(const std::string& s);
std::string css_attribute_value(const std::string& s);

}  // namespace pacts
