#pragma once
// Selector records as JSON: the Redis value, and the outbox payload that sync sends to Postgres.
#include <optional>
#include <string>

#include "store/records.h"

namespace pacts {

std::string selector_to_json(const SelectorRecord& record);
// nullopt when the text is not a selector record (a foreign or damaged value).
std::optional<SelectorRecord> selector_from_json(const std::string& text);

}  // namespace pacts
