// The web-step vocabularies as PACTS reads them in feature files (strict mode): Behat's MinkContext, Capybara's
// web_steps, the common custom forms; and the misreads the grammar refuses instead (navigation taken for a
// click, a composite that drops its values, a step with two meanings, unquoted words taken for a target).
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "plan/sentence.h"

using namespace pacts;

namespace {

const PageTable kPages = {{"login", "/users/sign_in"}, {"dashboard", "/dash"}};

SentenceResult strict(const std::string& sentence) {
  SentenceContext ctx;
  ctx.strict = true;
  ctx.pages = &kPages;
  return parse_step_sentence(sentence, ctx);
}

std::string describe(const Target& t) {
  std::string s = t.text.empty() ? "" : "\"" + t.text + "\"";
  if (!t.role_hint.empty()) s += "[" + t.role_hint + "]";
  if (t.ordinal) s += fmt::format(" #{}", *t.ordinal);
  if (t.within) s += (s.empty() ? "" : " ") + std::string("in \"") + *t.within + "\"";
  if (t.context) s += " for \"" + *t.context + "\"";
  return s;
}

// A reading as one line: "fill "Email" = "a@b.c"", "expect field_contains "City" = "Paris"", or "refused: why".
std::string reading(const std::string& sentence) {
  auto r = strict(sentence);
  if (r.error) return "refused: " + r.error->message;
  std::vector<std::string> parts;
  for (const auto& s : r.steps) {
    std::string p = action_name(s.action);
    if (s.has_target() || s.target.within) p += " " + describe(s.target);
    if (s.destination) p += " onto " + describe(*s.destination);
    if (s.value) p += " = \"" + s.value->clear() + "\"";
    parts.push_back(p);
  }
  for (const auto& a : r.assertions) {
    std::string p = std::string("expect ") + assertion_type_name(a.type);
    if (!a.target.text.empty() || a.target.within) p += " " + describe(a.target);
    if (!a.value.empty()) p += " = \"" + a.value.clear() + "\"";
    if (a.count) p += fmt::format(" count {}", *a.count);
    parts.push_back(p);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

struct Case {
  const char* sentence;
  const char* reading;
};

void check_all(std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    INFO(c.sentence);
    CHECK(reading(c.sentence) == c.reading);
  }
}

}  // namespace

TEST_CASE("Behat's MinkContext web steps") {
  check_all({
      {"I am on \"/login\"", "goto = \"/login\""},
      {"I go to \"node/add/page\"", "goto = \"node/add/page\""},
      {"I am on homepage", "goto = \"/\""},
      {"I reload the page", "reload"},
      {"I move backward one page", "back"},
      {"I move forward one page", "forward"},
      {"I press \"Log in\"", "click \"Log in\"[button]"},
      {"I follow \"Sign up\"", "click \"Sign up\"[link]"},
      {"I fill in \"Email\" with \"a@b.c\"", "fill \"Email\" = \"a@b.c\""},
      {"I fill in \"a@b.c\" for \"Email\"", "fill \"Email\" = \"a@b.c\""},
      {"I fill in \"Email\" with:", "fill \"Email\" = \"\""},
      {"I select \"Red\" from \"Colour\"", "select \"Colour\" = \"Red\""},
      {"I additionally select \"Blue\" from \"Colour\"", "select_also \"Colour\" = \"Blue\""},
      {"I check \"Terms\"", "check \"Terms\"[checkbox]"},
      {"I uncheck \"News\"", "uncheck \"News\"[checkbox]"},
      {"I attach the file \"cv.pdf\" to \"Resume\"", "attach \"Resume\" = \"cv.pdf\""},
      {"I should be on \"/home\"", "expect path_is = \"/home\""},
      {"I should be on the homepage", "expect path_is = \"/\""},
      {"the url should match \"^/orders/\\d+$\"", "expect url_matches = \"^/orders/\\d+$\""},
      {"I should see \"Welcome\"", "expect text_visible = \"Welcome\""},
      {"I should not see \"Error\"", "expect text_hidden = \"Error\""},
      {"I should see text matching \"Order #\\d+\"", "expect text_matches = \"Order #\\d+\""},
      {"I should not see text matching \"Err.r\"", "expect text_not_matches = \"Err.r\""},
      {"the \"Email\" field should contain \"a@b\"", "expect field_contains \"Email\" = \"a@b\""},
      {"the \"Email\" field should not contain \"x\"", "expect field_not_contains \"Email\" = \"x\""},
      {"the \"Terms\" checkbox should be checked", "expect checked \"Terms\"[checkbox]"},
      {"the \"Terms\" checkbox should not be checked", "expect unchecked \"Terms\"[checkbox]"},
      {"the checkbox \"Terms\" should be checked", "expect checked \"Terms\"[checkbox]"},
      {"the checkbox \"Terms\" is unchecked", "expect unchecked \"Terms\"[checkbox]"},
      {"I should see 5 \"li.result\" elements", "expect count \"css:li.result\" count 5"},
      {"I should see \"Total\" in the \"#summary\" element", "expect text_visible in \"css:#summary\" = \"Total\""},
      {"I should see a \"#cart\" element", "expect element_visible \"css:#cart\""},
      {"the \"#total\" element should contain \"$30\"", "expect field_contains \"css:#total\" = \"$30\""},
  });
}

TEST_CASE("Capybara's web_steps: the same, and choose and within") {
  check_all({
      {"I go to the login page", "goto = \"/users/sign_in\""},
      {"I am on the Dashboard page", "goto = \"/dash\""},
      {"I should be on the dashboard page", "expect path_is = \"/dash\""},
      {"I press \"Save\" within \"#profile\"", "click \"Save\"[button] in \"css:#profile\""},
      {"I follow \"Edit\" within \".post\"", "click \"Edit\"[link] in \"css:.post\""},
      {"I fill in \"Name\" with \"Ada\" within \"#signup\"", "fill \"Name\" in \"css:#signup\" = \"Ada\""},
      {"I fill in \"Ada\" for \"Name\" within \"#signup\"", "fill \"Name\" in \"css:#signup\" = \"Ada\""},
      {"I select \"UK\" from \"Country\" within \"#address\"", "select \"Country\" in \"css:#address\" = \"UK\""},
      {"I choose \"Medium\"", "choose \"Medium\"[radio]"},
      {"I choose \"Medium\" within \"#size\"", "choose \"Medium\"[radio] in \"css:#size\""},
      {"I check \"Terms\" within \"#legal\"", "check \"Terms\"[checkbox] in \"css:#legal\""},
      {"I attach the file \"a.png\" to \"Photo\" within \"#avatar\"", "attach \"Photo\" in \"css:#avatar\" = \"a.png\""},
      {"I should see \"Saved\" within \"#flash\"", "expect text_visible in \"css:#flash\" = \"Saved\""},
      {"I should not see \"Error\" within \"#flash\"", "expect text_hidden in \"css:#flash\" = \"Error\""},
      {"I should see /Order #\\d+/", "expect text_matches = \"Order #\\d+\""},
      {"the \"City\" field within \"#address\" should contain \"Paris\"",
       "expect field_contains \"City\" in \"css:#address\" = \"Paris\""},
      {"the \"Terms\" checkbox within \"#legal\" should be checked",
       "expect checked \"Terms\"[checkbox] in \"css:#legal\""},
  });
}

TEST_CASE("the common custom forms, the actions and the checks testers add") {
  check_all({
      {"I click on the \"Login\" button", "click \"Login\"[button]"},
      {"I click \"Save\"", "click \"Save\""},
      {"I enter \"x\" into the \"Username\" field", "fill \"Username\"[textbox] = \"x\""},
      {"I set the field \"Username\" to \"y\"", "fill \"Username\" = \"y\""},
      {"I double click \"Row 1\"", "double_click \"Row 1\""},
      {"I right-click \"File\"", "right_click \"File\""},
      {"I focus the \"Search\" field", "focus \"Search\""},
      {"I scroll to \"Footer\"", "scroll_to \"Footer\""},
      {"I drag \"Card A\" onto \"Done column\"", "drag \"Card A\" onto \"Done column\""},
      {"I hover over \"Menu\"", "hover \"Menu\""},
      {"I accept the alert", "dialog_accept"},
      {"I dismiss the confirm", "dialog_dismiss"},
      {"I enter \"Ada\" into the prompt", "dialog_answer = \"Ada\""},
      {"I press the \"Enter\" key", "press = \"Enter\""},
      {"I should see the \"Save\" button", "expect element_visible \"Save\"[button]"},
      {"I should see \"Save\" button", "expect element_visible \"Save\"[button]"},
      {"I should not see the \"Delete\" link", "expect element_hidden \"Delete\"[link]"},
      {"I should see 3 \"Add to cart\" buttons", "expect count \"Add to cart\"[button] count 3"},
      {"the \"Save\" button should be disabled", "expect disabled \"Save\"[button]"},
      {"the \"Email\" field should be enabled", "expect enabled \"Email\""},
      {"the \"Notes\" field should be empty", "expect field_empty \"Notes\""},
      {"field \"City\" should have the value \"Paris\"", "expect field_equals \"City\" = \"Paris\""},
      {"the \"Medium\" radio button should be selected", "expect checked \"Medium\"[radio]"},
      {"the title should be \"Shop\"", "expect title_equals = \"Shop\""},
      {"the browser's URL should be \"/cart\"", "expect url_equals = \"/cart\""},
      {"I should see \"Total\" in the \"Order summary\" region", "expect text_visible in \"Order summary\" = \"Total\""},
      {"I click \"Save\" in the \"Login\" form", "click \"Save\" in \"Login form\""},
      {"I should see \"Admin\" in the \"Ada\" row", "expect text_visible in \"Ada row\" = \"Admin\""},
      {"I should not see \"Ads\" in the \"Cookies\" dialog", "expect text_hidden in \"Cookies dialog\" = \"Ads\""},
  });
}

TEST_CASE("navigation verbs never become clicks") {
  // Cut into single steps, these were read as clicks on a place named after "go to".
  check_all({
      {"I go to \"node/add/page\"", "goto = \"node/add/page\""},
      {"I visit \"/admin\"", "goto = \"/admin\""},
      {"I am on \"user\"", "goto = \"user\""},
  });
  for (const char* s : {"I go to shopping cart", "I navigate to the settings", "I go to the order history",
                        "I visit Settings", "I am on the dashboard screen"}) {
    INFO(s);
    auto r = strict(s);
    REQUIRE(r.error);
    CHECK(r.steps.empty());
  }
}

TEST_CASE("a composite with values never loses a value") {
  // A login with credentials was read as a bare click on "submit", dropping them.
  for (const char* s : {"I log in as \"admin\" with password \"secret\"", "I login with \"bob\" and \"pw\"",
                        "I sign in as \"bob\"", "I am logged in as \"admin\"",
                        "I fill in \"Username\" with \"bob\" and \"Password\" with \"x\"",
                        "I click on \"Save\" and wait", "I go to \"/a\" and click \"Save\""}) {
    INFO(s);
    auto r = strict(s);
    REQUIRE(r.error);
    CHECK(r.steps.empty());
    CHECK(r.assertions.empty());
  }
}

TEST_CASE("a step that could mean two things is an error naming both") {
  for (const char* key : {"Enter", "Escape", "Tab", "Delete", "a"}) {
    std::string s = fmt::format("I press \"{}\"", key);
    INFO(s);
    auto r = strict(s);
    REQUIRE(r.error);
    CHECK_THAT(r.error->message, Catch::Contains("a key or the name of a button"));
    CHECK_THAT(r.error->hint, Catch::Contains("button") && Catch::Contains("key"));
  }
  auto tab = strict("I press \"Tab\" within \"#search\"");
  REQUIRE(tab.error);
  for (const char* s : {"I open \"Account Settings\"", "I visit \"Settings\"", "I go to \"My Orders\""}) {
    INFO(s);
    auto r = strict(s);
    REQUIRE(r.error);
    CHECK_THAT(r.error->message, Catch::Contains("address of a page or the name of something to click"));
    CHECK_THAT(r.error->hint, Catch::Contains("I go to \"/") && Catch::Contains("I follow"));
  }
}

TEST_CASE("unquoted words are never taken for a target, a value or a scope") {
  for (const char* s : {"I click close on all the popovers", "I submit the form", "I log out",
                        "I add \"Mug\" to my basket", "I enter \"bob\" in the username field",
                        "I search for \"foo\"", "I click \"Save\" in the login form"}) {
    INFO(s);
    auto r = strict(s);
    REQUIRE(r.error);
    CHECK(r.steps.empty());
  }
}

TEST_CASE("a quoted scope that is a selector is a selector, never the words of a name") {
  // "#form" as a name would be the word "form": any form on the page.
  check_all({
      {"I select \"Blue\" from \"Color\" within \"#form\"", "select \"Color\" in \"css:#form\" = \"Blue\""},
  });
  auto txt = parse_step_sentence("Click \"Save\" in \"#main\"", {});
  REQUIRE_FALSE(txt.error);
  CHECK(txt.steps.at(0).target.within == std::optional<std::string>("css:#main"));
}

TEST_CASE("sentences about the server, fixed pauses and the HTML source are refused with a reason") {
  for (const char* s : {"the response status code should be 200", "the response should contain \"<h1>\"",
                        "I wait 1 second", "I pause for 3000ms", "print last response",
                        "I switch to the new window"}) {
    INFO(s);
    auto r = strict(s);
    REQUIRE(r.error);
    CHECK_FALSE(r.error->message.empty());
    CHECK(r.error->message.find("no web step") == std::string::npos);  // says why, not just "not understood"
  }
}

TEST_CASE("in a .txt test, a field's value is checked as a field's value, never as a text on the page") {
  auto verify = parse_step_sentence("Verify the \"Email\" field should contain \"a@b\"", {});
  REQUIRE_FALSE(verify.error);
  REQUIRE(verify.assertions.size() == 1);
  CHECK(verify.assertions[0].type == AssertionType::FieldContains);
  CHECK(verify.assertions[0].target.text == "Email");
  auto expected = parse_expected_sentence("the \"Terms\" checkbox should be checked");
  REQUIRE_FALSE(expected.error);
  CHECK(expected.assertions.at(0).type == AssertionType::Checked);
  // Read as words around quoted texts, these were checks that "a@b" is shown somewhere on the page.
  for (const char* s : {"\"Email\" field contains \"a@b\"", "the Email field shows \"a@b\"", "its value is \"a@b\""}) {
    INFO(s);
    auto r = parse_expected_sentence(s);
    REQUIRE(r.error);
    CHECK(r.assertions.empty());
  }
}

TEST_CASE("in a .txt test, PACTS's own grammar reads what the vocabularies would read two ways") {
  // docs/sentences.md: Press "Tab" presses the key; Go to a place that is not a URL clicks what is named.
  auto key = parse_step_sentence("Press \"Enter\"", {});
  REQUIRE_FALSE(key.error);
  CHECK(key.steps.at(0).action == Action::Press);
  CHECK(key.steps.at(0).value->clear() == "Enter");
  auto place = parse_step_sentence("Go to \"Shopping Cart\"", {});
  REQUIRE_FALSE(place.error);
  CHECK(place.steps.at(0).action == Action::Click);
  CHECK(place.steps.at(0).target.text == "Shopping Cart");
  // A location is a location in both: the misread of "I go to "node/add/page"" as a click is gone there too.
  auto path = parse_step_sentence("I go to \"node/add/page\"", {});
  REQUIRE_FALSE(path.error);
  CHECK(path.steps.at(0).action == Action::Goto);
}
