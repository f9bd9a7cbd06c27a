#pragma once
// A selector for the element discovery chose: one that re-resolves to it alone (test ids, stable ids, names,
// labels, roles; never generated ids like `input-373` or `:r1:`), stable=false when only a positional path or
// a generated id was unique (such selectors are never cached).
#include <string>
#include <vector>

#include "discovery/request.h"

namespace pacts {

struct SelectorChoice {
  std::string selector;
  bool stable = false;
  std::string error;  // the element is detached
};

// The selector parts to try for an element, most trusted first.
std::vector<std::string> selector_parts(const CandidateElement& element);
SelectorChoice choose_selector(PageAgent& agent, const CandidateElement& element, const LocateRequest& request,
                               Millis timeout);
std::string css_escape_identifier(const std::string& s);
// An override as written ("css:.x", "xpath://div", "role:button=Save") as a PACTS selector (".x", "xpath=//div",
// "role=button[name="Save"]").
std::string selector_of_override(const std::string& override_text);
std::string css_attribute_value(const std::string& s);

}  // namespace pacts
