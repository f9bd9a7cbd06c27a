#include <catch2/catch.hpp>

#include "plan/sentence.h"

using namespace pacts;

namespace {

SentenceResult parse(const std::string& s, const SentenceContext& ctx = {}) { return parse_step_sentence(s, ctx); }

// Parses a sentence that must give exactly one step.
Step one(const std::string& s, const SentenceContext& ctx = {}) {
  auto r = parse(s, ctx);
  INFO(s);
  if (r.error) INFO("error: " << r.error->message);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.steps.size() == 1);
  REQUIRE(r.assertions.empty());
  return r.steps[0];
}

std::string opt(const std::optional<std::string>& s) { return s ? *s : "<none>"; }
std::string opt(const std::optional<MaskedText>& s) { return s ? s->clear() : "<none>"; }
std::string opt(const Target& t) { return t.text.empty() ? "<none>" : t.text; }
// What an assertion is about: the element it names, or the text it checks.
std::string subject(const Assertion& a) { return names_element(a.type) ? a.target.text : a.value.clear(); }

Step fill_step(const std::string& target, const std::string& value) {
  Step s;
  s.action = Action::Fill;
  s.target.text = target;
  s.value = value;
  return s;
}

}  // namespace

TEST_CASE("fill sentences read the value and the target in either order") {
  struct Case {
    const char* sentence;
    Action action;
    const char* target;
    const char* value;
  };
  const Case cases[] = {
      {"Fill \"Albert Einstein\" in Search field", Action::Fill, "Search", "Albert Einstein"},
      {"Fill \"Albert Einstein\" in the Search Wikipedia field", Action::Fill, "Search Wikipedia", "Albert Einstein"},
      {"Fill \"Acme\" into the Account Name box", Action::Fill, "Account Name", "Acme"},
      {"Fill \"Account Name\" with \"Acme\"", Action::Fill, "Account Name", "Acme"},
      {"Fill Account Name with \"Acme\"", Action::Fill, "Account Name", "Acme"},
      {"Fill in the Account Name field with \"Acme\"", Action::Fill, "Account Name", "Acme"},
      {"Fill username \"standard_user\" in Username field", Action::Fill, "Username", "standard_user"},
      {"Enter username \"standard_user\" in the username field", Action::Fill, "username", "standard_user"},
      {"Enter password \"secret_sauce\"", Action::Fill, "password", "secret_sauce"},
      {"Enter Last Name: \"Doe\"", Action::Fill, "Last Name", "Doe"},
      {"Enter \"John\" as First Name", Action::Fill, "First Name", "John"},
      {"Input \"42\" in Amount", Action::Fill, "Amount", "42"},
      {"Set Amount to \"1000\"", Action::Fill, "Amount", "1000"},
      {"Type \"laptop\" in the search box", Action::Type, "search", "laptop"},
      {"Type \"macbook\" into Search", Action::Type, "Search", "macbook"},
      {"Then fill \"x\" in Notes", Action::Fill, "Notes", "x"},
      {"When the user fills \"x\" in Notes", Action::Fill, "Notes", "x"},
      {"Fill \xE2\x80\x9C" "Curly\xE2\x80\x9D in Notes", Action::Fill, "Notes", "Curly"},
      {"Fill 'single' in Notes", Action::Fill, "Notes", "single"},
  };
  for (const auto& c : cases) {
    Step s = one(c.sentence);
    INFO(c.sentence);
    CHECK(s.action == c.action);
    CHECK(opt(s.target) == c.target);
    CHECK(opt(s.value) == c.value);
    CHECK_FALSE(s.target.ordinal);
  }
}

TEST_CASE("First Name is a field name, not an ordinal") {
  for (const char* sentence : {"Fill \"John\" in First Name field", "Fill \"John\" in the first name field",
                               "Enter \"Doe\" in Last Name"}) {
    Step s = one(sentence);
    INFO(sentence);
    CHECK_FALSE(s.target.ordinal);
    CHECK((opt(s.target) == "First Name" || opt(s.target) == "first name" || opt(s.target) == "Last Name"));
  }
}

