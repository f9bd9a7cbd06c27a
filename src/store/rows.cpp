#include "store/rows.h"

#include <algorithm>

#include "core/secret.h"
#include "core/text.h"

namespace pacts::rows {

namespace {

// 0 when the statement has no such parameter: the caller binds only what the statement uses.
int index_of(SQLite::Statement& st, const char* name) { return st.getIndex(name); }

std::string text(SQLite::Statement& row, const char* column) {
  auto c = row.getColumn(column);
  return c.isNull() ? std::string() : c.getString();
}

std::optional<std::string> opt_text(SQLite::Statement& row, const char* column) {
  auto c = row.getColumn(column);
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

int64_t integer(SQLite::Statement& row, const char* column) {
  auto c = row.getColumn(column);
  return c.isNull() ? 0 : c.getInt64();
}

double real(SQLite::Statement& row, const char* column) {
  auto c = row.getColumn(column);
  return c.isNull() ? 0.0 : c.getDouble();
}

}  // namespace

namespace {

// The heal columns (schema/sqlite/0009): all NULL on a step that did not heal.
void bind_step_heal(SQLite::Statement& st, const std::optional<StepHeal>& heal) {
  auto text_of = [&](const std::string& s) {
    return heal && !s.empty() ? std::optional<std::string>(s) : std::nullopt;
  };
  bind(st, ":heal_old_selector", heal ? std::optional<std::string>(heal->old_selector) : std::nullopt);
  bind(st, ":heal_similarity", heal ? std::optional<double>(heal->similarity) : std::nullopt);
  bind(st, ":heal_changed", text_of(heal ? join(heal->changed, ", ") : ""));
  bind(st, ":heal_strategy", text_of(heal ? heal->strategy : ""));
  bind(st, ":heal_tried", heal ? std::optional<int>(static_cast<int>(heal->tried)) : std::nullopt);
  bind(st, ":heal_ms", heal ? std::optional<double>(heal->heal_ms) : std::nullopt);
}

std::optional<StepHeal> step_heal_from(SQLite::Statement& row) {
  if (row.getColumn("heal_old_selector").isNull()) return std::nullopt;
  StepHeal h;
  h.old_selector = text(row, "heal_old_selector");
  h.similarity = real(row, "heal_similarity");
  std::string changed = text(row, "heal_changed");
  for (const auto& feature : split(changed, ','))
    if (!trim(feature).empty()) h.changed.push_back(trim(feature));
  h.strategy = text(row, "heal_strategy");
  h.tried = static_cast<size_t>(integer(row, "heal_tried"));
  h.heal_ms = real(row, "heal_ms");
  return h;
}

}  // namespace

// Every text a record brings is masked on its way in (see mask_secrets): no secret is ever written to disk.
void bind(SQLite::Statement& st, const char* name, const std::string& value) {
  if (int i = index_of(st, name)) st.bind(i, mask_secrets(value));
}
void bind(SQLite::Statement& st, const char* name, int64_t value) {
  if (int i = index_of(st, name)) st.bind(i, value);
}
void bind(SQLite::Statement& st, const char* name, double value) {
  if (int i = index_of(st, name)) st.bind(i, value);
}
void bind(SQLite::Statement& st, const char* name, const std::optional<std::string>& value) {
  if (int i = index_of(st, name)) value ? st.bind(i, mask_secrets(*value)) : st.bind(i);
}
void bind(SQLite::Statement& st, const char* name, const std::optional<double>& value) {
  if (int i = index_of(st, name)) value ? st.bind(i, *value) : st.bind(i);
}
void bind(SQLite::Statement& st, const char* name, const std::optional<int>& value) {
  if (int i = index_of(st, name)) value ? st.bind(i, *value) : st.bind(i);
}

void bind_run(SQLite::Statement& st, const RunRecord& r) {
  bind(st, ":id", r.id);
  bind(st, ":invocation_id", r.invocation_id);
  bind(st, ":test_name", r.test_name);
  bind(st, ":file", r.file);
  bind(st, ":url", r.url);
  bind(st, ":verdict", std::string(name(r.verdict)));
  bind(st, ":reason", std::string(name(r.reason)));
  bind(st, ":error", r.error);
  bind(st, ":started_at", r.started_at);
  bind(st, ":finished_at", r.finished_at);
  bind(st, ":duration_ms", static_cast<int64_t>(r.duration_ms));
  bind(st, ":total_steps", int64_t{r.total_steps});
  bind(st, ":steps_passed", int64_t{r.steps_passed});
  bind(st, ":total_assertions", int64_t{r.total_assertions});
  bind(st, ":assertions_passed", int64_t{r.assertions_passed});
  bind(st, ":attempt", int64_t{r.attempt});
}

RunRecord run_from(SQLite::Statement& row) {
  RunRecord r;
  r.id = text(row, "id");
  r.invocation_id = text(row, "invocation_id");
  r.test_name = text(row, "test_name");
  r.file = text(row, "file");
  r.url = text(row, "url");
  r.verdict = parse_verdict(text(row, "verdict")).value_or(Verdict::Error);
  r.reason = parse_failure_reason(text(row, "reason")).value_or(FailureReason::None);
  r.error = text(row, "error");
  r.started_at = text(row, "started_at");
  r.finished_at = text(row, "finished_at");
  r.duration_ms = static_cast<double>(integer(row, "duration_ms"));
  r.total_steps = static_cast<int>(integer(row, "total_steps"));
  r.steps_passed = static_cast<int>(integer(row, "steps_passed"));
  r.total_assertions = static_cast<int>(integer(row, "total_assertions"));
  r.assertions_passed = static_cast<int>(integer(row, "assertions_passed"));
  r.attempt = std::max(1, static_cast<int>(integer(row, "attempt")));
  return r;
}

void bind_step(SQLite::Statement& st, const StepRecord& s) {
  bind(st, ":id", s.id);
  bind(st, ":run_id", s.run_id);
  bind(st, ":kind", std::string(name(s.kind)));
  bind(st, ":idx", int64_t{s.index});
  bind(st, ":line", s.line > 0 ? std::optional<int>(s.line) : std::nullopt);
  bind(st, ":action", s.action);
  bind(st, ":target", s.target);
  bind(st, ":value", s.value);
  bind(st, ":selector", s.selector);
  bind(st, ":strategy", s.strategy);
  bind(st, ":source", s.source);
  bind(st, ":score", s.score);
  bind(st, ":outcome", std::string(name(s.outcome)));
  bind(st, ":reason", s.reason == FailureReason::None ? std::nullopt : std::optional<std::string>(name(s.reason)));
  bind(st, ":error", s.error.empty() ? std::nullopt : std::optional<std::string>(s.error));
  bind(st, ":started_at", s.started_at);
  bind(st, ":duration_ms", s.duration_ms);
  bind(st, ":lookup_ms", s.timings.lookup_ms);
  bind(st, ":discovery_ms", s.timings.discovery_ms);
  bind(st, ":action_ms", s.timings.action_ms);
  bind(st, ":settle_ms", s.timings.settle_ms);
  bind_step_heal(st, s.heal);
}

StepRecord step_from(SQLite::Statement& row) {
  StepRecord s;
  s.id = text(row, "id");
  s.run_id = text(row, "run_id");
  s.kind = text(row, "kind") == "assertion" ? StepKind::Assertion : StepKind::Step;
  s.index = static_cast<int>(integer(row, "idx"));
  s.line = static_cast<int>(integer(row, "line"));
  s.action = text(row, "action");
  s.target = opt_text(row, "target");
  s.value = opt_text(row, "value");
  s.selector = opt_text(row, "selector");
  s.strategy = opt_text(row, "strategy");
  s.source = opt_text(row, "source");
  if (!row.getColumn("score").isNull()) s.score = row.getColumn("score").getDouble();
  s.outcome = parse_outcome(text(row, "outcome")).value_or(Outcome::Skipped);
  s.reason = parse_failure_reason(text(row, "reason")).value_or(FailureReason::None);
  s.error = text(row, "error");
  s.started_at = text(row, "started_at");
  s.duration_ms = real(row, "duration_ms");
  s.timings.lookup_ms = real(row, "lookup_ms");
  s.timings.discovery_ms = real(row, "discovery_ms");
  s.timings.action_ms = real(row, "action_ms");
  s.timings.settle_ms = real(row, "settle_ms");
  s.heal = step_heal_from(row);
  return s;
}

void bind_artifact(SQLite::Statement& st, const ArtifactRecord& a) {
  bind(st, ":id", a.id);
  bind(st, ":run_id", a.run_id);
  bind(st, ":step_idx", a.step_idx);
  bind(st, ":kind", a.kind);
  bind(st, ":path", a.path);
  bind(st, ":bytes", a.bytes);
  bind(st, ":sha256", a.sha256);
  bind(st, ":created_at", a.created_at);
}

ArtifactRecord artifact_from(SQLite::Statement& row) {
  ArtifactRecord a;
  a.id = text(row, "id");
  a.run_id = text(row, "run_id");
  if (!row.getColumn("step_idx").isNull()) a.step_idx = row.getColumn("step_idx").getInt();
  a.kind = text(row, "kind");
  a.path = text(row, "path");
  a.bytes = integer(row, "bytes");
  a.sha256 = text(row, "sha256");
  a.created_at = text(row, "created_at");
  return a;
}

void bind_selector(SQLite::Statement& st, const SelectorRecord& s) {
  bind(st, ":cache_key", s.key.canonical());
  bind(st, ":url_pattern", s.key.url_pattern);
  bind(st, ":action", s.key.action);
  bind(st, ":target", s.key.target);
  bind(st, ":scope", s.key.scope);
  bind(st, ":ordinal", int64_t{s.key.ordinal});
  bind(st, ":context", s.key.context);
  bind(st, ":selector", s.selector);
  bind(st, ":strategy", s.strategy);
  bind(st, ":confidence", s.confidence);
  bind(st, ":stable", int64_t{s.stable ? 1 : 0});
  bind(st, ":fingerprint", s.fingerprint);
  bind(st, ":verified_at", s.verified_at);
  bind(st, ":created_at", s.created_at);
}

SelectorRecord selector_from(SQLite::Statement& row) {
  SelectorRecord r;
  r.key.url_pattern = text(row, "url_pattern");
  r.key.action = text(row, "action");
  r.key.target = text(row, "target");
  r.key.scope = text(row, "scope");
  r.key.ordinal = static_cast<int>(integer(row, "ordinal"));
  r.key.context = text(row, "context");
  r.selector = text(row, "selector");
  r.strategy = text(row, "strategy");
  r.confidence = real(row, "confidence");
  r.stable = integer(row, "stable") != 0;
  r.fingerprint = text(row, "fingerprint");
  r.verified_at = text(row, "verified_at");
  r.created_at = text(row, "created_at");
  r.hit_count = integer(row, "hit_count");
  r.miss_count = integer(row, "miss_count");
  r.failures_in_a_row = static_cast<int>(integer(row, "failures_in_a_row"));
  return r;
}

OutboxEntry outbox_entry_from(SQLite::Statement& row) {
  OutboxEntry e;
  e.seq = integer(row, "seq");
  e.device_id = text(row, "device_id");
  e.entity = text(row, "entity");
  e.entity_id = text(row, "entity_id");
  e.op = text(row, "op");
  e.payload = text(row, "payload");
  e.created_at = text(row, "created_at");
  e.rejected_error = text(row, "rejected_error");
  return e;
}

}  // namespace pacts::rows
