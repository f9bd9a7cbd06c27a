#include "sync/push.h"

#include <chrono>

#include "core/interrupt.h"
#include "sync/fault_point.h"
#include "sync/outbox.h"

namespace pacts {

namespace {

void add(PushReport& report, const std::vector<OutboxEntry>& batch, const BatchOutcome& outcome) {
  ++report.batches;
  report.entries += static_cast<int64_t>(batch.size());
  report.already_applied += outcome.already_applied;
  for (const auto& [entity, n] : outcome.applied) report.applied[entity] += n;
  report.rejected.insert(report.rejected.end(), outcome.rejected.begin(), outcome.rejected.end());
  for (const auto& e : batch)
    if (report.oldest_entry.empty() || e.created_at < report.oldest_entry) report.oldest_entry = e.created_at;
}

}  // namespace

PushReport push_outbox(Store& store, TeamDb& team, const Device& device, int batch_size,
                       const std::function<void(const PushReport&)>& progress) {
  PushReport report;
  Outbox outbox(store);
  auto start = std::chrono::steady_clock::now();
  int64_t after = 0;
  for (;;) {
    if (interrupted()) {
      report.stopped = true;
      break;
    }
    std::vector<OutboxEntry> batch = outbox.pending(batch_size, after);
    if (batch.empty()) break;
    BatchOutcome outcome = team.apply_batch(device, batch);
    fault_point("after_commit");
    std::vector<OutboxRejection> rejected;
    for (const auto& r : outcome.rejected) rejected.push_back({r.seq, r.error});
    outbox.deliver(batch.back().seq, rejected);
    fault_point("after_ack");
    after = batch.back().seq;
    add(report, batch, outcome);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (progress) progress(report);
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace pacts