TEST_CASE("a fill followed by 'and press Enter' gives a press on the same field") {
  auto r = parse("Type \"laptop\" in the search box and press Enter");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.steps.size() == 2);
  CHECK(r.steps[1].action == Action::Press);
  CHECK(opt(r.steps[1].value) == "Enter");
  CHECK(opt(r.steps[1].target) == "search");
}

TEST_CASE("click sentences in all their forms") {
  struct Case {
    const char* sentence;
    const char* target;
    const char* role;
    const char* within;
  };
  const Case cases[] = {
      {"Click \"Save\"", "Save", "", nullptr},
      {"Click \"Login\" button", "Login", "button", nullptr},
      {"Click Login button", "Login", "button", nullptr},
      {"Click the Login button", "Login", "button", nullptr},
      {"Click on \"Accounts\" tab in navigation", "Accounts", "tab", "navigation"},
      {"Click \"About\" in the menu", "About", "", "menu"},
      {"Click Accounts in App Launcher", "Accounts", "", "App Launcher"},
      {"Click \"Hot\" tab", "Hot", "tab", nullptr},
      {"Click Restaurants filter", "Restaurants", "button", nullptr},
      {"Click \"r/programming\" subreddit link", "r/programming", "link", nullptr},
      {"Click \"Communities\" tab to view community results", "Communities", "tab", nullptr},
      {"Click the shopping cart icon to view cart", "shopping cart", "", nullptr},
      {"Click App Launcher button (waffle icon with 9 dots)", "App Launcher", "button", nullptr},
      {"Click \"Save\" in the \"New Account\" dialog", "Save", "", "New Account dialog"},
      {"Click Sign in button", "Sign in", "button", nullptr},
      {"Tap \"Menu\"", "Menu", "", nullptr},
      {"Press the Login button", "Login", "button", nullptr},
      {"Press \"Save\"", "Save", "button", nullptr},
      {"Click Add to cart", "Add to cart", "", nullptr},
      {"Open the App Launcher", "App Launcher", "", nullptr},
  };
  for (const auto& c : cases) {
    Step s = one(c.sentence);
    INFO(c.sentence);
    CHECK(s.action == Action::Click);
    CHECK(opt(s.target) == c.target);
    CHECK(s.target.role_hint == c.role);
    CHECK(opt(s.target.within) == (c.within ? c.within : "<none>"));
  }
}

TEST_CASE("ordinals: first, 2nd, third, last") {
  SECTION("a kind of element") {
    Step s = one("Click first video result");
    CHECK(s.target.ordinal == 1);
    CHECK(s.target.kind == TargetKind::Kind);
    CHECK(opt(s.target) == "video result");
    CHECK(s.target.role_hint == "link");
  }
  SECTION("an autocomplete suggestion") {
    Step s = one("Click first autocomplete suggestion");
    CHECK(s.target.ordinal == 1);
    CHECK(s.target.role_hint == "option");
  }
  SECTION("a quoted target") {
    Step s = one("Click the 2nd \"Add to cart\" button");
    CHECK(s.target.ordinal == 2);
    CHECK(opt(s.target) == "Add to cart");
    CHECK(s.target.kind == TargetKind::Name);
  }
  SECTION("third and last") {
    CHECK(one("Click the third video result").target.ordinal == 3);
    CHECK(one("Click the last row").target.ordinal == -1);
    CHECK(one("Click the first button").target.ordinal == 1);
  }
}

TEST_CASE("relative targets: a button in the same item as a text") {
  SECTION("Click X for Y") {
    Step s = one("Click \"Add to cart\" button for Sauce Labs Backpack");
    CHECK(opt(s.target) == "Add to cart");
    CHECK(opt(s.target.context) == "Sauce Labs Backpack");
  }
  SECTION("quoted context") {
    Step s = one("Click \"Add to cart\" for \"Sauce Labs Backpack\"");
    CHECK(opt(s.target.context) == "Sauce Labs Backpack");
  }
  SECTION("Add X to the cart") {
    Step s = one("Add \"Sauce Labs Bike Light\" to the cart");
    CHECK(s.action == Action::Click);
    CHECK(opt(s.target) == "Add to cart");
    CHECK(opt(s.target.context) == "Sauce Labs Bike Light");
  }
  SECTION("Remove X from the cart") {
    Step s = one("Remove \"Sauce Labs Onesie\" from the cart");
    CHECK(opt(s.target) == "Remove");
    CHECK(opt(s.target.context) == "Sauce Labs Onesie");
  }
  SECTION("next to") {
    Step s = one("Click \"Edit\" next to \"Jane Doe\"");
    CHECK(opt(s.target.context) == "Jane Doe");
  }
}

