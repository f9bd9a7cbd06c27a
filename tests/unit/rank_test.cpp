// Discovery's ranking, stage by stage, on hand-made snapshots: no browser. Each table row is one page (a few
// candidates) and one request, and says which element wins or how it fails.
#include <catch2/catch.hpp>

#include "discovery/match.h"
#include "discovery/name_sources.h"
#include "discovery/rank.h"
#include "discovery/scope.h"

using namespace pacts;

namespace {

// A candidate as the page agent would report it, built field by field.
struct El {
  CandidateElement e;
  explicit El(int handle) {
    e.handle = handle;
    e.order = handle;
    e.visible = true;
    e.enabled = true;
  }
  El& tag(const std::string& t) { e.tag = t; return *this; }
  El& role(const std::string& r) { e.role = r; return *this; }
  El& name(const std::string& n) { e.name = n; return *this; }
  El& text(const std::string& t) { e.own_text = t; e.text = t; return *this; }
  El& label(const std::string& l) { e.label = l; return *this; }
  El& testid(const std::string& t) { e.testid_attr = "data-testid"; e.testid = t; return *this; }
  El& name_attr(const std::string& n) { e.name_attr = n; return *this; }
  El& type(const std::string& t) { e.type = t; return *this; }
  El& interactive() { e.interactive = true; return *this; }
  El& editable() { e.editable = true; return *this; }
  El& hidden() { e.visible = false; return *this; }
  El& behind_modal() { e.outside_modal = true; return *this; }
  El& parent(int index) { e.parent = index; return *this; }
  El& in_scopes(std::vector<int> s) { e.scopes = std::move(s); return *this; }
  El& context_depth(int d) { e.context_depth = d; return *this; }
  El& order(int o) { e.order = o; return *this; }
  operator CandidateElement() const { return e; }
};

El button(int h, const std::string& name) { return El(h).tag("button").role("button").name(name).text(name).interactive(); }
El link(int h, const std::string& name) { return El(h).tag("a").role("link").name(name).text(name).interactive(); }
El field(int h, const std::string& label) {
  return El(h).tag("input").role("textbox").type("text").name(label).label(label).interactive().editable();
}

ScopeElement scope(int handle, const std::string& role, const std::string& name, bool visible = true) {
  ScopeElement s;
  s.handle = handle;
  s.role = role;
  s.tag = role == "dialog" ? "div" : "section";
  s.name = name;
  s.visible = visible;
  return s;
}

LocateRequest click(const std::string& text) { return LocateRequest{Target{text}, Interaction::Click}; }
LocateRequest with(LocateRequest r, Interaction i) {
  r.interaction = i;
  return r;
}

struct Case {
  const char* what;
  std::vector<CandidateElement> candidates;
  std::vector<ScopeElement> scopes;
  LocateRequest request;
  LocateStatus status;
  int winner;              // handle of the element found, -1 when not Found
  const char* message_has;  // part of the failure message, "" when Found
};

void check(const Case& c) {
  Snapshot snap;
  snap.candidates = c.candidates;
  snap.scopes = c.scopes;
  LocateResult r = rank(snap, c.request, LocateOptions{});
  INFO(c.what << ": " << r.message);
  CHECK(locate_status_name(r.status) == std::string(locate_status_name(c.status)));
  CHECK(r.status == c.status);
  if (c.status == LocateStatus::Found) CHECK(r.best.element.handle == c.winner);
  else CHECK_THAT(r.message, Catch::Contains(c.message_has));
}

}  // namespace

TEST_CASE("ranking stage 1: the name, by the most trusted source that matches") {
  LocateRequest fill_name = with(click("Name"), Interaction::Fill);
  std::vector<Case> cases = {
      {"a name that differs only in case is too close to choose", {button(1, "save"), button(2, "Save")}, {},
       click("Save"), LocateStatus::Ambiguous, -1, "matches 2 elements"},
      {"an exact name beats every word present in another order", {button(1, "Code Zip"), button(2, "Zip Code")}, {},
       click("Zip Code"), LocateStatus::Found, 2, ""},
      {"a test id beats visible text", {button(1, "Checkout"), El(2).tag("button").role("button").testid("checkout").interactive()},
       {}, click("checkout"), LocateStatus::Found, 2, ""},
      {"name= only matches as a whole: Name is not lastName",
       {El(1).tag("input").role("textbox").name_attr("lastName").interactive().editable()}, {}, fill_name,
       LocateStatus::NotFound, -1, "nothing on the page is named \"Name\""},
      {"typo-level matches are never acted on", {button(1, "Publish everything now")}, {}, click("Pubish"),
       LocateStatus::NotFound, -1, "nothing on the page is named"},
      {"nothing named so", {button(1, "Cancel")}, {}, click("Save"), LocateStatus::NotFound, -1, "named \"Save\""},
  };
  for (const auto& c : cases) check(c);
}

