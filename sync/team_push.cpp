// Delivering one batch of outbox entries to the team store, exactly once, in one transaction of three calls
// (schema/postgres/0002_sync.sql): pacts_lock_device serializes deliveries per device and returns the applied
// ranges the batch overlaps, so that entries an earlier delivery applied are left out; pacts_merge_batch
// merges the rest by the team schema's rules (one set-based statement per entity); pacts_record_delivery
// records the batch's seq ranges and the device. Every merge rule is commutative and associative, so a batch
// may be merged whole or in parts with the same result: that is how entries the server refuses are left out.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/error.h"
#include "sync/fault_point.h"
#include "sync/team_db_impl.h"

namespace pacts {

namespace {

// The advisory lock space of selector keys ("pacs", 1885430643) and its buckets, as pacts_merge_batch
// takes them.
constexpr int kKeyLockClass = 0x70616373;
constexpr int kKeyLocks = 256;

const std::set<std::string>& known_entities() {
  static const std::set<std::string> all = {"run",      "run_step",          "artifact", "selector",
                                            "selector_counters", "selector_invalidated", "heal", "cache_stats"};
  return all;
}

// A payload the server may refuse: a data exception (class 22) or a violated constraint (class 23).
bool refused_payload(const pqxx::sql_error& e) {
  const std::string& s = e.sqlstate();
  return s.rfind("22", 0) == 0 || s.rfind("23", 0) == 0;
}

// `text` as a JSON string. Payloads travel as strings inside the batch, so that a damaged payload is refused
// on its own (its parse fails) and can never change the batch around it.
void append_json_string(std::string& out, const std::string& text) {
  out += '"';
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

// [{"seq": 1, "entity": "run", "p": "<the payload>"}, ...]: the batch as one parameter.
std::string batch_json(const std::vector<const OutboxEntry*>& entries) {
  std::string out = "[";
  for (const auto* e : entries) {
    if (out.size() > 1) out += ',';
    out += fmt::format("{{\"seq\":{},\"entity\":", e->seq);
    append_json_string(out, e->entity);
    out += ",\"p\":";
    append_json_string(out, e->payload);
    out += '}';
  }
  return out + "]";
}

struct Work {
  std::vector<const OutboxEntry*> todo;
  std::vector<RejectedEntry> rejected;
  int64_t already_applied = 0;
  std::vector<std::pair<int64_t, int64_t>> new_ranges;  // the seq ranges this delivery applies
};

// Serializes deliveries per device, then leaves out what an earlier delivery applied (a replay) and what
// this pacts cannot merge at all.
Work plan_batch(pqxx::work& tx, const Device& device, const std::vector<OutboxEntry>& entries) {
  Work w;
  auto ranges = tx.exec_prepared("lock_device", device.id, entries.front().seq, entries.back().seq);
  auto covered = [&](int64_t seq) {
    for (const auto& r : ranges)
      if (r[0].as<int64_t>() <= seq && seq <= r[1].as<int64_t>()) return true;
    return false;
  };
  bool open = false;
  for (const auto& e : entries) {
    if (covered(e.seq)) {
      ++w.already_applied;
      open = false;
      continue;
    }
    if (open) w.new_ranges.back().second = e.seq;
    else w.new_ranges.emplace_back(e.seq, e.seq);
    open = true;
    if (known_entities().count(e.entity)) w.todo.push_back(&e);
    else w.rejected.push_back({e.seq, e.entity, e.entity_id, fmt::format("unknown entity '{}'", e.entity)});
  }
  return w;
}

void record_delivery(pqxx::work& tx, const Device& device, const std::vector<OutboxEntry>& entries, const Work& w) {
  std::string ranges = "[";
  for (const auto& [from, to] : w.new_ranges) ranges += fmt::format("{}[{},{}]", ranges.size() > 1 ? "," : "", from, to);
  ranges += "]";
  auto [oldest, newest] = std::minmax_element(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.created_at < b.created_at;
  });
  tx.exec_prepared("record_delivery", device.id, device.name, oldest->created_at, newest->created_at, ranges);
  for (const auto& r : w.rejected) {
    auto it = std::find_if(entries.begin(), entries.end(), [&](const OutboxEntry& e) { return e.seq == r.seq; });
    tx.exec_prepared("record_rejected", device.id, r.seq, r.entity, r.entity_id, it->payload, r.error);
  }
}

BatchOutcome outcome_of(const Work& w) {
  BatchOutcome out;
  out.already_applied = w.already_applied;
  out.rejected = w.rejected;
  for (const auto* e : w.todo) {
    bool rejected = std::any_of(w.rejected.begin(), w.rejected.end(), [&](const auto& r) { return r.seq == e->seq; });
    if (!rejected) ++out.applied[e->entity];
  }
  return out;
}

// The whole batch in one merge.
BatchOutcome apply_whole(pqxx::connection& c, const Device& device, const std::vector<OutboxEntry>& entries) {
  pqxx::work tx(c);
  Work w = plan_batch(tx, device, entries);
  if (!w.todo.empty()) tx.exec_prepared("merge_batch", device.id, batch_json(w.todo));
  fault_point("after_merge");
  if (!w.new_ranges.empty()) record_delivery(tx, device, entries, w);
  fault_point("before_commit");
  tx.commit();
  return outcome_of(w);
}

// After the server refused the whole batch: the batch is split in halves, each merged under a savepoint,
// down to the entries the server refuses, which are left out (and recorded); every other entry is still
// applied, in one transaction. A batch with one bad entry costs about 2 log2(n) merges, not n.
// (Plain SAVEPOINT statements: libpqxx 6.4's subtransaction does not roll back to its savepoint after an error.)
void apply_bisecting(pqxx::work& tx, const Device& device, const std::vector<const OutboxEntry*>& part, Work& w) {
  tx.exec("SAVEPOINT part");
  try {
    tx.exec_prepared("merge_batch", device.id, batch_json(part));
    tx.exec("RELEASE SAVEPOINT part");
    return;
  } catch (const pqxx::sql_error& err) {
    if (!refused_payload(err)) throw;
    tx.exec("ROLLBACK TO SAVEPOINT part");
    tx.exec("RELEASE SAVEPOINT part");
    if (part.size() == 1) {
      const OutboxEntry& e = *part.front();
      w.rejected.push_back({e.seq, e.entity, e.entity_id, server_message(err)});
      return;
    }
  }
  auto middle = part.begin() + static_cast<std::ptrdiff_t>(part.size() / 2);
  apply_bisecting(tx, device, {part.begin(), middle}, w);
  apply_bisecting(tx, device, {middle, part.end()}, w);
}

BatchOutcome apply_leaving_out_refused(pqxx::connection& c, const Device& device,
                                       const std::vector<OutboxEntry>& entries) {
  pqxx::work tx(c);
  Work w = plan_batch(tx, device, entries);
  // Merged in parts, the batch locks all selector keys first (ascending, as the merge takes them: no two
  // batches deadlock).
  tx.exec_prepared("lock_all_keys");
  if (!w.todo.empty()) apply_bisecting(tx, device, w.todo, w);
  if (!w.new_ranges.empty()) record_delivery(tx, device, entries, w);
  tx.commit();
  return outcome_of(w);
}

}  // namespace

void TeamDb::Impl::prepare_push() {
  if (push_ready) return;
  push_ready = true;
  c().prepare("lock_device", "SELECT seq_from, seq_to FROM pacts_lock_device($1, $2, $3)");
  c().prepare("merge_batch", "SELECT pacts_merge_batch($1, $2::jsonb)");
  c().prepare("record_delivery",
              "SELECT pacts_record_delivery($1, $2, $3::timestamptz, $4::timestamptz, $5::jsonb)");
  c().prepare("record_rejected",
              "INSERT INTO sync_rejected (device_id, seq, entity, entity_id, payload, error) "
              "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING");
  c().prepare("lock_all_keys", fmt::format("SELECT pg_advisory_xact_lock({}, b) FROM generate_series(0, {}) b",
                                           kKeyLockClass, kKeyLocks - 1));
}

BatchOutcome TeamDb::apply_batch(const Device& device, const std::vector<OutboxEntry>& entries) {
  if (entries.empty()) return {};
  Impl& m = *impl_;
  try {
    m.prepare_push();
    bool leave_out_refused = false;
    for (int attempt = 0;; ++attempt) {
      try {
        return leave_out_refused ? apply_leaving_out_refused(m.c(), device, entries)
                                 : apply_whole(m.c(), device, entries);
      } catch (const pqxx::transaction_rollback&) {
        if (attempt >= 8) throw;  // a deadlock or serialization failure with another device: try again
      } catch (const pqxx::sql_error& e) {
        if (leave_out_refused || !refused_payload(e)) throw;
        leave_out_refused = true;  // the server refused something in the batch: find out what
      }
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw_team_error(m.where, fmt::format("applying outbox entries {}..{}", entries.front().seq, entries.back().seq), e);
  }
}

}  // namespace pacts
