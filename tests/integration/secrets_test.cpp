// The secret canary: distinct secrets (@env:) go into every place a value can go, every kind of step and
// assertion fails once and passes once, with the Redis and Postgres tiers on, and then every sink is searched
// for them. Real servers: a private Redis (with the secret as its password) and PostgreSQL from
// scripts/services.sh, headless Chromium through the pacts executable. The HTML and JUnit reports and every
// endpoint of `pacts serve` (the dashboard, the API, /metrics) are sinks too.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <signal.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/temp_dir.h"
#include "harness.h"
#include "processes.h"
#include "services.h"

using namespace pacts;
using namespace pacts::testing;
namespace fs = std::filesystem;

namespace {

// Plain: in a URL path, a fill, a select's option, an assertion. Special: needs percent-encoding in a URL and
// escaping in JSON, so its encoded forms are searched too.
const std::string kCanary = "Kq7zCANARY93xwPl";
const std::string kSpecial = "s3cr@t w0rd&Z\"x";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::pair<std::string, int> shell(const std::string& cmd) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string percent_encoded(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
    else out += std::string("%") + hex[c >> 4] + hex[c & 15];
  }
  return out;
}

// Every form a secret could take on its way out of PACTS.
std::vector<std::string> forms_of(const std::string& secret) {
  std::vector<std::string> forms = {secret, percent_encoded(secret)};
  std::string json;
  for (char c : secret) json += c == '"' ? std::string("\\\"") : std::string(1, c);
  forms.push_back(json);
  std::string plus = percent_encoded(secret);
  for (size_t at; (at = plus.find("%20")) != std::string::npos;) plus.replace(at, 3, "+");
  forms.push_back(plus);
  std::string markup;  // as HTML and XML escape it
  for (char c : secret)
    markup += c == '&' ? std::string("&amp;") : c == '"' ? std::string("&quot;") : c == '<' ? std::string("&lt;")
                                                                                 : std::string(1, c);
  forms.push_back(markup);
  return forms;
}

// Where (which sink) a secret shows up, for the failure message; empty when nowhere.
std::vector<std::string> leaks(const std::string& sink, const std::string& text) {
  std::vector<std::string> found;
  for (const auto* secret : {&kCanary, &kSpecial})
    for (const auto& form : forms_of(*secret))
      if (text.find(form) != std::string::npos) found.push_back(sink + ": " + form);
  return found;
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

// The site: a form under a folder named by the secret (the secret travels in the URL path), echoing what was
// saved, and putting the token into the page's URL (the browser reports it back in every URL it gives).
void write_site(const fs::path& site) {
  write(site / "canary" / kCanary / "form.html", R"(<!doctype html><html><head><title>Canary form</title></head><body>
<h1>Account token</h1>
<label>Token <input id="token"></label>
<label>Note <input id="note"></label>
<label>Short code <input id="short" maxlength="3"></label>
<label>Plan <select id="plan"><option>Basic</option><option>)" + kCanary + R"(</option></select></label>
<button id="save">Save</button>
<p id="out"></p>
<script>
document.getElementById('save').addEventListener('click', () => {
  const t = document.getElementById('token').value, n = document.getElementById('note').value;
  document.getElementById('out').textContent = 'Saved ' + t + ' / ' + n + ' / ' + document.getElementById('plan').value;
  history.pushState({}, '', location.pathname + '?saved=' + encodeURIComponent(t) + '&note=' + encodeURIComponent(n));
});
</script></body></html>)");
}

const char* kRequirements = R"(Test: every value carries a secret, and the test passes
URL: /canary/@env:CANARY/form.html?token=@env:CANARY_SPECIAL&again=@env:CANARY
Steps:
1. Fill "@env:CANARY" in Token
2. Type "${pw}" in Note
3. Press Enter
4. Select "@env:CANARY" from "Plan" dropdown
5. Click "Save"
Expected: "Saved @env:CANARY" is visible
Expected: URL contains @env:CANARY
Expected: title contains "Canary"

Test: a fill the field does not take fails with the secret masked
URL: /canary/@env:CANARY/form.html?token=@env:CANARY
Steps:
1. Fill "@env:CANARY" in Short code

Test: a select with no such option fails with the secret masked
URL: /canary/@env:CANARY/form.html
Steps:
1. Select "x@env:CANARY" from "Plan" dropdown

Test: an expected text that is not there fails, quoting a page that shows the secret
URL: /canary/@env:CANARY/form.html
Steps:
1. Fill "@env:CANARY" in Token
2. Click "Save"
Expected: "Nothing @env:CANARY here" is visible

Test: an expected URL that does not match fails, quoting the URL that holds the secret
URL: /canary/@env:CANARY/form.html?token=@env:CANARY_SPECIAL
Steps:
1. Fill "@env:CANARY_SPECIAL" in Token
2. Click "Save"
Expected: URL contains /nowhere/@env:CANARY

Test: a title that does not match fails with the secret masked
URL: /canary/@env:CANARY/form.html
Steps:
1. Wait for "Account token"
Expected: title contains "@env:CANARY"

Test: a text that never appears fails the wait with the secret masked
URL: /canary/@env:CANARY/form.html
Steps:
1. Wait for "@env:CANARY_SPECIAL"

Test: a page that does not exist fails with the secret in its URL masked
URL: /canary/@env:CANARY/missing.html?token=@env:CANARY
Steps:
1. Go to /canary/@env:CANARY/form.html?token=@env:CANARY
2. Click "No such button"
)";

