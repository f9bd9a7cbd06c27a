#include "core/ids.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

#include <fmt/format.h>

namespace pacts {

std::string new_uuid_v7() {
  static std::mutex mu;
  static std::mt19937_64 rng{std::random_device{}()};
  static uint64_t last_ms = 0;
  static uint16_t counter = 0;  // keeps ids monotonic within one millisecond
  std::lock_guard<std::mutex> lock(mu);
  uint64_t ms = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  if (ms <= last_ms) {
    ms = last_ms;
    counter = static_cast<uint16_t>((counter + 1) & 0x0fff);
  } else {
    last_ms = ms;
    counter = static_cast<uint16_t>(rng() & 0x07ff);
  }
  uint64_t rand_b = rng();
  uint64_t hi = (ms << 16) | 0x7000u | counter;
  uint64_t lo = (rand_b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", static_cast<uint32_t>(hi >> 32),
                     static_cast<uint32_t>((hi >> 16) & 0xffff), static_cast<uint32_t>(hi & 0xffff),
                     static_cast<uint32_t>(lo >> 48), lo & 0xffffffffffffULL);
}

bool is_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

}  // namespace pacts
