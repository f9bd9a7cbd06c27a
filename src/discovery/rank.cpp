#include "discovery/rank.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "core/text.h"
#include "discovery/match.h"
#include "discovery/name_sources.h"
#include "discovery/query.h"
#include "discovery/scope.h"

namespace pacts {

bool role_matches_hint(const CandidateElement& c, const std::string& hint) {
  if (hint.empty()) return true;
  if (c.role == hint) return true;
  if (hint == "textbox") return fillable(c);
  if (hint == "combobox") return accepts(c, Interaction::Select);
  if (hint == "button") return c.role == "button" || c.tag == "button";
  if (hint == "link") return c.role == "link";
  if (hint == "checkbox") return accepts(c, Interaction::Check);
  if (hint == "menu") return c.role == "menuitem" || c.role == "menu" || c.role == "button";
  if (hint == "listbox") return accepts(c, Interaction::Select) || c.role == "option";
  if (hint == "img") return c.role == "img" || c.tag == "img" || c.tag == "svg";
  return false;
}

bool is_control(const CandidateElement& c) {
  static const std::set<std::string> kTags = {"a", "button", "input", "select", "textarea", "summary", "option"};
  static const std::set<std::string> kRoles = {"button", "link", "checkbox", "radio", "switch", "tab", "menuitem",
                                               "menuitemcheckbox", "menuitemradio", "option", "combobox", "textbox",
                                               "searchbox", "slider", "spinbutton", "treeitem"};
  return kTags.count(c.tag) > 0 || kRoles.count(c.role) > 0;
}

namespace {

using Candidates = std::vector<ScoredCandidate>;

std::string list_candidates(const Candidates& cs, size_t n = 5) {
  std::string out;
  for (size_t i = 0; i < cs.size() && i < n; ++i) out += "\n      " + cs[i].describe();
  if (cs.size() > n) out += fmt::format("\n      ... and {} more", cs.size() - n);
  return out;
}

bool ordinal_pick(Candidates& group, int ordinal, ScoredCandidate& out) {
  std::sort(group.begin(), group.end(),
            [](const ScoredCandidate& a, const ScoredCandidate& b) { return a.element.order < b.element.order; });
  int n = static_cast<int>(group.size());
  int idx = ordinal > 0 ? ordinal - 1 : n + ordinal;
  if (idx < 0 || idx >= n) return false;
  out = group[static_cast<size_t>(idx)];
  return true;
}

template <typename Keep>
Candidates filtered(const Candidates& in, Keep keep) {
  Candidates out;
  for (const auto& c : in)
    if (keep(c)) out.push_back(c);
  return out;
}

class Ranking {
 public:
  Ranking(const Snapshot& snap, const LocateRequest& req, const LocateOptions& opt)
      : snap_(snap), req_(req), t_(req.target), opt_(opt), query_(query_for(req)) {}

  LocateResult run() {
    LocateResult r;
    if (fails(score_names(), r) || fails(keep_what_the_action_needs(), r)) return r;
    one_control_one_candidate();
    if (fails(keep_inside_scope(), r) || fails(drop_behind_modal(), r) || fails(keep_visible(), r) ||
        fails(keep_nearest_context(), r) || fails(prefer_kind_containers(), r))
      return r;
    weaken_other_kinds();
    return choose();
  }

 private:
  static bool fails(std::optional<LocateResult> stage, LocateResult& out) {
    if (!stage) return false;
    out = std::move(*stage);
    return true;
  }

