#pragma once
// Globally unique ids for runs, steps and devices: UUIDv7 (RFC 9562), time-ordered so that ids sort by
// creation time across laptops, and random enough that two devices never collide.
#include <string>

namespace pacts {

std::string new_uuid_v7();
bool is_uuid(const std::string& s);

}  // namespace pacts
