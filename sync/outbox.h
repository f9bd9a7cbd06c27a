#pragma once
// The sync outbox, as the push side reads it: the changes this device has not yet delivered to the team
// database, in sequence order, and the acknowledgement that removes them from the pending set. The store
// writes the entries (in the same transaction as each change) and owns their SQL; sync reads and
// acknowledges them through the store's API.
#include <cstdint>
#include <vector>

#include "store/records.h"
#include "store/store.h"

namespace pacts {

class Outbox {
 public:
  explicit Outbox(Store& store) : store_(store) {}

  // Up to `limit` pending entries with seq > after_seq, oldest first.
  std::vector<OutboxEntry> pending(int limit, int64_t after_seq = 0);
  int64_t pending_count();
  // Marks every pending entry with seq <= up_to as delivered. Idempotent.
  int64_t acknowledge(int64_t up_to);
  // The same, marking the entries the team store refused as refused, with their reason, in one transaction.
  int64_t deliver(int64_t up_to, const std::vector<OutboxRejection>& refused);

 private:
  Store& store_;
};

}  // namespace pacts
