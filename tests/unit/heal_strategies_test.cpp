// Healing on hand-made snapshots: what each strategy proposes, when a candidate is accepted, and the order the
// heal history gives the strategies (heal/strategies.h, heal/order.h).
#include <catch2/catch.hpp>

#include "heal/order.h"
#include "heal/strategies.h"
#include "report/heal_report.h"

#include <nlohmann/json.hpp>

using namespace pacts;

namespace {

CandidateElement button(int handle, const std::string& name, const std::string& id = "",
                        std::vector<std::string> classes = {"btn"}) {
  CandidateElement e;
  e.handle = handle;
  e.order = handle;
  e.tag = "button";
  e.role = "button";
  e.name = e.text = e.own_text = name;
  e.id = id;
  e.classes = std::move(classes);
  e.visible = e.enabled = e.interactive = true;
  return e;
}

Fingerprint stored_save() {
  Fingerprint f;
  f.valid = true;
  f.tag = f.role = "button";
  f.name = f.text = "Save";
  f.id = "save-btn";
  f.classes = {"btn"};
  f.neighbour_text = "Your profile";
  return f;
}

HealRequest request_for(const std::string& target, const Fingerprint& stored, int drifted = -1) {
  HealRequest r;
  r.locate.target.text = target;
  r.locate.interaction = Interaction::Click;
  r.stored = stored;
  r.drifted_handle = drifted;
  return r;
}

Snapshot snapshot_of(std::vector<CandidateElement> elements) {
  Snapshot s;
  s.candidates = std::move(elements);
  return s;
}

HealStatsRow row(const std::string& strategy, int64_t s, int64_t f, double ms) {
  HealStatsRow r;
  r.strategy = strategy;
  r.successes = s;
  r.failures = f;
  r.total_ms = ms;
  return r;
}

}  // namespace

TEST_CASE("every strategy finds the button whose id moved to its look-alike, and none accepts the look-alike",
          "[heal]") {
  // The id of Save went to Delete (handle 2, the drifted element); Save got a new id.
  auto snap = snapshot_of({button(1, "Save", "save-btn-v2"), button(2, "Delete", "save-btn")});
  auto req = request_for("Save", stored_save(), 2);
  for (const auto& strategy : {"rediscovery", "fingerprint", "relaxed_name", "attribute_family"}) {
    INFO(strategy);
    auto choice = choose(propose(strategy, snap, req));
    INFO(choice.why);
    REQUIRE(choice.accepted);
    CHECK(choice.chosen.element.handle == 1);
  }
}

TEST_CASE("relaxed names: case, spaces and word order, small edits, synonyms only when configured", "[heal]") {
  auto stored = stored_save();
  stored.name = stored.text = "Log in";
  auto snap = snapshot_of({button(1, "Sign in"), button(2, "Help")});
  auto plain = request_for("Log in", stored);
  CHECK_FALSE(choose(propose("relaxed_name", snap, plain)).accepted);
  auto with_synonyms = plain;
  with_synonyms.synonyms = {{"Log in", "Sign in", "Login"}};
  auto c = choose(propose("relaxed_name", snap, with_synonyms));
  REQUIRE(c.accepted);
  CHECK(c.chosen.element.handle == 1);
  CHECK(c.chosen.score == Approx(0.9));

  auto reordered = snapshot_of({button(1, "in  LOG"), button(2, "Help")});
  CHECK(choose(propose("relaxed_name", reordered, plain)).chosen.score == Approx(0.95));
  auto typo = snapshot_of({button(1, "Log inn"), button(2, "Help")});
  auto t = choose(propose("relaxed_name", typo, plain));
  CHECK(t.accepted);
  CHECK(t.chosen.score < 0.95);
}