const char* kSuite = R"({
  "req_id": "canary",
  "url": "/canary/{{dir}}/form.html",
  "testcases": [{
    "tc_id": "TC1", "title": "data rows carry secrets",
    "steps": [
      {"id": 1, "action": "fill", "target": "Token", "value": "{{token}}"},
      {"id": 2, "action": "select", "target": "Plan", "value": "{{plan}}"},
      {"id": 3, "action": "click", "target": "Save", "outcome": "page_contains_text:Saved {{token}}"}
    ],
    "assertions": [{"id": "A1", "type": "page_contains_text", "target": "{{expected}}"}],
    "data": [
      {"row_id": "passes", "dir": "@env:CANARY", "token": "@env:CANARY_SPECIAL", "plan": "@env:CANARY", "expected": "Saved"},
      {"row_id": "fails", "dir": "@env:CANARY", "token": "@env:CANARY", "plan": "@env:CANARY", "expected": "Not @env:CANARY_SPECIAL"}
    ]
  }]
})";

}  // namespace

TEST_CASE("the secret canary: no secret reaches any sink, in any form", "[secrets]") {
  // The canary's own servers: the Redis password is a secret too.
  LocalServices services;
  services.redis_cli("CONFIG SET requirepass " + kCanary);
  struct Unlock {
    LocalServices& s;
    ~Unlock() { s.redis_cli("-a " + kCanary + " --no-auth-warning CONFIG SET requirepass \"\""); }
  } unlock{services};
  std::string redis_url = services.redis_url;
  redis_url.insert(redis_url.find("://") + 3, ":" + kCanary + "@");
  std::string postgres_url = services.fresh_postgres_database();
  postgres_url += std::string(postgres_url.find('?') == std::string::npos ? "?" : "&") + "password=" + kCanary;

  TempDir dir("pacts-canary");
  fs::path site = fs::path(dir.path()) / "site", store = fs::path(dir.path()) / "pacts.db";
  fs::path artifacts = fs::path(dir.path()) / "artifacts", json = fs::path(dir.path()) / "report.json";
  fs::path html = fs::path(dir.path()) / "report.html", junit = fs::path(dir.path()) / "junit.xml";
  fs::path reports = fs::path(dir.path()) / "reports";  // every run's own HTML report (report.html_dir)
  write_site(site);
  write(fs::path(dir.path()) / "canary.txt", kRequirements);
  write(fs::path(dir.path()) / "canary.json", kSuite);

  std::string env = "CANARY=" + shell_quote(kCanary) + " CANARY_SPECIAL=" + shell_quote(kSpecial) +
                    " PACTS_REDIS_URL=" + shell_quote(redis_url) + " PACTS_POSTGRES_URL=" + shell_quote(postgres_url) +
                    " PACTS_STORE_PATH=" + shell_quote(store.string()) +
                    " PACTS_RUN_ARTIFACTS_DIR=" + shell_quote(artifacts.string()) +
                    " PACTS_REPORT_HTML_DIR=" + shell_quote(reports.string()) +
                    " PACTS_RUN_STEP_TIMEOUT_MS=2500 PACTS_RUN_ASSERTION_TIMEOUT_MS=1500 PACTS_CONFIG=" +
                    // This test is about where values go, not about deadlines: a loaded machine must not take a tier out.
                    " PACTS_REDIS_CONNECT_TIMEOUT_MS=5000 PACTS_REDIS_COMMAND_TIMEOUT_MS=5000"
                    " PACTS_POSTGRES_CONNECT_TIMEOUT_MS=5000 PACTS_POSTGRES_COMMAND_TIMEOUT_MS=5000";
  std::string console;
  auto pacts = [&](const std::string& args) {
    auto [out, code] = shell(env + " " + PACTS_BINARY + " " + args);
    console += out;
    return std::make_pair(out, code);
  };
  std::string files = shell_quote((fs::path(dir.path()) / "canary.txt").string()) + " " +
                      shell_quote((fs::path(dir.path()) / "canary.json").string());
  // Twice: the second run takes its selectors from the tiers, so they are written and read with secrets about.
  for (int round = 0; round < 2; ++round) {
    auto [out, code] = pacts("run --serve " + shell_quote(site.string()) + " --json " + shell_quote(json.string()) +
                             " --report html:" + shell_quote(html.string()) + " --report junit:" +
                             shell_quote(junit.string()) + " --var pw=@env:CANARY -v " + files);
    INFO(out);
    REQUIRE(code == 1);  // the failing tests fail; the passing ones pass
    CHECK(out.find("PASS every value carries a secret, and the test passes") != std::string::npos);
    CHECK(out.find("PASS data rows carry secrets [row passes]") != std::string::npos);
    CHECK(out.find("FAIL data rows carry secrets [row fails]") != std::string::npos);
    CHECK(out.find("***") != std::string::npos);
  }
  // A bad tier URL's message, and the commands that print URLs.
  pacts("cache stats");
  pacts("db info");
  pacts("plan --var pw=@env:CANARY " + files);
  auto [bad, bad_code] = shell("CANARY=" + shell_quote(kCanary) + " PACTS_REDIS_URL=" +
                               shell_quote("redis://:" + kCanary + "@127.0.0.1:notaport/0") + " PACTS_STORE_PATH=:memory: " +
                               PACTS_BINARY + " cache stats");
  CHECK(bad_code == 2);
  console += bad;

  INFO("console:\n" << console);
  std::vector<std::string> found;
  auto search = [&](const std::string& sink, const std::string& text) {
    auto l = leaks(sink, text);
    found.insert(found.end(), l.begin(), l.end());
  };
  search("console", console);
  search("JSON report", slurp(json));
  search("HTML report", slurp(html));
  int run_reports = 0;
  for (const auto& f : fs::directory_iterator(reports)) {
    search("HTML report " + f.path().filename().string(), slurp(f.path()));
    ++run_reports;
  }
  CHECK(run_reports >= 2);  // one per run
  search("JUnit report", slurp(junit));
  CHECK(slurp(html).find("data:image/png;base64,") != std::string::npos);  // the screenshots are in it
  // pacts serve over the same store: every endpoint, and every run's detail.
  {
    std::map<std::string, std::string> serve_env = {{"CANARY", kCanary}, {"CANARY_SPECIAL", kSpecial},
                                                    {"PACTS_STORE_PATH", store.string()},
                                                    {"PACTS_RUN_ARTIFACTS_DIR", artifacts.string()},
                                                    {"PACTS_REDIS_URL", redis_url}, {"PACTS_POSTGRES_URL", postgres_url},
                                                    {"PACTS_CONFIG", ""}};
    std::string log = dir.path() + "/serve.log";
    pid_t serve = spawn({PACTS_BINARY, "serve", "--port", "0"}, log, serve_env);
    REQUIRE(eventually([&] { return file_text(log).find("http://127.0.0.1:") != std::string::npos; },
                       std::chrono::milliseconds(20000)));
    auto text = file_text(log);
    httplib::Client client("127.0.0.1", std::stoi(text.substr(text.find("http://127.0.0.1:") + 17)));
    client.set_read_timeout(10, 0);
    auto fetch = [&](const std::string& path) {
      auto r = client.Get(path.c_str());
      CHECK(r);
      std::string body = r ? r->body : "";
      search("pacts serve " + path, body);
      return body;
    };
    for (const char* path : {"/", "/health", "/metrics", "/api/summary", "/api/cache", "/api/heal", "/api/selectors"})
      fetch(path);
    auto runs = nlohmann::json::parse(fetch("/api/runs?limit=1000"));
    CHECK(runs["runs"].size() >= 10);
    for (const auto& run : runs["runs"]) fetch("/api/runs/" + run["id"].get<std::string>());
    kill(serve, SIGTERM);
    CHECK(wait_exit(serve) == 0);
    search("pacts serve log", file_text(log));
  }
  for (const auto& f : fs::directory_iterator(dir.path()))
    if (f.path().filename().string().rfind("pacts.db", 0) == 0) search("SQLite " + f.path().filename().string(), slurp(f.path()));
  // Redis: every key and every value under any prefix.
  std::string auth = "-a " + kCanary + " --no-auth-warning ";
  std::string keys = services.redis_cli(auth + "--scan");
  search("Redis keys", keys);
  std::istringstream key_lines(keys);
  int redis_keys = 0;
  for (std::string key; std::getline(key_lines, key);) {
    if (key.empty()) continue;
    ++redis_keys;
    search("Redis value of " + key, services.redis_cli(auth + "--raw GET " + shell_quote(key)));
  }
  CHECK(redis_keys > 0);  // the tier was written, so the search means something
  // Postgres: every table of the test's database.
  auto [dump, dump_code] = shell("pg_dump --data-only " + shell_quote(postgres_url));
  REQUIRE(dump_code == 0);
  search("Postgres", dump);
  // Artifacts: names and contents.
  int artifact_files = 0;
  for (const auto& f : fs::recursive_directory_iterator(artifacts)) {
    search("artifact path", f.path().string());
    if (f.is_regular_file()) {
      ++artifact_files;
      search("artifact " + f.path().filename().string(), slurp(f.path()));
    }
  }
  CHECK(artifact_files >= 7);  // a screenshot per failure
  for (const auto& f : found) FAIL_CHECK("secret found in " << f);
  CHECK(found.empty());
}
