#pragma once
// The plan as JSON (`pacts plan --json PATH`):
// {"tests":[{"name","file","line","url","tags"?,"example"?,
//            "steps":[{"line","action","target","value","ordinal","within","context","destination"?,"page"?}],
//            "assertions":[{"line","type","value","target"?,"within"?,"count"?,"page"?}]}]},
// null for absent fields, secrets masked. A sentence PACTS refused is a step {"action": "unclear", "sentence",
// "message", "hint"}; "example" is the Examples (or --data) row the test was made from.
#include <string>

#include "plan/plan.h"

namespace pacts {

std::string plan_to_json(const Plan& plan);

}  // namespace pacts
