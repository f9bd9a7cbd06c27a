// The actions and assertions testers use in Gherkin features, each run in a real headless Chromium (launched by
// the tests) on tests/pages/actions.html, served on loopback: each passes where it should and fails, saying why
// and what was there instead, where it should not.
#include <catch2/catch.hpp>

#include "browser/page.h"
#include "discovery/page_agent.h"
#include "harness.h"

using namespace pacts;
using namespace pacts::testing;

namespace {

// A feature with one scenario: the steps after "Given I am on "/actions.html"".
std::string scenario(const std::string& steps, const std::string& page = "/actions.html") {
  return "Feature: actions\n  Scenario: one\n    Given I am on \"" + page + "\"\n" + steps;
}

const StepRecord& failed_step(const TestResult& r) {
  for (const auto& s : r.steps)
    if (s.outcome == Outcome::Failed) return s;
  FAIL("no step failed: " << r.error);
  return r.steps.front();
}

const StepRecord& failed_assertion(const TestResult& r) {
  for (const auto& a : r.assertions)
    if (a.outcome == Outcome::Failed) return a;
  FAIL("no assertion failed: " << r.error);
  return r.assertions.front();
}

// Short deadlines: the failing variants wait for nothing longer than they must.
void quick(Harness& h) {
  h.config.run.step_timeout_ms = 1500;
  h.config.run.assertion_timeout_ms = 1000;
}

}  // namespace

TEST_CASE("choose picks a radio button by its label and checks it is chosen", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    When I choose \"Medium\"\n    Then the \"Medium\" radio button should be selected\n"
                                   "    And I should see \"size medium\"\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  CHECK(ok.steps.at(1).action == "choose");
  SECTION("a disabled radio is not chosen") {
    auto r = h.run_feature(scenario("    When I choose \"Large\"\n"));
    CHECK(r.verdict == Verdict::Fail);
    CHECK(failed_step(r).reason == FailureReason::Disabled);
  }
}

TEST_CASE("select keeps one option of a list that takes several, additionally select adds one", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    When I select \"Cheese\" from \"Toppings\"\n"
                                   "    And I select \"Olives\" from \"Toppings\"\n"
                                   "    Then I should see \"toppings: Olives\"\n"
                                   "    When I additionally select \"Basil\" from \"Toppings\"\n"
                                   "    Then I should see \"toppings: Olives, Basil\"\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  CHECK(ok.steps.at(3).action == "select_also");
  SECTION("a list that takes one choice refuses an additional one") {
    auto r = h.run_feature(scenario("    When I select \"Thin\" from \"Crust\"\n"
                                    "    And I additionally select \"Thick\" from \"Crust\"\n"));
    const auto& s = failed_step(r);
    CHECK(s.line == 5);
    CHECK(s.reason == FailureReason::NotApplied);
    CHECK_THAT(s.error, Catch::Contains("takes one choice"));
  }
}

TEST_CASE("attach a file: a visible file input, and one hidden behind its label", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    When I attach the file \"files/resume.txt\" to \"Resume\"\n"
                                   "    Then I should see \"resume: resume.txt\"\n"
                                   "    When I attach the file \"files/photo.png\" to \"Photo\"\n"
                                   "    Then I should see \"photo: photo.png\"\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("a field that is not a file input takes no file") {
    auto r = h.run_feature(scenario("    When I attach the file \"files/resume.txt\" to \"Nickname\"\n"));
    const auto& s = failed_step(r);
    CHECK(s.reason == FailureReason::NotFound);
    CHECK_THAT(s.error, Catch::Contains("is a file input"));
  }
}

