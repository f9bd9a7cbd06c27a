// What a sync did, its status and the team store's counts, as text for a person and JSON for a program.
#include <ctime>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sync/sync.h"

namespace pacts {

using nlohmann::json;

namespace {

// Seconds from an ISO 8601 UTC time ("2026-11-23T23:59:59.123Z") until now; -1 when there is none.
double age_s(const std::string& iso) {
  std::tm tm{};
  int ms = 0;
  if (iso.empty() || sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                            &tm.tm_min, &tm.tm_sec, &ms) < 6)
    return -1;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  double then = static_cast<double>(timegm(&tm)) + ms / 1000.0;
  double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  return std::max(0.0, now - then);
}

std::string duration_text(double s) {
  if (s < 0) return "-";
  if (s < 60) return fmt::format("{:.0f} s", s);
  if (s < 3600) return fmt::format("{:.0f} min", s / 60);
  if (s < 86400 * 2) return fmt::format("{:.1f} h", s / 3600);
  return fmt::format("{:.1f} days", s / 86400);
}

std::string per_entity(const std::map<std::string, int64_t>& counts) {
  std::string out;
  for (const auto& [entity, n] : counts) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", entity, n);
  return out.empty() ? "nothing" : out;
}

const char* mode_name(SyncMode m) {
  return m == SyncMode::Push ? "push" : m == SyncMode::Pull ? "pull" : "push_and_pull";
}

json rejected_json(const std::vector<RejectedEntry>& rejected) {
  json a = json::array();
  for (const auto& r : rejected)
    a.push_back({{"seq", r.seq}, {"entity", r.entity}, {"entity_id", r.entity_id}, {"error", r.error}});
  return a;
}

}  // namespace

std::string sync_report_text(const SyncReport& r) {
  std::string out;
  if (r.mode != SyncMode::Pull) {
    const auto& p = r.push;
    double rate = p.seconds > 0 ? p.entries / p.seconds : 0;
    out += fmt::format("push: {} entries in {} batches, {:.2f} s ({:.0f}/s): {}", p.entries, p.batches, p.seconds,
                       rate, per_entity(p.applied));
    if (p.already_applied) out += fmt::format("; {} already applied before (skipped)", p.already_applied);
    if (!p.oldest_entry.empty()) out += fmt::format("; the oldest waited {}", duration_text(age_s(p.oldest_entry)));
    out += "\n";
    for (const auto& x : p.rejected)
      out += fmt::format("  refused by the team database: outbox seq {} ({} {}): {}\n", x.seq, x.entity, x.entity_id,
                         x.error);
  }
  if (r.pulled) {
    const auto& p = r.pull;
    out += fmt::format("pull: {} selectors ({} written here, {} kept: as new or newer here), {} invalidations ({} "
                       "removed here), {} heal rows from other devices",
                       p.selectors, p.selectors_written, p.selectors_kept, p.invalidations, p.selectors_removed,
                       p.heal_rows);
    if (!p.oldest_change.empty()) out += fmt::format("; lag {}", duration_text(age_s(p.oldest_change)));
    if (p.redis_written || p.redis_removed) out += fmt::format("; redis: {} written, {} removed", p.redis_written, p.redis_removed);
    out += "\n";
    if (!p.redis_error.empty()) out += fmt::format("  redis was not updated: {}\n", p.redis_error);
  }
  out += fmt::format("outbox: {} pending", r.pending);
  if (r.pruned) out += fmt::format(", {} delivered entries pruned", r.pruned);
  out += "\n";
  if (r.interrupted) out += "stopped by a signal between two batches; run pacts sync again to finish\n";
  return out;
}

