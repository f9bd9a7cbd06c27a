#pragma once
// The sync outbox, as the push side reads it: the changes this device has not yet delivered to the team
// database, in sequence order, and the acknowledgement that removes them from the pending set. The store
// writes the entries (in the same transaction as each change); sync only reads and acknowledges.
#include <cstdint>
#include <string>
#include <vector>

namespace pacts {

class Store;

struct OutboxEntry {
  int64_t seq = 0;  // this device's monotonic sequence number
  std::string device_id;
  std::string entity;     // run, run_step, artifact, selector, selector_counters, selector_invalidated, ...
  std::string entity_id;
  std::string op;         // upsert, delete, delta
  std::string payload;    // JSON
  std::string created_at;
};

class Outbox {
 public:
  explicit Outbox(Store& store) : store_(store) {}

  // Up to `limit` pending entries with seq > after_seq, oldest first.
  std::vector<OutboxEntry> pending(int limit, int64_t after_seq = 0);
  int64_t pending_count();
  // Marks every pending entry with seq <= up_to as delivered. Idempotent.
  int64_t acknowledge(int64_t up_to);

 private:
  Store& store_;
};

}  // namespace pacts
