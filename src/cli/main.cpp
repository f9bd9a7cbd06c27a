// The pacts executable: argument parsing (the only translation unit that includes cxxopts) and the mapping
// of errors to exit codes: 0 all passed, 1 a test failed, 2 bad input, usage or set-up.
#include <cstdio>
#include <iostream>

#include <cxxopts.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "core/secret.h"

namespace {

using pacts::CommonArgs;

constexpr const char* kUsage =
    "usage: pacts <command> [options]\n"
    "\n"
    "commands:\n"
    "  run FILE...          run requirement files (.txt, .json, .feature, or folders) in headless Chromium\n"
    "  plan FILE...         read requirement files and print the plan, without a browser\n"
    "  cache clear|stats    the selector cache: empty it, or show what it holds\n"
    "  heal stats           the heal history per page and strategy, and the order the next heal tries\n"
    "  db migrate           create or upgrade the local store (--postgres: the team database)\n"
    "  db info              show the local store: schema, rows, sync backlog (--postgres: the team database)\n"
    "  sync                 push this machine's changes to the team database and pull the team's selectors\n"
    "  serve                the dashboard, a JSON API and Prometheus /metrics over the store\n"
    "  gc                   delete old runs, their screenshots and HTML reports (--keep-days N)\n"
    "  version              print versions\n"
    "\n"
    "Every command takes --help. Exit codes: 0 ok, 1 a test failed, 2 bad input, usage or set-up,\n"
    "3 the browser crashed or went away, 4 a bug in PACTS; 130/143 stopped by Ctrl-C/SIGTERM.\n";

// Every log line passes through mask_secrets before it reaches the terminal: a warning may quote a URL or a
// message that carries a secret of this run.
class MaskingSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit MaskingSink(spdlog::sink_ptr inner) : inner_(std::move(inner)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string masked = pacts::mask_secrets(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy(msg.time, msg.source, msg.logger_name, msg.level, masked);
    inner_->log(copy);
  }
  void flush_() override { inner_->flush(); }
  void set_pattern_(const std::string& pattern) override { inner_->set_pattern(pattern); }

 private:
  spdlog::sink_ptr inner_;
};

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void add_common(cxxopts::Options& o) {
  o.add_options()("c,config", "config file (default: $PACTS_CONFIG, else ./config.toml if present)",
                  cxxopts::value<std::string>())(
      "var", "a variable for ${name} in requirement files, as name=value (repeatable)",
      cxxopts::value<std::vector<std::string>>())("h,help", "show this help");
}

void add_selection(cxxopts::Options& o) {
  o.add_options()("tags", "only the tests whose Gherkin tags match this Cucumber tag expression, e.g. "
                          "\"@smoke and not @slow\"",
                  cxxopts::value<std::string>())(
      "data", "one test per row of this .csv or .json file, for every .txt test and JSON testcase without data of "
              "its own (${column} in the test)",
      cxxopts::value<std::string>())(
      "shard", "only shard i of n (e.g. 2/5): a stable split by test identity, for CI machines that share a suite",
      cxxopts::value<std::string>());
}

pacts::SelectionArgs selection_from(const cxxopts::ParseResult& r) {
  pacts::SelectionArgs s;
  if (r.count("tags")) s.tags = r["tags"].as<std::string>();
  if (r.count("data")) s.data_file = r["data"].as<std::string>();
  if (r.count("shard")) s.shard = r["shard"].as<std::string>();
  return s;
}

CommonArgs common_from(const cxxopts::ParseResult& r) {
  CommonArgs c;
  if (r.count("config")) c.config_path = r["config"].as<std::string>();
  if (r.count("var")) {
    for (const auto& kv : r["var"].as<std::vector<std::string>>()) {
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("--var wants name=value, got '{}'", kv));
      c.vars[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
  }
  return c;
}

// Parses argv[first..] with `o`; returns nullopt after printing help.
std::optional<cxxopts::ParseResult> parse(cxxopts::Options& o, int argc, char** argv) {
  auto r = o.parse(argc, argv);
  if (r.count("help")) {
    std::cout << o.help() << "\n";
    return std::nullopt;
  }
  return r;
}

int plan_command(int argc, char** argv) {
  cxxopts::Options o("pacts plan", "Read requirement files and print the plan: typed steps and assertions.");
  add_common(o);
  o.add_options()("json", "also write the plan as JSON to PATH (- for stdout)", cxxopts::value<std::string>())(
      "q,quiet", "do not print the plan, only the summary")("files", "requirement files or folders",
                                                            cxxopts::value<std::vector<std::string>>());
  add_selection(o);
  o.parse_positional({"files"});
  o.positional_help("FILE...");
  auto r = parse(o, argc, argv);
  if (!r) return 0;
  if (!r->count("files")) throw UsageError("pacts plan needs at least one requirement file or folder");
  pacts::PlanArgs args;
  args.selection = selection_from(*r);
  args.files = (*r)["files"].as<std::vector<std::string>>();
  if (r->count("json")) args.json_path = (*r)["json"].as<std::string>();
  args.quiet = r->count("quiet") > 0;
  return pacts::cmd_plan(common_from(*r), args);
}

int run_command(int argc, char** argv) {
  cxxopts::Options o("pacts run",
                     "Run plain-English tests in headless Chromium: discover each element (or take it from the "
                     "cache), act, and check every expected outcome.");
  add_common(o);
  o.add_options()("serve", "serve DIR on a free loopback port; relative URLs resolve against it; repeatable: "
                  "the first DIR that has a path serves it", cxxopts::value<std::vector<std::string>>())(
      "base-url", "resolve relative URLs against URL", cxxopts::value<std::string>())(
      "json", "write the results as JSON to PATH", cxxopts::value<std::string>())(
      "report", "also write html[:PATH] (one self-contained file), junit[:PATH] or json:PATH; repeatable",
      cxxopts::value<std::vector<std::string>>())(
      "no-cache", "neither read nor write the selector cache: discover every element")(
      "browser-ws", "use a running browser at this DevTools websocket URL instead of launching one",
      cxxopts::value<std::string>())(
      "grid", "run every worker's browser as a session on this Selenium Grid 4 (default: browser.grid_url)",
      cxxopts::value<std::string>())("headed", "show the browser window (needs a display)")(
      "ci", "CI mode: manual steps fail at once (also when $CI is set)")(
      "timeout", "step timeout in milliseconds (default: run.step_timeout_ms)", cxxopts::value<std::string>())(
      "screenshots", "which screenshots to keep: all, failures or off (default: run.screenshots)",
      cxxopts::value<std::string>())(
      "retries", "run a failed test again, in a fresh context, up to N times; one that then passes is flaky "
                 "(default: run.retries)", cxxopts::value<std::string>())(
      "fail-on-flaky", "a test that passed only on a retry fails the run (exit 1)")(
      "workers", "run N tests at once, each worker with its own browser; auto: half the CPU cores "
                 "(default: run.workers)", cxxopts::value<std::string>())(
      "v,verbose", "also print each step's selector")(
      "reporter", "the console: auto (live on a terminal, line otherwise), live, line or dot (default: "
                  "report.reporter)", cxxopts::value<std::string>())(
      "repeat", "run the suite N times in one browser and print each loop's steps, sources and hit rate",
      cxxopts::value<int>())(
      "sync", "pull the team's selectors before the run and push its records after it (postgres.url)")(
      "files", "requirement files or folders",
                                                       cxxopts::value<std::vector<std::string>>());
  add_selection(o);
  o.parse_positional({"files"});
  o.positional_help("FILE...");
  auto r = parse(o, argc, argv);
  if (!r) return 0;
  if (!r->count("files")) throw UsageError("pacts run needs at least one requirement file or folder");
  pacts::RunArgs args;
  args.selection = selection_from(*r);
  args.files = (*r)["files"].as<std::vector<std::string>>();
  if (r->count("serve")) args.serve_dirs = (*r)["serve"].as<std::vector<std::string>>();
  if (r->count("base-url")) args.base_url = (*r)["base-url"].as<std::string>();
  if (r->count("json")) args.json_path = (*r)["json"].as<std::string>();
  if (r->count("report")) args.reports = (*r)["report"].as<std::vector<std::string>>();
  if (r->count("browser-ws")) args.browser_ws = (*r)["browser-ws"].as<std::string>();
  if (r->count("grid")) args.grid_url = (*r)["grid"].as<std::string>();
  if (r->count("timeout")) args.timeout_ms = (*r)["timeout"].as<std::string>();
  if (r->count("screenshots")) args.screenshots = (*r)["screenshots"].as<std::string>();
  if (r->count("retries")) args.retries = (*r)["retries"].as<std::string>();
  if (r->count("workers")) args.workers = (*r)["workers"].as<std::string>();
  args.fail_on_flaky = r->count("fail-on-flaky") > 0;
  args.no_cache = r->count("no-cache") > 0;
  args.headed = r->count("headed") > 0;
  args.ci = r->count("ci") > 0;
  args.verbose = r->count("verbose") > 0;
  args.sync = r->count("sync") > 0;
  if (r->count("reporter")) args.reporter = (*r)["reporter"].as<std::string>();
  if (r->count("repeat")) args.repeat = (*r)["repeat"].as<int>();
  if (args.repeat < 1 || args.repeat > 1000) throw UsageError("--repeat wants a number of loops from 1 to 1000");
  return pacts::cmd_run(common_from(*r), args);
}

int cache_command(int argc, char** argv) {
  cxxopts::Options o("pacts cache",
                     "The selector cache. Subcommands: clear (remove this project's entries), stats (entries and "
                     "hit counts).");
  add_common(o);
  o.add_options()("tier", "clear: sqlite (default), redis, postgres or all; the shared tiers only when named. "
                          "stats: every tier.", cxxopts::value<std::string>())(
      "json", "stats: also write them as JSON to PATH", cxxopts::value<std::string>())(
      "what", "clear or stats", cxxopts::value<std::string>());
  o.parse_positional({"what"});
  o.positional_help("clear|stats");
  auto r = parse(o, argc, argv);
  if (!r) return 0;
  pacts::CacheArgs args;
  args.what = r->count("what") ? (*r)["what"].as<std::string>() : "";
  if (args.what != "clear" && args.what != "stats")
    throw UsageError(args.what.empty() ? "pacts cache needs clear or stats"
                                       : fmt::format("unknown cache subcommand '{}'", args.what));
  if (r->count("tier")) args.tier = (*r)["tier"].as<std::string>();
  if (args.tier != "all" && args.tier != "sqlite" && args.tier != "redis" && args.tier != "postgres")
    throw UsageError(fmt::format("--tier must be sqlite, redis, postgres or all, got '{}'", args.tier));
  if (r->count("json")) args.json_path = (*r)["json"].as<std::string>();
  return pacts::cmd_cache(common_from(*r), args);
}

int heal_command(int argc, char** argv) {
  cxxopts::Options o("pacts heal",
                     "Healing. Subcommand: stats (the heal history per page and strategy, this device's and the "
                     "team's as last pulled, and the order the next heal on each page tries the strategies in).");
  add_common(o);
  o.add_options()("json", "also write them as JSON to PATH", cxxopts::value<std::string>())(
      "what", "stats", cxxopts::value<std::string>());
  o.parse_positional({"what"});
  o.positional_help("stats");
  auto r = parse(o, argc, argv);
  if (!r) return 0;
  std::string what = r->count("what") ? (*r)["what"].as<std::string>() : "";
  if (what != "stats")
    throw UsageError(what.empty() ? "pacts heal needs stats" : fmt::format("unknown heal subcommand '{}'", what));
  std::optional<std::string> json_path;
  if (r->count("json")) json_path = (*r)["json"].as<std::string>();
  return pacts::cmd_heal_stats(common_from(*r), json_path);
}

int db_command(int argc, char** argv) {
  cxxopts::Options o("pacts db", "The local store. Subcommands: migrate (create or upgrade it), info (what it holds).");
  add_common(o);
  o.add_options()("postgres", "the team Postgres (postgres.url) instead of the local store")(
      "json", "info: also write it as JSON to PATH", cxxopts::value<std::string>())(
      "what", "migrate or info", cxxopts::value<std::string>());
  o.parse_positional({"what"});
  o.positional_help("migrate|info");
  auto r = parse(o, argc, argv);
  if (!r) return 0;
  std::string what = r->count("what") ? (*r)["what"].as<std::string>() : "";
  if (what == "migrate") return pacts::cmd_db_migrate(common_from(*r), r->count("postgres") > 0);
  if (what == "info" && r->count("postgres"))
    return pacts::cmd_db_info_postgres(common_from(*r), r->count("json") ? std::optional<std::string>((*r)["json"].as<std::string>())
                                                                        : std::nullopt);
  if (what == "info") return pacts::cmd_db_info(common_from(*r));
  throw UsageError(what.empty() ? "pacts db needs migrate or info" : fmt::format("unknown db subcommand '{}'", what));
}

// "90", "90s", "5m", "2h" -> seconds.
int parse_interval(const std::string& text) {
  size_t used = 0;
  long long n = -1;
  try {
    n = std::stoll(text, &used);
  } catch (const std::exception&) {
  }
  std::string unit = text.substr(std::min(used, text.size()));
  long long scale = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : 0;
  if (n <= 0 || scale == 0 || n * scale > 7 * 86400)
    throw UsageError(fmt::format("--interval wants a duration such as 30s, 5m or 1h (up to 7 days), got '{}'", text));
  return static_cast<int>(n * scale);
}

int sync_command(int argc, char** argv) {
  cxxopts::Options o("pacts sync",
                     "Push this machine's outbox (runs, selectors, counters) to the team database (postgres.url), "
                     "then pull the team's selectors, invalidations and heal statistics back. Safe to run at any "
                     "time, from any number of machines, and to kill.");
  add_common(o);
  o.add_options()("push", "only push")("pull", "only pull")(
      "watch", "keep syncing every --interval (default sync.interval_s) until Ctrl-C; backs off while the team "
               "database is away")(
      "interval", "with --watch: time between syncs, e.g. 30s, 5m, 1h", cxxopts::value<std::string>())(
      "status", "show what waits to be pushed, the last success and the last error (no team database needed)")(
      "json", "also write what happened as JSON to PATH", cxxopts::value<std::string>());
  auto r = parse(o, argc, argv);
  if (!r) return 0;
  pacts::SyncArgs args;
  args.push = r->count("push") > 0;
  args.pull = r->count("pull") > 0;
  args.watch = r->count("watch") > 0;
  args.status = r->count("status") > 0;
  if (r->count("interval")) {
    if (!args.watch) throw UsageError("--interval goes with --watch");
    args.interval_s = parse_interval((*r)["interval"].as<std::string>());
  }
  if (args.status && (args.push || args.pull || args.watch))
    throw UsageError("--status only shows the state; it does not go with --push, --pull or --watch");
  if (r->count("json")) args.json_path = (*r)["json"].as<std::string>();
  if (!r->unmatched().empty()) throw UsageError(fmt::format("unexpected argument '{}'", r->unmatched().front()));
  return pacts::cmd_sync(common_from(*r), args);
}

int serve_command(int argc, char** argv) {
  cxxopts::Options o("pacts serve",
                     "Serve the store's runs, cache and heal statistics: a dashboard at /, a JSON API under /api, "
                     "/health and Prometheus /metrics.");
  add_common(o);
  o.add_options()("port", "port to listen on (0: a free one)", cxxopts::value<int>()->default_value("9464"))(
      "bind", "address to listen on", cxxopts::value<std::string>()->default_value("127.0.0.1"))(
      "postgres", "serve the team database (postgres.url): every device's runs");
  auto r = parse(o, argc, argv);
  if (!r) return 0;
  if (!r->unmatched().empty()) throw UsageError(fmt::format("unexpected argument '{}'", r->unmatched().front()));
  pacts::ServeArgs args;
  args.port = (*r)["port"].as<int>();
  args.bind = (*r)["bind"].as<std::string>();
  args.postgres = r->count("postgres") > 0;
  if (args.port < 0 || args.port > 65535) throw UsageError(fmt::format("--port must be 0 to 65535, got {}", args.port));
  return pacts::cmd_serve(common_from(*r), args);
}

int gc_command(int argc, char** argv) {
  cxxopts::Options o("pacts gc",
                     "Delete the finished runs started more than N days ago, their steps, screenshots and HTML "
                     "reports, and say how much was freed.");
  add_common(o);
  o.add_options()("keep-days", "keep the runs of the last N days (default: store.keep_days)",
                  cxxopts::value<std::string>());
  auto r = parse(o, argc, argv);
  if (!r) return 0;
  if (!r->unmatched().empty()) throw UsageError(fmt::format("unexpected argument '{}'", r->unmatched().front()));
  pacts::GcArgs args;
  if (r->count("keep-days")) args.keep_days = (*r)["keep-days"].as<std::string>();
  return pacts::cmd_gc(common_from(*r), args);
}

int version_command(int argc, char** argv) {
  cxxopts::Options o("pacts version", "Print the version of pacts and its libraries.");
  o.add_options()("h,help", "show this help");
  auto r = parse(o, argc, argv);
  if (!r) return 0;
  return pacts::cmd_version();
}

}  // namespace

int main(int argc, char** argv) {
  auto sink = std::make_shared<MaskingSink>(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  auto logger = std::make_shared<spdlog::logger>("pacts", sink);
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);

  if (argc < 2) {
    std::cerr << kUsage;
    return pacts::kExitBadInput;
  }
  std::string command = argv[1];
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "--version") command = "version";
  try {
    // Each subcommand parses argv from its own name on.
    if (command == "run") return run_command(argc - 1, argv + 1);
    if (command == "plan") return plan_command(argc - 1, argv + 1);
    if (command == "cache") return cache_command(argc - 1, argv + 1);
    if (command == "db") return db_command(argc - 1, argv + 1);
    if (command == "heal") return heal_command(argc - 1, argv + 1);
    if (command == "sync") return sync_command(argc - 1, argv + 1);
    if (command == "serve") return serve_command(argc - 1, argv + 1);
    if (command == "gc") return gc_command(argc - 1, argv + 1);
    if (command == "version") return version_command(argc - 1, argv + 1);
    std::cerr << fmt::format("pacts: unknown command '{}'\n\n{}", command, kUsage);
    return pacts::kExitBadInput;
  } catch (const UsageError& e) {
    std::cerr << fmt::format("pacts {}: {}\n(see pacts {} --help)\n", command, e.what(), command);
    return pacts::kExitBadInput;
  } catch (const cxxopts::exceptions::exception& e) {
    std::cerr << fmt::format("pacts {}: {}\n(see pacts {} --help)\n", command, e.what(), command);
    return pacts::kExitBadInput;
  } catch (const pacts::Error& e) {
    std::cerr << fmt::format("pacts {}: {}\n", command, pacts::mask_secrets(e.what()));
    if (e.kind() == pacts::ErrorKind::Interrupted) return 128 + pacts::interrupt_signal();
    return pacts::exit_code_for(e.kind());
  } catch (const std::exception& e) {
    std::cerr << fmt::format("pacts {}: internal error: {}\n", command, pacts::mask_secrets(e.what()));
    return pacts::kExitInternal;
  }
}