TEST_CASE("ranking stage 2: what the action needs, and keys go to fields") {
  std::vector<Case> cases = {
      {"a fill takes the field, not the button of the same name", {button(1, "Email"), field(2, "Email")}, {},
       with(click("Email"), Interaction::Fill), LocateStatus::Found, 2, ""},
      {"a fill with only a button says what is missing", {button(1, "Email")}, {},
       with(click("Email"), Interaction::Fill), LocateStatus::Incompatible, -1,
       "nothing named \"Email\" is an editable field, which fill needs"},
      {"a check wants a checkbox", {button(1, "Remember me")}, {}, with(click("Remember me"), Interaction::Check),
       LocateStatus::Incompatible, -1, "is a checkbox or radio, which check needs"},
      {"Press Enter on Search means the search box", {button(1, "Search"), field(2, "Search")}, {},
       with(click("Search"), Interaction::Press), LocateStatus::Found, 2, ""},
  };
  for (const auto& c : cases) check(c);
}

TEST_CASE("ranking stage 3: text inside a matching control stands for the control") {
  // A <span>Save</span> inside <button>Save</button>: one control, not two candidates.
  std::vector<CandidateElement> page = {button(1, "Save"), El(2).tag("span").role("generic").text("Save").parent(0)};
  check({"the span inside the button is dropped", page, {}, click("Save"), LocateStatus::Found, 1, ""});
}

TEST_CASE("ranking stage 3: a control inside a matching control, and custom elements") {
  // A clickable dialog (tabindex) whose text mentions its button: the button is the target.
  El sheet = El(1).tag("div").role("dialog").text("Bank transfer").interactive();
  sheet.e.text = "Pay with Card Bank transfer Cancel";
  std::vector<CandidateElement> action_sheet = {sheet, button(2, "Bank transfer").parent(0)};
  // A grid cell named "Edit" (by its content) holding the Edit button.
  std::vector<CandidateElement> grid = {El(1).tag("div").role("gridcell").name("Edit").text("Edit").interactive(),
                                        button(2, "Edit").parent(0)};
  // A custom switch whose own zero-size input stands inside it.
  El host = El(1).tag("x-switch").role("switch").name("Auto-renew").interactive();
  host.e.proxy_of = 2;
  El inner = El(2).tag("input").role("switch").name("Auto-renew").interactive().parent(0);
  std::vector<CandidateElement> custom = {host, inner};
  El hidden_inner = El(2).tag("input").role("switch").name("Auto-renew").interactive().hidden().parent(0);
  std::vector<CandidateElement> zero_size = {El(1).tag("ion-toggle").role("switch").name("Auto-renew").interactive(), hidden_inner};
  std::vector<Case> cases = {
      {"the dialog's button, not the dialog", action_sheet, {}, click("Bank transfer"), LocateStatus::Found, 2, ""},
      {"the button in the cell, not the cell", grid, {}, click("Edit"), LocateStatus::Found, 2, ""},
      {"a custom element stands for its one control", custom, {}, with(click("Auto-renew"), Interaction::Check),
       LocateStatus::Found, 1, ""},
      {"an inner control that is not visible is stood for", zero_size, {}, with(click("Auto-renew"), Interaction::Check),
       LocateStatus::Found, 1, ""},
  };
  for (const auto& c : cases) check(c);
}

TEST_CASE("names from context name a control that has none, with less trust than a name") {
  El status = El(1).tag("select").role("combobox").interactive();
  status.e.row_header = "status";
  El labelled = field(2, "Status filter");
  std::vector<Case> cases = {
      {"a select named only by its table row", {status}, {}, with(click("status"), Interaction::Select),
       LocateStatus::Found, 1, ""},
      {"a real name beats a name from context", {status, El(2).tag("select").role("combobox").name("Status").interactive()},
       {}, with(click("Status"), Interaction::Select), LocateStatus::Found, 2, ""},
  };
  for (const auto& c : cases) check(c);
  // A control that has a name is never named by its row.
  CandidateElement named = El(3).tag("input").role("textbox").name("Quantity").interactive().editable();
  named.row_header = "Widget";
  CHECK(discovery_name_score(named, "Widget").score == 0);
  CHECK(discovery_name_score(status, "status").score == Approx(0.78));
  (void)labelled;
}

