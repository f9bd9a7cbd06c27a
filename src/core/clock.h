#pragma once
// Time as PACTS reads it. Deadlines use std::chrono::steady_clock directly; wall-clock stamps for records go
// through these helpers so that every table uses one format.
#include <chrono>
#include <string>

namespace pacts {

// "2026-11-23T23:59:59.123Z"
std::string iso8601(std::chrono::system_clock::time_point t);
std::string now_iso8601();
int64_t unix_seconds_now();

}  // namespace pacts
