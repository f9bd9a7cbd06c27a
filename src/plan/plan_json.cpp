#include "plan/plan_json.h"

#include <nlohmann/json.hpp>

namespace pacts {

namespace {
nlohmann::json opt(const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(nullptr); }
nlohmann::json opt(const std::optional<MaskedText>& s) {
  return s ? nlohmann::json(s->masked()) : nlohmann::json(nullptr);
}
nlohmann::json opt(const std::optional<int>& n) { return n ? nlohmann::json(*n) : nlohmann::json(nullptr); }
nlohmann::json text_or_null(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }
nlohmann::json line(int l) { return l > 0 ? nlohmann::json(l) : nlohmann::json(nullptr); }

nlohmann::json step_json(const Step& s) {
  nlohmann::json j = {{"line", line(s.line)},
                      {"action", action_name(s.action)},
                      {"target", s.has_target() ? nlohmann::json(s.target.text) : nlohmann::json(nullptr)},
                      {"value", opt(s.value)},
                      {"ordinal", opt(s.target.ordinal)},
                      {"within", opt(s.target.within)},
                      {"context", opt(s.target.context)}};
  if (s.destination) j["destination"] = s.destination->text;
  if (!s.page.empty()) j["page"] = s.page;
  if (s.action == Action::Unclear) {
    j["sentence"] = s.sentence;
    j["message"] = s.refusal;
    j["hint"] = text_or_null(s.hint);
  }
  return j;
}

nlohmann::json assertion_json(const Assertion& a) {
  nlohmann::json j = {{"line", line(a.line)}, {"type", assertion_type_name(a.type)}, {"value", a.value.masked()}};
  if (!a.target.text.empty()) j["target"] = a.target.text;
  if (a.target.within) j["within"] = *a.target.within;
  if (a.count) j["count"] = *a.count;
  if (!a.page.empty()) j["page"] = a.page;
  return j;
}
}  // namespace

std::string plan_to_json(const Plan& plan) {
  nlohmann::json tests = nlohmann::json::array();
  for (const auto& t : plan.tests) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : t.steps) steps.push_back(step_json(s));
    nlohmann::json assertions = nlohmann::json::array();
    for (const auto& a : t.assertions) assertions.push_back(assertion_json(a));
    nlohmann::json test = {{"name", t.name},   {"file", t.file},   {"line", line(t.line)}, {"url", t.url.masked()},
                           {"steps", steps},   {"assertions", assertions}};
    if (!t.tags.empty()) test["tags"] = t.tags;
    if (!t.example.empty()) {
      nlohmann::json row = nlohmann::json::object();
      for (const auto& [k, v] : t.example) row[k] = v;
      test["example"] = row;
    }
    tests.push_back(test);
  }
  return nlohmann::json{{"tests", tests}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace pacts
