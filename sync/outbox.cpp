#include "sync/outbox.h"

#include "store/store.h"

namespace pacts {

std::vector<OutboxEntry> Outbox::pending(int limit, int64_t after_seq) { return store_.outbox_pending(limit, after_seq); }
int64_t Outbox::pending_count() { return store_.outbox_pending_count(); }
int64_t Outbox::acknowledge(int64_t up_to) { return store_.outbox_acknowledge(up_to); }
int64_t Outbox::deliver(int64_t up_to, const std::vector<OutboxRejection>& refused) {
  return store_.outbox_deliver(up_to, refused);
}

}  // namespace pacts
