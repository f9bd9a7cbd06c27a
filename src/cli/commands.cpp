#include "cli/commands.h"

#include <unistd.h>

#include <fstream>
#include <algorithm>
#include <iostream>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "browser/browser.h"
#include "cache/factory.h"
#include "config/config.h"
#include "core/interrupt.h"
#include "core/url.h"
#include "report/cache_report.h"
#include "report/heal_report.h"
#include "report/console.h"
#include "report/json_report.h"
#include "report/loops.h"
#include "report/outputs.h"
#include "run/runner.h"
#include "serve/static_server.h"
#include "core/error.h"
#include "plan/loader.h"
#include "plan/plan_json.h"
#include "plan/shard.h"
#include "store/migrations.h"
#include "store/pg_migrations.h"
#include "store/store.h"
#include "sync/outbox.h"
#include "sync/sync.h"
#include "cli/sync_command.h"
#include "core/secret.h"
#include "core/text.h"

#ifndef PACTS_VERSION
#define PACTS_VERSION "dev"
#endif

namespace pacts {

namespace {

std::string quoted(const std::optional<std::string>& s) { return s ? "\"" + *s + "\"" : std::string("-"); }

// "login" -> "the login page"; "homepage" -> "the homepage".
std::string page_name(const std::string& key) { return "the " + key + (ends_with_ci(key, "page") ? "" : " page"); }

std::string assertion_detail(const Assertion& a) {
  std::string d = assertion_type_name(a.type);
  if (!a.target.text.empty()) d += " \"" + a.target.text + "\"";
  if (!a.value.empty() || a.type == AssertionType::FieldEquals) d += (a.target.text.empty() ? " \"" : " = \"") + a.value.masked() + "\"";
  if (a.count) d += fmt::format("  count {}", *a.count);
  if (a.target.within) d += "  within \"" + *a.target.within + "\"";
  if (!a.page.empty()) d += "  (" + page_name(a.page) + ")";
  return d;
}

std::string step_detail(const Step& s) {
  if (s.action == Action::Unclear) return fmt::format("\"{}\"  REFUSED: {}", s.sentence, s.refusal);
  std::string detail = quoted(s.has_target() ? std::optional<std::string>(s.target.text) : std::nullopt);
  if (s.destination) detail += " onto \"" + s.destination->text + "\"";
  if (s.value) detail += " = \"" + s.value->masked() + "\"";
  if (s.target.ordinal) detail += fmt::format("  ordinal {}", *s.target.ordinal);
  if (s.target.within) detail += "  within \"" + *s.target.within + "\"";
  if (s.target.context) detail += "  for \"" + *s.target.context + "\"";
  if (!s.page.empty()) detail += "  (" + page_name(s.page) + ")";
  return detail;
}

void print_plan(const Plan& plan) {
  std::string last_file;
  for (const auto& t : plan.tests) {
    if (t.file != last_file) {
      fmt::print("{}\n", t.file);
      last_file = t.file;
    }
    fmt::print("  Test: {}  (URL {}){}\n", t.name, t.url.empty() ? "-" : t.url.masked(),
               t.tags.empty() ? "" : "  " + join(t.tags, " "));
    size_t a = 0;
    auto print_assertions_until = [&](int after) {
      for (; a < t.assertions.size() && t.assertions[a].after_step <= after; ++a) {
        const auto& as = t.assertions[a];
        fmt::print("    {:>4}  {:<8} {}\n", as.line > 0 ? std::to_string(as.line) : "", "expect", assertion_detail(as));
      }
    };
    for (size_t i = 0; i < t.steps.size(); ++i) {
      print_assertions_until(static_cast<int>(i));
      const auto& s = t.steps[i];
      fmt::print("    {:>4}  {:<8} {}\n", s.line > 0 ? std::to_string(s.line) : "", action_name(s.action), step_detail(s));
    }
    print_assertions_until(static_cast<int>(t.steps.size()));
  }
}

LoadOptions load_options_for(const CommonArgs& common, const Config& config, const std::map<std::string, std::string>& env,
                             const SelectionArgs& selection) {
  LoadOptions options;
  options.vars = common.vars;
  options.env = env;
  options.pages = config.pages;
  options.macro_files = config.macros.files;
  if (selection.tags) options.tags = TagExpression::parse(*selection.tags);
  if (selection.data_file) {
    options.data_file = *selection.data_file;
    options.data_rows = read_data_rows(*selection.data_file);
  }
  return options;
}

std::optional<Shard> shard_of(const SelectionArgs& selection) {
  if (!selection.shard) return std::nullopt;
  return parse_shard(*selection.shard, "--shard");
}

// The configuration every command reads (--config, $PACTS_CONFIG, ./config.toml, PACTS_* variables), with its
// warnings said once.
Config config_for(const CommonArgs& common, const std::map<std::string, std::string>& env = process_environment()) {
  Config config = load_config(common.config_path, env);
  for (const auto& w : config.warnings) spdlog::warn("{}", w);
  return config;
}

}  // namespace

int cmd_plan(const CommonArgs& common, const PlanArgs& args) {
  auto env = process_environment();
  Config config = config_for(common, env);  // a bad --config is an error here too, as for every command
  std::optional<Shard> shard = shard_of(args.selection);
  PlanReading reading = read_plan(args.files, load_options_for(common, config, env, args.selection));
  if (shard) reading.plan = select_shard(reading.plan, *shard);
  const Plan& plan = reading.plan;
  if (!args.quiet && args.json_path.value_or("") != "-") print_plan(plan);
  if (args.json_path) {
    std::string json = plan_to_json(plan);
    if (*args.json_path == "-") {
      std::cout << json;
    } else {
      std::ofstream out(*args.json_path, std::ios::binary);
      if (!out) throw_bad_input("cannot write " + *args.json_path);
      out << json;
    }
  }
  size_t steps = 0, assertions = 0, refused = 0;
  for (const auto& t : plan.tests) {
    steps += t.steps.size();
    assertions += t.assertions.size();
    refused += t.unclear_steps().size();
  }
  if (args.json_path.value_or("") != "-")
    fmt::print("{} test{}, {} steps, {} assertions{}\n", plan.tests.size(), plan.tests.size() == 1 ? "" : "s", steps,
               assertions, refused ? fmt::format(", {} refused", refused) : "");
  if (reading.errors.empty()) return kExitOk;
  std::cerr << fmt::format("pacts plan: {}\n", mask_secrets(plan_errors_text(reading.errors)));
  return kExitBadInput;
}

namespace {

bool running_in_ci(const std::map<std::string, std::string>& env) {
  auto it = env.find("CI");
  return it != env.end() && !it->second.empty() && it->second != "0" && it->second != "false";
}

// The plan `pacts run` runs: every file read without an error, and at least one test. A test with a sentence
// PACTS refused is never run: the error says which, after what is wrong.
Plan plan_to_run(PlanReading reading, const SelectionArgs& selection) {
  if (!reading.errors.empty()) {
    std::string refused;
    for (const auto& t : reading.plan.tests)
      if (auto u = t.unclear_steps(); !u.empty())
        refused += fmt::format("\n  {} ({}:{}): {} refused step{}", t.name, t.file, t.line, u.size(), u.size() == 1 ? "" : "s");
    throw_bad_input(plan_errors_text(reading.errors) +
                    (refused.empty() ? "" : "\nnot run, because a step is not understood:" + refused));
  }
  if (reading.plan.tests.empty())
    throw_bad_input(selection.tags ? fmt::format("no test has tags that match --tags \"{}\"", *selection.tags)
                                   : std::string("no tests in the given files"));
  return std::move(reading.plan);
}

// The plan run `repeat` times, each loop a run of its own with its own cache counters, in the same browsers
// (worker 1's; the other workers launch theirs in each loop).
std::vector<RunReport> run_loops(const Plan& plan, const BrowserSource& browsers, Store& store, SelectorCache* cache,
                                 ConsoleReporter& reporter, const ExecutorOptions& options, int repeat) {
  reporter.run_started(static_cast<int>(plan.tests.size()) * repeat);
  std::vector<RunReport> loops;
  for (int loop = 1; loop <= repeat; ++loop) {
    if (repeat > 1) reporter.note(fmt::format("loop {} of {}", loop, repeat));
    if (cache) cache->reset_stats();
    loops.push_back(run_plan(plan, browsers, &store, cache, reporter, options));
    if (!loops.back().stopped.empty()) break;  // the browser is gone: no loop after it can run
  }
  return loops;
}

}  // namespace

int cmd_run(const CommonArgs& common, const RunArgs& args) {
  install_signal_handlers();
  auto env = process_environment();
  Config config = config_for(common, env);
  if (args.timeout_ms) set_config_value(config, "run", "step_timeout_ms", *args.timeout_ms, "--timeout");
  if (args.screenshots) set_config_value(config, "run", "screenshots", *args.screenshots, "--screenshots");
  if (args.grid_url) set_config_value(config, "browser", "grid_url", *args.grid_url, "--grid");
  if (args.retries) set_config_value(config, "run", "retries", *args.retries, "--retries");
  if (args.workers) set_config_value(config, "run", "workers", *args.workers, "--workers");
  if (args.fail_on_flaky) config.run.fail_on_flaky = true;
  if (args.json_path) config.report.json = *args.json_path;
  if (args.reporter) set_config_value(config, "report", "reporter", *args.reporter, "--reporter");
  if (args.sync) team_db_options(config);  // --sync without a team database: say so before running anything
  std::vector<ReportOutput> outputs;
  for (const auto& flag : args.reports) outputs.push_back(parse_report_flag(flag));  // bad ones before the run

  std::optional<Shard> shard = shard_of(args.selection);
  Plan plan = plan_to_run(read_plan(args.files, load_options_for(common, config, env, args.selection)), args.selection);
  if (shard) {
    plan = select_shard(plan, *shard);
    // More shards than tests: this machine has nothing to do, which is not a failure of the suite.
    if (plan.tests.empty()) {
      fmt::print("shard {}/{} has no tests (the suite has fewer tests than shards)\n", shard->index, shard->count);
      return kExitOk;
    }
  }
  if (!args.serve_dirs.empty() && args.base_url) throw_bad_input("give either --serve DIR or --base-url URL, not both");

  std::unique_ptr<StaticServer> server;
  std::string base_url = args.base_url.value_or("");
  if (!args.serve_dirs.empty()) {
    server = std::make_unique<StaticServer>(args.serve_dirs);
    base_url = server->base_url();
  }
  if (!base_url.empty() && !is_absolute_url(base_url)) throw_bad_input("--base-url must be an absolute URL, got " + base_url);
  for (const auto& t : plan.tests)
    if (!t.url.empty() && !is_absolute_url(t.url.clear()) && base_url.empty())
      throw_bad_input(fmt::format("{}: the URL {} of test '{}' is relative; run with --serve DIR or --base-url URL",
                                  t.file, t.url, t.name));

  bool terminal = isatty(fileno(stdout)) == 1;
  ConsoleReporter reporter(stdout, ConsoleStyle{console_mode(config.report.reporter, terminal),
                                                color_wanted(config.report.color, stdout), args.verbose,
                                                terminal ? terminal_columns(stdout) : 0});
  Store store(config.store.path, config.store.busy_timeout_ms, config.sync.device_name);
  if (args.sync) pull_before_run(config, store, [&](const std::string& w) { reporter.warning(w); });
  std::unique_ptr<SelectorCache> cache;
  if (config.cache.enabled && !args.no_cache)
    cache = make_selector_cache(config, store, [&](const std::string& w) { reporter.warning(w); });

  BrowserOptions bo;
  bo.executable = config.browser.executable;
  bo.ws_url = args.browser_ws.value_or(config.browser.ws_url);
  bo.grid_url = config.browser.grid_url;
  bo.grid_chromium = config.browser.grid_chromium;
  bo.grid_timeout = std::chrono::milliseconds(config.browser.grid_timeout_ms);
  bo.headless = config.browser.headless && !args.headed;
  bo.launch_timeout = std::chrono::milliseconds(config.browser.launch_timeout_ms);
  bo.window_width = config.browser.window_width;
  bo.window_height = config.browser.window_height;
  bo.extra_args = config.browser.extra_args;
  // On a Grid every worker asks for its own session when it starts, and for a new one after losing it.
  std::unique_ptr<Browser> first = bo.grid_url.empty() ? std::make_unique<Browser>(bo) : nullptr;

  ExecutorOptions eo;
  eo.run = config.run;
  eo.base_url = base_url;
  eo.ci = args.ci || running_in_ci(env);
  // More workers get browsers of their own: launched alike, or connected alike to the browser at browser.ws_url
  // (then the workers are contexts of that one browser).
  auto launch = [&] { return std::make_unique<Browser>(bo); };
  std::vector<RunReport> loops = run_loops(plan, BrowserSource{first.get(), launch, !bo.grid_url.empty()}, store,
                                           cache.get(), reporter, eo, args.repeat);
  RunReport report = loops.size() == 1 ? loops.front() : merged_loops(loops);
  if (args.repeat > 1) reporter.note(loops_table(loops));
  reporter.summary(report);
  bool failed = report.failed() > 0 || (config.run.fail_on_flaky && report.flaky() > 0);
  int code = report.internal_error() ? kExitInternal : failed ? kExitTestFailed : kExitOk;
  // Not one test got a browser (the Grid refused every session): the set-up is wrong, not the tests.
  if (!report.tests.empty() && report.without_browser == static_cast<int>(report.tests.size())) code = kExitBadInput;
  if (!report.stopped.empty()) {
    reporter.warning(fmt::format("the run stopped early: {}", report.stopped));
    code = kExitBrowserLost;
  }
  std::string sync_json;
  if (args.sync) code = push_after_run(config, store, code, sync_json);
  if (!config.report.json.empty()) {
    if (args.sync)
      write_run_report_with_sync(loops.size() == 1 ? run_report_json(report) : loops_report_json(loops),
                                 config.report.json, sync_json);
    else if (loops.size() == 1) write_run_report(report, config.report.json);
    else write_loops_report(loops, config.report.json);
  }
  write_report_outputs(loops, outputs);
  if (!config.report.html_dir.empty()) {
    try {
      reporter.note(fmt::format("HTML report: {}", write_run_html_report(report, config.report.html_dir)));
    } catch (const Error& e) {
      reporter.warning(fmt::format("no HTML report (report.html_dir): {}", e.what()));
    }
  }
  return code;
}

int cmd_cache(const CommonArgs& common, const CacheArgs& args) {
  Config config = config_for(common);
  Store store(config.store.path, config.store.busy_timeout_ms, config.sync.device_name);
  std::vector<std::string> warnings;
  auto cache = make_selector_cache(config, store, [&](const std::string& w) { warnings.push_back(w); });
  auto names = cache->tier_names();
  if (args.what == "clear" && args.tier != "all" && std::find(names.begin(), names.end(), args.tier) == names.end())
    throw_bad_input(fmt::format("--tier {}: no such tier is configured (configured: {})", args.tier, join(names, ", ")));
  if (args.what == "clear") {
    for (const auto& [tier, n] : cache->clear(args.tier)) {
      if (n < 0) fmt::print("{}: unavailable, nothing cleared\n", tier);
      else fmt::print("{}: removed {} entries\n", tier, n);
    }
  } else {
    CacheReport report;
    report.entries = cache->counts();
    report.totals = store.cache_stats_totals();
    fmt::print("{}", cache_report_text(report));
    if (args.json_path) {
      std::ofstream out(*args.json_path, std::ios::binary);
      if (!out) throw_bad_input("cannot write " + *args.json_path);
      out << cache_report_json(report);
    }
  }
  for (const auto& w : warnings) spdlog::warn("{}", w);
  return kExitOk;
}

int cmd_heal_stats(const CommonArgs& common, const std::optional<std::string>& json_path) {
  Config config = config_for(common);
  Store store(config.store.path, config.store.busy_timeout_ms, config.sync.device_name);
  auto rows = store.heal_stats_by_page();
  fmt::print("{}", heal_report_text(rows));
  if (json_path) {
    std::ofstream out(*json_path, std::ios::binary);
    if (!out) throw_bad_input("cannot write " + *json_path);
    out << heal_report_json(rows);
  }
  return kExitOk;
}

int cmd_db_migrate(const CommonArgs& common, bool postgres) {
  Config config = config_for(common);
  if (postgres) {
    if (config.postgres.url.empty())
      throw_bad_input("pacts db migrate --postgres: no team database configured (postgres.url, or PACTS_POSTGRES_URL)");
    auto m = migrate_postgres(config.postgres.url, config.postgres.connect_timeout_ms);
    fmt::print("{}: schema version {} (was {}, latest {})\n", redact_url(config.postgres.url), m.to, m.from,
               postgres_latest_schema_version());
    return kExitOk;
  }
  Store store(config.store.path, config.store.busy_timeout_ms, config.sync.device_name);
  auto info = store.info();
  fmt::print("{}: schema version {} (latest {})\n", info.path, info.schema_version, info.latest_schema_version);
  return kExitOk;
}

int cmd_db_info(const CommonArgs& common) {
  Config config = config_for(common);
  Store store(config.store.path, config.store.busy_timeout_ms, config.sync.device_name);
  auto info = store.info();
  fmt::print("store          {}\n", info.path);
  fmt::print("schema version {} (latest {})\n", info.schema_version, info.latest_schema_version);
  fmt::print("device id      {}\n", info.device_id);
  for (const auto& [table, n] : info.rows) fmt::print("{:<14} {} rows\n", table, n);
  fmt::print("sync pending   {} outbox entries ({} refused by the team database)\n", Outbox(store).pending_count(),
             info.outbox_rejected);
  fmt::print("outbox         {} entries; delivered ones are pruned after {} days (sync.keep_pushed_days)\n",
             info.rows["outbox"], config.sync.keep_pushed_days);
  return kExitOk;
}

int cmd_version() {
  fmt::print("pacts {}\n", PACTS_VERSION);
  fmt::print("sqlite {}, spdlog {}.{}.{}, fmt {}\n", SQLite::getLibVersion(), SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR,
             SPDLOG_VER_PATCH, FMT_VERSION);
  return kExitOk;
}

}  // namespace pacts
