#pragma once
// One row mapper per table, private to the store: records to statement parameters (bound by name, so a
// statement may use any subset of a table's columns) and result rows to records (read by column name; a
// query must select every column its mapper reads: SELECT *).
// Only the store's translation units include this header (it brings in SQLiteCpp).
#include <optional>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/records.h"

namespace pacts::rows {

// Binds `value` to the parameter `:name` when the statement has one; NULL for an absent optional.
void bind(SQLite::Statement& st, const char* name, const std::string& value);
void bind(SQLite::Statement& st, const char* name, int64_t value);
void bind(SQLite::Statement& st, const char* name, double value);
void bind(SQLite::Statement& st, const char* name, const std::optional<std::string>& value);
void bind(SQLite::Statement& st, const char* name, const std::optional<double>& value);
void bind(SQLite::Statement& st, const char* name, const std::optional<int>& value);

// runs: :id :invocation_id :device_id :test_name :file :url :verdict :reason :error :started_at :finished_at
// :duration_ms :total_steps :steps_passed :total_assertions :assertions_passed
void bind_run(SQLite::Statement& st, const RunRecord& r);
RunRecord run_from(SQLite::Statement& row);

// run_steps: :id :run_id :kind :idx :line :action :target :value :selector :strategy :source :score :outcome
// :reason :error :started_at :duration_ms :lookup_ms :discovery_ms :action_ms :settle_ms; a heal's before and after
// (StepRecord::heal): :heal_old_selector :heal_similarity :heal_changed :heal_strategy :heal_tried :heal_ms
void bind_step(SQLite::Statement& st, const StepRecord& s);
StepRecord step_from(SQLite::Statement& row);

// artifacts: :id :run_id :step_idx :kind :path :bytes :sha256 :created_at
void bind_artifact(SQLite::Statement& st, const ArtifactRecord& a);
ArtifactRecord artifact_from(SQLite::Statement& row);

// selectors: :cache_key :url_pattern :action :target :scope :ordinal :context :selector :strategy :confidence
// :stable :fingerprint :verified_at :created_at
void bind_selector(SQLite::Statement& st, const SelectorRecord& s);
SelectorRecord selector_from(SQLite::Statement& row);

// outbox: :seq :device_id :entity :entity_id :op :payload :created_at
OutboxEntry outbox_entry_from(SQLite::Statement& row);

}  // namespace pacts::rows