TEST_CASE("press: a key on a target, or on the previous fill's field") {
  Step filled = fill_step("Search", "Albert Einstein");
  filled.target.within = "header";
  SentenceContext ctx{&filled, &filled};
  SECTION("Press Enter alone") {
    Step s = one("Press Enter", ctx);
    CHECK(s.action == Action::Press);
    CHECK(opt(s.value) == "Enter");
    CHECK(opt(s.target) == "Search");
    CHECK(opt(s.target.within) == "header");
  }
  SECTION("with a purpose clause") {
    Step s = one("Press Enter key to submit search", ctx);
    CHECK(opt(s.value) == "Enter");
    CHECK(opt(s.target) == "Search");
  }
  SECTION("on a named field") {
    Step s = one("Press Enter on the Username field", ctx);
    CHECK(opt(s.target) == "Username");
  }
  SECTION("quoted key and target") {
    Step s = one("Press \"Tab\" on \"Password\"", ctx);
    CHECK(opt(s.value) == "Tab");
    CHECK(opt(s.target) == "Password");
  }
  SECTION("other keys and chords") {
    CHECK(opt(one("Press Escape").value) == "Escape");
    CHECK(opt(one("Press Esc").value) == "Escape");
    CHECK(opt(one("Press the down arrow").value) == "ArrowDown");
    CHECK(opt(one("Press Control+A").value) == "Control+A");
    CHECK(opt(one("Hit Return").value) == "Enter");
  }
  SECTION("without a previous fill there is no target") {
    CHECK_FALSE(one("Press Enter").has_target());
  }
}

TEST_CASE("select: a value from a dropdown, or from the dropdown just clicked") {
  SECTION("named dropdown") {
    Step s = one("Select \"Prospecting\" from Stage dropdown");
    CHECK(s.action == Action::Select);
    CHECK(opt(s.value) == "Prospecting");
    CHECK(opt(s.target) == "Stage");
  }
  SECTION("quoted dropdown") {
    Step s = one("Select \"Canada\" from the \"Country\" list");
    CHECK(opt(s.target) == "Country");
  }
  SECTION("unquoted value") {
    Step s = one("Choose Prospecting from Stage");
    CHECK(opt(s.value) == "Prospecting");
    CHECK(opt(s.target) == "Stage");
  }
  SECTION("after a click on the dropdown") {
    Step click = one("Click Stage dropdown");
    SentenceContext ctx{nullptr, &click};
    Step s = one("Select \"Prospecting\" from dropdown", ctx);
    CHECK(opt(s.target) == "Stage");
  }
}

TEST_CASE("check, uncheck and hover") {
  CHECK(one("Check \"Remember me\"").action == Action::Check);
  Step u = one("Uncheck the Newsletter checkbox");
  CHECK(u.action == Action::Uncheck);
  CHECK(opt(u.target) == "Newsletter");
  CHECK(u.target.role_hint == "checkbox");
  Step h = one("Hover over \"Products\" menu");
  CHECK(h.action == Action::Hover);
  CHECK(opt(h.target) == "Products");
  CHECK(one("Mouse over Help").action == Action::Hover);
}

TEST_CASE("go to a URL, or to a named place") {
  SECTION("paths and URLs") {
    for (const char* s : {"Go to /cart.html", "Navigate to https://example.com/x", "Open /login", "Visit \"/wiki/\""}) {
      Step st = one(s);
      INFO(s);
      CHECK(st.action == Action::Goto);
      CHECK(st.value);
    }
  }
  SECTION("named places are clicks") {
    struct Case {
      const char* sentence;
      const char* target;
    };
    for (const auto& c : {Case{"Go to shopping cart", "shopping cart"}, Case{"Proceed to checkout", "checkout"},
                          Case{"Navigate back to home", "home"},
                          Case{"Continue to overview", "Continue"}, Case{"Finish the order", "Finish"},
                          Case{"Submit the form", "Submit"}, Case{"Save the record", "Save"}}) {
      Step s = one(c.sentence);
      INFO(c.sentence);
      CHECK(s.action == Action::Click);
      CHECK(opt(s.target) == c.target);
    }
  }
}