TEST_CASE("a control that opens a list is something to select from") {
  CandidateElement opener = button(1, "Currency, USD");
  CHECK_FALSE(accepts(opener, Interaction::Select));
  opener.haspopup = "dialog";
  CHECK(accepts(opener, Interaction::Select));
  opener.haspopup = "false";
  CHECK_FALSE(accepts(opener, Interaction::Select));
}

TEST_CASE("ranking stage 4: the scope") {
  std::vector<ScopeElement> scopes = {scope(10, "dialog", "New Account"), scope(11, "region", "Details")};
  std::vector<CandidateElement> page = {button(1, "Save").in_scopes({0}), button(2, "Save").in_scopes({1})};
  LocateRequest in_dialog = click("Save");
  in_dialog.target.within = "\"New Account\" dialog";
  LocateRequest in_menu = click("Save");
  in_menu.target.within = "Settings menu";
  LocateRequest in_details = click("Cancel");
  in_details.target.within = "Details";
  std::vector<Case> cases = {
      {"in the named dialog", page, scopes, in_dialog, LocateStatus::Found, 1, ""},
      {"a scope that is not there", page, scopes, in_menu, LocateStatus::ScopeNotFound, -1, "no menu \"Settings\""},
      {"the scope is there, the target is not in it", {button(1, "Cancel").in_scopes({0})}, scopes, in_details,
       LocateStatus::NotFound, -1, "nothing named \"Cancel\" inside Details"},
  };
  for (const auto& c : cases) check(c);
}

TEST_CASE("ranking stage 5: an open modal dialog blocks what is behind it") {
  std::vector<Case> cases = {
      {"the one in the dialog wins", {button(1, "Close").behind_modal(), button(2, "Close")}, {}, click("Close"),
       LocateStatus::Found, 2, ""},
      {"only behind the dialog", {button(1, "Delete").behind_modal()}, {}, click("Delete"), LocateStatus::Blocked, -1,
       "behind an open dialog"},
  };
  for (const auto& c : cases) check(c);
}

TEST_CASE("ranking stage 6: visible elements, when any is visible") {
  std::vector<Case> cases = {
      {"the visible one of two", {button(1, "Next").hidden(), button(2, "Next")}, {}, click("Next"), LocateStatus::Found, 2, ""},
      {"all hidden", {button(1, "Secret").hidden()}, {}, click("Secret"), LocateStatus::NotVisible, -1, "not visible"},
  };
  for (const auto& c : cases) check(c);
}

TEST_CASE("ranking stage 7: the context, by the deepest common container") {
  LocateRequest add = click("Add to cart");
  add.target.context = "Bike Light";
  std::vector<Case> cases = {
      {"the button in the same card as the text", {button(1, "Add to cart").context_depth(3), button(2, "Add to cart").context_depth(6)},
       {}, add, LocateStatus::Found, 2, ""},
      {"the context text is not on the page", {button(1, "Add to cart"), button(2, "Add to cart")}, {}, add,
       LocateStatus::NotFound, -1, "the text \"Bike Light\""},
  };
  for (const auto& c : cases) check(c);
}

TEST_CASE("ranking stage 8: a kind target prefers members of a container named by its kind") {
  LocateRequest first_result;
  first_result.target.text = "video result";
  first_result.target.kind = TargetKind::Kind;
  first_result.target.role_hint = "link";
  first_result.target.ordinal = 1;
  ScopeElement results = scope(20, "region", "");
  results.id = "results";
  ScopeElement nav = scope(21, "navigation", "Main");
  std::vector<CandidateElement> page = {link(1, "Home").in_scopes({1}), link(2, "Cooking basics").in_scopes({0}),
                                        link(3, "Knife skills").in_scopes({0})};
  std::vector<Case> cases = {
      {"the first link in the results, not the first on the page", page, {results, nav}, first_result, LocateStatus::Found, 2, ""},
      {"the results container is still empty", {link(1, "Home").in_scopes({1})}, {results, nav}, first_result,
       LocateStatus::NotFound, -1, "no video result yet"},
  };
  for (const auto& c : cases) check(c);
}

TEST_CASE("ranking stage 9: the sentence's UI word prefers that kind of element") {
  LocateRequest login_button = click("Login");
  login_button.target.role_hint = "button";
  LocateRequest login_link = click("Login");
  login_link.target.role_hint = "link";
  std::vector<CandidateElement> page = {link(1, "Login"), button(2, "Login")};
  std::vector<Case> cases = {
      {"the Login button", page, {}, login_button, LocateStatus::Found, 2, ""},
      {"the Login link", page, {}, login_link, LocateStatus::Found, 1, ""},
      {"no UI word: the two are equally good", page, {}, click("Login"), LocateStatus::Ambiguous, -1, "matches 2 elements"},
  };
  for (const auto& c : cases) check(c);
}

