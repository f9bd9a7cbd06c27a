// Every `pacts run` leaves its own HTML report and says where; run.screenshots (--screenshots) decides which
// screenshots are kept; `pacts gc` deletes old runs with their screenshots and reports, and keeps the rest.
// The pacts executable as a process, in headless Chromium, over a store of its own.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <SQLiteCpp/SQLiteCpp.h>

#include "core/temp_dir.h"
#include "harness.h"
#include "processes.h"

using namespace pacts;
using namespace pacts::testing;
namespace fs = std::filesystem;

namespace {

struct Project {
  TempDir dir{"pacts-retention"};
  std::string config = dir.path() + "/config.toml";
  std::string tests = dir.path() + "/shop.txt";
  std::string reports = dir.path() + "/reports";
  std::string artifacts = dir.path() + "/artifacts";
  std::string db = dir.path() + "/pacts.db";
  int runs = 0;

  Project() {
    std::ofstream(config) << "[store]\npath = \"" << db << "\"\n[run]\nartifacts_dir = \"" << artifacts
                          << "\"\n[report]\nhtml_dir = \"" << reports << "\"\n";
    std::ofstream(tests)
        << "Test: saves notifications\nURL: /ambiguous.html\nSteps:\n1. Click \"Save\" in the Notifications "
           "section\nExpected: \"Saved notifications\" is visible\n\n"
           "Test: expects a thank-you\nURL: /ambiguous.html\nSteps:\n1. Click \"Save\" in the Notifications "
           "section\nExpected: \"Thank you for your order\" is visible\n";
  }
  // `pacts <args> -c config`: exit code and output.
  std::pair<int, std::string> pacts(std::vector<std::string> args) {
    std::string log = dir.path() + "/pacts-" + std::to_string(++runs) + ".log";
    args.insert(args.begin(), PACTS_BINARY);
    args.insert(args.end(), {"-c", config});
    int code = wait_exit(spawn(args, log));
    return {code, file_text(log)};
  }
  std::pair<int, std::string> run(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"run", "--no-cache", "--serve", source_path("tests/pages")};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(tests);
    return pacts(args);
  }
  int64_t count(const std::string& sql) {
    SQLite::Database d(db);
    return d.execAndGet(sql).getInt64();
  }
  std::vector<std::string> artifact_paths() {
    SQLite::Database d(db);
    SQLite::Statement st(d, "SELECT path FROM artifacts");
    std::vector<std::string> out;
    while (st.executeStep()) out.push_back(st.getColumn(0).getString());
    return out;
  }
};

std::string report_path_in(const std::string& output) {
  auto at = output.find("HTML report: ");
  if (at == std::string::npos) return "";
  auto end = output.find('\n', at);
  return output.substr(at + 13, end - at - 13);
}

}  // namespace

TEST_CASE("every run writes one self-contained HTML report into report.html_dir and prints its path", "[reports]") {
  Project p;
  auto [code, out] = p.run();
  INFO(out);
  CHECK(code == 1);
  std::string path = report_path_in(out);
  REQUIRE(!path.empty());
  CHECK(fs::path(path).parent_path() == fs::path(p.reports));
  auto html = file_text(path);
  CHECK_THAT(html, Catch::Contains("Thank you for your order"));
  CHECK_THAT(html, Catch::Contains("data:image/png;base64,"));  // the failure's screenshot, inlined
  // By default (run.screenshots = "failures") only the failed test's page is kept: its screenshot and its HTML.
  CHECK(p.count("SELECT count(*) FROM artifacts WHERE kind = 'screenshot'") == 1);
  CHECK(p.count("SELECT count(*) FROM artifacts WHERE kind = 'html'") == 1);
  CHECK(p.count("SELECT count(*) FROM artifacts a JOIN runs r ON r.id = a.run_id WHERE r.verdict = 'fail'") == 2);
}

TEST_CASE("--screenshots all keeps a screenshot after every step, off keeps none, and a bad value exits 2",
          "[reports]") {
  Project p;
  auto [all_code, all_out] = p.run({"--screenshots", "all"});
  INFO(all_out);
  CHECK(all_code == 1);
  CHECK(p.count("SELECT count(*) FROM artifacts a JOIN runs r ON r.id = a.run_id WHERE r.verdict = 'pass'") == 1);
  CHECK(p.count("SELECT count(*) FROM artifacts") == 4);  // each test's click, the failed assertion and its HTML
  auto [off_code, off_out] = p.run({"--screenshots", "off"});
  INFO(off_out);
  CHECK(off_code == 1);
  CHECK(p.count("SELECT count(*) FROM artifacts") == 4);  // none more
  auto [bad_code, bad_out] = p.run({"--screenshots", "sometimes"});
  CHECK(bad_code == 2);
  CHECK_THAT(bad_out, Catch::Contains("--screenshots") && Catch::Contains("all, failures, off"));
}

TEST_CASE("pacts gc deletes the runs older than --keep-days with their screenshots and reports, and says so",
          "[reports]") {
  Project p;
  auto [old_code, old_out] = p.run();
  REQUIRE(old_code == 1);
  std::string old_report = report_path_in(old_out);
  auto old_shots = p.artifact_paths();
  REQUIRE(old_shots.size() == 2);  // the failure's screenshot and the page's HTML
  REQUIRE(fs::exists(old_shots[0]));
  {  // that run was forty days ago
    SQLite::Database d(p.db, SQLite::OPEN_READWRITE);
    d.exec("UPDATE runs SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-40 days')");
    fs::last_write_time(old_report, fs::file_time_type::clock::now() - std::chrono::hours(24 * 40));
  }
  auto [new_code, new_out] = p.run();
  REQUIRE(new_code == 1);
  std::string new_report = report_path_in(new_out);
  auto metrics_before = p.count("SELECT runs FROM run_totals WHERE verdict = 'fail'");

  auto [gc_code, gc_out] = p.pacts({"gc", "--keep-days", "30"});
  INFO(gc_out);
  CHECK(gc_code == 0);
  CHECK_THAT(gc_out, Catch::Contains("removed 2 runs started more than 30 days ago (4 steps and assertions), "
                                     "2 artifact files and 1 HTML reports; freed "));
  CHECK_FALSE(fs::exists(old_shots[0]));
  CHECK_FALSE(fs::exists(fs::path(old_shots[0]).parent_path()));  // the run's folder, emptied, goes too
  CHECK_FALSE(fs::exists(old_report));
  CHECK(fs::exists(new_report));
  CHECK(p.count("SELECT count(*) FROM runs") == 2);
  CHECK(p.count("SELECT count(*) FROM artifacts") == 2);
  for (const auto& path : p.artifact_paths()) CHECK(fs::exists(path));
  CHECK(p.count("SELECT runs FROM run_totals WHERE verdict = 'fail'") == metrics_before);  // counters stay

  auto [bad_code, bad_out] = p.pacts({"gc", "--keep-days", "-1"});
  CHECK(bad_code == 2);
  CHECK_THAT(bad_out, Catch::Contains("--keep-days"));
}
