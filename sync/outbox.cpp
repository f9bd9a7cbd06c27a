#include "sync/outbox.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include "core/clock.h"
#include "store/store.h"

namespace pacts {

std::vector<OutboxEntry> Outbox::pending(int limit, int64_t after_seq) {
  SQLite::Statement q(store_.database(),
                      "SELECT seq, device_id, entity, entity_id, op, payload, created_at FROM outbox "
                      "WHERE pushed_at IS NULL AND seq > ? ORDER BY seq LIMIT ?");
  q.bind(1, after_seq);
  q.bind(2, limit);
  std::vector<OutboxEntry> out;
  while (q.executeStep()) {
    OutboxEntry e;
    e.seq = q.getColumn(0).getInt64();
    e.device_id = q.getColumn(1).getString();
    e.entity = q.getColumn(2).getString();
    e.entity_id = q.getColumn(3).getString();
    e.op = q.getColumn(4).getString();
    e.payload = q.getColumn(5).getString();
    e.created_at = q.getColumn(6).getString();
    out.push_back(std::move(e));
  }
  return out;
}

int64_t Outbox::pending_count() {
  SQLite::Statement q(store_.database(), "SELECT COUNT(*) FROM outbox WHERE pushed_at IS NULL");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

int64_t Outbox::acknowledge(int64_t up_to) {
  SQLite::Statement st(store_.database(), "UPDATE outbox SET pushed_at = ? WHERE pushed_at IS NULL AND seq <= ?");
  st.bind(1, now_iso8601());
  st.bind(2, up_to);
  return st.exec();
}

}  // namespace pacts