std::string sync_report_json(const SyncReport& r) {
  const auto& p = r.push;
  const auto& q = r.pull;
  json j = {{"mode", mode_name(r.mode)},
            {"ok", r.error.empty() && !r.interrupted && p.rejected.empty()},
            {"error", r.error},
            {"interrupted", r.interrupted},
            {"finished_at", r.finished_at},
            {"seconds", r.seconds},
            {"pending", r.pending},
            {"pruned", r.pruned}};
  if (r.mode != SyncMode::Pull)
    j["push"] = {{"completed", r.pushed},     {"entries", p.entries},
                 {"batches", p.batches},      {"applied", p.applied},
                 {"already_applied", p.already_applied}, {"rejected", rejected_json(p.rejected)},
                 {"oldest_entry", p.oldest_entry}, {"lag_s", age_s(p.oldest_entry)},
                 {"seconds", p.seconds}};
  if (r.mode != SyncMode::Push)
    j["pull"] = {{"completed", r.pulled},           {"selectors", q.selectors},
                 {"selectors_written", q.selectors_written}, {"selectors_kept", q.selectors_kept},
                 {"invalidations", q.invalidations}, {"selectors_removed", q.selectors_removed},
                 {"heal_rows", q.heal_rows},         {"redis_written", q.redis_written},
                 {"redis_removed", q.redis_removed}, {"redis_error", q.redis_error},
                 {"oldest_change", q.oldest_change}, {"lag_s", age_s(q.oldest_change)},
                 {"seconds", q.seconds}};
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string sync_status_text(const SyncStatus& s) {
  std::string out = fmt::format("device         {} ({})\n", s.device_name, s.device_id);
  out += fmt::format("pending        {} entries: {}\n", s.outbox.pending_total, per_entity(s.outbox.pending));
  if (!s.outbox.oldest_pending_at.empty())
    out += fmt::format("oldest pending {} ({} old)\n", s.outbox.oldest_pending_at,
                       duration_text(age_s(s.outbox.oldest_pending_at)));
  out += fmt::format("delivered      {} entries kept until sync.keep_pushed_days\n", s.outbox.delivered);
  out += fmt::format("last success   {}\n", s.last_success_at.empty() ? "never" : s.last_success_at);
  out += fmt::format("last error     {}\n", s.last_error.empty() ? "none" : s.last_error_at + ": " + s.last_error);
  out += fmt::format("refused        {} entries (kept in the local outbox and in the team's sync_rejected)\n",
                     s.outbox.rejected);
  for (const auto& e : s.rejected)
    out += fmt::format("  seq {} {} {}: {}\n", e.seq, e.entity, e.entity_id, e.rejected_error);
  return out;
}

std::string sync_status_json(const SyncStatus& s) {
  json rejected = json::array();
  for (const auto& e : s.rejected)
    rejected.push_back({{"seq", e.seq}, {"entity", e.entity}, {"entity_id", e.entity_id}, {"error", e.rejected_error},
                        {"created_at", e.created_at}});
  json j = {{"device_id", s.device_id},
            {"device_name", s.device_name},
            {"pending", s.outbox.pending},
            {"pending_total", s.outbox.pending_total},
            {"oldest_pending_at", s.outbox.oldest_pending_at},
            {"oldest_pending_age_s", age_s(s.outbox.oldest_pending_at)},
            {"delivered", s.outbox.delivered},
            {"rejected_total", s.outbox.rejected},
            {"rejected", rejected},
            {"last_success_at", s.last_success_at},
            {"last_error", s.last_error},
            {"last_error_at", s.last_error_at}};
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string team_info_text(const TeamInfo& i) {
  std::string out = fmt::format("team store     {}\n", i.where);
  out += fmt::format("schema version {} (latest {})\n", i.schema_version, i.latest_schema_version);
  if (!i.team_id.empty()) out += fmt::format("team id        {}\n", i.team_id);
  for (const auto& [table, n] : i.rows) out += fmt::format("{:<22} {} rows\n", table, n);
  for (const auto& d : i.devices)
    out += fmt::format("device {} ({}): last change {}, last pull {}\n", d.name, d.id, d.last_seen_at,
                       d.pulled_at.empty() ? "never" : d.pulled_at);
  return out;
}

std::string team_info_json(const TeamInfo& i) {
  json devices = json::array();
  for (const auto& d : i.devices)
    devices.push_back({{"device_id", d.id}, {"name", d.name}, {"last_seen_at", d.last_seen_at}, {"pulled_at", d.pulled_at}});
  json j = {{"where", i.where}, {"schema_version", i.schema_version}, {"latest_schema_version", i.latest_schema_version},
            {"team_id", i.team_id}, {"rows", i.rows}, {"devices", devices}};
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace pacts
