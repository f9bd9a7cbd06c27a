// The mutation benchmark of healing (issue 11 item 6): pages modelled as the snapshots and fingerprints the
// page agent takes, changed by seeded mutations of the kinds real releases make, then
//   relocation  the heal strategies (heal/healer.h) in the fixed order look for the element the step meant,
//               given the step's target and the fingerprint stored for it: relocated correctly, wrong element,
//               or abstained, per mutation kind; in the trap kinds (the element is gone while something like
//               it remains) the only right answer is to abstain;
//   drift       where the old selector now matches another element, whether check_drift() calls it drift;
//               where it still matches the same element (cosmetic changes, unchanged pages), false alarms;
//   order       strategies tried and heal time per heal, fixed order against the order learned from the heal
//               history (heal/order.h) after 20 heals, on sites that each change in their own way.
// No browser: this measures the deciding half of healing (strategies, acceptance, drift verdict, ordering) on
// modelled pages; what the page agent extracts is covered by the [heal] integration tests. Heal times are the
// strategies' own CPU time, without the snapshot's round trip (one per heal whatever the order).
//
//   build/bench/bench_heal [cases per kind, default 60] [seed, default 11]
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "heal/fingerprint.h"
#include "heal/healer.h"
#include "heal/order.h"
#include "heal/strategies.h"
#include "discovery/rank.h"

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

// A page: a form of fields and buttons, and a list of links; its elements in document order.
ModelPage base_page(Rng& rng) {
  ModelPage p;
  std::vector<std::string> fields = kFields, buttons = kButtons, links = kLinks;
  std::shuffle(fields.begin(), fields.end(), rng);
  std::shuffle(buttons.begin(), buttons.end(), rng);
  std::shuffle(links.begin(), links.end(), rng);
  for (int i = 0; i < 5; ++i) p.els.push_back(make_field(p, fields[i], "Your details"));
  for (int i = 0; i < 4; ++i) p.els.push_back(make_button(p, buttons[i], "Your details"));
  for (int i = 0; i < 6; ++i) p.els.push_back(make_link(p, links[i], i + 1));
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

// How the cached selector found the element: by its id (fields, buttons) or by its place (list links, which
// have no id of their own: "ul > li:nth-child(3) > a").
struct OldSelector {
  std::string id;
  int position = -1;  // among the links
};

OldSelector selector_of(const El& e) { return e.c.id.empty() ? OldSelector{"", -1} : OldSelector{e.c.id, -1}; }

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
    bool match = !s.id.empty() ? e.c.id == s.id : (e.c.role == "link" && pos == s.position);
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

const std::vector<std::string> kKinds = {"id_renamed",   "class_renamed",      "label_reworded",
                                         "moved_into_menu", "wrapper_added",    "lookalike_moved_id",
                                         "list_reordered", "trap_removed",       "trap_twins"};

Case make_case(const std::string& kind, Rng& rng) {
  for (;;) {
    ModelPage before = base_page(rng);
    const El& t = before.els[pick(rng, int(before.els.size()))];
    Case c;
    c.kind = kind;
    c.stored = print_of(t);
    OldSelector old = selector_of(t);
    if (old.id.empty()) old.position = link_position(before, t.c.handle);
    c.after = before;
    if (!mutate(kind, c.after, t.c.handle, rng, c.recoverable, c.truth)) continue;
    c.old_match = resolve_old(c.after, old);
    c.request.locate.target.text = t.c.role == "textbox" ? t.c.label : t.c.name;
    c.request.locate.interaction = t.c.role == "textbox" ? Interaction::Fill : Interaction::Click;
    c.request.stored = c.stored;
    c.request.drifted_handle = c.old_match;
    c.request.synonyms = {{"Sign in", "Log in"}};
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

// What a run does with the cached selector, as src/run/resolve.cpp does: a hit matching no element, or one of
// another tag or role, is stale (discovery); else the drift check (check_drift, then, when what identifies the
// element changed, rival_as_like on a snapshot); a drift heals; no drift acts on the element.
enum class Path { Discovery, Drift, Use };

Path run_path(const Case& c, const Snapshot& snap) {
  if (c.old_match < 0) return Path::Discovery;
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
  return found.status == LocateStatus::Found ? found.best.element.handle : -1;
}

double ms_of(const HealResult& r) {
  double ms = 0;
  for (const auto& t : r.tried) ms += t.ms;
  return ms;
}

void add_history(std::vector<HealStatsRow>& rows, const HealResult& r) {
  for (const auto& t : r.tried) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const HealStatsRow& h) { return h.strategy == t.strategy; });
    if (it == rows.end()) {
      rows.push_back({});
      it = rows.end() - 1;
      it->strategy = t.strategy;
    }
    (t.success ? it->successes : it->failures) += 1;
    it->total_ms += t.ms;
  }
}

// Sites that each change in their own way: 20 heals teach the order, then 40 heals are measured with the
// fixed order and with the learned one (the history keeps learning meanwhile).
void order_figures(int seed) {
  std::vector<std::vector<std::string>> sites = {{"label_reworded"},
                                                 {"id_renamed", "list_reordered"},
                                                 {"moved_into_menu", "label_reworded"},
                                                 {"lookalike_moved_id", "id_renamed"}};
  double fixed_tries = 0, learned_tries = 0, fixed_ms = 0, learned_ms = 0;
  int heals = 0, fixed_ok = 0, learned_ok = 0;
  Rng rng(seed * 7 + 1);
  for (const auto& kinds : sites) {
    std::vector<HealStatsRow> history;
    for (int i = 0; i < 60; ++i) {
      Case c = make_case(kinds[i % kinds.size()], rng);
      c.request.drifted_handle = -1;  // relocation, as in the table above
      Snapshot snap = snapshot_of(c.after);
      auto learned_order = strategy_order(heal_strategies(), history, {});
      // Each order twice, the second look timed, so that neither pays for the other's first touch of the data.
      auto learned = heal_on_snapshot(snap, c.request, learned_order);
      auto fixed = heal_on_snapshot(snap, c.request, heal_strategies());
      learned = heal_on_snapshot(snap, c.request, learned_order);
      fixed = heal_on_snapshot(snap, c.request, heal_strategies());
      add_history(history, learned);
      if (i < 20) continue;
      ++heals;
      fixed_tries += double(fixed.tried.size());
      learned_tries += double(learned.tried.size());
      fixed_ms += ms_of(fixed);
      learned_ms += ms_of(learned);
      fixed_ok += fixed.healed && fixed.chosen.element.handle == c.truth;
      learned_ok += learned.healed && learned.chosen.element.handle == c.truth;
    }
  }
  std::printf("\norder: %d heals on %zu sites, after 20 heals of history per site\n", heals, sites.size());
  std::printf("  %-8s %18s %16s %10s\n", "order", "strategies/heal", "heal us/heal", "correct");
  std::printf("  %-8s %18.2f %16.1f %10d\n", "fixed", fixed_tries / heals, 1000 * fixed_ms / heals, fixed_ok);
  std::printf("  %-8s %18.2f %16.1f %10d\n", "learned", learned_tries / heals, 1000 * learned_ms / heals, learned_ok);
  std::printf("  learned vs fixed: %.0f %% fewer strategies, %.0f %% less heal time\n",
              100 * (1 - learned_tries / fixed_tries), 100 * (1 - learned_ms / fixed_ms));
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
  std::printf("run: what a run acts on (stale hit -> discovery; drift check; drift -> heal; else the hit)\n");
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