TEST_CASE("javascript dialogs are accepted, dismissed or answered as the steps after the action say", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    When I press \"Show alert\"\n    And I accept the alert\n"
                                   "    Then I should see \"alert closed\"\n"
                                   "    When I press \"Delete draft\"\n    And I dismiss the confirm\n"
                                   "    Then I should see \"You are not sure\"\n"
                                   "    When I press \"Ask name\"\n    And I enter \"Ada\" into the prompt\n"
                                   "    And I accept the prompt\n    Then I should see \"Hello, Ada\"\n"
                                   "    When I press \"Alert later\"\n    And I accept the alert\n"
                                   "    Then I should see \"late alert closed\"\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  CHECK(ok.steps.at(2).value == std::optional<std::string>("Saved: all good"));  // what the dialog said
  SECTION("a dialog no step answers fails the step that opened it, naming its text, and does not hang") {
    auto r = h.run_feature(scenario("    When I press \"Delete draft\"\n    Then I should see \"You are sure\"\n"));
    const auto& s = failed_step(r);
    CHECK(s.line == 4);
    CHECK_THAT(s.error, Catch::Contains("unexpected confirm dialog") && Catch::Contains("Delete the draft?"));
  }
  SECTION("accepting a dialog that never opens fails") {
    auto r = h.run_feature(scenario("    When I press \"Save\"\n    And I accept the alert\n"));
    const auto& s = failed_step(r);
    CHECK(s.action == "dialog_accept");
    CHECK_THAT(s.error, Catch::Contains("no dialog opened"));
  }
}

TEST_CASE("reload, back and forward move through the tab's history", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    When I fill in \"Nickname\" with \"Ada\"\n    And I reload the page\n"
                                   "    Then the \"Nickname\" field should be empty\n"
                                   "    When I follow \"Next page\"\n    And I move backward one page\n"
                                   "    Then I should be on \"/actions.html\"\n"
                                   "    When I move forward one page\n    Then I should see \"Second page\"\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("a value typed before a reload is gone after it") {
    auto r = h.run_feature(scenario("    When I fill in \"Nickname\" with \"Ada\"\n    And I reload the page\n"
                                    "    Then the \"Nickname\" field should contain \"Ada\"\n"));
    CHECK_THAT(failed_assertion(r).error, Catch::Contains("its value is \"\""));
  }
  SECTION("there is no page before the test's first one, and none after the last") {
    auto back = h.run_feature(scenario("    When I move backward one page\n"));
    CHECK(failed_step(back).reason == FailureReason::NavigationFailed);
    CHECK_THAT(failed_step(back).error, Catch::Contains("no page to go back to"));
    auto forward = h.run_feature(scenario("    When I move forward one page\n"));
    CHECK_THAT(failed_step(forward).error, Catch::Contains("no page to go forward to"));
  }
}

TEST_CASE("double-click and right-click send the gestures the page listens to", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    When I double click \"Double me\"\n    Then I should see \"double clicked\"\n"
                                   "    When I right-click \"Context me\"\n    Then I should see \"context menu opened\"\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("a hidden element is not double-clicked") {
    auto r = h.run_feature(scenario("    When I double click \"Secret\"\n"));
    CHECK(failed_step(r).reason == FailureReason::NotVisible);
  }
  SECTION("a covered element is not right-clicked") {
    auto r = h.run_feature(scenario("    When I right-click \"Delete\"\n", "/states.html"));
    CHECK(failed_step(r).reason == FailureReason::Covered);
  }
}

TEST_CASE("focus and scroll into view", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    When I focus the \"Nickname\" field\n    Then I should see \"focused nickname\"\n"
                                   "    When I scroll to \"Far away\"\n    Then I should see \"far button in view\"\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("an element that cannot take the focus") {
    auto r = h.run_feature(scenario("    When I focus \"Total: $30\"\n"));
    CHECK(failed_step(r).reason == FailureReason::NotApplied);
    CHECK_THAT(failed_step(r).error, Catch::Contains("did not take the keyboard focus"));
  }
  SECTION("a hidden element cannot be scrolled to") {
    auto r = h.run_feature(scenario("    When I scroll to \"Secret\"\n"));
    CHECK(failed_step(r).reason == FailureReason::NotVisible);
  }
}

TEST_CASE("drag one element onto another", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    When I drag \"Card A\" onto \"Done column\"\n"
                                   "    Then I should see \"Card A dropped on Done\"\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("onto a place that is not there") {
    auto r = h.run_feature(scenario("    When I drag \"Card A\" onto \"Nowhere column\"\n"));
    CHECK_THAT(failed_step(r).error, Catch::Contains("the place to drop onto"));
  }
  SECTION("onto a place that takes nothing: the drop is not there") {
    auto r = h.run_feature(scenario("    When I drag \"Card A\" onto \"Archive column\"\n"
                                    "    Then I should see \"Card A dropped on Done\"\n"));
    CHECK(failed_assertion(r).reason == FailureReason::AssertionFailed);
  }
}

