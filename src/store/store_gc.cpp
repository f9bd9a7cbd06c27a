// Store: retention of run records (`pacts gc`).
#include <SQLiteCpp/SQLiteCpp.h>

#include "store/sql_edge.h"
#include "store/store.h"

namespace pacts {

PrunedRuns Store::prune_runs(const std::string& before) {
  return at_sql_edge(mu_, path_, "prune old runs", [&] {
    PrunedRuns out;
    SQLite::Transaction tx(*db_);
    const char* old_runs = "SELECT id FROM runs WHERE started_at < ?1 AND verdict != 'running'";
    SQLite::Statement art(*db_, std::string("SELECT path, bytes FROM artifacts WHERE run_id IN (") + old_runs + ")");
    art.bind(1, before);
    while (art.executeStep()) out.artifacts.emplace_back(art.getColumn(0).getString(), art.getColumn(1).getInt64());
    SQLite::Statement steps(*db_, std::string("SELECT count(*) FROM run_steps WHERE run_id IN (") + old_runs + ")");
    steps.bind(1, before);
    steps.executeStep();
    out.steps = steps.getColumn(0).getInt64();
    // Steps and artifacts go with their run (ON DELETE CASCADE).
    SQLite::Statement del(*db_, "DELETE FROM runs WHERE started_at < ?1 AND verdict != 'running'");
    del.bind(1, before);
    out.runs = del.exec();
    tx.commit();
    return out;
  });
}

}  // namespace pacts