TEST_CASE("composites expand to several steps") {
  SECTION("login with username and password") {
    auto r = parse("Login to the application with username \"standard_user\" and password \"secret_sauce\"");
    REQUIRE_FALSE(r.error);
    REQUIRE(r.steps.size() == 3);
    CHECK(opt(r.steps[0].target) == "Username");
    CHECK(opt(r.steps[0].value) == "standard_user");
    CHECK(opt(r.steps[1].target) == "Password");
    CHECK(opt(r.steps[1].value) == "secret_sauce");
    CHECK(r.steps[2].action == Action::Click);
    CHECK(opt(r.steps[2].target) == "Login");
  }
  SECTION("log in as, sign in with email") {
    auto r = parse("Log in as \"jane\" with password \"pw\"");
    REQUIRE(r.steps.size() == 3);
    CHECK(opt(r.steps[2].target) == "Log in");
    auto e = parse("Sign in with email \"a@b.c\" and password \"pw\"");
    REQUIRE(e.steps.size() == 3);
    CHECK(opt(e.steps[0].target) == "Email");
    CHECK(opt(e.steps[2].target) == "Sign in");
  }
  SECTION("inline field list") {
    auto r = parse("Fill customer info: FirstName=\"John\", LastName=\"Doe\", ZipCode=\"12345\"");
    REQUIRE_FALSE(r.error);
    REQUIRE(r.steps.size() == 3);
    CHECK(opt(r.steps[0].target) == "First Name");
    CHECK(opt(r.steps[1].target) == "Last Name");
    CHECK(opt(r.steps[2].target) == "Zip Code");
    CHECK(opt(r.steps[2].value) == "12345");
  }
  SECTION("a field list opened by a colon") {
    auto r = parse("Fill customer info:");
    REQUIRE_FALSE(r.error);
    CHECK(r.steps.empty());
    REQUIRE(r.opens_field_list == Action::Fill);
    auto item = parse_field_list_item("   - Zip/Postal Code: 12345", Action::Fill);
    REQUIRE(item.steps.size() == 1);
    CHECK(opt(item.steps[0].target) == "Zip/Postal Code");
    CHECK(opt(item.steps[0].value) == "12345");
  }
  SECTION("search for") {
    auto r = parse("Search for \"Acme\" Account");
    REQUIRE(r.steps.size() == 2);
    CHECK(r.steps[0].action == Action::Fill);
    CHECK(opt(r.steps[0].target) == "Search");
    CHECK(r.steps[1].action == Action::Press);
    CHECK(opt(r.steps[1].target) == "Search");
  }
}

TEST_CASE("waits: for a text, for the page, and manual steps by meaning") {
  SECTION("text") {
    Step s = one("Wait for \"Order placed\" to appear");
    CHECK(s.action == Action::Wait);
    CHECK(opt(s.value) == "Order placed");
  }
  SECTION("page load is not a human step") {
    Step s = one("Wait for home page to load");
    CHECK(s.action == Action::Wait);
    CHECK_FALSE(s.value);
  }
  SECTION("human steps") {
    for (const char* sentence :
         {"WAIT for manual 2FA verification entry", "Wait for 2FA Verification (enter the code from your phone)",
          "PAUSE: Wait 30 seconds for manual 2FA verification", "Wait for page load (2FA - MANUAL ENTRY REQUIRED)",
          "Complete the CAPTCHA manually", "Enter the OTP code"}) {
      INFO(sentence);
      CHECK(one(sentence).action == Action::Manual);
    }
    CHECK(one("PAUSE: Wait 30 seconds for manual 2FA verification").timeout_ms == 30000);
  }
  SECTION("'verify' or a code field is not a human step") {
    CHECK(one("Fill \"123456\" in Verification code field").action == Action::Fill);
    auto r = parse("Verify results show \"Albert Einstein\"");
    REQUIRE(r.assertions.size() == 1);
    CHECK(r.steps.empty());
  }
  SECTION("a fixed pause is refused") {
    auto r = parse("Wait 5 seconds");
    REQUIRE(r.error);
    CHECK_THAT(r.error->message, Catch::Contains("fixed pause"));
  }
}