TEST_CASE("a field's value: contains, equals, empty", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    Then the \"City\" field should contain \"par\"\n"
                                   "    And field \"City\" should have the value \"Paris\"\n"
                                   "    And the \"City\" field should not contain \"London\"\n"
                                   "    And the \"Notes\" field should be empty\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("shows the value that is there instead") {
    auto r = h.run_feature(scenario("    Then the \"City\" field should contain \"London\"\n"));
    CHECK_THAT(failed_assertion(r).error, Catch::Contains("does not contain \"London\"") && Catch::Contains("\"Paris\""));
    auto empty = h.run_feature(scenario("    Then the \"City\" field should be empty\n"));
    CHECK_THAT(failed_assertion(empty).error, Catch::Contains("is not empty"));
  }
}

TEST_CASE("checked, unchecked, enabled and disabled", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    Then the \"Newsletter\" checkbox should be checked\n"
                                   "    And the \"Terms\" checkbox should not be checked\n"
                                   "    And the \"Archive\" button should be disabled\n"
                                   "    And the \"Save\" button should be enabled\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("say the state that is there instead") {
    auto r = h.run_feature(scenario("    Then the \"Terms\" checkbox should be checked\n"));
    CHECK_THAT(failed_assertion(r).error, Catch::Contains("\"Terms\" is unchecked"));
    auto d = h.run_feature(scenario("    Then the \"Save\" button should be disabled\n"));
    CHECK_THAT(failed_assertion(d).error, Catch::Contains("\"Save\" is enabled"));
  }
}

TEST_CASE("visible and hidden by name, and counts", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    Then I should see the \"Save\" button\n"
                                   "    And I should not see the \"Secret\" button\n"
                                   "    And I should see 3 \"Add to cart\" buttons\n"
                                   "    And I should see 3 \"section button\" elements\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("a hidden element is not seen, and a wrong count lists what is there") {
    auto r = h.run_feature(scenario("    Then I should see the \"Secret\" button\n"));
    CHECK_THAT(failed_assertion(r).error, Catch::Contains("nothing visible is \"Secret\""));
    auto c = h.run_feature(scenario("    Then I should see 2 \"Add to cart\" buttons\n"));
    CHECK_THAT(failed_assertion(c).error, Catch::Contains("expected 2 \"Add to cart\", found 3"));
  }
}

TEST_CASE("text within a scope, and text by a regular expression", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    Then I should see \"Total: $30\" in the \"Order summary\" region\n"
                                   "    And I should not see \"Free shipping\" in the \"Order summary\" region\n"
                                   "    And I should see \"Free shipping\" within \"section[aria-label=Shipping]\"\n"
                                   "    And I should see text matching Order #\\d+\n"
                                   "    And I should not see text matching Order #\\d{7}\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("a text that is elsewhere on the page is not inside the scope") {
    auto r = h.run_feature(scenario("    Then I should see \"Free shipping\" in the \"Order summary\" region\n"));
    CHECK_THAT(failed_assertion(r).error, Catch::Contains("is not inside Order summary") && Catch::Contains("Total: $30"));
    auto re = h.run_feature(scenario("    Then I should see text matching Order #\\d{7}\n"));
    CHECK_THAT(failed_assertion(re).error, Catch::Contains("no text on the page matches"));
    auto missing = h.run_feature(scenario("    Then I should see \"Total\" in the \"Billing\" region\n"));
    CHECK_THAT(failed_assertion(missing).error, Catch::Contains("nothing on the page is the scope \"Billing\""));
  }
}

TEST_CASE("text within a row or a dialog", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    Then I should see \"Admin\" in the \"Ada\" row\n"
                                   "    And I should not see \"Editor\" in the \"Ada\" row\n"
                                   "    And I should see \"We use no cookies\" in the \"Cookie notice\" dialog\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("a text of another row is not in this one") {
    auto r = h.run_feature(scenario("    Then I should see \"Editor\" in the \"Ada\" row\n"));
    CHECK_THAT(failed_assertion(r).error, Catch::Contains("is not inside Ada row") && Catch::Contains("Admin"));
  }
}

