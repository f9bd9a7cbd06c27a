#include <catch2/catch.hpp>

#include <fstream>

#include "config/config.h"
#include "core/url.h"
#include "core/error.h"

using namespace pacts;

namespace {
std::string error_of(const std::string& toml, const std::map<std::string, std::string>& env = {}) {
  try {
    parse_config(toml, "test.toml", env);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::BadInput);
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("the shipped config.toml parses and equals the built-in defaults") {
  std::ifstream in(std::string(PACTS_SOURCE_DIR) + "/config.toml");
  std::stringstream buf;
  buf << in.rdbuf();
  Config shipped = parse_config(buf.str(), "config.toml", {});
  Config defaults;
  CHECK(shipped.store.path == defaults.store.path);
  CHECK(shipped.run.step_timeout_ms == defaults.run.step_timeout_ms);
  CHECK(shipped.run.ambiguity_margin == defaults.run.ambiguity_margin);
  CHECK(shipped.run.retries == defaults.run.retries);
  CHECK(shipped.run.fail_on_flaky == defaults.run.fail_on_flaky);
  CHECK(shipped.run.workers == defaults.run.workers);
  CHECK(shipped.redis.ttl_s == defaults.redis.ttl_s);
  CHECK(shipped.redis.key_prefix == defaults.redis.key_prefix);
  CHECK(shipped.postgres.command_timeout_ms == defaults.postgres.command_timeout_ms);
  CHECK(shipped.sync.batch_size == defaults.sync.batch_size);
  CHECK(shipped.sync.keep_pushed_days == defaults.sync.keep_pushed_days);
  CHECK(shipped.sync.interval_s == defaults.sync.interval_s);
  CHECK(shipped.sync.max_backoff_s == defaults.sync.max_backoff_s);
  CHECK(shipped.sync.connect_timeout_ms == defaults.sync.connect_timeout_ms);
  CHECK(shipped.sync.statement_timeout_ms == defaults.sync.statement_timeout_ms);
  CHECK(shipped.browser.executable == defaults.browser.executable);
  CHECK(shipped.report.color == defaults.report.color);
  CHECK(shipped.report.reporter == defaults.report.reporter);
}

TEST_CASE("config values are read by section and key") {
  Config c = parse_config("[run]\nstep_timeout_ms = 2500\n[store]\npath = \":memory:\"\n[browser]\nextra_args = [\"--lang=de\"]\n",
                          "t.toml", {});
  CHECK(c.run.step_timeout_ms == 2500);
  CHECK(c.store.path == ":memory:");
  CHECK(c.browser.extra_args == std::vector<std::string>{"--lang=de"});
}

TEST_CASE("config errors name the key, the file and the line") {
  SECTION("unknown key") {
    auto e = error_of("[run]\n\nstep_timeout = 5\n");
    CHECK_THAT(e, Catch::Contains("test.toml:3"));
    CHECK_THAT(e, Catch::Contains("run.step_timeout"));
    CHECK_THAT(e, Catch::Contains("step_timeout_ms"));  // the known keys are listed
  }
  SECTION("unknown section") {
    CHECK_THAT(error_of("[runner]\nx = 1\n"), Catch::Contains("unknown section [runner]"));
  }
  SECTION("wrong type") {
    auto e = error_of("[run]\nstep_timeout_ms = \"10s\"\n");
    CHECK_THAT(e, Catch::Contains("test.toml:2"));
    CHECK_THAT(e, Catch::Contains("run.step_timeout_ms must be an integer"));
  }
  SECTION("impossible value") {
    CHECK_THAT(error_of("[run]\nstep_timeout_ms = -1\n"), Catch::Contains("run.step_timeout_ms must be between"));
    CHECK_THAT(error_of("[redis]\nttl_s = 0\n"), Catch::Contains("redis.ttl_s"));
    CHECK_THAT(error_of("[report]\ncolor = \"purple\"\n"), Catch::Contains("report.color must be one of"));
    CHECK_THAT(error_of("[report]\nreporter = \"list\"\n"), Catch::Contains("report.reporter must be one of"));
    CHECK_THAT(error_of("[redis]\nurl = \"http://x\"\n"), Catch::Contains("redis.url must start with"));
    CHECK_THAT(error_of("[run]\nambiguity_margin = 1.5\n"), Catch::Contains("run.ambiguity_margin"));
  }
  SECTION("invalid TOML") {
    CHECK_THAT(error_of("[run\n"), Catch::Contains("test.toml:1: invalid TOML"));
  }
}

TEST_CASE("environment variables override the file, and bad ones are named") {
  std::map<std::string, std::string> env = {{"PACTS_RUN_STEP_TIMEOUT_MS", "1234"},
                                            {"PACTS_REDIS_URL", "redis://127.0.0.1:6390/0"},
                                            {"PACTS_BROWSER_HEADLESS", "false"}};
  Config c = parse_config("[run]\nstep_timeout_ms = 5000\n", "t.toml", env);
  CHECK(c.run.step_timeout_ms == 1234);
  CHECK(c.redis.url == "redis://127.0.0.1:6390/0");
  CHECK_FALSE(c.browser.headless);
  auto e = error_of("", {{"PACTS_RUN_STEP_TIMEOUT_MS", "soon"}});
  CHECK_THAT(e, Catch::Contains("PACTS_RUN_STEP_TIMEOUT_MS"));
}

TEST_CASE("@env: values come from the environment, a missing one is an error") {
  Config c = parse_config("[postgres]\nurl = \"@env:TEAM_PG\"\n", "t.toml", {{"TEAM_PG", "postgresql://u:pw@h/db"}});
  CHECK(c.postgres.url == "postgresql://u:pw@h/db");
  CHECK_THAT(error_of("[postgres]\nurl = \"@env:TEAM_PG\"\n"), Catch::Contains("TEAM_PG is not set"));
}

TEST_CASE("credentials in connection URLs are redacted by parsing them") {
  CHECK(redact_url("postgresql://u:pw@h:5432/db") == "postgresql://u:***@h:5432/db");
  CHECK(redact_url("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0");
  SECTION("a password that contains '@' is masked whole") {
    CHECK(redact_url("postgresql://u:p@ss@w0rd@db.internal:5432/pacts") == "postgresql://u:***@db.internal:5432/pacts");
    CHECK(redact_url("redis://:s3@cr3t@127.0.0.1:6379/0") == "redis://:***@127.0.0.1:6379/0");
  }
  SECTION("password parameters in the query") {
    CHECK(redact_url("postgresql://db.internal/pacts?user=ci&password=hunter2&sslmode=require") ==
          "postgresql://db.internal/pacts?user=ci&password=***&sslmode=require");
    CHECK(redact_url("postgresql://h/db?sslpassword=x#frag") == "postgresql://h/db?sslpassword=***#frag");
    CHECK(redact_url("postgresql://h/db?PASSWORD=x") == "postgresql://h/db?PASSWORD=***");
  }
  SECTION("libpq's keyword/value form") {
    CHECK(redact_url("host=db port=5432 password=hunter2 user=ci") == "host=db port=5432 password=*** user=ci");
    CHECK(redact_url("host=db password='a b c' dbname=x") == "host=db password=*** dbname=x");
  }
  SECTION("the credentials are what was hidden") {
    auto c = credentials_in("postgresql://u:p@ss@h/db?password=q%40r");
    REQUIRE(c.size() == 2);
    CHECK(c[0] == "p@ss");
    CHECK(c[1] == "q%40r");
  }
}

TEST_CASE("a --config file that does not exist, or a folder, is an error") {
  CHECK_THROWS_AS(load_config(std::string("/nonexistent/pacts.toml"), {}), Error);
  try {
    load_config(std::string("/tmp"), {});
    FAIL("a folder was read as a config");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::BadInput);
    CHECK_THAT(e.what(), Catch::Contains("is a folder"));
  }
}

TEST_CASE("nan and infinities are refused for every number key") {
  CHECK_THAT(error_of("[run]\nambiguity_margin = nan\n"), Catch::Contains("test.toml:2: run.ambiguity_margin must be a finite number"));
  CHECK_THAT(error_of("[run]\nambiguity_margin = inf\n"), Catch::Contains("finite"));
  CHECK_THAT(error_of("[run]\nambiguity_margin = -inf\n"), Catch::Contains("finite"));
  for (const char* text : {"nan", "NaN", "inf", "-inf", "infinity", "1e999"}) {
    INFO(text);
    CHECK_THAT(error_of("", {{"PACTS_RUN_AMBIGUITY_MARGIN", text}}),
               Catch::Contains("PACTS_RUN_AMBIGUITY_MARGIN") && Catch::Contains("finite"));
  }
}

TEST_CASE("an unknown PACTS_ variable is a warning naming the nearest setting") {
  Config c = parse_config("", "t.toml", {{"PACTS_RUN_STEP_TIMEOUT", "5000"}, {"PACTS_CONFIG", "x.toml"}, {"PACTS_XYZZY_PLUGH", "1"}});
  REQUIRE(c.warnings.size() == 2);
  CHECK_THAT(c.warnings[0], Catch::Contains("PACTS_RUN_STEP_TIMEOUT is not a PACTS setting") &&
                                Catch::Contains("did you mean PACTS_RUN_STEP_TIMEOUT_MS?"));
  CHECK_THAT(c.warnings[1], Catch::Contains("PACTS_XYZZY_PLUGH") && !Catch::Contains("did you mean"));
}

TEST_CASE("a command-line override is checked by the same range as its key") {
  Config c;
  set_config_value(c, "run", "step_timeout_ms", "2500", "--timeout");
  CHECK(c.run.step_timeout_ms == 2500);
  for (const char* bad : {"-5", "0", "1", "99", "abc", "10s"}) {
    INFO(bad);
    try {
      set_config_value(c, "run", "step_timeout_ms", bad, "--timeout");
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::BadInput);
      CHECK_THAT(e.what(), Catch::Contains("--timeout") && Catch::Contains("run.step_timeout_ms"));
    }
  }
  CHECK(c.run.step_timeout_ms == 2500);
}

TEST_CASE("heal synonyms are groups of two names or more, and a lone name is an error naming the key") {
  Config c = parse_config("[run]\nheal_synonyms = [\"Sign in|Log in\", \"Remove|Delete|Discard\"]\n", "t.toml", {});
  CHECK(c.run.heal_synonyms.size() == 2);
  auto e = error_of("[run]\nheal_synonyms = [\"Sign in\"]\n");
  CHECK_THAT(e, Catch::Contains("run.heal_synonyms"));
  CHECK_THAT(e, Catch::Contains("test.toml:2"));
}

TEST_CASE("run.workers is a whole number or auto, in the file, the environment and --workers") {
  CHECK(parse_config("[run]\nworkers = 4\n", "t.toml", {}).run.workers == 4);
  CHECK(parse_config("[run]\nworkers = \"auto\"\n", "t.toml", {}).run.workers == 0);
  CHECK(parse_config("", "t.toml", {{"PACTS_RUN_WORKERS", "auto"}}).run.workers == 0);
  CHECK(parse_config("", "t.toml", {}).run.workers == 1);
  CHECK_THAT(error_of("[run]\nworkers = 0\n"), Catch::Contains("run.workers must be auto or a whole number from 1 to 16"));
  CHECK_THAT(error_of("[run]\nworkers = 17\n"), Catch::Contains("run.workers"));
  CHECK_THAT(error_of("[run]\nworkers = \"many\"\n"), Catch::Contains("got 'many'"));
  Config c;
  set_config_value(c, "run", "workers", "3", "--workers");
  CHECK(c.run.workers == 3);
  for (const char* bad : {"0", "-1", "x", "2x", "17", ""}) {
    INFO(bad);
    try {
      set_config_value(c, "run", "workers", bad, "--workers");
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK_THAT(e.what(), Catch::Contains("--workers") && Catch::Contains("run.workers"));
    }
  }
}

TEST_CASE("run.retries takes 0 to 10 and run.fail_on_flaky a boolean") {
  auto c = parse_config("[run]\nretries = 2\nfail_on_flaky = true\n", "t.toml", {});
  CHECK(c.run.retries == 2);
  CHECK(c.run.fail_on_flaky);
  CHECK_THAT(error_of("[run]\nretries = 11\n"), Catch::Contains("run.retries must be between 0 and 10"));
  CHECK_THAT(error_of("[run]\nretries = -1\n"), Catch::Contains("run.retries"));
}