TEST_CASE("verify sentences are assertions") {
  struct Case {
    const char* sentence;
    AssertionType type;
    const char* value;
  };
  const Case cases[] = {
      {"Verify \"Thank you for your order!\" is displayed", AssertionType::TextVisible, "Thank you for your order!"},
      {"Verify the page shows \"Products\"", AssertionType::TextVisible, "Products"},
      {"Verify results show Albert Einstein", AssertionType::TextVisible, "Albert Einstein"},
      {"Verify title contains \"Albert Einstein\"", AssertionType::TitleContains, "Albert Einstein"},
      {"Verify the page title is \"Swag Labs\"", AssertionType::TitleContains, "Swag Labs"},
      {"Verify URL contains /inventory.html", AssertionType::UrlContains, "/inventory.html"},
      {"Check that the URL contains \"/checkout\"", AssertionType::UrlContains, "/checkout"},
      {"Verify \"Login\" button is visible", AssertionType::ElementVisible, "Login"},
      {"Verify \"Login\" button is hidden", AssertionType::ElementHidden, "Login"},
      {"Verify \"Loading\" is not visible", AssertionType::ElementHidden, "Loading"},
      {"Ensure \"Spinner\" disappears", AssertionType::ElementHidden, "Spinner"},
      {"Make sure the user is redirected to /inventory.html", AssertionType::UrlContains, "/inventory.html"},
  };
  for (const auto& c : cases) {
    auto r = parse(c.sentence);
    INFO(c.sentence);
    REQUIRE_FALSE(r.error);
    REQUIRE(r.assertions.size() == 1);
    CHECK(r.assertions[0].type == c.type);
    CHECK(subject(r.assertions[0]) == c.value);
  }
}

TEST_CASE("expected outcomes") {
  auto e = [](const char* s) { return parse_expected_sentence(s); };
  CHECK(e("\"Thank you for your order!\" is visible").assertions.at(0).type == AssertionType::TextVisible);
  CHECK(e("\"Thank you for your order!\"").assertions.at(0).value.clear() == "Thank you for your order!");
  CHECK(e("URL contains /checkout-complete.html").assertions.at(0).type == AssertionType::UrlContains);
  CHECK(e("Page title contains \"Swag Labs\"").assertions.at(0).type == AssertionType::TitleContains);
  CHECK(e("User is redirected to /inventory.html").assertions.at(0).value.clear() == "/inventory.html");
  auto two = e("\"Products\" and \"Sauce Labs Backpack\" are visible");
  REQUIRE(two.assertions.size() == 2);
  CHECK(two.assertions[1].value.clear() == "Sauce Labs Backpack");
  SECTION("free text that cannot be checked is an error, never ignored") {
    auto r = e("The order is placed successfully");
    REQUIRE(r.error);
    CHECK_FALSE(r.error->hint.empty());
  }
}

TEST_CASE("unreadable sentences are errors with the closest form") {
  SECTION("a misspelt verb") {
    auto r = parse("Clik \"Save\"");
    REQUIRE(r.error);
    CHECK_THAT(r.error->message, Catch::Contains("did you mean 'click'"));
    CHECK_THAT(r.error->hint, Catch::Contains("Click \"Save\""));
  }
  SECTION("an unknown verb far from any") {
    auto r = parse("Frobnicate the widget");
    REQUIRE(r.error);
    CHECK_FALSE(r.error->hint.empty());
  }
  SECTION("a fill without a quoted value") {
    auto r = parse("Fill Albert Einstein in the search field");
    REQUIRE(r.error);
    CHECK_THAT(r.error->message, Catch::Contains("quotes"));
    CHECK_THAT(r.error->hint, Catch::Contains("Fill \"value\" in <field>"));
  }
  SECTION("a fill without a target") {
    REQUIRE(parse("Fill \"x\"").error);
  }
  SECTION("an unclosed quote") {
    REQUIRE(parse("Click \"Save").error);
  }
  SECTION("unexpected words after a quoted target") {
    REQUIRE(parse("Click \"Save\" quickly now").error);
  }
  SECTION("a click without a target") {
    REQUIRE(parse("Click").error);
  }
  SECTION("a login with one value") {
    REQUIRE(parse("Login with username \"u\"").error);
  }
}

