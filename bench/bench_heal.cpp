// The mutation benchmark of healing (issue 11 item 6): pages modelled as the snapshots and fingerprints the
// page agent takes, changed by seeded mutations of the kinds real releases make, then
//   relocation  the heal strategies (heal/healer.h) in the fixed order look for the element the step meant,
//               given the step's target and the fingerprint stored for it: relocated correctly, wrong element,
//               or abstained, per mutation kind; in the trap kinds (the element is gone while something like
//               it remains) the only right answer is to abstain;
//   run         what a run does with the old selector (modelled as selector_parts() picks it: test id, id, role
//               and name, or a list position): a stale hit goes to discovery, then heals; a hit on another element is drift
//               and heals, else the hit is used;
//   drift       where the old selector now matches another element, whether check_drift() calls it drift;
//               where it still matches the same element (cosmetic changes, unchanged pages), false alarms;
//   order       strategies tried and heal time per heal, fixed order against the order learned from the heal
//               history (heal/order.h, kept in a real Store as a run keeps it) after 20 heals per area.
//
// The order figures are taken on four areas of one app (URL patterns), each changed by a release in its own
// way, because that is what the history is for: one team's release is not another's.
//   /shop/*      the catalogue re-sorted, a look-alike button took an old id (rediscovery by the step's words
//                heals these);
//   /checkout/*  ids renamed to a new convention, copy kept (every strategy but structural heals it; attribute
//                families most cheaply, but rediscovery, first and always right, is not worth leaving);
//   /account/*   a copy pass on markup without ids, whose selectors go by role and name: US to UK spelling,
//                compounds joined or split, and the synonyms of config.toml's example list (relaxed names heal
//                all of it; rediscovery only what still matches the step's words);
//   /admin/*     controls rebuilt: ids, names and test ids in a new convention that keeps their words, new
//                classes, a new copy deck (only attribute families heal it).
// Each heal is a relocation as in the first table. Heal time is measured, not modelled: each strategy's own
// time as it runs on the snapshot (heal_on_snapshot; the median of 5 repeats, the machine being shared), and
// counting every try in heal_history with Store::record_heal_outcome on a temporary SQLite store, as a run does
// after each heal. The snapshot itself (one round trip per heal whatever the order) is not in it. The table
// also shows each strategy alone per area, so that which one heals an area best can be checked.
// No browser: this measures the deciding half of healing (strategies, acceptance, drift verdict, ordering) on
// modelled pages; what the page agent extracts is covered by the [heal] integration tests.
//
//   build/bench/bench_heal [cases per kind, default 60] [seed, default 11]
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include "heal/fingerprint.h"
#include "heal/healer.h"
#include "heal/order.h"
#include "heal/strategies.h"
#include "core/text.h"
#include "discovery/rank.h"
#include "store/store.h"

using namespace pacts;

