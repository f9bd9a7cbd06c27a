#include "plan/shard.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <numeric>

#include <fmt/format.h>

#include "core/error.h"

namespace pacts {

namespace {

// A whole decimal number, nothing else around it.
std::optional<int> whole_number(std::string_view s) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

uint64_t fnv1a(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

Shard parse_shard(const std::string& text, const std::string& option) {
  auto slash = text.find('/');
  std::optional<int> i, n;
  if (slash != std::string::npos) {
    i = whole_number(std::string_view(text).substr(0, slash));
    n = whole_number(std::string_view(text).substr(slash + 1));
  }
  if (!i || !n || *n < 1 || *i < 1 || *i > *n)
    throw_bad_input(
        fmt::format("{} wants i/n, the i-th of n shards with 1 <= i <= n (e.g. 2/5), got '{}'", option, text));
  return Shard{*i, *n};
}

uint64_t test_identity_hash(const Test& test) {
  // "./a/b.txt" and "a/b.txt" are one file; a separator no path or name holds keeps ("ab", "c") from ("a", "bc").
  std::string file = std::filesystem::path(test.file).lexically_normal().generic_string();
  uint64_t h = fnv1a(14695981039346656037ull, file);
  h = fnv1a(h, std::string_view("\0", 1));
  return fnv1a(h, test.name);
}

Plan select_shard(const Plan& plan, Shard shard) {
  std::vector<size_t> order(plan.tests.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<uint64_t> hash(plan.tests.size());
  for (size_t i = 0; i < plan.tests.size(); ++i) hash[i] = test_identity_hash(plan.tests[i]);
  // Ties (two tests with one identity) fall back to the plan's order, which every machine shares too.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return hash[a] < hash[b]; });
  std::vector<bool> mine(plan.tests.size(), false);
  for (size_t rank = 0; rank < order.size(); ++rank)
    if (static_cast<int>(rank % static_cast<size_t>(shard.count)) == shard.index - 1) mine[order[rank]] = true;
  Plan out;
  for (size_t i = 0; i < plan.tests.size(); ++i)
    if (mine[i]) out.tests.push_back(plan.tests[i]);
  return out;
}

}  // namespace pacts
