#pragma once
// Scopes: "in the "New Account" dialog", "within the header", "in App Launcher". A scope names a container
// by its kind (dialog, menu, row, ...) and/or its name; the containers around each candidate are scored
// against it.
#include <string>

#include "discovery/page_agent.h"

namespace pacts {

// "New Account dialog" -> kind "dialog", name "New Account"; "App Launcher" -> no kind.
struct ScopeSpec {
  std::string kind;
  std::string name;
};

ScopeSpec parse_scope(const std::string& within);
bool scope_kind_matches(const ScopeElement& e, const std::string& kind);
// 0..1: how well the container fits the scope (kind and name).
double scope_score(const ScopeElement& e, const ScopeSpec& spec);
// "dialog "New Account"", for messages.
std::string scope_describe(const ScopeElement& e);

}  // namespace pacts
