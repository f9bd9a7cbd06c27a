#pragma once
// Splitting a suite across CI machines (`--shard i/n`). Every machine reads the same plan and keeps its part:
// the tests are ordered by a hash of their identity (the file's normalised path and the test's name, never
// their position in the file), and dealt out in that order, the first to shard 1, the second to shard 2, ...
// So the split does not depend on the order files were read in, the n shards together hold every test exactly
// once, and their sizes differ by at most one. Within a shard the tests keep the plan's order.
#include <cstdint>
#include <string>

#include "plan/plan.h"

namespace pacts {

struct Shard {
  int index = 1;  // 1-based
  int count = 1;
};

// Reads "i/n" (1 <= i <= n); anything else throws Error(BadInput) naming `option`.
Shard parse_shard(const std::string& text, const std::string& option = "--shard");

// A stable 64-bit hash (FNV-1a) of a test's identity: the same on every machine and in every run.
uint64_t test_identity_hash(const Test& test);

// The tests of `plan` that shard `shard` runs, in the plan's order.
Plan select_shard(const Plan& plan, Shard shard);

}  // namespace pacts