TEST_CASE("every check fails where it should, saying what is there instead", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  struct Case {
    const char* step;
    const char* message;
  };
  for (const auto& c : {
           Case{"Then I should not see \"Total: $30\"", "\"Total: $30\" is still on the page"},
           Case{"Then I should not see text matching \"Order #\\d+\"", "still matches"},
           Case{"Then I should not see the \"Save\" button", "\"Save\" is still visible"},
           Case{"Then the \"City\" field should not contain \"Par\"", "still contains \"Par\"; its value is \"Paris\""},
           Case{"Then field \"City\" should have the value \"Pari\"", "should be \"Pari\"; its value is \"Paris\""},
           Case{"Then the \"Newsletter\" checkbox should not be checked", "\"Newsletter\" is checked"},
           Case{"Then the \"Archive\" button should be enabled", "\"Archive\" is disabled"},
           Case{"Then I should see 4 \"section button\" elements", "expected 4 \"css:section button\", found 3"},
       }) {
    INFO(c.step);
    auto r = h.run_feature(scenario(std::string("    ") + c.step + "\n"));
    CHECK(r.verdict == Verdict::Fail);
    const auto& a = failed_assertion(r);
    CHECK(a.reason == FailureReason::AssertionFailed);
    CHECK_THAT(a.error, Catch::Contains(c.message));
  }
  SECTION("answering an alert as a prompt fails, saying it is not one") {
    auto r = h.run_feature(scenario("    When I press \"Show alert\"\n    And I enter \"Ada\" into the prompt\n"));
    CHECK_THAT(failed_step(r).error, Catch::Contains("takes no answer"));
  }
}

TEST_CASE("the URL equals, matches, or is a path, and the title is", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    Then I should be on \"/actions.html\"\n"
                                   "    And the url should match \"^/actions\\.html$\"\n"
                                   "    And the browser's URL should be \"/actions.html\"\n"
                                   "    And the title should be \"Actions testers use\"\n"
                                   "    When I follow \"Next page\"\n    Then I should be on the second page\n"),
                          {{"second", "/actions2.html"}});
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("each says what the URL or the title is instead") {
    auto p = h.run_feature(scenario("    Then I should be on \"/other.html\"\n"));
    CHECK_THAT(failed_assertion(p).error, Catch::Contains("the page is /actions.html"));
    auto m = h.run_feature(scenario("    Then the url should match \"^/other\"\n"));
    CHECK_THAT(failed_assertion(m).error, Catch::Contains("does not match"));
    auto e = h.run_feature(scenario("    Then the browser's URL should be \"/other.html\"\n"));
    CHECK_THAT(failed_assertion(e).error, Catch::Contains("/actions.html, not"));
    auto t = h.run_feature(scenario("    Then the title should be \"Other\"\n"));
    CHECK_THAT(failed_assertion(t).error, Catch::Contains("the title is \"Actions testers use\""));
  }
}

TEST_CASE("targets and scopes given as CSS selectors or XPaths", "[gherkin]") {
  Harness h("tests/pages");
  quick(h);
  auto ok = h.run_feature(scenario("    When I press the first \"Add to cart\" within \"section[aria-label='Order summary']\"\n"
                                   "    Then the \"//input[@name='city']\" field should contain \"Paris\"\n"
                                   "    And there is no element \".never-there\" on the page\n"));
  INFO(ok.error);
  CHECK(ok.verdict == Verdict::Pass);
  SECTION("a selector that matches several elements is ambiguous") {
    auto r = h.run_feature(scenario("    When I click on the element \"section button\"\n"));
    CHECK(failed_step(r).reason == FailureReason::Ambiguous);
  }
}

TEST_CASE("a text check on a document with no element yet waits instead of failing with a script error", "[gherkin]") {
  // The agent runs before a page's first byte: a check made then (a slow login's next page) sees a document
  // without its root element.
  Harness h("tests/pages");
  auto page = shared_browser().new_page();
  PageAgent agent(*page);
  REQUIRE(page->navigate(h.base_url() + "actions.html", Millis(10000)).ok);
  page->evaluate("document.documentElement.remove(); 'gone'", Millis(5000));
  CHECK_FALSE(agent.wait_for("text_visible", "Actions", Millis(200)));
  CHECK(agent.wait_for("text_hidden", "Actions", Millis(200)));
}
