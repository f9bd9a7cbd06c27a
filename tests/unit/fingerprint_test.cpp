// Drift: a stored fingerprint against the element a cached selector matches now (heal/fingerprint.h), on
// hand-made prints in the page agent's format.
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "heal/fingerprint.h"

using namespace pacts;
using nlohmann::json;

namespace {

json save_button() {
  return {{"tag", "button"},
          {"role", "button"},
          {"name", "Save"},
          {"id", "save"},
          {"classes", {"btn", "btn-primary"}},
          {"attributes", {{"type", "submit"}}},
          {"text", "Save"},
          {"label", ""},
          {"neighbour_text", "Your profile"},
          {"path", "html/body/main/form/button[2]"},
          {"box", {100, 400, 80, 32}}};
}

json email_field() {
  return {{"tag", "input"},
          {"role", "textbox"},
          {"name", "Email"},
          {"id", "email"},
          {"classes", {"field"}},
          {"attributes", {{"type", "email"}, {"name", "email"}, {"placeholder", "you@example.com"}}},
          {"text", ""},
          {"label", "Email"},
          {"neighbour_text", "Email"},
          {"path", "html/body/main/form/input[2]"},
          {"box", {100, 200, 300, 32}}};
}

DriftCheck check(const json& then, const json& now) {
  return check_drift(parse_fingerprint(then.dump()), parse_fingerprint(now.dump()));
}

}  // namespace

TEST_CASE("an unchanged element is the same element, at similarity 1", "[drift]") {
  auto c = check(save_button(), save_button());
  CHECK(c.verdict == DriftVerdict::Same);
  CHECK(c.similarity == Approx(1.0));
  CHECK(c.changed.empty());
}

TEST_CASE("a page scrolled elsewhere is no change: the box counts by its size only", "[drift]") {
  auto now = save_button();
  now["box"] = {100, -350, 80, 32};
  CHECK(check(save_button(), now).verdict == DriftVerdict::Same);
}

TEST_CASE("an id and classes renamed and a wrapper added are cosmetic: the print is refreshed", "[drift]") {
  auto now = save_button();
  now["id"] = "btn-save";
  now["classes"] = {"button", "button--main"};
  now["path"] = "html/body/main/div/form/div/button[2]";
  auto c = check(save_button(), now);
  CHECK(c.verdict == DriftVerdict::Cosmetic);
  CHECK(c.similarity >= kDriftThreshold);
  CHECK(c.changed == std::vector<std::string>{"id", "classes", "path"});
}

TEST_CASE("a label reworded a little keeps the field its own", "[drift]") {
  auto now = email_field();
  now["name"] = "Email address";
  now["label"] = "Email address";
  now["neighbour_text"] = "Email address";
  auto c = check(email_field(), now);
  CHECK(c.verdict == DriftVerdict::Cosmetic);
}

TEST_CASE("a selector that now matches another button of the same kind has drifted", "[drift]") {
  // The id and the classes moved to the Delete button: tag, role, id, classes and place agree, the name does not.
  auto now = save_button();
  now["name"] = "Delete";
  now["text"] = "Delete";
  auto c = check(save_button(), now);
  CHECK(c.verdict == DriftVerdict::Drift);
  CHECK(c.similarity < kDriftThreshold);
}

TEST_CASE("the field next door, alike in all but its name, has drifted", "[drift]") {
  json then = email_field(), now = email_field();
  then["name"] = then["label"] = then["neighbour_text"] = "First name";
  then["id"] = "first";
  then["attributes"] = {{"type", "text"}, {"name", "first"}};
  now["name"] = now["label"] = now["neighbour_text"] = "Last name";
  now["id"] = "last";
  now["attributes"] = {{"type", "text"}, {"name", "last"}};
  now["path"] = "html/body/main/form/input[3]";
  CHECK(check(then, now).verdict == DriftVerdict::Drift);
}

TEST_CASE("text similarity: typos by letters, rewordings by words, other words not at all", "[drift]") {
  CHECK(text_similarity("  Sign   IN ", "sign in") == Approx(1.0));
  CHECK(text_similarity("Adress", "Address") >= 0.8);
  CHECK(text_similarity("First name", "Last name") < 0.5);   // 70 % the same letters, another field
  CHECK(text_similarity("save-btn", "btnSave") == Approx(1.0));  // the same words, reordered
  CHECK(text_similarity("Save", "Delete") == Approx(0.0));
  CHECK(text_similarity("", "") == Approx(1.0));
}

TEST_CASE("a row stored without a print gets one, and a detached element is drift", "[drift]") {
  Fingerprint none = parse_fingerprint("");
  CHECK_FALSE(none.valid);
  CHECK_FALSE(parse_fingerprint("{}").valid);
  CHECK_FALSE(parse_fingerprint(R"({"error":"detached"})").valid);
  CHECK_FALSE(parse_fingerprint("not json").valid);
  auto now = parse_fingerprint(save_button().dump());
  CHECK(check_drift(none, now).verdict == DriftVerdict::Cosmetic);  // stored from now on
  CHECK(check_drift(now, none).verdict == DriftVerdict::Drift);
}

TEST_CASE("an attribute present on one side only counts against the similarity", "[drift]") {
  auto now = save_button();
  now["attributes"]["data-testid"] = "save";
  auto then_print = parse_fingerprint(save_button().dump()), now_print = parse_fingerprint(now.dump());
  double s = fingerprint_similarity(then_print, now_print);
  CHECK(s < 1.0);
  CHECK(s > kDriftThreshold);
  // An attribute outside the table weighs the default, compared exactly.
  auto other = save_button();
  other["attributes"]["title"] = "Save your profile";
  CHECK(fingerprint_similarity(then_print, parse_fingerprint(other.dump())) < 1.0);
}

TEST_CASE("the weights table names each feature once, with a positive weight", "[drift]") {
  std::set<std::string> seen;
  for (const auto& f : kFingerprintFeatures) {
    INFO(f.name);
    CHECK(f.weight > 0);
    CHECK(seen.insert(f.name).second);
  }
  CHECK(seen.count("name"));
  CHECK(seen.count("neighbour_text"));
}

TEST_CASE("the text inside a value-holding control is its value, not its identity", "[drift]") {
  Fingerprint then;
  then.valid = true;
  then.tag = "span";
  then.role = "combobox";
  then.classes = {"select", "select--multiple"};
  then.neighbour_text = "Projects";
  then.path = "html/body/form/div/span";
  Fingerprint now = then;
  now.text = "×Borealis ×Atlas";  // the chips of the choices made
  CHECK(check_drift(then, now).verdict == DriftVerdict::Same);
  // A button's text is its identity.
  then.role = now.role = "button";
  then.tag = now.tag = "button";
  then.text = "Save";
  now.text = "Delete";
  CHECK(check_drift(then, now).verdict == DriftVerdict::Drift);
}