  LocateResult failure(LocateStatus status, std::string message, Candidates shown) const {
    LocateResult res;
    res.status = status;
    std::sort(shown.begin(), shown.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    res.candidates = std::move(shown);
    res.message = std::move(message);
    if (!res.candidates.empty()) res.message += "; candidates:" + list_candidates(res.candidates);
    return res;
  }

  // 1. Score by name (or by kind); below min_score is never acted on.
  std::optional<LocateResult> score_names() {
    for (const auto& c : snap_.candidates) {
      ScoredCandidate sc{c, 0, ""};
      if (t_.kind == TargetKind::Kind) {
        sc.score = 1.0;
        sc.matched_by = "kind";
      } else {
        auto s = discovery_name_score(c, t_.text);
        sc.score = s.score;
        sc.matched_by = s.source;
      }
      if (sc.score >= opt_.min_score) fit_.push_back(std::move(sc));
    }
    if (!fit_.empty()) return std::nullopt;
    return failure(LocateStatus::NotFound,
                   t_.kind == TargetKind::Kind ? fmt::format("no {} on the page", t_.text)
                                               : fmt::format("nothing on the page is named \"{}\"", t_.text),
                   {});
  }

  // 2. What the interaction needs. Keys go to fields: "Press Enter on Search" means the search box, not the
  // Search button beside it.
  std::optional<LocateResult> keep_what_the_action_needs() {
    Candidates fit = filtered(fit_, [&](const auto& c) { return accepts(c.element, req_.interaction); });
    if (fit.empty()) {
      const char* need = req_.interaction == Interaction::Fill || req_.interaction == Interaction::Type
                             ? "an editable field"
                         : req_.interaction == Interaction::Select ? "a select or combobox"
                         : req_.interaction == Interaction::Choose ? "a radio button"
                         : req_.interaction == Interaction::Attach ? "a file input"
                         : req_.interaction == Interaction::Read   ? "a form field"
                                                                   : "a checkbox or radio";
      return failure(LocateStatus::Incompatible,
                     fmt::format("nothing named \"{}\" is {}, which {} needs", t_.text, need, name(req_.interaction)), fit_);
    }
    if (req_.interaction == Interaction::Press) {
      Candidates fields = filtered(fit, [](const auto& c) { return fillable(c.element); });
      if (!fields.empty()) fit = std::move(fields);
    }
    fit_ = std::move(fit);
    return std::nullopt;
  }

  // 3. One control, one candidate. Text inside a matching control stands for the control (a label in a
  // button, the text of an option). A control inside a matching control (a button in a clickable row, a
  // dialog's buttons) is the target itself when it is visible and named about as well: the container's
  // text mentions it, it does not name the container. An inner control that is not visible (a custom
  // switch's zero-size input), or that a custom element stands for (its one control), is stood for by the
  // element around it.
  void one_control_one_candidate() {
    std::map<int, const ScoredCandidate*> fitting;
    for (const auto& f : fit_) fitting[f.element.handle] = &f;
    std::set<int> drop;
    for (const auto& c : snap_.candidates) {
      for (int p = c.parent; p >= 0; p = snap_.candidates[static_cast<size_t>(p)].parent) {
        const auto& anc = snap_.candidates[static_cast<size_t>(p)];
        auto outer = fitting.find(anc.handle);
        if (outer == fitting.end() || !anc.interactive) continue;
        auto inner = fitting.find(c.handle);
        bool inner_wins = anc.proxy_of != c.handle && is_control(c) && c.visible && inner != fitting.end() &&
                          inner->second->score >= outer->second->score - opt_.ambiguity_margin;
        drop.insert(inner_wins ? anc.handle : c.handle);
        break;
      }
    }
    Candidates kept = filtered(fit_, [&](const auto& c) { return !drop.count(c.element.handle); });
    if (!kept.empty()) fit_ = std::move(kept);
  }

  // 4. Scope: inside the visible containers that fit "within" best.
  std::optional<LocateResult> keep_inside_scope() {
    if (!t_.within) return std::nullopt;
    if (!query_.within_selector.empty()) return keep_inside_selected_scope();
    ScopeSpec scope = parse_scope(*t_.within);
    std::vector<double> scores(snap_.scopes.size(), 0.0);
    double best = 0;
    for (size_t i = 0; i < snap_.scopes.size(); ++i) {
      scores[i] = scope_score(snap_.scopes[i], scope);
      if (snap_.scopes[i].visible) best = std::max(best, scores[i]);
    }
    if (best < 0.5) {
      std::string seen;
      std::set<std::string> shown;
      for (const auto& s : snap_.scopes) {
        if (!s.visible || (s.name.empty() && s.role == "generic")) continue;
        std::string d = scope_describe(s);
        if (shown.insert(d).second && shown.size() <= 8) seen += "\n      " + d;
      }
      return failure(LocateStatus::ScopeNotFound,
                     fmt::format("no {} \"{}\" around any \"{}\"{}", scope.kind.empty() ? "scope" : scope.kind,
                                 scope.name.empty() ? scope.kind : scope.name, t_.text,
                                 seen.empty() ? "" : "; scopes seen:" + seen),
                     {});
    }
    std::set<int> chosen;
    for (size_t i = 0; i < snap_.scopes.size(); ++i)
      if (snap_.scopes[i].visible && scores[i] >= best - opt_.ambiguity_margin) chosen.insert(static_cast<int>(i));
    Candidates inside = filtered(fit_, [&](const auto& c) {
      return std::any_of(c.element.scopes.begin(), c.element.scopes.end(), [&](int s) { return chosen.count(s) > 0; });
    });
    if (inside.empty())
      return failure(LocateStatus::NotFound, fmt::format("nothing named \"{}\" inside {}", t_.text, *t_.within), fit_);
    fit_ = std::move(inside);
    return std::nullopt;
  }

  // 4b. A scope given as a selector ("within "#main""): inside the visible elements it matches.
  std::optional<LocateResult> keep_inside_selected_scope() {
    std::set<int> chosen;
    for (size_t i = 0; i < snap_.scopes.size(); ++i)
      if (snap_.scopes[i].selected && snap_.scopes[i].visible) chosen.insert(static_cast<int>(i));
    if (chosen.empty())
      return failure(LocateStatus::ScopeNotFound, fmt::format("nothing visible matches the scope {}", *t_.within), {});
    Candidates inside = filtered(fit_, [&](const auto& c) {
      return std::any_of(c.element.scopes.begin(), c.element.scopes.end(), [&](int sc) { return chosen.count(sc) > 0; });
    });
    if (inside.empty())
      return failure(LocateStatus::NotFound, fmt::format("nothing named \"{}\" inside {}", t_.text, *t_.within), fit_);
    fit_ = std::move(inside);
    return std::nullopt;
  }

  // 5. A modal dialog blocks everything outside it.
  std::optional<LocateResult> drop_behind_modal() {
    Candidates open = filtered(fit_, [](const auto& c) { return !c.element.outside_modal && !c.element.inert; });
    if (open.empty()) return failure(LocateStatus::Blocked, fmt::format("\"{}\" is behind an open dialog", t_.text), fit_);
    fit_ = std::move(open);
    return std::nullopt;
  }

  // 6. Visible elements only, when any is visible.
  std::optional<LocateResult> keep_visible() {
    if (!needs_visible(req_.interaction)) return std::nullopt;
    Candidates shown = filtered(fit_, [](const auto& c) { return c.element.visible; });
    if (shown.empty())
      return failure(LocateStatus::NotVisible, fmt::format("\"{}\" is on the page but not visible", t_.text), fit_);
    fit_ = std::move(shown);
    return std::nullopt;
  }

  // 7. Relative target: the candidates closest to the context text.
  std::optional<LocateResult> keep_nearest_context() {
    if (!t_.context) return std::nullopt;
    int deepest = -1;
    for (const auto& c : fit_) deepest = std::max(deepest, c.element.context_depth);
    if (deepest < 0)
      return failure(LocateStatus::NotFound,
                     fmt::format("the text \"{}\" (the item that holds \"{}\") is not on the page", *t_.context, t_.text),
                     fit_);
    fit_ = filtered(fit_, [&](const auto& c) { return c.element.context_depth == deepest; });
    return std::nullopt;
  }

  bool in_named_container(const ScoredCandidate& c, const std::vector<std::string>& words) const {
    for (int s : c.element.scopes) {
      const auto& sc = snap_.scopes[static_cast<size_t>(s)];
      std::string hay = to_lower(sc.name + " " + sc.id + " " + join(sc.classes, " "));
      for (const auto& w : words)
        if (hay.find(w) != std::string::npos) return true;
    }
    return false;
  }

  // 8. Kind targets prefer members of a container that names the kind: first the head noun ("results" for
  // "video result", "suggestions" for "autocomplete suggestion"), then the other words.
  std::optional<LocateResult> prefer_kind_containers() {
    if (t_.kind != TargetKind::Kind || words_of(t_.text).empty()) return std::nullopt;
    const std::vector<std::string>& head_forms = query_.named;
    // A visible container named by the head noun, with nothing in it yet: the results are still coming.
    bool head_container = false;
    for (const auto& sc : snap_.scopes) {
      std::string hay = to_lower(sc.name + " " + sc.id + " " + join(sc.classes, " "));
      for (const auto& w : head_forms)
        if (sc.visible && hay.find(w) != std::string::npos) head_container = true;
    }
    bool any_in_head = std::any_of(fit_.begin(), fit_.end(), [&](const auto& c) { return in_named_container(c, head_forms); });
    if (head_container && !any_in_head)
      return failure(LocateStatus::NotFound,
                     fmt::format("no {} yet: the {} list is empty", t_.text, words_of(t_.text).back()), {});
    for (const auto& words : {head_forms, query_.within}) {
      Candidates named = filtered(fit_, [&](const auto& c) { return in_named_container(c, words); });
      if (!named.empty()) {
        fit_ = std::move(named);
        break;
      }
    }
    return std::nullopt;
  }

  // 9. Role hint from the sentence's UI word.
  void weaken_other_kinds() {
    if (t_.role_hint.empty() || t_.kind == TargetKind::Kind) return;
    for (auto& c : fit_)
      if (!role_matches_hint(c.element, t_.role_hint)) c.score *= 0.85;
  }

  // 10 and 11: the Nth of the equally good, or the one clearly best.
  LocateResult choose() {
    std::sort(fit_.begin(), fit_.end(), [](const auto& a, const auto& b) {
      return a.score != b.score ? a.score > b.score : a.element.order < b.element.order;
    });
    LocateResult res;
    res.candidates = fit_;
    if (res.candidates.size() > 10) res.candidates.resize(10);
    std::string strategy = fit_.front().matched_by;
    if (t_.within) strategy += "+scope";
    if (t_.context) strategy += "+context";

    if (t_.ordinal) {
      Candidates group = filtered(fit_, [&](const auto& c) { return c.score >= fit_.front().score - opt_.ambiguity_margin; });
      ScoredCandidate pick;
      if (!ordinal_pick(group, *t_.ordinal, pick))
        return failure(LocateStatus::NotFound,
                       fmt::format("asked for number {} of \"{}\", but there {} only {}", *t_.ordinal, t_.text,
                                   group.size() == 1 ? "is" : "are", group.size()),
                       group);
      res.status = LocateStatus::Found;
      res.best = pick;
      res.strategy = strategy + "+ordinal";
      return res;
    }

    if (fit_.size() > 1 && fit_[0].score - fit_[1].score < opt_.ambiguity_margin) {
      size_t close = 1;
      while (close < fit_.size() && fit_[0].score - fit_[close].score < opt_.ambiguity_margin) ++close;
      return failure(LocateStatus::Ambiguous,
                     fmt::format("\"{}\" matches {} elements about equally well; say which (a scope: in the ... "
                                 "dialog, a context: for \"...\", or an ordinal: the 2nd ...)",
                                 t_.text, close),
                     fit_);
    }
    res.status = LocateStatus::Found;
    res.best = fit_.front();
    res.strategy = strategy;
    return res;
  }

  const Snapshot& snap_;
  const LocateRequest& req_;
  const Target& t_;
  const LocateOptions& opt_;
  SnapshotQuery query_;
  Candidates fit_;
};

}  // namespace

LocateResult rank(const Snapshot& snapshot, const LocateRequest& request, const LocateOptions& options) {
  return Ranking(snapshot, request, options).run();
}

}  // namespace pacts
