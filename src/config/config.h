#pragma once
// PACTS configuration. The shipped config.toml documents every key with its default and unit; this struct
// mirrors it one to one. Sources, later ones winning: built-in defaults, the config file (--config FILE,
// else $PACTS_CONFIG, else ./config.toml when present), then environment variables PACTS_<SECTION>_<KEY>.
// String values may be "@env:NAME" (the value comes from that variable, and is treated as a secret).
// An unknown key, a wrong type or an impossible value throws pacts::Error(BadInput) naming the key, and the
// file and line (or the environment variable).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pacts {

struct StoreConfig {
  std::string path = ".pacts/pacts.db";  // ":memory:" for an ephemeral cache (CI)
  int busy_timeout_ms = 5000;
  int keep_days = 30;  // `pacts gc` without --keep-days prunes runs started longer ago than this
};

struct BrowserConfig {
  std::string executable = "/usr/bin/chromium";
  std::string ws_url;  // non-empty: connect to a running browser instead of launching one
  std::string grid_url;  // non-empty: each worker's browser is a session on this Selenium Grid 4 (browser/grid.h)
  std::string grid_chromium = "/usr/bin/chromium";  // the Chromium binary on the Grid's nodes
  int grid_timeout_ms = 300000;  // how long the Grid may take to give a session (its queue included)
  bool headless = true;
  int launch_timeout_ms = 20000;
  int window_width = 1280;
  int window_height = 800;
  std::vector<std::string> extra_args;
};

struct RunConfig {
  int step_timeout_ms = 10000;
  int navigation_timeout_ms = 30000;
  int assertion_timeout_ms = 5000;
  int settle_quiet_ms = 0;  // opt-in quiet window after each action; 0: wait only for what the action started
  int settle_timeout_ms = 5000;
  int manual_timeout_ms = 300000;
  std::string manual_signal_file = ".pacts/continue";
  std::string artifacts_dir = ".pacts/artifacts";
  std::string screenshots = "failures";  // all | failures (failed and healed steps) | off
  double ambiguity_margin = 0.1;
  // Names that mean the same to healing's relaxed_name strategy, one group per entry: "Sign in|Log in|Login".
  std::vector<std::string> heal_synonyms;
  int retries = 0;             // a failed test is run again, in a fresh context, up to this many times
  bool fail_on_flaky = false;  // a test that passed only on a retry fails the run (exit 1)
  int workers = 1;             // tests run at once, each worker with its own browser; 0: auto (cores / 2)
};

struct CacheConfig {
  bool enabled = true;
  bool single_flight = true;  // workers that miss one key at once run one discovery (false: bench/ compares)
  int flight_ttl_ms = 10000;   // machines sharing Redis: a discovering worker's lock on its key lives this long
};

struct RemoteTierConfig {
  std::string url;  // empty: the tier is absent
  int connect_timeout_ms = 200;
  int command_timeout_ms = 100;
  int backoff_ms = 30000;
};

struct RedisConfig : RemoteTierConfig {
  std::string key_prefix = "pacts";
  int ttl_s = 3600;
};

struct PostgresConfig : RemoteTierConfig {
  PostgresConfig() { command_timeout_ms = 200; }
};

struct SyncConfig {
  std::string device_name;  // empty: the host name
  int batch_size = 500;
  int keep_pushed_days = 7;
  int interval_s = 300;            // --watch, unless --interval says otherwise
  int max_backoff_s = 300;
  int connect_timeout_ms = 5000;
  int statement_timeout_ms = 60000;
};

struct ReportConfig {
  std::string json;           // write the run's JSON report here when non-empty
  std::string html_dir = ".pacts/reports";  // every run's self-contained HTML report goes here; "" none
  std::string color = "auto";  // auto | always | never
  std::string reporter = "auto";  // auto (live on a terminal, else line) | live | line | dot
  double hit_rate_alert = 0.8;  // the dashboard's banner when the last day's hit rate is below this
};

// Gherkin features: step macros (*.steps files) besides those next to the feature files.
struct MacrosConfig {
  std::vector<std::string> files;  // relative to the config file's folder
};

struct Config {
  StoreConfig store;
  BrowserConfig browser;
  RunConfig run;
  CacheConfig cache;
  RedisConfig redis;
  PostgresConfig postgres;
  SyncConfig sync;
  ReportConfig report;
  MacrosConfig macros;
  // [pages]: named pages, as testers write them ("the login page" -> login = "/login"), each a path or URL. A
  // free-form table: any key is a page's name.
  std::map<std::string, std::string> pages;

  std::string source;  // the file it came from, or "(defaults)"
  std::vector<std::string> warnings;  // worth saying once (an unknown PACTS_ variable); never fatal
};

// Loads the configuration. `explicit_path` is --config (an error when missing); otherwise $PACTS_CONFIG,
// then ./config.toml if it exists. `env` is the process environment (injected so tests can control it).
Config load_config(const std::optional<std::string>& explicit_path, const std::map<std::string, std::string>& env);
Config parse_config(const std::string& toml_text, const std::string& source_name,
                    const std::map<std::string, std::string>& env);
std::map<std::string, std::string> process_environment();
// Sets one key from text given elsewhere (a command-line option such as --timeout), checked by the same type
// and range as the config file; throws BadInput naming `given_as` and the key.
void set_config_value(Config& config, const std::string& section, const std::string& key, const std::string& text,
                      const std::string& given_as);


}  // namespace pacts