TEST_CASE("the structural strategy finds a field by the label or the text beside it", "[heal]") {
  Fingerprint stored;
  stored.valid = true;
  stored.tag = "input";
  stored.role = "textbox";
  stored.name = "Email";
  stored.label = "Email";
  CandidateElement email;
  email.handle = 1;
  email.tag = "input";
  email.role = "textbox";
  email.editable = email.visible = email.enabled = email.interactive = true;
  email.context_label = "Email";  // the label lost its `for`: the text before the field still says Email
  CandidateElement other = email;
  other.handle = 2;
  other.context_label = "Phone";
  HealRequest r;
  r.locate.target.text = "E-mail address";
  r.locate.interaction = Interaction::Fill;
  r.stored = stored;
  auto c = choose(propose("structural", snapshot_of({other, email}), r));
  REQUIRE(c.accepted);
  CHECK(c.chosen.element.handle == 1);
}

TEST_CASE("an unchanged id is not an attribute family: the element that kept it is someone else's now", "[heal]") {
  auto snap = snapshot_of({button(1, "Delete", "save-btn")});
  auto p = propose("attribute_family", snap, request_for("Save", stored_save()));
  CHECK(p.candidates.empty());
}

TEST_CASE("when the old selector matches nothing, an element that kept the stored identifier is its family, "
          "unless others share it", "[heal]") {
  Fingerprint stored = stored_save();
  stored.attributes["name"] = "commit";
  auto kept = button(1, "Submit changes", "primary-action");
  kept.name_attr = "commit";
  auto stale = request_for("Save", stored);
  stale.selector_matched_nothing = true;
  auto c = choose(propose("attribute_family", snapshot_of({button(2, "Delete", "remove"), kept}), stale));
  REQUIRE(c.accepted);
  CHECK(c.chosen.element.handle == 1);
  // Two that keep it (radios of one group, a twin): neither is the one.
  auto twin = kept;
  twin.handle = twin.order = 3;
  CHECK_FALSE(choose(propose("attribute_family", snapshot_of({kept, twin}), stale)).accepted);
  // After a drift (the selector matched another element), an equal identifier proves nothing.
  CHECK(propose("attribute_family", snapshot_of({kept}), request_for("Save", stored)).candidates.empty());
}

TEST_CASE("a candidate is refused when below the threshold, tied with another, hidden or unable to act", "[heal]") {
  Proposal p;
  p.strategy = "fingerprint";
  p.candidates = {{button(1, "A"), 0.65}};
  auto low = choose(p);
  CHECK_FALSE(low.accepted);
  CHECK(low.why.find("below") != std::string::npos);

  p.candidates = {{button(1, "A"), 0.9}, {button(2, "B"), 0.85}};
  auto tie = choose(p);
  CHECK_FALSE(tie.accepted);
  CHECK(tie.why.find("closer than") != std::string::npos);

  auto hidden = button(1, "A");
  hidden.visible = false;
  p.candidates = {{hidden, 0.95}};
  CHECK_FALSE(choose(p).accepted);

  // A fill never gets a button, whatever its score.
  auto req = request_for("Save", stored_save());
  req.locate.interaction = Interaction::Fill;
  CHECK(propose("fingerprint", snapshot_of({button(1, "Save", "save-btn")}), req).candidates.empty());
}

TEST_CASE("two equally similar look-alikes make every strategy abstain", "[heal]") {
  auto snap = snapshot_of({button(1, "Save", "save-btn-top"), button(2, "Save", "save-btn-bottom")});
  auto req = request_for("Save", stored_save());
  for (const auto& strategy : heal_strategies()) {
    INFO(strategy);
    CHECK_FALSE(choose(propose(strategy, snap, req)).accepted);
  }
}

TEST_CASE("a compound split or joined is the same name to relaxed names, in any word order", "[heal]") {
  auto stored = stored_save();
  stored.name = stored.text = "Wish list";
  auto plain = request_for("Wish list", stored);
  auto joined = snapshot_of({button(1, "Wishlist"), button(2, "Help")});
  auto c = choose(propose("relaxed_name", joined, plain));
  REQUIRE(c.accepted);
  CHECK(c.chosen.element.handle == 1);
  CHECK(c.chosen.score == Approx(0.95));
  // A link whose text was joined by a copy pass still answers the step: no drift for the same element.
  Fingerprint now;
  now.valid = true;
  now.tag = "a";
  now.name = now.text = "Wishlist";
  CHECK(still_answers(now, plain));
  now.name = now.text = "Wishes";
  CHECK_FALSE(still_answers(now, plain));
}

