// Drift and healing in a real headless Chromium: a page is served from a folder the test rewrites between
// runs, as a release would change it, with one store and cache across the runs.
#include <catch2/catch.hpp>

#include <fstream>
#include <memory>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "browser/page.h"
#include "core/temp_dir.h"
#include "discovery/page_agent.h"
#include "harness.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "serve/api.h"

using namespace pacts;
using namespace pacts::testing;

namespace {

// A profile form: Save says "Saved", Delete says "Deleted". `buttons` is the markup of the two buttons.
void write_page(const TempDir& site, const std::string& buttons) {
  std::ofstream(site.path() + "/profile.html")
      << "<!doctype html><html><head><title>Profile</title></head><body><main><h1>Your profile</h1>"
         "<form onsubmit=\"return false\"><label>Name <input id=\"name\" name=\"name\"></label>"
      << buttons
      << "</form><p id=\"out\"></p></main><script>"
         "for (const b of document.querySelectorAll('button')) b.addEventListener('click', () => {"
         "  document.getElementById('out').textContent = b.textContent.trim() === 'Save' ? 'Saved' : 'Deleted'; });"
         "</script></body></html>";
}

const char* kSaveTest = "Test: save\nURL: /profile.html\nSteps:\n1. Click \"Save\"\nExpected: \"Saved\" is visible\n";

// The profile page with Save and Delete, served to a harness that has run kSaveTest once (Save's selector
// cached with its print): the release a test then writes over it is what the warm run meets.
struct SavedOnce {
  TempDir site{"pacts-heal-site"};
  std::unique_ptr<Harness> h;
  explicit SavedOnce(const std::string& store_path = ":memory:") {
    write_page(site, "<button id=\"primary\" class=\"btn\">Save</button> <button id=\"remove\" class=\"btn\">Delete</button>");
    h = std::make_unique<Harness>(site.path(), store_path);
    auto cold = h->run(kSaveTest);
    INFO(cold.error);
    REQUIRE(cold.verdict == Verdict::Pass);
  }
};

std::vector<std::string> stored(Store& store, const char* column) {
  SQLite::Statement q(store.database(), std::string("SELECT ") + column + " FROM selectors");
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

struct HealCount {
  int64_t successes = 0, failures = 0;
};

// The per-page heal_history row of a strategy.
HealCount heal_count(Store& store, const std::string& strategy) {
  SQLite::Statement q(store.database(),
                      "SELECT successes, failures FROM heal_history WHERE cache_key = '' AND strategy = ?");
  q.bind(1, strategy);
  HealCount c;
  if (q.executeStep()) c = {q.getColumn(0).getInt64(), q.getColumn(1).getInt64()};
  return c;
}

// Names the elements steps act on, as the page shows them just before the action.
struct ActingObserver : RecordingObserver {
  std::vector<std::string> acted_on;
  void acting_on(const Step&, PageAgent& agent, int handle) override {
    acted_on.push_back(agent.basics(handle, kAgentCallTimeout).name);
  }
};

TestResult run_watched(Harness& h, const char* text, ActingObserver& watcher) {
  auto report = h.run_plan(h.plan(text), watcher);
  REQUIRE(report.tests.size() == 1);
  return report.tests[0];
}

}  // namespace

TEST_CASE("a cached selector that silently matches another element is caught as drift and healed", "[heal]") {
  TempDir site("pacts-heal-site");
  write_page(site, "<button id=\"primary\" class=\"btn\">Save</button> <button id=\"remove\" class=\"btn\">Delete</button>");
  Harness h(site.path());
  auto cold = h.run(kSaveTest);
  INFO(cold.error);
  REQUIRE(cold.verdict == Verdict::Pass);
  REQUIRE(stored(h.store(), "selector") == std::vector<std::string>{"button#primary"});

  // The release moves the id to the Delete button: button#primary still matches exactly one button.
  write_page(site, "<button id=\"save-now\" class=\"btn\">Save</button> <button id=\"primary\" class=\"btn\">Delete</button>");
  ActingObserver watcher;
  auto healed = run_watched(h, kSaveTest, watcher);
  CHECK(watcher.acted_on == std::vector<std::string>{"Save"});
  INFO(healed.error);
  CHECK(healed.verdict == Verdict::Pass);  // "Saved": Save was clicked, not Delete
  REQUIRE(healed.steps.size() == 1);
  const auto& step = healed.steps[0];
  CHECK(step.source == "healed");
  REQUIRE(step.heal);
  CHECK(step.heal->old_selector == "button#primary");
  CHECK(step.heal->strategy == "rediscovery");
  CHECK(step.heal->similarity < 0.75);
  CHECK(std::find(step.heal->changed.begin(), step.heal->changed.end(), "name") != step.heal->changed.end());
  CHECK(h.cache().stats().drifts == 1);
  CHECK(stored(h.store(), "selector") == std::vector<std::string>{"button#save-now"});
  CHECK(heal_count(h.store(), "rediscovery").successes == 1);

  // Healed once: the next run takes the new selector from SQLite, with no drift and no heal.
  auto warm = h.run(kSaveTest);
  CHECK(warm.verdict == Verdict::Pass);
  CHECK(warm.steps[0].source == "sqlite");
  CHECK_FALSE(warm.steps[0].heal);
  CHECK(h.cache().stats().drifts == 1);
  CHECK(heal_count(h.store(), "rediscovery").successes == 1);
}

TEST_CASE("a drifted selector whose element is gone abstains without acting on the look-alike", "[heal]") {
  SavedOnce once;
  TempDir& site = once.site;
  Harness& h = *once.h;
  // Save is removed; its id now names Delete.
  write_page(site, "<button id=\"primary\" class=\"btn\">Delete</button>");
  ActingObserver watcher;
  auto r = run_watched(h, kSaveTest, watcher);
  CHECK(watcher.acted_on.empty());  // Delete was never clicked
  CHECK(r.verdict == Verdict::Fail);
  REQUIRE(r.steps.size() == 1);
  CHECK(r.steps[0].reason == FailureReason::HealAbstained);
  CHECK(r.steps[0].error.find("now matches another element") != std::string::npos);
  CHECK(r.steps[0].error.find("button#primary") != std::string::npos);
  REQUIRE(r.steps[0].heal);
  CHECK(r.steps[0].heal->strategy.empty());
  CHECK(h.cache().stats().drifts == 1);
  for (const auto& strategy : {"rediscovery", "fingerprint", "relaxed_name", "structural", "attribute_family"}) {
    INFO(strategy);
    CHECK(heal_count(h.store(), strategy).failures == 1);  // every strategy was tried, and refused
  }
  CHECK(r.steps[0].error.find("fingerprint: ") != std::string::npos);  // each strategy says why
}

TEST_CASE("a cosmetic change keeps the cached selector and refreshes its fingerprint", "[heal]") {
  SavedOnce once;
  TempDir& site = once.site;
  Harness& h = *once.h;
  auto before = stored(h.store(), "fingerprint");
  REQUIRE(before.size() == 1);
  CHECK(before[0].find("\"btn\"") != std::string::npos);
  // Classes renamed and a wrapper added: the same button.
  write_page(site, "<div class=\"actions\"><button id=\"primary\" class=\"button button--main\">Save</button> "
                   "<button id=\"remove\" class=\"button\">Delete</button></div>");
  auto r = h.run(kSaveTest);
  CHECK(r.verdict == Verdict::Pass);
  CHECK(r.steps[0].source == "sqlite");
  CHECK_FALSE(r.steps[0].heal);
  CHECK(h.cache().stats().drifts == 0);
  auto after = stored(h.store(), "fingerprint");
  REQUIRE(after.size() == 1);
  CHECK(after[0].find("button--main") != std::string::npos);
  CHECK(stored(h.store(), "selector") == std::vector<std::string>{"button#primary"});
}

TEST_CASE("an unchanged page raises no drift on a warm run", "[heal]") {
  Harness h("examples/sites");
  const char* text =
      "Test: login\nURL: /shop/\nSteps:\n1. Fill \"Username\" with \"standard_user\"\n"
      "2. Fill \"Password\" with \"secret_sauce\"\n3. Click \"Login\"\n4. Click \"Add to cart\" for \"Sauce Labs Backpack\"\n"
      "Expected: \"Remove\" button is visible\n";
  auto cold = h.run(text);
  INFO(cold.error);
  REQUIRE(cold.verdict == Verdict::Pass);
  for (int i = 0; i < 2; ++i) {
    auto warm = h.run(text);
    CHECK(warm.verdict == Verdict::Pass);
    for (const auto& s : warm.steps) CHECK(s.source == "sqlite");
  }
  CHECK(h.cache().stats().drifts == 0);
}

TEST_CASE("two equally similar look-alikes make the heal abstain, listing both", "[heal]") {
  SavedOnce once;
  TempDir& site = once.site;
  Harness& h = *once.h;
  // The id went to Delete, and two Save buttons, alike in all, took the old one's place.
  write_page(site, "<button class=\"btn\">Save</button> <button class=\"btn\">Save</button> "
                   "<button id=\"primary\" class=\"btn\">Delete</button>");
  ActingObserver watcher;
  auto r = run_watched(h, kSaveTest, watcher);
  CHECK(r.verdict == Verdict::Fail);
  CHECK(watcher.acted_on.empty());
  REQUIRE(r.steps.size() == 1);
  CHECK(r.steps[0].reason == FailureReason::HealAbstained);
  CHECK(r.steps[0].error.find("closer than") != std::string::npos);
  int saves = 0;
  for (const auto& c : r.steps[0].candidates) saves += c.rfind("rediscovery: button \"Save\"", 0) == 0;
  CHECK(saves == 2);
}

TEST_CASE("the heal history decides which strategy heals first", "[heal]") {
  SavedOnce once;
  TempDir& site = once.site;
  Harness& h = *once.h;
  std::string pattern;
  {
    SQLite::Statement q(h.store().database(), "SELECT url_pattern FROM selectors");
    REQUIRE(q.executeStep());
    pattern = q.getColumn(0).getString();
  }
  // On this page, attribute_family has healed quickly and rediscovery has failed.
  for (int i = 0; i < 6; ++i) {
    h.store().record_heal_outcome({pattern, "", "attribute_family", true, 2.0, ""});
    h.store().record_heal_outcome({pattern, "", "rediscovery", false, 30.0, ""});
  }
  write_page(site, "<button id=\"primary-save\" class=\"btn\">Save</button> <button id=\"primary\" class=\"btn\">Delete</button>");
  auto r = h.run(kSaveTest);
  INFO(r.error);
  CHECK(r.verdict == Verdict::Pass);
  REQUIRE(r.steps[0].heal);
  CHECK(r.steps[0].heal->strategy == "attribute_family");
  CHECK(r.steps[0].heal->tried == 1u);
  CHECK(r.steps[0].strategy == "attribute_family");
  CHECK(heal_count(h.store(), "attribute_family").successes == 7);
  CHECK(heal_count(h.store(), "rediscovery").failures == 6);  // not tried this time
}

TEST_CASE("an element expected to be hidden is never healed", "[heal]") {
  SavedOnce once;
  TempDir& site = once.site;
  Harness& h = *once.h;
  // Save is gone and its id names Delete; the test says Save must not be there.
  write_page(site, "<button id=\"primary\" class=\"btn\">Delete</button>");
  auto r = h.run("Test: no save\nURL: /profile.html\nSteps:\n1. Fill \"Ada\" in Name\n"
                 "Expected: \"Save\" button is hidden\n");
  INFO(r.error);
  CHECK(r.verdict == Verdict::Pass);
  CHECK(h.cache().stats().drifts == 0);
  SQLite::Statement q(h.store().database(), "SELECT count(*) FROM heal_history");
  REQUIRE(q.executeStep());
  CHECK(q.getColumn(0).getInt64() == 0);
}

TEST_CASE("a look-alike that took the old id is caught as drift though its name is close, and the step heals",
          "[heal]") {
  SavedOnce once;
  TempDir& site = once.site;
  Harness& h = *once.h;
  // "Save draft" takes Save's place and id, Save moves after it: close to the stored print (same id, place,
  // classes and neighbours, a name sharing its word), but not the element.
  write_page(site, "<button id=\"primary\" class=\"btn\">Save draft</button> <button id=\"save-now\" "
                   "class=\"btn\">Save</button> <button id=\"remove\" class=\"btn\">Delete</button>");
  ActingObserver watcher;
  auto r = run_watched(h, kSaveTest, watcher);
  INFO(r.error);
  CHECK(watcher.acted_on == std::vector<std::string>{"Save"});
  CHECK(r.verdict == Verdict::Pass);
  REQUIRE(r.steps.size() == 1);
  REQUIRE(r.steps[0].heal);
  CHECK(r.steps[0].source == "healed");
  CHECK(r.steps[0].heal->old_selector == "button#primary");
  CHECK(h.cache().stats().drifts == 1);
  CHECK(stored(h.store(), "selector") == std::vector<std::string>{"button#save-now"});
}

TEST_CASE("a reworded button keeps its cached selector: no drift, its print refreshed", "[heal]") {
  SavedOnce once;
  TempDir& site = once.site;
  Harness& h = *once.h;
  write_page(site, "<button id=\"primary\" class=\"btn\">Save changes</button> <button id=\"remove\" class=\"btn\">Delete</button>");
  auto r = h.run("Test: save\nURL: /profile.html\nSteps:\n1. Click \"Save\"\nExpected: \"Your profile\" is visible\n");
  INFO(r.error);
  CHECK(r.verdict == Verdict::Pass);
  CHECK(r.steps[0].source == "sqlite");
  CHECK_FALSE(r.steps[0].heal);
  CHECK(h.cache().stats().drifts == 0);
  auto prints = stored(h.store(), "fingerprint");
  REQUIRE(prints.size() == 1);
  CHECK(prints[0].find("Save changes") != std::string::npos);
}

TEST_CASE("a heal reaches /metrics, /api/heal, /api/runs with its screenshot, and the JSON and HTML reports",
          "[heal]") {
  TempDir dir("pacts-heal-store");
  SavedOnce once(dir.path() + "/pacts.db");
  TempDir& site = once.site;
  Harness& h = *once.h;
  write_page(site, "<button id=\"save-now\" class=\"btn\">Save</button> <button id=\"primary\" class=\"btn\">Delete</button>");
  auto report = h.run_plan(h.plan(kSaveTest));
  REQUIRE(report.tests.size() == 1);
  const auto& t = report.tests[0];
  INFO(t.error);
  REQUIRE(t.verdict == Verdict::Pass);
  REQUIRE(t.steps[0].heal);
  // With the default screenshots policy ("failures"), a healed step keeps the page after the heal's action.
  CHECK(t.steps[0].screenshot.find("step-01-healed.png") != std::string::npos);
  CHECK(png_file(t.steps[0].screenshot));

  auto doc = nlohmann::json::parse(run_report_json(report));
  const auto& step = doc["runs"][0]["steps"][0];
  CHECK(step["source"] == "healed");
  CHECK(step["selector"] == "button#save-now");
  CHECK(step["strategy"] == "rediscovery");
  CHECK(step["heal"]["old_selector"] == "button#primary");
  CHECK(step["heal"]["strategy"] == "rediscovery");
  CHECK(step["heal"]["similarity"].get<double>() < 0.75);
  std::string html = html_report(report);
  CHECK(html.find("was <code>button#primary</code>") != std::string::npos);
  CHECK(html.find("healed by rediscovery") != std::string::npos);
  CHECK(html.find("alt=\"screenshot step-01-healed.png\"") != std::string::npos);

  Api api({dir.path() + "/pacts.db", h.config.run.artifacts_dir});
  auto metrics = api.get("/metrics", {});
  CHECK(metrics.body.find("pacts_heal_attempts_total{strategy=\"rediscovery\",outcome=\"success\"} 1\n") !=
        std::string::npos);
  auto heal = nlohmann::json::parse(api.get("/api/heal", {}).body);
  INFO(heal.dump());
  bool counted = false;
  for (const auto& s : heal["strategies"]) counted |= s["strategy"] == "rediscovery" && s["successes"] == 1;
  CHECK(counted);
  auto run = api.get("/api/runs/" + t.id, {});
  REQUIRE(run.status == 200);
  auto detail = nlohmann::json::parse(run.body);
  INFO(detail.dump());
  CHECK(detail["steps"][0]["source"] == "healed");
  CHECK(detail["steps"][0]["selector"] == "button#save-now");
  REQUIRE(detail["artifacts"].size() == 1);
  CHECK(detail["artifacts"][0]["step_idx"] == 0);
}

TEST_CASE("with screenshots off a healed step keeps no screenshot", "[heal]") {
  SavedOnce once;
  TempDir& site = once.site;
  Harness& h = *once.h;
  h.config.run.screenshots = "off";
  write_page(site, "<button id=\"save-now\" class=\"btn\">Save</button> <button id=\"primary\" class=\"btn\">Delete</button>");
  auto r = h.run(kSaveTest);
  INFO(r.error);
  REQUIRE(r.verdict == Verdict::Pass);
  REQUIRE(r.steps[0].source == "healed");
  CHECK(r.steps[0].screenshot.empty());
  CHECK(r.artifacts.empty());
}

TEST_CASE("a target rendered late, after its cached selector went to another element, is waited for and healed",
          "[heal]") {
  SavedOnce once;
  TempDir& site = once.site;
  Harness& h = *once.h;
  h.config.run.step_timeout_ms = 10000;
  // The release gives the old id to Delete and renders Save only later (a component still hydrating): at the
  // heal, nothing on the page answers "Save" yet.
  write_page(site, "<button id=\"primary\" class=\"btn\">Delete</button><script>setTimeout(() => {"
                   "  const b = document.createElement('button'); b.id = 'save-late'; b.className = 'btn';"
                   "  b.textContent = 'Save'; b.onclick = () => { document.getElementById('out').textContent = 'Saved'; };"
                   "  document.querySelector('form').append(b); }, 3000);</script>");
  ActingObserver watcher;
  auto r = run_watched(h, kSaveTest, watcher);
  INFO(r.error);
  CHECK(watcher.acted_on == std::vector<std::string>{"Save"});
  CHECK(r.verdict == Verdict::Pass);
  REQUIRE(r.steps.size() == 1);
  CHECK(r.steps[0].source == "healed");
  REQUIRE(r.steps[0].heal);
  CHECK(r.steps[0].heal->old_selector == "button#primary");
  CHECK(h.cache().stats().drifts == 1);
  CHECK(stored(h.store(), "selector") == std::vector<std::string>{"button#save-late"});
  CHECK(heal_count(h.store(), "fingerprint").failures == 0);  // a page not ready is no strategy's failure
}

// Round trips to the browser from a step's start to its action: the resolution's cost in calls.
struct TripsToAction : RecordingObserver {
  Page* page = nullptr;
  int64_t at_action = 0;
  std::vector<int64_t> before_action;  // per step
  void acting_on(const Step&, PageAgent& agent, int) override {
    page = &agent.page();
    at_action = page->browser_round_trips();
  }
  void step_finished(const StepRecord& s) override {
    before_action.push_back(s.timings.round_trips - (page->browser_round_trips() - at_action));
  }
};

TEST_CASE("a warm cache hit on an unchanged element is verified and drift-checked in one round trip", "[heal]") {
  SavedOnce once;
  Harness& h = *once.h;
  for (int i = 0; i < 3; ++i) {
    TripsToAction trips;
    auto report = h.run_plan(h.plan(kSaveTest), trips);
    REQUIRE(report.tests.size() == 1);
    REQUIRE(report.tests[0].verdict == Verdict::Pass);
    REQUIRE(report.tests[0].steps[0].source == "sqlite");
    // The call that verifies the hit returns the element's print: no call of its own for the drift check.
    CHECK(trips.before_action == std::vector<int64_t>{1});
  }
  CHECK(h.cache().stats().drifts == 0);
}

namespace {

// An order form: `fields` is the markup of its fields; Place order shows what the customer field holds.
void write_order_form(const TempDir& site, const std::string& fields) {
  std::ofstream(site.path() + "/order.html")
      << "<!doctype html><html><head><title>Order</title></head><body><main><h1>New order</h1>"
         "<form onsubmit=\"return false\">"
      << fields
      << "<button id=\"place\">Place order</button></form><p id=\"out\"></p></main><script>"
         "document.getElementById('place').addEventListener('click', () => {"
         "  const f = document.querySelector('[name=customer]');"
         "  document.getElementById('out').textContent = f ? 'Ordered for ' + f.value : 'No customer'; });"
         "</script></body></html>";
}

const char* kOrderTest = "Test: order\nURL: /order.html\nSteps:\n1. Fill \"Customer name\" with \"Ada Lovelace\"\n"
                         "2. Click \"Place order\"\nExpected: \"Ordered for Ada Lovelace\" is visible\n";

}  // namespace

TEST_CASE("a cached selector that matches nothing after a release renamed the field is healed by its print, "
          "and a field that is gone is not_found without acting on another", "[heal]") {
  TempDir site("pacts-heal-stale");
  write_order_form(site, "<label for=\"customer-name\">Customer name</label>"
                         "<input id=\"customer-name\" name=\"customer\" class=\"field\" autocomplete=\"name\">"
                         "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" class=\"field\">");
  Harness h(site.path());
  auto cold = h.run(kOrderTest);
  INFO(cold.error);
  REQUIRE(cold.verdict == Verdict::Pass);
  auto before = stored(h.store(), "selector");

  // The release rewords the label and renames the id with it: the cached selector matches nothing, and
  // nothing on the page is named "Customer name" any more. The field kept its name attribute and its place.
  write_order_form(site, "<label for=\"client\">Client full name</label>"
                         "<input id=\"client\" name=\"customer\" class=\"field\" autocomplete=\"name\">"
                         "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" class=\"field\">");
  ActingObserver watcher;
  auto healed = run_watched(h, kOrderTest, watcher);
  INFO(healed.error);
  CHECK(healed.verdict == Verdict::Pass);
  REQUIRE(healed.steps.size() >= 2);
  const auto& step = healed.steps[0];
  CHECK(step.source == "healed");
  REQUIRE(step.heal);
  CHECK(step.heal->matched_nothing);
  CHECK_FALSE(step.heal->strategy.empty());
  CHECK(h.cache().stats().drifts == 0);  // stale is not drift: the selector matched no other element
  auto after = stored(h.store(), "selector");
  CHECK(after != before);
  CHECK(std::find(after.begin(), after.end(), "input#client") != after.end());

  // Healed once: the next run takes the new selector from SQLite with no heal.
  auto warm = h.run(kOrderTest);
  INFO(warm.error);
  CHECK(warm.verdict == Verdict::Pass);
  CHECK(warm.steps[0].source == "sqlite");
  CHECK_FALSE(warm.steps[0].heal);

  // The next release removes the field: the one left (Email) is not taken for it.
  write_order_form(site, "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" class=\"field\">");
  h.config.run.step_timeout_ms = 4000;
  ActingObserver gone_watcher;
  auto gone = run_watched(h, kOrderTest, gone_watcher);
  CHECK(gone_watcher.acted_on.empty());
  CHECK(gone.verdict == Verdict::Fail);
  REQUIRE_FALSE(gone.steps.empty());
  INFO(gone.steps[0].error);
  CHECK((gone.steps[0].reason == FailureReason::NotFound || gone.steps[0].reason == FailureReason::HealAbstained));
  CHECK_THAT(gone.steps[0].error, Catch::Contains("matches nothing now"));
}