TEST_CASE("ranking stage 10: the Nth of the equally good, in document order") {
  std::vector<CandidateElement> page = {button(1, "Edit").order(30), button(2, "Edit").order(10), button(3, "Edit").order(20)};
  auto nth = [](int n) {
    LocateRequest r = click("Edit");
    r.target.ordinal = n;
    return r;
  };
  std::vector<Case> cases = {
      {"the 2nd", page, {}, nth(2), LocateStatus::Found, 3, ""},
      {"the last", page, {}, nth(-1), LocateStatus::Found, 1, ""},
      {"more than there are", page, {}, nth(5), LocateStatus::NotFound, -1, "asked for number 5 of \"Edit\", but there are only 3"},
  };
  for (const auto& c : cases) check(c);
}

TEST_CASE("ranking stage 11: the best must lead the runner-up by the margin") {
  std::vector<Case> cases = {
      {"two equal Saves are ambiguous, and both are listed", {button(1, "Save"), button(2, "Save")}, {}, click("Save"),
       LocateStatus::Ambiguous, -1, "\"Save\" matches 2 elements about equally well"},
      {"an exact name leads a whole-word match by more than the margin", {button(1, "Save"), button(2, "Save draft")}, {},
       click("Save"), LocateStatus::Found, 1, ""},
  };
  for (const auto& c : cases) check(c);
  Snapshot snap;
  snap.candidates = {button(1, "Save"), button(2, "Save")};
  auto r = rank(snap, click("Save"), LocateOptions{});
  REQUIRE(r.candidates.size() == 2);
  CHECK_THAT(r.message, Catch::Contains("button \"Save\"  score"));
}

TEST_CASE("text_match: the documented quality levels") {
  struct Q {
    const char* target;
    const char* text;
    double low, high;
  };
  std::vector<Q> table = {
      {"Save", "Save", 1.0, 1.0},
      {"save", "Save", 0.97, 0.97},
      {"First Name", "First Name:", 0.95, 0.95},
      {"Log in", "Login", 0.92, 0.92},
      {"Account Name", "Account Name (required)", 0.6, 0.9},
      {"Zip Code", "Zip/Postal Code", 0.55, 0.85},
      {"Adress", "Address", 0.4, 0.55},
      {"Save", "Cancel", 0.0, 0.0},
  };
  for (const auto& q : table) {
    INFO(q.target << " / " << q.text);
    double v = text_match(q.target, q.text);
    CHECK(v >= q.low - 1e-9);
    CHECK(v <= q.high + 1e-9);
  }
}

TEST_CASE("attribute_match: identifiers match only as a whole") {
  CHECK(attribute_match("firstName", "firstName") == 1.0);
  CHECK(attribute_match("FIRSTNAME", "firstname") == Approx(0.97));
  CHECK(attribute_match("First Name", "first-name") == Approx(0.95));
  CHECK(attribute_match("first name", "first_name") == Approx(0.95));
  CHECK(attribute_match("Name", "lastName") == 0.0);
  CHECK(attribute_match("add to cart", "add-to-cart-sauce-labs-backpack") == 0.0);
}

TEST_CASE("one table of name sources: discovery weighs them, element checks read them raw") {
  CandidateElement placeholder_only = El(1).tag("input").role("textbox").interactive().editable();
  placeholder_only.placeholder = "Search";
  CHECK(discovery_name_score(placeholder_only, "Search").score == Approx(0.93));
  CHECK(check_name_quality(placeholder_only, "Search").score == Approx(1.0));
  CHECK(std::string(check_name_quality(placeholder_only, "Search").source) == "placeholder");
  // A title names an element for discovery, not for "X is visible".
  CandidateElement titled = El(2).tag("span").role("generic");
  titled.title = "Help";
  CHECK(discovery_name_score(titled, "Help").score > 0.5);
  CHECK(check_name_quality(titled, "Help").score == 0);
  // Text that is not a control is a weaker reading of "Click X".
  CHECK(discovery_name_score(El(3).tag("div").role("generic").text("Save"), "Save").score ==
        Approx(0.85 * 0.8));
}

TEST_CASE("scopes: kind and name") {
  auto s = parse_scope("\"New Account\" dialog");
  CHECK(s.kind == "dialog");
  CHECK(s.name == "New Account");
  CHECK(parse_scope("App Launcher").kind.empty());
  ScopeElement d = scope(1, "dialog", "New Account");
  CHECK(scope_score(d, s) == Approx(1.0));
  ScopeElement region = scope(2, "region", "New Account");
  CHECK(scope_score(region, s) < scope_score(d, s));
}