TEST_CASE("with no history the fixed order holds, and the history reorders the strategies", "[heal]") {
  const auto& fixed = heal_strategies();
  CHECK(strategy_order(fixed, {}, {}) == fixed);
  // attribute_family always healed this page, fast; rediscovery always failed, slowly.
  std::vector<HealStatsRow> page = {row("rediscovery", 0, 8, 800), row("attribute_family", 8, 0, 40)};
  auto order = strategy_order(fixed, page, {});
  CHECK(order.front() == "attribute_family");
  CHECK(order.back() == "rediscovery");
}

TEST_CASE("the step's own key outweighs the page in the order", "[heal]") {
  const auto& fixed = heal_strategies();
  std::vector<HealStatsRow> page = {row("rediscovery", 0, 8, 800), row("attribute_family", 4, 4, 160),
                                    row("relaxed_name", 1, 1, 40)};
  CHECK(strategy_order(fixed, page, {}).front() == "attribute_family");  // the page's best, at 40 ms a try
  std::vector<HealStatsRow> key = {row("relaxed_name", 1, 0, 20)};  // it healed this very step
  CHECK(strategy_order(fixed, page, key).front() == "relaxed_name");
}

TEST_CASE("a strategy seldom tried is tried first again once the others have been tried often", "[heal]") {
  const auto& fixed = heal_strategies();
  // fingerprint failed once; rediscovery succeeds half the time.
  std::vector<HealStatsRow> few = {row("rediscovery", 5, 5, 200), row("fingerprint", 0, 1, 20),
                                   row("relaxed_name", 0, 10, 200), row("structural", 0, 10, 200),
                                   row("attribute_family", 0, 10, 200)};
  CHECK(strategy_order(fixed, few, {}).front() == "rediscovery");
  auto many = few;
  many[0] = row("rediscovery", 500, 500, 20000);
  CHECK(strategy_order(fixed, many, {}).front() == "fingerprint");  // the exploration bonus grew
}

TEST_CASE("measured costs of microseconds, not how often a strategy was tried, decide the order", "[heal]") {
  const auto& fixed = heal_strategies();
  // rediscovery, first in the fixed order, was tried on every heal and healed half, at 60 us a try; fingerprint,
  // tried only after it, healed 10 of 10 at 10 us a try: it is both surer and cheaper.
  std::vector<HealStatsRow> page = {row("rediscovery", 20, 20, 40 * 0.06), row("fingerprint", 10, 0, 10 * 0.01)};
  auto ranked = rank_strategies(fixed, page, {});
  CHECK(ranked.front().strategy == "fingerprint");
  for (const auto& v : ranked)
    if (v.strategy == "rediscovery") CHECK(v.ms < 0.2);  // about what it was measured to cost, plus counting it
}

TEST_CASE("a strategy that seldom heals a page is not tried first there because it fails fast", "[heal]") {
  const auto& fixed = heal_strategies();
  // structural failed 30 times at 1 us a try; fingerprint healed 28 of 30 at 100 us.
  std::vector<HealStatsRow> page = {row("fingerprint", 28, 2, 30 * 0.1), row("structural", 0, 30, 30 * 0.001),
                                    row("rediscovery", 0, 30, 30 * 0.05), row("relaxed_name", 0, 30, 30 * 0.05),
                                    row("attribute_family", 0, 30, 30 * 0.02)};
  CHECK(strategy_order(fixed, page, {}).front() == "fingerprint");
}

TEST_CASE("synonym entries become groups, blanks are dropped and a lone name makes no group", "[heal]") {
  auto groups = synonym_groups({"Sign in | Log in|Login", "Alone", "Remove||Delete"});
  REQUIRE(groups.size() == 2);
  CHECK(groups[0] == std::vector<std::string>{"Sign in", "Log in", "Login"});
  CHECK(groups[1] == std::vector<std::string>{"Remove", "Delete"});
}

