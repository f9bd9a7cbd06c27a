#pragma once
// The plan as JSON (`pacts plan --json PATH`):
// {"tests":[{"name","file","url","steps":[{"line","action","target","value","ordinal","within","context"}],
//            "assertions":[{"line","type","value"}]}]}, null for absent fields, secrets masked.
#include <string>

#include "plan/plan.h"

namespace pacts {

std::string plan_to_json(const Plan& plan);

}  // namespace pacts
