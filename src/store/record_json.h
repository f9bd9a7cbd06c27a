#pragma once
// Records as JSON: the outbox payloads that sync sends to Postgres, and the selector value kept in Redis.
#include <optional>
#include <string>

#include "store/records.h"

namespace pacts {

std::string run_to_json(const RunRecord& run, const std::string& device_id);
std::string step_to_json(const StepRecord& step);
std::string artifact_to_json(const ArtifactRecord& artifact);

std::string selector_to_json(const SelectorRecord& record);
// A verified hit, as the outbox carries it: the selector as verified (selector_to_json's fields) and "hits": 1.
std::string selector_hit_to_json(const SelectorRecord& record);
// A heal_history row's counts as a delta; device_id is not included (the outbox entry carries it).
std::string heal_delta_to_json(const HealStatsRow& row);
// nullopt when the text is not a selector record (a foreign or damaged value).
std::optional<SelectorRecord> selector_from_json(const std::string& text);

}  // namespace pacts