TEST_CASE("heal stats show each page's strategies in the order the next heal tries them", "[heal]") {
  auto a = row("attribute_family", 8, 0, 40), r = row("rediscovery", 0, 8, 800);
  a.url_pattern = r.url_pattern = "{base}/profile.html";
  std::string text = heal_report_text({a, r});
  CHECK(text.find("{base}/profile.html") != std::string::npos);
  REQUIRE(text.find("attribute_family") != std::string::npos);
  CHECK(text.find("attribute_family") < text.find("rediscovery"));
  auto j = nlohmann::json::parse(heal_report_json({a, r}));
  REQUIRE(j["pages"].size() == 1);
  CHECK(j["pages"][0]["order"][0] == "attribute_family");
  CHECK(j["pages"][0]["strategies"].size() == heal_strategies().size());
  CHECK(heal_report_text({}) == "no heals recorded\n");
}

TEST_CASE("the twin of the drifted element is no unique candidate: the heal abstains", "[heal]") {
  // Two alike buttons; the old selector matched handle 1, judged drifted. Its twin must not pass for the one.
  auto snap = snapshot_of({button(1, "Save"), button(2, "Save")});
  Fingerprint stored = stored_save();
  stored.id.clear();
  auto req = request_for("Save", stored, 1);
  for (const auto& strategy : {"fingerprint", "structural", "attribute_family"}) {
    INFO(strategy);
    CHECK_FALSE(choose(propose(strategy, snap, req)).accepted);
  }
  // Alone, the drifted element is still not accepted by a strategy that reads only the stored print.
  auto alone = choose(propose("fingerprint", snapshot_of({button(1, "Save")}), req));
  CHECK_FALSE(alone.accepted);
  CHECK(alone.why.find("judged drifted") != std::string::npos);
}

TEST_CASE("identifiers that share a word but not half their words are no attribute family", "[heal]") {
  Fingerprint stored;
  stored.valid = true;
  stored.tag = "input";
  stored.role = "textbox";
  stored.id = "first-name";
  CandidateElement last = button(1, "Last name", "last-name");
  last.tag = "input";
  last.role = "textbox";
  last.editable = true;
  auto req = request_for("First name", stored);
  req.locate.interaction = Interaction::Fill;
  CHECK(propose("attribute_family", snapshot_of({last}), req).candidates.empty());
  last.id = "name-first-v2";
  CHECK(choose(propose("attribute_family", snapshot_of({last}), req)).accepted);
}

TEST_CASE("a changed element still answers the step by its name, a synonym or an identifier it kept", "[heal]") {
  auto req = request_for("Save", stored_save());
  req.synonyms = {{"Sign in", "Log in"}};
  Fingerprint now = stored_save();
  now.name = now.text = "Save changes";
  CHECK(still_answers(now, req));  // reworded around the step's words
  now.name = now.text = "Store";
  CHECK(still_answers(now, req));  // another name, but the id was kept
  now.id = "store-btn";
  CHECK_FALSE(still_answers(now, req));  // neither: another element under the old selector
  auto sign_in = request_for("Sign in", Fingerprint{});
  sign_in.synonyms = {{"Sign in", "Log in"}};
  Fingerprint log_in;
  log_in.valid = true;
  log_in.name = "Log in";
  CHECK(still_answers(log_in, sign_in));
  sign_in.synonyms.clear();
  CHECK_FALSE(still_answers(log_in, sign_in));
  CHECK(identity_changed({"classes", "name"}));
  CHECK_FALSE(identity_changed({"classes", "path", "box"}));
}

TEST_CASE("a look-alike as like the stored print as the element the selector matches is a rival", "[heal]") {
  // The old id went to "Save draft" (handle 2); Save (handle 1) has a new id and is more like the stored print.
  auto snap = snapshot_of({button(1, "Save", "save-btn-v2"), button(2, "Save draft", "save-btn")});
  auto req = request_for("Save", stored_save());
  CHECK(rival_as_like(snap, req, 2));
  // The reworded Save alone, with its id: no rival.
  CHECK_FALSE(rival_as_like(snapshot_of({button(1, "Save changes", "save-btn"), button(3, "Delete", "delete-btn")}), req, 1));
}