TEST_CASE("target overrides are kept and classified") {
  Step css = one("Click css:.shopping_cart_link");
  CHECK(css.target.kind == TargetKind::Css);
  CHECK(opt(css.target) == "css:.shopping_cart_link");
  Step role = one("Click role:button=Save");
  CHECK(role.target.kind == TargetKind::Role);
}

TEST_CASE("step markers and bullets are stripped") {
  CHECK(strip_step_marker("  12. Click \"Save\"") == "Click \"Save\"");
  CHECK(strip_step_marker("3) Click \"Save\"") == "Click \"Save\"");
  CHECK(strip_step_marker("Step 4: Click \"Save\"") == "Click \"Save\"");
  CHECK(strip_step_marker("- First Name: John") == "First Name: John");
  CHECK(has_step_marker("10. x"));
  CHECK_FALSE(has_step_marker("10.5 percent"));
  CHECK(has_bullet_marker("  * item"));
}

TEST_CASE("negated outcomes are checked as negations or refused, never inverted") {
  auto e = [](const char* s) { return parse_expected_sentence(s); };
  struct Case {
    const char* sentence;
    AssertionType type;
    const char* value;
  };
  for (const auto& c : {Case{"\"Error\" should not be visible", AssertionType::ElementHidden, "Error"},
                        Case{"\"Done\" must not be shown", AssertionType::ElementHidden, "Done"},
                        Case{"\"Spinner\" is no longer displayed", AssertionType::ElementHidden, "Spinner"},
                        Case{"The page does not show \"Error\"", AssertionType::TextHidden, "Error"},
                        Case{"the page shows no \"Error\"", AssertionType::TextHidden, "Error"},
                        Case{"\"Login\" button does not appear", AssertionType::ElementHidden, "Login"}}) {
    INFO(c.sentence);
    auto r = e(c.sentence);
    REQUIRE_FALSE(r.error);
    REQUIRE(r.assertions.size() == 1);
    CHECK(r.assertions[0].type == c.type);
    CHECK(subject(r.assertions[0]) == c.value);
  }
  for (const char* refused : {"URL should not contain /login", "Title does not contain \"Error\"",
                              "\"Saved\" is visible in the dialog", "\"Saved\" is visible quickly"}) {
    INFO(refused);
    CHECK(e(refused).error);
  }
  auto both = e("title contains \"A\" and \"B\"");
  REQUIRE(both.assertions.size() == 2);
  CHECK(both.assertions[1].value.clear() == "B");
  CHECK(e("\"Login\" button is visible").assertions.at(0).target.role_hint == "button");
}

TEST_CASE("quoted UI text does not make a step manual") {
  CHECK(one("Wait for \"Verification code sent\"").action == Action::Wait);
  CHECK(one("Wait for \"Enter your security code\"").action == Action::Wait);
  CHECK(one("Wait for manual verification").action == Action::Manual);
}

TEST_CASE("numbers that do not fit are errors, not crashes") {
  CHECK_FALSE(one("Click the 99999999999th link").target.ordinal);  // not an ordinal: a name
  auto r = parse("Click \"Save\" (unclosed remark");
  REQUIRE(r.error);
  CHECK_THAT(r.error->message, Catch::Contains("never closed"));
}

TEST_CASE("a descriptive expected line checks its quoted texts, unless its words could change what is checked") {
  auto ok = parse_expected_sentence("Order confirmation with \"Thank you for your order\"");
  REQUIRE_FALSE(ok.error);
  REQUIRE(ok.assertions.size() == 1);
  CHECK(ok.assertions[0].type == AssertionType::TextVisible);
  CHECK(ok.assertions[0].value.clear() == "Thank you for your order");
  for (const char* refused : {"No \"Error\" banner with \"x\"", "Either \"Saved\" or \"Done\" message",
                              "Tab title \"Checkout\"", "Cart badge with \"Mug\" 3 times"}) {
    INFO(refused);
    CHECK(parse_expected_sentence(refused).error);
  }
}