namespace {

// One element of a modelled page: what the snapshot holds, plus what only the fingerprint has.
struct El {
  CandidateElement c;
  std::string neighbour, path;
  double w = 80, h = 30;
};

struct ModelPage {
  std::vector<El> els;
  int next_handle = 1;
};

using Rng = std::mt19937;
int pick(Rng& rng, int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }

const std::vector<std::string> kButtons = {"Save", "Cancel", "Delete", "Submit order", "Add to cart", "Sign in",
                                           "Continue", "Apply coupon", "Download invoice", "Send message"};
const std::vector<std::string> kFields = {"First name", "Last name", "Email", "Phone", "Street", "City",
                                          "Postcode", "Company", "Password", "Coupon code"};
const std::vector<std::string> kLinks = {"Backpack", "Bike light", "Bolt T-shirt", "Fleece jacket", "Onesie",
                                         "Red T-shirt", "Water bottle", "Sun hat"};
// Rewordings a release makes (the step still says the old name).
const std::map<std::string, std::string> kReworded = {
    {"Save", "Save changes"}, {"Cancel", "Cancel edit"}, {"Delete", "Delete item"}, {"Submit order", "Submit your order"},
    {"Add to cart", "Add to basket"}, {"Sign in", "Log in"}, {"Continue", "Continue to payment"},
    {"Apply coupon", "Apply the coupon"}, {"Download invoice", "Download the invoice"}, {"Send message", "Send a message"},
    {"First name", "First name (given)"}, {"Last name", "Family name"}, {"Email", "Email address"},
    {"Phone", "Phone number"}, {"Street", "Street address"}, {"City", "Town or city"}, {"Postcode", "Post code"},
    {"Company", "Company name"}, {"Password", "Your password"}, {"Coupon code", "Coupon"}};

// Area vocabularies for the order figures (see order_figures): an account area whose markup has no ids (its
// selectors go by label and name), and whose release is a copy pass: US to UK spelling, compounds joined or split,
// and the terms the team configured as synonyms (config.toml's example list: "Sign in|Log in|Login",
// "Remove|Delete").
const std::vector<std::string> kAccountButtons = {"Sign in", "Delete", "Save favorites", "Check out", "Sign up",
                                                  "Update profile"};
const std::vector<std::string> kAccountFields = {"Organization", "Email", "Username", "Favorite color", "Zip code",
                                                 "Nickname", "Phone", "Display name"};
const std::vector<std::string> kAccountLinks = {"Help center", "Log out", "Wish list", "My orders", "Privacy policy",
                                                "Order history", "Gift cards", "Color themes"};
const std::map<std::string, std::string> kCopyEdits = {
    {"Sign in", "Log in"}, {"Delete", "Remove"}, {"Save favorites", "Save favourites"}, {"Check out", "Checkout"},
    {"Sign up", "Signup"}, {"Organization", "Organisation"}, {"Email", "E-mail"}, {"Username", "User name"},
    {"Favorite color", "Favourite colour"}, {"Nickname", "Nick name"}, {"Help center", "Help centre"},
    {"Log out", "Logout"}, {"Wish list", "Wishlist"}, {"Color themes", "Colour themes"}};
const std::vector<std::vector<std::string>> kConfiguredSynonyms = {{"Sign in", "Log in", "Login"}, {"Remove", "Delete"}};
// A rebuild's new copy deck: the words change, not just their form (the ids and test ids keep theirs).
const std::map<std::string, std::string> kNewCopy = {
    {"Save", "Apply"}, {"Cancel", "Discard"}, {"Delete", "Remove"}, {"Submit order", "Place order"},
    {"Add to cart", "Buy now"}, {"Sign in", "Log in"}, {"Continue", "Next"}, {"Apply coupon", "Redeem"},
    {"Download invoice", "Get PDF"}, {"Send message", "Send"}, {"First name", "Given name"},
    {"Last name", "Family name"}, {"Email", "Contact address"}, {"Phone", "Mobile"}, {"Street", "Address line 1"},
    {"City", "Town"}, {"Postcode", "ZIP"}, {"Company", "Organisation"}, {"Password", "Passphrase"},
    {"Coupon code", "Promo code"}};

std::string slug(const std::string& s) {
  std::string out;
  for (char ch : s) out += std::isalnum(static_cast<unsigned char>(ch)) ? char(std::tolower(ch)) : '-';
  return out;
}

El make_button(ModelPage& p, const std::string& name, const std::string& section) {
  El e;
  e.c.handle = e.c.order = p.next_handle++;
  e.c.tag = "button";
  e.c.role = "button";
  e.c.name = e.c.text = e.c.own_text = name;
  e.c.id = slug(name) + "-btn";
  e.c.classes = {"btn", "btn-" + slug(name)};
  e.c.visible = e.c.enabled = e.c.interactive = true;
  e.neighbour = section;
  e.path = "html/body/main/form/div/button";
  return e;
}

El make_field(ModelPage& p, const std::string& label, const std::string& section) {
  El e;
  e.c.handle = e.c.order = p.next_handle++;
  e.c.tag = "input";
  e.c.role = "textbox";
  e.c.type = "text";
  e.c.name = e.c.label = label;
  e.c.id = slug(label);
  e.c.name_attr = slug(label);
  e.c.classes = {"form-control"};
  e.c.visible = e.c.enabled = e.c.interactive = e.c.editable = true;
  e.neighbour = section;
  e.path = "html/body/main/form/div/label/input";
  e.w = 240;
  return e;
}

El make_link(ModelPage& p, const std::string& name, int row) {
  El e;
  e.c.handle = e.c.order = p.next_handle++;
  e.c.tag = "a";
  e.c.role = "link";
  e.c.name = e.c.text = e.c.own_text = name;
  e.c.href = "/item/" + slug(name);
  e.c.classes = {"item-link"};
  e.c.visible = e.c.enabled = e.c.interactive = true;
  e.neighbour = "Products";
  e.path = fmt::format("html/body/main/ul/li[{}]/a", row);
  e.w = 120;
  return e;
}

// What an area of an app shows, and whether its developers gave its controls ids, names and test ids.
struct Vocabulary {
  std::vector<std::string> buttons = kButtons, fields = kFields, links = kLinks;
  bool ids = true;        // ids and name attributes
  bool test_ids = false;  // data-testid on buttons and fields
};

// A page: a form of fields and buttons, and a list of links; its elements in document order.
ModelPage base_page(Rng& rng, const Vocabulary& vocabulary = {}) {
  ModelPage p;
  std::vector<std::string> fields = vocabulary.fields, buttons = vocabulary.buttons, links = vocabulary.links;
  std::shuffle(fields.begin(), fields.end(), rng);
  std::shuffle(buttons.begin(), buttons.end(), rng);
  std::shuffle(links.begin(), links.end(), rng);
  for (int i = 0; i < 5; ++i) p.els.push_back(make_field(p, fields[i], "Your details"));
  for (int i = 0; i < 4; ++i) p.els.push_back(make_button(p, buttons[i], "Your details"));
  for (int i = 0; i < 6; ++i) p.els.push_back(make_link(p, links[i], i + 1));
  for (auto& e : p.els) {
    if (!vocabulary.ids) {
      e.c.id.clear();
      e.c.name_attr.clear();
    }
    if (vocabulary.test_ids && e.c.role != "link") {  // named after what the control does
      e.c.testid_attr = "data-testid";
      e.c.testid = (e.c.role == "button" ? "btn-" : "field-") + slug(e.c.name);
    }
  }
  return p;
}

Fingerprint print_of(const El& e) {
  Fingerprint f = fingerprint_of(e.c);
  f.neighbour_text = e.neighbour;
  f.path = e.path;
  f.width = e.w;
  f.height = e.h;
  return f;
}

// How the cached selector found the element, as selector_parts() prefers: by its test id, else its id (fields,
// buttons), else its role and name (controls of markup without ids: role=button[name="Sign in"]), else by its
// place (list links, which have no id of their own: "ul > li:nth-child(3) > a").
struct OldSelector {
  std::string testid, id, role, name;
  int position = -1;  // among the links
};

OldSelector selector_of(const El& e) {
  if (!e.c.testid.empty()) return {e.c.testid, "", "", "", -1};
  if (!e.c.id.empty()) return {"", e.c.id, "", "", -1};
  if (e.c.role != "link") return {"", "", e.c.role, e.c.name, -1};
  return {};
}

int link_position(const ModelPage& p, int handle) {
  int pos = 0;
  for (const auto& e : p.els) {
    if (e.c.role != "link") continue;
    if (e.c.handle == handle) return pos;
    ++pos;
  }
  return -1;
}

// The element the old selector matches on the changed page when exactly one does; else -1.
int resolve_old(const ModelPage& p, const OldSelector& s) {
  int found = -1, count = 0;
  int pos = 0;
  for (const auto& e : p.els) {
    bool match = !s.testid.empty() ? e.c.testid == s.testid
                 : !s.id.empty()     ? e.c.id == s.id
                 : !s.role.empty()   ? e.c.role == s.role && e.c.name == s.name
                                     : e.c.role == "link" && pos == s.position;
    if (e.c.role == "link") ++pos;
    if (match) {
      found = e.c.handle;
      ++count;
    }
  }
  return count == 1 ? found : -1;
}

El* find(ModelPage& p, int handle) {
  for (auto& e : p.els)
    if (e.c.handle == handle) return &e;
  return nullptr;
}

struct Case {
  std::string kind;
  bool recoverable = true;
  ModelPage after;
  int truth = -1;                // the element the step means on the changed page (-1: gone)
  HealRequest request;
  int old_match = -1;            // what the old selector matches now
  Fingerprint stored;
};

std::string new_id(Rng& rng, const std::string& id) {
  switch (pick(rng, 3)) {
    case 0: return id + "-v2";
    case 1: {  // word order
      auto dash = id.find('-');
      return dash == std::string::npos ? "new-" + id : id.substr(dash + 1) + "-" + id.substr(0, dash);
    }
    default: return "main-" + id;
  }
}

// Applies mutation `kind` to the page around `target`; returns false when it does not apply to that element.
bool mutate(const std::string& kind, ModelPage& p, int target, Rng& rng, bool& recoverable, int& truth) {
  El* t = find(p, target);
  recoverable = true;
  truth = target;
  if (kind == "id_renamed") {
    if (t->c.id.empty()) return false;
    t->c.id = new_id(rng, t->c.id);
    if (!t->c.name_attr.empty()) t->c.name_attr = t->c.id;
  } else if (kind == "class_renamed") {
    for (auto& c : t->c.classes) c = "ui-" + c + "-x";
  } else if (kind == "label_reworded") {
    auto it = kReworded.find(t->c.role == "textbox" ? t->c.label : t->c.name);
    if (it == kReworded.end()) return false;
    if (t->c.role == "textbox") t->c.label = it->second;
    else t->c.text = t->c.own_text = it->second;
    t->c.name = it->second;
  } else if (kind == "moved_into_menu") {
    if (t->c.role != "button") return false;
    t->c.role = "menuitem";
    t->c.tag = "li";
    t->neighbour = "More actions";
    t->path = "html/body/header/nav/div/ul/li";
    t->c.classes = {"menu-item"};
    std::rotate(p.els.begin(), std::find_if(p.els.begin(), p.els.end(), [&](const El& e) { return e.c.handle == target; }),
                std::find_if(p.els.begin(), p.els.end(), [&](const El& e) { return e.c.handle == target; }) + 1);
  } else if (kind == "wrapper_added") {
    t->path = t->path.substr(0, t->path.rfind('/')) + "/div/" + t->path.substr(t->path.rfind('/') + 1);
  } else if (kind == "lookalike_moved_id") {
    // A look-alike is added beside the element and takes its old id; the element gets a new one.
    if (t->c.role != "button") return false;
    El look = make_button(p, t->c.name + " draft", t->neighbour);
    look.c.id = t->c.id;
    look.c.classes = t->c.classes;
    t->c.id = new_id(rng, t->c.id);
    p.els.push_back(look);
  } else if (kind == "list_reordered") {
    if (t->c.role != "link") return false;
    std::vector<El> links;
    for (const auto& e : p.els)
      if (e.c.role == "link") links.push_back(e);
    std::vector<El> shuffled = links;
    while (shuffled.size() > 1 && std::equal(shuffled.begin(), shuffled.end(), links.begin(),
                                             [](const El& a, const El& b) { return a.c.handle == b.c.handle; }))
      std::shuffle(shuffled.begin(), shuffled.end(), rng);
    std::vector<El> out;
    for (const auto& e : p.els)
      if (e.c.role != "link") out.push_back(e);
    for (size_t i = 0; i < shuffled.size(); ++i) {
      shuffled[i].path = fmt::format("html/body/main/ul/li[{}]/a", i + 1);
      out.push_back(shuffled[i]);
    }
    p.els = out;
  } else if (kind == "copy_edit") {
    // The copy pass changes every name it has an edit for; the step's element is one of them.
    if (!kCopyEdits.count(t->c.role == "textbox" ? t->c.label : t->c.name)) return false;
    for (auto& e : p.els) {
      auto it = kCopyEdits.find(e.c.role == "textbox" ? e.c.label : e.c.name);
      if (it == kCopyEdits.end()) continue;
      if (e.c.role == "textbox") e.c.label = it->second;
      else e.c.text = e.c.own_text = it->second;
      e.c.name = it->second;
    }
  } else if (kind == "rebuilt") {
    // Every control re-implemented: ids, names and test ids in a new convention that keeps their words, new
    // classes, and a new copy deck.
    if (t->c.role == "link") return false;
    for (auto& e : p.els) {
      if (e.c.role == "link") continue;
      for (auto* ident : {&e.c.id, &e.c.name_attr, &e.c.testid})
        if (!ident->empty()) *ident = new_id(rng, *ident);
      e.c.classes = {e.c.role == "button" ? "ds-button" : "ds-input", "ds-size-m"};
      auto it = kNewCopy.find(e.c.role == "textbox" ? e.c.label : e.c.name);
      if (it == kNewCopy.end()) continue;
      if (e.c.role == "textbox") e.c.label = it->second;
      else e.c.text = e.c.own_text = it->second;
      e.c.name = it->second;
    }
  } else if (kind == "trap_removed") {
    // The element is removed; one like it stays (another of its kind in the same section), and for a link
    // its place is taken by the next one.
    recoverable = false;
    truth = -1;
    p.els.erase(std::find_if(p.els.begin(), p.els.end(), [&](const El& e) { return e.c.handle == target; }));
  } else if (kind == "trap_twins") {
    // The element is removed and two equally similar look-alikes take its place (no ids of their own).
    recoverable = false;
    truth = -1;
    El a = *t, b = *t;
    p.els.erase(std::find_if(p.els.begin(), p.els.end(), [&](const El& e) { return e.c.handle == target; }));
    for (El* twin : {&a, &b}) {
      twin->c.handle = twin->c.order = p.next_handle++;
      twin->c.id.clear();
      twin->c.name_attr.clear();
      twin->c.href.clear();
      p.els.push_back(*twin);
    }
  } else {
    return false;
  }
  return true;
}

const std::vector<std::string> kKinds = {"id_renamed",      "class_renamed",      "label_reworded", "moved_into_menu",
                                         "wrapper_added",   "lookalike_moved_id", "list_reordered", "copy_edit",
                                         "rebuilt",         "trap_removed",       "trap_twins"};

// The area a kind of change is modelled on: a copy pass on markup without ids, a rebuild of controls that had
// ids and test ids; every other kind on the default page.
Vocabulary vocabulary_for(const std::string& kind) {
  Vocabulary v;
  if (kind == "copy_edit") {
    v.buttons = kAccountButtons;
    v.fields = kAccountFields;
    v.links = kAccountLinks;
    v.ids = false;
  } else if (kind == "rebuilt") {
    v.test_ids = true;
  }
  return v;
}

Case make_case(const std::string& kind, Rng& rng) {
  Vocabulary vocabulary = vocabulary_for(kind);
  for (;;) {
    ModelPage before = base_page(rng, vocabulary);
    const El& t = before.els[pick(rng, int(before.els.size()))];
    Case c;
    c.kind = kind;
    c.stored = print_of(t);
    OldSelector old = selector_of(t);
    if (t.c.role == "link" && old.id.empty()) old.position = link_position(before, t.c.handle);
    c.after = before;
    if (!mutate(kind, c.after, t.c.handle, rng, c.recoverable, c.truth)) continue;
    c.old_match = resolve_old(c.after, old);
    c.request.locate.target.text = t.c.role == "textbox" ? t.c.label : t.c.name;
    c.request.locate.interaction = t.c.role == "textbox" ? Interaction::Fill : Interaction::Click;
    c.request.stored = c.stored;
    c.request.drifted_handle = c.old_match;
    c.request.synonyms = kConfiguredSynonyms;
    return c;
  }
}

Snapshot snapshot_of(const ModelPage& p) {
  Snapshot s;
  for (const auto& e : p.els) s.candidates.push_back(e.c);
  return s;
}

const El* element(const ModelPage& p, int handle) {
  for (const auto& e : p.els)
    if (e.c.handle == handle) return &e;
  return nullptr;
}

struct KindFigures {
  int cases = 0, correct = 0, wrong = 0, abstained = 0;  // relocation by the strategies
  int run_correct = 0, run_wrong = 0, run_refused = 0;   // what a run acts on
  int silent = 0, caught = 0;       // the old selector matched another element; drift said so
  int same = 0, false_alarms = 0;   // it matched the same element; drift said otherwise
};

// What a run does with the cached selector, as src/run/resolve.cpp does: a hit matching no element is stale
// (discovery by the step's target, and when that finds nothing either, a heal by the stored print); one of
// another tag or role goes to discovery; else the drift check (check_drift, then, when what identifies the
// element changed, rival_as_like on a snapshot); a drift heals; no drift acts on the element.
enum class Path { Stale, Discovery, Drift, Use };

Path run_path(const Case& c, const Snapshot& snap) {
  if (c.old_match < 0) return Path::Stale;
  const El* now = element(c.after, c.old_match);
  if (now->c.tag != c.stored.tag || now->c.role != c.stored.role) return Path::Discovery;
  auto check = check_drift(c.stored, print_of(*now));
  if (check.verdict == DriftVerdict::Drift) return Path::Drift;
  if (check.verdict == DriftVerdict::Cosmetic && identity_changed(check.changed) &&
      (!still_answers(print_of(*now), c.request) || rival_as_like(snap, c.request, c.old_match)))
    return Path::Drift;
  return Path::Use;
}

// The element a run acts on (-1: it refuses).
int run_acts_on(const Case& c, const Snapshot& snap, Path path) {
  if (path == Path::Use) return c.old_match;
  if (path == Path::Drift) {
    auto r = heal_on_snapshot(snap, c.request, heal_strategies());
    return r.healed ? r.chosen.element.handle : -1;
  }
  auto found = rank(snap, c.request.locate, LocateOptions{});
  if (found.status == LocateStatus::Found) return found.best.element.handle;
  if (path != Path::Stale) return -1;
  HealRequest stale = c.request;
  stale.selector_matched_nothing = true;
  auto r = heal_on_snapshot(snap, stale, heal_strategies());
  return r.healed ? r.chosen.element.handle : -1;
}

double ms_of(const HealResult& r) {
  double ms = 0;
  for (const auto& t : r.tried) ms += t.ms;
  return ms;
}

// The areas of one app (URL patterns), each changed by a release in its own way, as releases do: one team
// re-sorts its catalogue, another renames its ids to a new convention, a copy pass rewrites an area's wording,
// a rebuild replaces an area's controls. Which strategy heals best differs by area; the heal history, kept per
// (URL pattern, strategy) and per (cache key, strategy), is what should find it.
struct Area {
  const char* pattern;
  const char* release;
  std::vector<std::string> kinds;  // the release's changes, in turn
};

const std::vector<Area> kAreas = {
    {"/shop/*", "catalogue re-sorted; a look-alike took a button's id", {"list_reordered", "lookalike_moved_id"}},
    {"/checkout/*", "ids renamed to a new convention; copy kept", {"id_renamed"}},
    {"/account/*", "copy pass on markup without ids (UK spelling, compounds, synonyms)", {"copy_edit"}},
    {"/admin/*", "controls rebuilt: new id/test-id convention, new classes, new copy", {"rebuilt"}},
};

// A strategy's own record in one area: what it does on each measured case when tried alone.
struct AloneFigures {
  int right = 0, wrong = 0, refused = 0;
  double ms = 0;
};

struct OrderFigures {
  int heals = 0, fixed_ok = 0, learned_ok = 0;
  double fixed_tries = 0, learned_tries = 0, fixed_ms = 0, learned_ms = 0;
  void add(const OrderFigures& o) {
    heals += o.heals;
    fixed_ok += o.fixed_ok;
    learned_ok += o.learned_ok;
    fixed_tries += o.fixed_tries;
    learned_tries += o.learned_tries;
    fixed_ms += o.fixed_ms;
    learned_ms += o.learned_ms;
  }
};

// A heal repeated kRepeats times, the one of median time kept: the machine is shared, and a heal takes tens
// of microseconds, so one descheduling would outweigh hundreds of heals.
HealResult timed_heal(const Snapshot& snap, const HealRequest& request, const std::vector<std::string>& order) {
  constexpr int kRepeats = 5;
  std::vector<HealResult> runs;
  for (int i = 0; i < kRepeats; ++i) runs.push_back(heal_on_snapshot(snap, request, order));
  std::sort(runs.begin(), runs.end(), [](const HealResult& a, const HealResult& b) { return ms_of(a) < ms_of(b); });
  return runs[kRepeats / 2];
}

// The step's cache key, as the run keys heal history: the page's pattern, the action and the target.
std::string key_of(const Area& area, const Case& c) {
  return fmt::format("{}|{}|{}", area.pattern, c.request.locate.interaction == Interaction::Fill ? "fill" : "click",
                     c.request.locate.target.text);
}

// count_ms: what counting one try in heal_history took, on average over every try counted.
void print_order_row(const char* name, const OrderFigures& f, double count_ms) {
  double fixed_all = f.fixed_ms + f.fixed_tries * count_ms, learned_all = f.learned_ms + f.learned_tries * count_ms;
  std::printf("  %-12s %5d | %7.2f %7.2f %5.0f %% | %7.1f %7.1f %5.0f %% | %7.1f %7.1f %5.0f %% | %5d %5d\n", name,
              f.heals, f.fixed_tries / f.heals, f.learned_tries / f.heals, 100 * (1 - f.learned_tries / f.fixed_tries),
              1000 * f.fixed_ms / f.heals, 1000 * f.learned_ms / f.heals, 100 * (1 - f.learned_ms / f.fixed_ms),
              1000 * fixed_all / f.heals, 1000 * learned_all / f.heals, 100 * (1 - learned_all / fixed_all), f.fixed_ok,
              f.learned_ok);
}

// Counts a heal's tries in the store as a run does (ElementResolver::count_tries); returns the time it took.
double record_tries(Store& store, const std::string& pattern, const std::string& key, const HealResult& r) {
  auto start = std::chrono::steady_clock::now();
  for (const auto& t : r.tried) {
    HealOutcome o;
    o.url_pattern = pattern;
    o.cache_key = key;
    o.strategy = t.strategy;
    o.success = t.success;
    o.duration_ms = t.ms;
    store.record_heal_outcome(o);
  }
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Per area: 20 heals teach the history (in the order it gives), then 40 heals are measured with the fixed order
// and with the learned one (the history keeps learning meanwhile). Every heal is a relocation, as in the table
// above: the element must be found again from its stored print and the step. Heal time is each strategy's own
// time as it runs, measured (heal_on_snapshot times every strategy it tries); the snapshot, one per heal
// whatever the order, is not in it.
void order_figures(int seed) {
  constexpr int kLearn = 20, kMeasure = 40;
  Rng rng(seed * 7 + 1);
  std::printf("\norder: per area (URL pattern), %d heals teach the heal history, then %d are measured\n", kLearn,
              kMeasure);
  std::map<std::string, std::map<std::string, AloneFigures>> alone;
  std::map<std::string, std::vector<std::string>> learned_after;
  std::map<std::string, OrderFigures> by_area;
  // Two stores, as two teams' machines would have: one heals in the learned order and keeps the history that
  // orders it; the other heals in the fixed order. Both count every try, as a run does.
  auto dir = std::filesystem::temp_directory_path() / fmt::format("bench_heal_{}", ::getpid());
  std::filesystem::create_directories(dir);
  Store learned_store((dir / "learned.db").string()), fixed_store((dir / "fixed.db").string());
  double count_ms = 0, counted = 0;
  for (const auto& area : kAreas) {
    OrderFigures& f = by_area[area.pattern];
    for (int i = 0; i < kLearn + kMeasure; ++i) {
      Case c = make_case(area.kinds[size_t(i) % area.kinds.size()], rng);
      c.request.drifted_handle = -1;  // relocation, as in the table above
      Snapshot snap = snapshot_of(c.after);
      std::string key = key_of(area, c);
      auto learned_order = strategy_order(heal_strategies(), learned_store.heal_stats(area.pattern),
                                          learned_store.heal_stats(area.pattern, key));
      if (i == kLearn) learned_after[area.pattern] = learned_order;
      auto learned = timed_heal(snap, c.request, learned_order);
      auto fixed = timed_heal(snap, c.request, heal_strategies());
      count_ms += record_tries(learned_store, area.pattern, key, learned);
      count_ms += record_tries(fixed_store, area.pattern, key, fixed);
      counted += double(learned.tried.size() + fixed.tried.size());
      if (i < kLearn) continue;
      ++f.heals;
      f.fixed_tries += double(fixed.tried.size());
      f.learned_tries += double(learned.tried.size());
      f.fixed_ms += ms_of(fixed);
      f.learned_ms += ms_of(learned);
      f.fixed_ok += fixed.healed && fixed.chosen.element.handle == c.truth;
      f.learned_ok += learned.healed && learned.chosen.element.handle == c.truth;
      for (const auto& strategy : heal_strategies()) {
        auto one = timed_heal(snap, c.request, {strategy});
        auto& a = alone[area.pattern][strategy];
        a.ms += ms_of(one);
        if (!one.healed) ++a.refused;
        else if (one.chosen.element.handle == c.truth) ++a.right;
        else ++a.wrong;
      }
    }
  }
  std::printf("  each strategy alone on the measured heals: right/wrong/refused, us per try\n");
  std::printf("  %-12s", "area");
  for (const auto& s : heal_strategies()) std::printf(" | %-21s", s.c_str());
  std::printf("\n");
  for (const auto& area : kAreas) {
    std::printf("  %-12s", area.pattern);
    for (const auto& s : heal_strategies()) {
      const auto& a = alone[area.pattern][s];
      std::printf(" | %2d/%d/%-2d %7.1f us   ", a.right, a.wrong, a.refused, 1000 * a.ms / kMeasure);
    }
    std::printf("\n");
  }
  std::printf("  learned order after %d heals (fixed: %s)\n", kLearn, join(heal_strategies(), ", ").c_str());
  for (const auto& area : kAreas)
    std::printf("  %-12s %s  [%s]\n", area.pattern, join(learned_after[area.pattern], ", ").c_str(), area.release);
  std::printf("\n  %-12s %5s | %-23s | %-23s | %-23s | %-11s\n", "", "", "strategies per heal",
              "strategy us per heal", "heal us per heal", "correct");
  std::printf("  %-12s %5s | %7s %7s %7s | %7s %7s %7s | %7s %7s %7s | %5s %5s\n", "area", "heals", "fixed", "learned",
              "fewer", "fixed", "learned", "less", "fixed", "learned", "less", "fixed", "learn");
  double per_try = count_ms / counted;
  OrderFigures all;
  for (const auto& area : kAreas) {
    print_order_row(area.pattern, by_area[area.pattern], per_try);
    all.add(by_area[area.pattern]);
  }
  print_order_row("all", all, per_try);
  double fixed_all = all.fixed_ms + all.fixed_tries * per_try, learned_all = all.learned_ms + all.learned_tries * per_try;
  std::printf("  counting a try in heal_history (Store::record_heal_outcome, as a run does): %.1f us on average over "
              "%.0f tries\n", 1000 * per_try, counted);
  std::printf("  learned vs fixed: %.0f %% fewer strategies per heal; %.0f %% less strategy time and %.0f %% less heal "
              "time (strategies and counting their tries) per heal\n",
              100 * (1 - all.learned_tries / all.fixed_tries), 100 * (1 - all.learned_ms / all.fixed_ms),
              100 * (1 - learned_all / fixed_all));
  std::filesystem::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  int per_kind = argc > 1 ? std::atoi(argv[1]) : 60;
  int seed = argc > 2 ? std::atoi(argv[2]) : 11;
  Rng rng(seed);
  std::map<std::string, KindFigures> figures;
  KindFigures unchanged;
  for (const auto& kind : kKinds) {
    auto& f = figures[kind];
    for (int i = 0; i < per_kind; ++i) {
      Case c = make_case(kind, rng);
      Snapshot snap = snapshot_of(c.after);
      // Relocation as Similo measures it: the old element's print and the step, on the new page.
      HealRequest blind = c.request;
      blind.drifted_handle = -1;
      auto r = heal_on_snapshot(snap, blind, heal_strategies());
      if (std::getenv("BENCH_HEAL_DEBUG") && kind.rfind("trap", 0) == 0 && r.healed)
        std::printf("debug %s: healed by %s to %s (target %s)\n", kind.c_str(), r.strategy.c_str(),
                    r.chosen.describe().c_str(), c.request.locate.target.text.c_str());
      ++f.cases;
      if (!r.healed) ++f.abstained;
      else if (r.chosen.element.handle == c.truth) ++f.correct;
      else ++f.wrong;
      Path path = run_path(c, snap);
      int acted = run_acts_on(c, snap, path);
      if (acted < 0) ++f.run_refused;
      else if (acted == c.truth) ++f.run_correct;
      else ++f.run_wrong;
      if (c.old_match >= 0 && path != Path::Discovery) {
        bool drift = path == Path::Drift;
        if (c.old_match != c.truth) {
          ++f.silent;
          f.caught += drift;
        } else {
          ++f.same;
          f.false_alarms += drift;
          if (drift && std::getenv("BENCH_HEAL_DEBUG")) {
            auto check = check_drift(c.stored, print_of(*element(c.after, c.old_match)));
            std::printf("debug false alarm %s: %s -> %s, similarity %.2f, changed %s\n", kind.c_str(),
                        c.stored.name.c_str(), element(c.after, c.old_match)->c.name.c_str(), check.similarity,
                        join(check.changed, ",").c_str());
          }
        }
      }
    }
    // Unchanged pages: every element's print against itself on a fresh look.
    for (int i = 0; i < per_kind; ++i) {
      ModelPage p = base_page(rng);
      const El& e = p.els[pick(rng, int(p.els.size()))];
      ++unchanged.same;
      unchanged.false_alarms += check_drift(print_of(e), print_of(e)).verdict == DriftVerdict::Drift;
    }
  }
  std::printf("heal mutation benchmark: %d cases per kind, seed %d (modelled pages)\n", per_kind, seed);
  std::printf("relocation: the strategies in the fixed order, from the stored print and the step (Similo's measure)\n");
  std::printf("run: what a run acts on (stale hit -> discovery, then heal; drift check; drift -> heal; else the hit)\n");
  std::printf("drift: hits whose one element is another (caught) or the same one (false alarms); stale hits excluded\n\n");
  std::printf("%-19s %5s | %9s %5s %8s | %7s %5s %7s | %13s %13s\n", "kind", "cases", "relocated", "wrong",
              "abstain", "run ok", "wrong", "refused", "drift caught", "false alarms");
  KindFigures rec, trap, all;
  for (const auto& kind : kKinds) {
    const auto& f = figures[kind];
    std::printf("%-19s %5d | %9d %5d %8d | %7d %5d %7d | %5d of %-5d %5d of %-5d\n", kind.c_str(), f.cases, f.correct,
                f.wrong, f.abstained, f.run_correct, f.run_wrong, f.run_refused, f.caught, f.silent, f.false_alarms,
                f.same);
    auto& sum = kind.rfind("trap", 0) == 0 ? trap : rec;
    for (auto* s : {&sum, &all}) {
      s->cases += f.cases;
      s->correct += f.correct;
      s->wrong += f.wrong;
      s->abstained += f.abstained;
      s->run_correct += f.run_correct;
      s->run_wrong += f.run_wrong;
      s->run_refused += f.run_refused;
      s->silent += f.silent;
      s->caught += f.caught;
      s->same += f.same;
      s->false_alarms += f.false_alarms;
    }
  }
  std::printf("%-19s %5s | %9s %5s %8s | %7s %5s %7s | %13s %5d of %-5d\n", "unchanged pages", "", "", "", "", "", "",
              "", "", unchanged.false_alarms, unchanged.same);
  auto pct = [](int a, int b) { return b ? 100.0 * a / b : 0.0; };
  std::printf("\nrecoverable: %d cases; relocated %.1f %%, wrong %.1f %%, abstained %.1f %%; a run acts on the right "
              "element in %.1f %%, on a wrong one in %.1f %%\n",
              rec.cases, pct(rec.correct, rec.cases), pct(rec.wrong, rec.cases), pct(rec.abstained, rec.cases),
              pct(rec.run_correct, rec.cases), pct(rec.run_wrong, rec.cases));
  std::printf("traps:       %d cases; relocation abstained %.1f %% (wrong element %d); a run refuses %.1f %% "
              "(acts on a wrong element %d)\n",
              trap.cases, pct(trap.abstained, trap.cases), trap.wrong, pct(trap.run_refused, trap.cases), trap.run_wrong);
  std::printf("drift:       %d silent drifts, caught %.1f %%; false alarms %d of %d same-element checks (%.2f %%, "
              "unchanged pages included)\n",
              all.silent, pct(all.caught, all.silent), all.false_alarms + unchanged.false_alarms,
              all.same + unchanged.same,
              pct(all.false_alarms + unchanged.false_alarms, all.same + unchanged.same));
  order_figures(seed);
  return 0;
}
