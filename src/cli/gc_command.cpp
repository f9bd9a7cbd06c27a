// `pacts gc [--keep-days N]`: retention. Deletes the finished runs started more than N days ago (store.keep_days
// by default) with their steps and artifact rows, then the artifact files those rows recorded (only files inside
// run.artifacts_dir), and the HTML reports in report.html_dir last written before then; says how much it freed.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "config/config.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/store.h"

namespace pacts {

namespace fs = std::filesystem;

namespace {

// Whether `path` names something inside `dir` once both are made absolute and normal (no "..", symlinks
// resolved as far as they exist).
bool inside(const fs::path& dir, const fs::path& path) {
  std::error_code ec;
  fs::path d = fs::weakly_canonical(dir, ec);
  if (ec) return false;
  fs::path p = fs::weakly_canonical(path, ec);
  if (ec) return false;
  auto [end, rest] = std::mismatch(d.begin(), d.end(), p.begin(), p.end());
  return end == d.end() && rest != p.end();
}

// Removes a regular file; its size, or 0 when it was not there or could not be removed.
int64_t remove_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(path, ec))) return 0;
  auto bytes = static_cast<int64_t>(fs::file_size(path, ec));
  if (ec || !fs::remove(path, ec) || ec) return 0;
  return bytes;
}

struct Freed {
  int64_t files = 0;
  int64_t bytes = 0;
};

Freed remove_artifacts(const PrunedRuns& pruned, const std::string& artifacts_dir) {
  Freed freed;
  for (const auto& [path, recorded_bytes] : pruned.artifacts) {
    if (!inside(artifacts_dir, path)) continue;  // a row pointing elsewhere is never followed
    int64_t bytes = remove_file(path);
    if (bytes == 0) continue;
    ++freed.files;
    freed.bytes += bytes;
    std::error_code ec;
    fs::path run_dir = fs::path(path).parent_path();
    if (inside(artifacts_dir, run_dir) && fs::is_empty(run_dir, ec) && !ec) fs::remove(run_dir, ec);
  }
  return freed;
}

Freed remove_reports(const std::string& html_dir, fs::file_time_type before) {
  Freed freed;
  std::error_code ec;
  if (html_dir.empty() || !fs::is_directory(html_dir, ec)) return freed;
  for (const auto& entry : fs::directory_iterator(html_dir, ec)) {
    if (!entry.is_regular_file(ec) || entry.path().extension() != ".html") continue;
    if (entry.last_write_time(ec) >= before || ec) continue;
    int64_t bytes = remove_file(entry.path());
    if (bytes == 0) continue;
    ++freed.files;
    freed.bytes += bytes;
  }
  return freed;
}

std::string human_bytes(int64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", bytes / 1024.0);
  return fmt::format("{:.1f} MiB", bytes / (1024.0 * 1024.0));
}

}  // namespace

int cmd_gc(const CommonArgs& common, const GcArgs& args) {
  Config config = load_config(common.config_path, process_environment());
  for (const auto& w : config.warnings) spdlog::warn("{}", w);
  if (config.store.path == ":memory:") throw_bad_input("store.path is \":memory:\": there is no store to prune");
  if (args.keep_days) set_config_value(config, "store", "keep_days", *args.keep_days, "--keep-days");
  int keep_days = config.store.keep_days;
  auto cutoff = std::chrono::system_clock::now() - std::chrono::hours(24) * keep_days;
  Store store(config.store.path, config.store.busy_timeout_ms);
  PrunedRuns pruned = store.prune_runs(iso8601(cutoff));
  Freed artifacts = remove_artifacts(pruned, config.run.artifacts_dir);
  auto file_cutoff = fs::file_time_type::clock::now() - std::chrono::hours(24) * keep_days;
  Freed reports = remove_reports(config.report.html_dir, file_cutoff);
  fmt::print("pacts gc: removed {} runs started more than {} days ago ({} steps and assertions), {} artifact files "
             "and {} HTML reports; freed {} on disk\n",
             pruned.runs, keep_days, pruned.steps, artifacts.files, reports.files,
             human_bytes(artifacts.bytes + reports.bytes));
  return kExitOk;
}

}  // namespace pacts
