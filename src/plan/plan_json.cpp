#include "plan/plan_json.h"

#include <nlohmann/json.hpp>

namespace pacts {

namespace {
nlohmann::json opt(const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(nullptr); }
nlohmann::json opt(const std::optional<MaskedText>& s) {
  return s ? nlohmann::json(s->masked()) : nlohmann::json(nullptr);
}
nlohmann::json opt(const std::optional<int>& n) { return n ? nlohmann::json(*n) : nlohmann::json(nullptr); }
nlohmann::json line(int l) { return l > 0 ? nlohmann::json(l) : nlohmann::json(nullptr); }
}  // namespace

std::string plan_to_json(const Plan& plan) {
  nlohmann::json tests = nlohmann::json::array();
  for (const auto& t : plan.tests) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : t.steps) {
      steps.push_back({{"line", line(s.line)},
                       {"action", action_name(s.action)},
                       {"target", s.has_target() ? nlohmann::json(s.target.text) : nlohmann::json(nullptr)},
                       {"value", opt(s.value)},
                       {"ordinal", opt(s.target.ordinal)},
                       {"within", opt(s.target.within)},
                       {"context", opt(s.target.context)}});
    }
    nlohmann::json assertions = nlohmann::json::array();
    for (const auto& a : t.assertions)
      assertions.push_back({{"line", line(a.line)}, {"type", assertion_type_name(a.type)}, {"value", a.value.masked()}});
    tests.push_back({{"name", t.name}, {"file", t.file}, {"url", t.url.masked()}, {"steps", steps}, {"assertions", assertions}});
  }
  return nlohmann::json{{"tests", tests}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace pacts
