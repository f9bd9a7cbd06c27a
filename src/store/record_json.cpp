#include "store/record_json.h"

#include <nlohmann/json.hpp>

#include "core/text.h"

namespace pacts {

using nlohmann::json;

namespace {
json opt_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
}  // namespace

std::string run_to_json(const RunRecord& r, const std::string& device_id) {
  return json{{"id", r.id},
              {"invocation_id", r.invocation_id},
              {"test_name", r.test_name},
              {"file", r.file},
              {"url", r.url},
              {"verdict", name(r.verdict)},
              {"reason", name(r.reason)},
              {"error", r.error},
              {"started_at", r.started_at},
              {"finished_at", r.finished_at},
              {"duration_ms", static_cast<int64_t>(r.duration_ms)},
              {"total_steps", r.total_steps},
              {"steps_passed", r.steps_passed},
              {"total_assertions", r.total_assertions},
              {"assertions_passed", r.assertions_passed},
              {"attempt", r.attempt},
              {"device_id", device_id}}
      .dump();
}

std::string step_to_json(const StepRecord& s) {
  json j{{"id", s.id},
         {"run_id", s.run_id},
         {"kind", name(s.kind)},
         {"idx", s.index},
         {"line", s.line},
         {"action", s.action},
         {"target", opt_json(s.target)},
         {"value", opt_json(s.value)},
         {"selector", opt_json(s.selector)},
         {"strategy", opt_json(s.strategy)},
         {"source", opt_json(s.source)},
         {"score", s.score ? json(*s.score) : json(nullptr)},
         {"outcome", name(s.outcome)},
         {"reason", s.reason == FailureReason::None ? json(nullptr) : json(name(s.reason))},
         {"error", text_or_null(s.error)},
         {"started_at", s.started_at},
         {"duration_ms", s.duration_ms}};
  // A heal's before and after, only on a step that healed (or could not): run_steps' heal columns.
  if (s.heal) {
    j["heal_old_selector"] = s.heal->old_selector;
    j["heal_similarity"] = s.heal->similarity;
    j["heal_changed"] = text_or_null(join(s.heal->changed, ", "));
    j["heal_strategy"] = text_or_null(s.heal->strategy);
    j["heal_tried"] = s.heal->tried;
    j["heal_ms"] = s.heal->heal_ms;
  }
  return j.dump();
}

std::string artifact_to_json(const ArtifactRecord& a) {
  return json{{"id", a.id},
              {"run_id", a.run_id},
              {"step_idx", a.step_idx ? json(*a.step_idx) : json(nullptr)},
              {"kind", a.kind},
              {"path", a.path},
              {"bytes", a.bytes},
              {"sha256", a.sha256},
              {"created_at", a.created_at}}
      .dump();
}

namespace {
json selector_json(const SelectorRecord& s) {
  return json{{"cache_key", s.key.canonical()},
              {"url_pattern", s.key.url_pattern},
              {"action", s.key.action},
              {"target", s.key.target},
              {"scope", s.key.scope},
              {"ordinal", s.key.ordinal},
              {"context", s.key.context},
              {"selector", s.selector},
              {"strategy", s.strategy},
              {"confidence", s.confidence},
              {"stable", s.stable},
              {"fingerprint", s.fingerprint},
              {"verified_at", s.verified_at},
              {"created_at", s.created_at}};
}
}  // namespace

std::string selector_to_json(const SelectorRecord& s) { return selector_json(s).dump(); }

std::string selector_hit_to_json(const SelectorRecord& s) {
  json j = selector_json(s);
  j["hits"] = 1;
  return j.dump();
}

std::string heal_delta_to_json(const HealStatsRow& r) {
  return json{{"url_pattern", r.url_pattern}, {"cache_key", r.cache_key}, {"strategy", r.strategy},
              {"successes", r.successes},     {"failures", r.failures},   {"total_ms", r.total_ms},
              {"last_used_at", r.last_used_at}}
      .dump();
}

std::optional<SelectorRecord> selector_from_json(const std::string& text) try {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("selector") || !j["selector"].is_string()) return std::nullopt;
  SelectorRecord s;
  s.key.url_pattern = j.value("url_pattern", std::string());
  s.key.action = j.value("action", std::string());
  s.key.target = j.value("target", std::string());
  s.key.scope = j.value("scope", std::string());
  s.key.ordinal = j.value("ordinal", 0);
  s.key.context = j.value("context", std::string());
  s.selector = j["selector"].get<std::string>();
  s.strategy = j.value("strategy", std::string());
  s.confidence = j.value("confidence", 0.0);
  s.stable = j.value("stable", true);
  s.fingerprint = j.value("fingerprint", std::string("{}"));
  s.verified_at = j.value("verified_at", std::string());
  s.created_at = j.value("created_at", std::string());
  return s;
} catch (const json::exception&) {
  return std::nullopt;  // a value of the wrong type: not ours, or damaged
}

}  // namespace pacts
