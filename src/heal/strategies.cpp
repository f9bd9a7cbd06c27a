#include "heal/strategies.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"
#include "discovery/match.h"
#include "discovery/rank.h"

namespace pacts {

namespace {

// "Log  In!" and "in log" -> "in log": case, spaces, punctuation and word order ignored.
std::string relaxed(const std::string& s) {
  auto words = words_of(s);
  std::sort(words.begin(), words.end());
  return join(words, " ");
}

std::vector<std::string> names_of(const CandidateElement& e) {
  std::vector<std::string> out;
  for (const auto* n : {&e.name, &e.label, &e.aria_label, &e.placeholder, &e.value, &e.own_text})
    if (!n->empty() && n->size() <= 120) out.push_back(*n);
  if (!e.text.empty() && e.text.size() <= 120) out.push_back(e.text);
  return out;
}

// How well `have` (a candidate's name) stands for `want` (the stored name or the target), 0 when not at all.
double relaxed_name_score(const std::string& want, const std::string& have,
                          const std::vector<std::vector<std::string>>& synonyms) {
  std::string w = relaxed(want), h = relaxed(have);
  if (w.empty() || h.empty()) return 0;
  // Spaces ignored too: a compound split or joined ("Wish list", "Wishlist") is the same name.
  if (w == h || join(words_of(want), "") == join(words_of(have), "")) return 0.95;
  for (const auto& group : synonyms) {
    bool has_w = false, has_h = false;
    for (const auto& name : group) {
      has_w |= relaxed(name) == w;
      has_h |= relaxed(name) == h;
    }
    if (has_w && has_h) return 0.9;
  }
  double edits = 1.0 - double(levenshtein(w, h)) / double(std::max(w.size(), h.size()));
  return edits >= 0.8 ? 0.8 + (edits - 0.8) * 0.5 : 0;
}

bool same_kind(const Fingerprint& f, const CandidateElement& e) {
  return (f.tag.empty() || f.tag == e.tag) && (f.role.empty() || f.role == e.role);
}

// Words of an identifier that survive a rename: no numbers, nothing generated.
std::set<std::string> stable_words(const std::string& value) {
  std::set<std::string> out;
  if (value.empty() || looks_generated_id(value)) return out;
  for (const auto& w : words_of(split_camel_case(value)))
    if (!is_all_digits(w) && w.size() > 1) out.insert(w);
  return out;
}

double words_in_common(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t common = 0;
  for (const auto& w : a) common += b.count(w);
  return double(common) / double(a.size() + b.size() - common);
}

std::string stored_attribute(const Fingerprint& f, const std::string& name) {
  auto it = f.attributes.find(name);
  return it == f.attributes.end() ? std::string() : it->second;
}

std::string stored_testid(const Fingerprint& f) {
  for (const char* a : {"data-testid", "data-test", "data-qa", "data-cy", "data-test-id"})
    if (auto v = stored_attribute(f, a); !v.empty()) return v;
  return {};
}

using Scorer = double (*)(const CandidateElement&, const HealRequest&);

double by_fingerprint(const CandidateElement& e, const HealRequest& r) {
  Fingerprint stored = r.stored;  // what a snapshot does not have is left out on both sides
  stored.neighbour_text.clear();
  stored.path.clear();
  stored.width = stored.height = -1;
  return fingerprint_similarity(stored, fingerprint_of(e));
}

double by_relaxed_name(const CandidateElement& e, const HealRequest& r) {
  double best = 0;
  for (const auto& have : names_of(e)) {
    best = std::max(best, relaxed_name_score(r.locate.target.text, have, r.synonyms));
    if (r.stored.valid) best = std::max(best, relaxed_name_score(r.stored.name, have, r.synonyms));
  }
  return best;
}

double by_structure(const CandidateElement& e, const HealRequest& r) {
  if (!r.stored.valid || !same_kind(r.stored, e)) return 0;
  for (const auto* anchor : {&r.stored.label, &r.stored.neighbour_text}) {
    std::string want = relaxed(*anchor);
    if (want.empty()) continue;
    for (const auto* have : {&e.label, &e.context_label, &e.row_header})
      if (relaxed(*have) == want) return 0.85;
  }
  return 0;
}

double by_attribute_family(const CandidateElement& e, const HealRequest& r) {
  if (!r.stored.valid || !same_kind(r.stored, e)) return 0;
  double best = 0;
  for (auto [then, now] : {std::pair{r.stored.id, e.id}, std::pair{stored_testid(r.stored), e.testid},
                           std::pair{stored_attribute(r.stored, "name"), e.name_attr}}) {
    if (then.empty() || now.empty()) continue;
    // Unchanged is not a family: after a drift, the element that kept the identifier may be someone else's now.
    // But when the selector matches nothing, an element that kept one (the id renamed, the name attribute the
    // server reads kept) carries the developer's own mark of it, as strong as a family gets. A group that
    // shares it (radios of one name) ties, and the margin refuses.
    if (then == now) {
      if (r.selector_matched_nothing) best = std::max(best, 0.9);
      continue;
    }
    // At least half the words kept: "first-name" and "last-name" share a word and are different fields.
    double common = words_in_common(stable_words(then), stable_words(now));
    if (common >= 0.5) best = std::max(best, 0.6 + 0.4 * common);
  }
  return best;
}

// The drifted element (the one the old selector matched, judged not to be the stored one) stays in the
// proposal: a strategy that reads only the stored print may not accept it, but it still counts as a runner-up,
// so that its twin is never taken for the one element like the stored print.
Proposal score_all(const std::string& strategy, Scorer scorer, const Snapshot& snapshot, const HealRequest& r,
                   bool may_accept_drifted) {
  Proposal p;
  p.strategy = strategy;
  p.may_accept_drifted = may_accept_drifted;
  for (const auto& e : snapshot.candidates) {
    if (!accepts(e, r.locate.interaction)) continue;
    double s = scorer(e, r);
    if (s > 0) p.candidates.push_back({e, s, e.handle == r.drifted_handle});
  }
  std::stable_sort(p.candidates.begin(), p.candidates.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  return p;
}

Proposal by_rediscovery(const Snapshot& snapshot, const HealRequest& r) {
  Proposal p;
  p.strategy = "rediscovery";
  auto ranked = rank(snapshot, r.locate, LocateOptions{});
  for (const auto& c : ranked.candidates)
    if (accepts(c.element, r.locate.interaction))
      p.candidates.push_back({c.element, c.score, c.element.handle == r.drifted_handle});
  return p;
}

}  // namespace

std::string HealCandidate::describe() const {
  std::string name = element.name.empty() ? element.text.substr(0, 60) : element.name;
  return fmt::format("{} \"{}\"  {:.2f}", element.role.empty() ? element.tag : element.role, name, score);
}

std::vector<std::vector<std::string>> synonym_groups(const std::vector<std::string>& entries) {
  std::vector<std::vector<std::string>> out;
  for (const auto& e : entries) {
    std::vector<std::string> group;
    for (const auto& name : split(e, '|'))
      if (!trim(name).empty()) group.push_back(trim(name));
    if (group.size() > 1) out.push_back(std::move(group));
  }
  return out;
}

const std::vector<std::string>& heal_strategies() {
  static const std::vector<std::string> names = {"rediscovery", "fingerprint", "relaxed_name", "structural",
                                                 "attribute_family"};
  return names;
}

Proposal propose(const std::string& strategy, const Snapshot& snapshot, const HealRequest& request) {
  if (strategy == "rediscovery") return by_rediscovery(snapshot, request);
  if (strategy == "fingerprint") return score_all(strategy, by_fingerprint, snapshot, request, false);
  if (strategy == "relaxed_name") return score_all(strategy, by_relaxed_name, snapshot, request, true);
  if (strategy == "structural") return score_all(strategy, by_structure, snapshot, request, false);
  if (strategy == "attribute_family") return score_all(strategy, by_attribute_family, snapshot, request, false);
  throw Error(ErrorKind::Internal, "no heal strategy named " + strategy);
}

HealChoice choose(const Proposal& proposal, double threshold, double margin) {
  HealChoice c;
  std::vector<const HealCandidate*> usable;
  for (const auto& cand : proposal.candidates)
    if (cand.element.visible && cand.element.enabled && !cand.element.inert) usable.push_back(&cand);
  if (usable.empty()) {
    c.why = "no candidate";
    c.no_candidate = true;
    return c;
  }
  const HealCandidate& best = *usable[0];
  if (best.drifted && !proposal.may_accept_drifted) {
    c.why = fmt::format("the best candidate is the element the old selector matches ({:.2f}), judged drifted",
                        best.score);
    return c;
  }
  if (best.score < threshold) {
    c.why = fmt::format("the best candidate scores {:.2f}, below {:.2f}", best.score, threshold);
    return c;
  }
  for (size_t i = 1; i < usable.size(); ++i) {
    const auto& other = usable[i]->element;
    if (other.handle == best.element.handle || other.proxy_of == best.element.handle ||
        best.element.proxy_of == other.handle)
      continue;
    if (best.score - usable[i]->score < margin) {
      c.why = fmt::format("the best two candidates score {:.2f} and {:.2f}, closer than {:.2f}", best.score,
                          usable[i]->score, margin);
      c.too_close = true;
      return c;
    }
    break;
  }
  c.accepted = true;
  c.chosen = best;
  return c;
}

bool identity_changed(const std::vector<std::string>& changed_features) {
  static const std::set<std::string> identifying = {"name", "text", "label", "id", "attr:name", "attr:href",
                                                     "attr:data-testid", "attr:data-test", "attr:data-qa",
                                                     "attr:data-cy", "attr:data-test-id"};
  for (const auto& f : changed_features)
    if (identifying.count(f)) return true;
  return false;
}

bool still_answers(const Fingerprint& now, const HealRequest& request) {
  const Fingerprint& then = request.stored;
  for (auto [a, b] : {std::pair{then.id, now.id}, std::pair{stored_attribute(then, "name"), stored_attribute(now, "name")},
                      std::pair{stored_testid(then), stored_testid(now)}})
    if (!a.empty() && a == b) return true;
  const std::string& target = request.locate.target.text;
  auto want = words_of(target);
  std::vector<std::string> names = {now.name, now.label, now.text};
  for (const char* a : {"aria-label", "placeholder", "title", "value", "alt"}) names.push_back(stored_attribute(now, a));
  for (const auto& have : names) {
    if (have.empty()) continue;
    if (relaxed_name_score(target, have, request.synonyms) >= kHealThreshold) return true;
    auto words = words_of(have);
    bool all = !want.empty();
    for (const auto& w : want) all = all && std::find(words.begin(), words.end(), w) != words.end();
    if (all) return true;
  }
  return false;
}

bool rival_as_like(const Snapshot& snapshot, const HealRequest& request, int current) {
  int inner = -1;  // a custom element's one control stands for the same thing
  for (const auto& e : snapshot.candidates)
    if (e.handle == current) inner = e.proxy_of;
  double mine = -1, best_other = -1;
  for (const auto& e : snapshot.candidates) {
    if (!accepts(e, request.locate.interaction)) continue;
    double s = by_fingerprint(e, request);
    if (e.handle == current || e.proxy_of == current || (inner >= 0 && e.handle == inner)) mine = std::max(mine, s);
    else best_other = std::max(best_other, s);
  }
  if (mine < 0) return false;  // not in the snapshot: nothing to weigh it against
  return best_other >= mine - kHealMargin;
}

Fingerprint fingerprint_of(const CandidateElement& e) {
  Fingerprint f;
  f.valid = true;
  f.tag = e.tag;
  f.role = e.role;
  f.name = e.name;
  f.id = e.id;
  f.text = e.text.size() <= 200 ? e.text : e.text.substr(0, 200);
  f.label = e.label;
  f.classes = e.classes;
  if (!e.type.empty()) f.attributes["type"] = e.type;
  if (!e.name_attr.empty()) f.attributes["name"] = e.name_attr;
  if (!e.placeholder.empty()) f.attributes["placeholder"] = e.placeholder;
  if (!e.aria_label.empty()) f.attributes["aria-label"] = e.aria_label;
  if (!e.title.empty()) f.attributes["title"] = e.title;
  if (!e.alt.empty()) f.attributes["alt"] = e.alt;
  if (!e.href.empty()) f.attributes["href"] = e.href;
  if (!e.testid.empty()) f.attributes[e.testid_attr.empty() ? "data-testid" : e.testid_attr] = e.testid;
  return f;
}

}  // namespace pacts
