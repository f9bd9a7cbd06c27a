#include "discovery/locator.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/text.h"
#include "discovery/match.h"

namespace pacts {

namespace {

using Clock = std::chrono::steady_clock;

// Trust in each name source (the issue's order), multiplied by the match quality.
constexpr double kTestId = 1.00;
constexpr double kAriaLabel = 0.97;
constexpr double kLabel = 0.95;
constexpr double kPlaceholder = 0.93;
constexpr double kRoleName = 0.91;
constexpr double kNameAttr = 0.88;
constexpr double kText = 0.85;
constexpr double kId = 0.80;

const std::set<std::string> kFillRoles = {"textbox", "searchbox", "spinbutton", "combobox"};
const std::set<std::string> kTextInputTypes = {"",     "text",   "search", "email", "password", "tel", "url",
                                               "number", "date", "datetime-local", "month", "time", "week"};

bool fillable(const CandidateElement& c) {
  if (c.tag == "input") return kTextInputTypes.count(c.type) > 0;
  if (c.tag == "textarea") return true;
  if (c.editable) return true;
  return kFillRoles.count(c.role) > 0 && c.tag != "select" && c.tag != "button";
}

bool selectable(const CandidateElement& c) {
  return c.tag == "select" || c.role == "combobox" || c.role == "listbox";
}

bool checkable(const CandidateElement& c) {
  if (c.tag == "input") return c.type == "checkbox" || c.type == "radio";
  return c.role == "checkbox" || c.role == "radio" || c.role == "switch" || c.role == "menuitemcheckbox" ||
         c.role == "menuitemradio";
}

}  // namespace

bool action_accepts(const CandidateElement& c, Action action) {
  switch (action) {
    case Action::Fill:
    case Action::Type:
      return fillable(c);
    case Action::Select:
      return selectable(c);
    case Action::Check:
    case Action::Uncheck:
      return checkable(c);
    default:
      return true;
  }
}

namespace {

bool role_matches_hint(const CandidateElement& c, const std::string& hint) {
  if (hint.empty()) return true;
  if (c.role == hint) return true;
  if (hint == "textbox") return fillable(c);
  if (hint == "combobox") return selectable(c);
  if (hint == "button") return c.role == "button" || c.tag == "button";
  if (hint == "link") return c.role == "link";
  if (hint == "checkbox") return checkable(c);
  if (hint == "menu") return c.role == "menuitem" || c.role == "menu" || c.role == "button";
  if (hint == "listbox") return selectable(c) || c.role == "option";
  if (hint == "img") return c.role == "img" || c.tag == "img" || c.tag == "svg";
  return false;
}

struct SourceScore {
  double score = 0;
  const char* source = "";
};

void consider(SourceScore& best, double weight, double quality, const char* source) {
  double s = weight * quality;
  if (s > best.score) best = {s, source};
}

SourceScore score_name(const CandidateElement& c, const std::string& target) {
  SourceScore best;
  if (!c.testid.empty()) consider(best, kTestId, attribute_match(target, c.testid), "testid");
  consider(best, kAriaLabel, text_match(target, c.aria_label), "aria_label");
  consider(best, kAriaLabel, text_match(target, c.labelledby), "aria_labelledby");
  consider(best, kLabel, text_match(target, c.label), "label");
  consider(best, kPlaceholder, text_match(target, c.placeholder), "placeholder");
  bool named_role = c.interactive || c.role == "heading" || c.role == "img" || c.role == "tab" || c.role == "option";
  if (named_role) {
    consider(best, kRoleName, text_match(target, c.name), "role_name");
    consider(best, kRoleName, text_match(target, c.value), "role_name");
    consider(best, kRoleName, text_match(target, c.alt), "role_name");
  }
  consider(best, kRoleName * 0.98, text_match(target, c.title), "title");
  if (!c.name_attr.empty()) consider(best, kNameAttr, attribute_match(target, c.name_attr), "name_attr");
  consider(best, kText, text_match(target, c.own_text), "text");
  // The whole text of an element only counts when it is short: a container's text mentions everything.
  if (c.text.size() <= target.size() * 3 + 20) consider(best, kText * 0.97, text_match(target, c.text), "text");
  if (!c.id.empty() && !looks_generated_id(c.id)) consider(best, kId, attribute_match(target, c.id), "id");
  if (!c.interactive) best.score *= 0.8;  // text that is not a control is a weaker reading of "Click X"
  if (c.tag == "label") best.score *= 0.9;  // a label stands for its control, which usually matches too
  return best;
}

// "New Account dialog" -> kind "dialog", name "New Account"; "App Launcher" -> no kind.
struct ScopeSpec {
  std::string kind;
  std::string name;
};

ScopeSpec parse_scope(const std::string& within) {
  static const std::set<std::string> kinds = {"dialog", "modal", "popup", "pop-up", "panel", "section", "region",
                                              "form", "menu", "navigation", "nav", "sidebar", "header", "footer",
                                              "toolbar", "table", "row", "list", "card", "frame", "iframe",
                                              "window", "drawer", "tabpanel", "bar", "overlay", "sheet", "group",
                                              "fieldset", "grid", "item", "tab"};
  auto words = split_words(within);
  ScopeSpec s;
  if (!words.empty() && kinds.count(to_lower(words.back()))) {
    s.kind = to_lower(words.back());
    words.pop_back();
  }
  s.name = join(words, " ");
  if (s.name.size() >= 2 && s.name.front() == '"' && s.name.back() == '"') s.name = s.name.substr(1, s.name.size() - 2);
  return s;
}

bool scope_kind_matches(const ScopeElement& e, const std::string& kind) {
  auto cls_has = [&](const std::string& w) {
    std::string hay = to_lower(e.id + " " + join(e.classes, " "));
    return hay.find(w) != std::string::npos;
  };
  if (kind.empty()) return true;
  if (kind == "dialog" || kind == "modal" || kind == "popup" || kind == "pop-up" || kind == "overlay" || kind == "window" || kind == "sheet" || kind == "drawer")
    return e.role == "dialog" || e.role == "alertdialog" || e.tag == "dialog" || cls_has("modal") || cls_has("dialog");
  if (kind == "menu") return e.role == "menu" || e.role == "menubar" || e.role == "listbox" || cls_has("menu");
  if (kind == "navigation" || kind == "nav") return e.role == "navigation" || e.tag == "nav" || cls_has("nav");
  if (kind == "row") return e.role == "row" || e.tag == "tr" || e.role == "listitem";
  if (kind == "item" || kind == "card") return e.role == "listitem" || e.role == "article" || e.tag == "li" || cls_has("item") || cls_has("card");
  if (kind == "form") return e.role == "form" || e.tag == "form";
  if (kind == "table" || kind == "grid") return e.role == "table" || e.role == "grid" || e.tag == "table";
  if (kind == "list") return e.role == "list" || e.role == "listbox";
  if (kind == "header") return e.role == "banner" || e.tag == "header";
  if (kind == "footer") return e.role == "contentinfo" || e.tag == "footer";
  if (kind == "sidebar") return e.role == "complementary" || e.tag == "aside" || cls_has("sidebar");
  if (kind == "toolbar" || kind == "bar") return e.role == "toolbar" || cls_has("bar");
  if (kind == "tabpanel" || kind == "tab") return e.role == "tabpanel";
  if (kind == "frame" || kind == "iframe") return e.tag == "iframe";
  if (kind == "fieldset" || kind == "group") return e.role == "group" || e.tag == "fieldset";
  return e.role == "region" || e.tag == "section" || e.role == "group" || e.role == "tabpanel" || cls_has(kind);
}

double scope_score(const ScopeElement& e, const ScopeSpec& spec) {
  bool kind_ok = scope_kind_matches(e, spec.kind);
  if (spec.name.empty()) return kind_ok ? 1.0 : 0.0;
  double q = std::max({text_match(spec.name, e.name), attribute_match(spec.name, e.id) * 0.95});
  for (const auto& c : e.classes) q = std::max(q, attribute_match(spec.name, c) * 0.9);
  // Rows, items and cards are named by what they hold: "the "Jane Doe" row".
  if (spec.kind == "row" || spec.kind == "item" || spec.kind == "card" || spec.kind == "list" || spec.kind.empty()) {
    if (to_lower(e.text).find(to_lower(spec.name)) != std::string::npos) q = std::max(q, 0.8);
  }
  if (!kind_ok) q *= spec.kind.empty() ? 1.0 : 0.6;
  return q;
}

std::string scope_describe(const ScopeElement& e) {
  std::string d = e.role != "generic" ? e.role : e.tag;
  if (!e.name.empty()) d += " \"" + e.name + "\"";
  else if (!e.id.empty()) d += "#" + e.id;
  return d;
}

std::string list_candidates(const std::vector<ScoredCandidate>& cs, size_t n = 5) {
  std::string out;
  for (size_t i = 0; i < cs.size() && i < n; ++i) out += "\n      " + cs[i].describe();
  if (cs.size() > n) out += fmt::format("\n      ... and {} more", cs.size() - n);
  return out;
}

bool ordinal_pick(std::vector<ScoredCandidate>& group, int ordinal, ScoredCandidate& out) {
  std::sort(group.begin(), group.end(),
            [](const ScoredCandidate& a, const ScoredCandidate& b) { return a.element.order < b.element.order; });
  int n = static_cast<int>(group.size());
  int idx = ordinal > 0 ? ordinal - 1 : n + ordinal;
  if (idx < 0 || idx >= n) return false;
  out = group[static_cast<size_t>(idx)];
  return true;
}

}  // namespace

const char* locate_status_name(LocateStatus s) {
  switch (s) {
    case LocateStatus::Found: return "found";
    case LocateStatus::NotFound: return "not_found";
    case LocateStatus::Ambiguous: return "ambiguous";
    case LocateStatus::ScopeNotFound: return "scope_not_found";
    case LocateStatus::Incompatible: return "not_found";
    case LocateStatus::NotVisible: return "not_visible";
    case LocateStatus::Blocked: return "covered";
  }
  return "?";
}

std::string ScoredCandidate::describe() const {
  const auto& e = element;
  std::string d = e.role != "generic" && !e.role.empty() ? e.role : e.tag;
  std::string label = !e.name.empty() ? e.name : !e.own_text.empty() ? e.own_text : e.text;
  if (label.size() > 60) label = label.substr(0, 57) + "...";
  if (!label.empty()) d += " \"" + label + "\"";
  if (!e.testid.empty()) d += fmt::format(" [{}={}]", e.testid_attr, e.testid);
  else if (!e.id.empty()) d += " #" + e.id;
  d += fmt::format("  score {:.2f} ({})", score, source);
  if (!e.visible) d += ", hidden";
  if (e.outside_modal || e.inert) d += ", behind a dialog";
  if (e.in_shadow) d += ", in shadow DOM";
  if (e.in_frame) d += ", in an iframe";
  return d;
}

LocateRequest locate_request_for(const Step& s) {
  LocateRequest r;
  r.action = s.action;
  r.target = s.target.value_or("");
  r.kind = s.target_kind;
  r.role_hint = s.role_hint;
  r.ordinal = s.ordinal;
  r.within = s.within;
  r.context = s.context;
  return r;
}

LocateResult locate_once(PageAgent& agent, const LocateRequest& req, const LocateOptions& opt, Millis timeout) {
  LocateResult res;
  res.attempts = 1;
  SnapshotQuery q;
  std::vector<std::string> kind_words;
  if (req.kind == TargetKind::Kind) {
    q.roles = {req.role_hint.empty() ? std::string("link") : req.role_hint};
    kind_words = words_of(req.target);
    if (!kind_words.empty()) {
      const std::string& head = kind_words.back();
      q.named = {head, head.size() > 3 && head.back() == 's' ? head.substr(0, head.size() - 1) : head + "s"};
    }
    for (auto w : kind_words) {
      q.within.push_back(w);
      if (w.size() > 3 && w.back() == 's') q.within.push_back(w.substr(0, w.size() - 1));
      else q.within.push_back(w + "s");
    }
  } else {
    for (auto& w : words_of(req.target))
      if (w.size() >= 2 || words_of(req.target).size() == 1) q.words.push_back(w);
    // Test ids and names are written as slugs: "add-to-cart", "firstName" -> also look for "firstname".
    std::string compact;
    for (auto& w : words_of(req.target)) compact += w;
    if (!compact.empty()) q.words.push_back(compact);
  }
  ScopeSpec scope;
  if (req.within) {
    scope = parse_scope(*req.within);
    for (auto& w : words_of(scope.name)) q.within.push_back(w);
    if (!scope.kind.empty()) q.within.push_back(scope.kind);
  }
  if (req.context) q.context = *req.context;

  Snapshot snap = agent.snapshot(q, timeout);
  res.page_ms = snap.page_ms;

  // 1. Score by name (or by kind).
  std::vector<ScoredCandidate> scored;
  for (const auto& c : snap.candidates) {
    ScoredCandidate sc{c, 0, ""};
    if (req.kind == TargetKind::Kind) {
      sc.score = 1.0;
      sc.source = "kind";
    } else {
      auto s = score_name(c, req.target);
      sc.score = s.score;
      sc.source = s.source;
    }
    if (sc.score >= opt.min_score) scored.push_back(std::move(sc));
  }
  auto not_found = [&](LocateStatus st, std::string msg, std::vector<ScoredCandidate> shown) {
    res.status = st;
    std::sort(shown.begin(), shown.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    res.candidates = std::move(shown);
    res.message = std::move(msg);
    if (!res.candidates.empty()) res.message += "; candidates:" + list_candidates(res.candidates);
    return res;
  };
  if (scored.empty()) {
    std::string what = req.kind == TargetKind::Kind ? fmt::format("no {} on the page", req.target)
                                                    : fmt::format("nothing on the page is named \"{}\"", req.target);
    return not_found(LocateStatus::NotFound, what, {});
  }

  // 2. What the action needs.
  std::vector<ScoredCandidate> fit;
  for (auto& c : scored)
    if (action_accepts(c.element, req.action)) fit.push_back(c);
  if (fit.empty()) {
    const char* need = req.action == Action::Fill || req.action == Action::Type ? "an editable field"
                       : req.action == Action::Select                           ? "a select or combobox"
                                                                                : "a checkbox or radio";
    return not_found(LocateStatus::Incompatible,
                     fmt::format("\"{}\" names no {} (the action {} needs one)", req.target, need, action_name(req.action)),
                     scored);
  }

  // Keys go to fields: "Press Enter on Search" means the search box, not the Search button beside it.
  if (req.action == Action::Press) {
    std::vector<ScoredCandidate> fields;
    for (auto& c : fit)
      if (fillable(c.element)) fields.push_back(c);
    if (!fields.empty()) fit = std::move(fields);
  }

  // 3. One control, one candidate: drop text inside a matching control, and controls' labels.
  {
    std::set<int> drop;
    for (size_t i = 0; i < snap.candidates.size(); ++i) {
      for (int p = snap.candidates[i].parent; p >= 0; p = snap.candidates[static_cast<size_t>(p)].parent) {
        const auto& anc = snap.candidates[static_cast<size_t>(p)];
        bool anc_fit = std::any_of(fit.begin(), fit.end(), [&](const auto& f) { return f.element.handle == anc.handle; });
        if (anc_fit && anc.interactive) {
          drop.insert(snap.candidates[i].handle);
          break;
        }
      }
    }
    std::vector<ScoredCandidate> kept;
    for (auto& c : fit)
      if (!drop.count(c.element.handle)) kept.push_back(c);
    if (!kept.empty()) fit = std::move(kept);
  }

  // 4. Scope.
  if (req.within) {
    std::vector<double> scope_scores(snap.scopes.size(), 0.0);
    double best = 0;
    for (size_t i = 0; i < snap.scopes.size(); ++i) {
      scope_scores[i] = scope_score(snap.scopes[i], scope);
      if (snap.scopes[i].visible) best = std::max(best, scope_scores[i]);
    }
    if (best < 0.5) {
      std::string seen;
      std::set<std::string> shown;
      for (const auto& s : snap.scopes) {
        if (!s.visible || (s.name.empty() && s.role == "generic")) continue;
        std::string d = scope_describe(s);
        if (shown.insert(d).second && shown.size() <= 8) seen += "\n      " + d;
      }
      return not_found(LocateStatus::ScopeNotFound,
                       fmt::format("no {} \"{}\" around any \"{}\"{}", scope.kind.empty() ? "scope" : scope.kind,
                                   scope.name.empty() ? scope.kind : scope.name, req.target,
                                   seen.empty() ? "" : "; scopes seen:" + seen),
                       {});
    }
    std::set<int> chosen;
    for (size_t i = 0; i < snap.scopes.size(); ++i)
      if (snap.scopes[i].visible && scope_scores[i] >= best - opt.ambiguity_margin) chosen.insert(static_cast<int>(i));
    std::vector<ScoredCandidate> inside;
    for (auto& c : fit)
      if (std::any_of(c.element.scopes.begin(), c.element.scopes.end(), [&](int s) { return chosen.count(s) > 0; }))
        inside.push_back(c);
    if (inside.empty())
      return not_found(LocateStatus::NotFound,
                       fmt::format("nothing named \"{}\" inside {}", req.target, *req.within), fit);
    fit = std::move(inside);
  }

  // 5. A modal dialog blocks everything outside it.
  {
    std::vector<ScoredCandidate> open;
    for (auto& c : fit)
      if (!c.element.outside_modal && !c.element.inert) open.push_back(c);
    if (open.empty())
      return not_found(LocateStatus::Blocked,
                       fmt::format("\"{}\" is behind an open dialog", req.target), fit);
    fit = std::move(open);
  }

  // 6. Visible elements only, when any is visible.
  {
    std::vector<ScoredCandidate> shown;
    for (auto& c : fit)
      if (c.element.visible) shown.push_back(c);
    if (shown.empty())
      return not_found(LocateStatus::NotVisible, fmt::format("\"{}\" is on the page but not visible", req.target), fit);
    fit = std::move(shown);
  }

  // 7. Relative target: the candidates closest to the context text.
  if (req.context) {
    int deepest = -1;
    for (auto& c : fit) deepest = std::max(deepest, c.element.context_depth);
    if (deepest < 0)
      return not_found(LocateStatus::NotFound,
                       fmt::format("the text \"{}\" (the item that holds \"{}\") is not on the page", *req.context, req.target),
                       fit);
    std::vector<ScoredCandidate> near;
    for (auto& c : fit)
      if (c.element.context_depth == deepest) near.push_back(c);
    fit = std::move(near);
  }

  // 8. Kind targets prefer members of a container that names the kind: first the head noun ("results" for
  // "video result", "suggestions" for "autocomplete suggestion"), then the other words.
  if (req.kind == TargetKind::Kind && !kind_words.empty()) {
    auto in_named_container = [&](const ScoredCandidate& c, const std::vector<std::string>& words) {
      for (int s : c.element.scopes) {
        const auto& sc = snap.scopes[static_cast<size_t>(s)];
        std::string hay = to_lower(sc.name + " " + sc.id + " " + join(sc.classes, " "));
        for (const auto& w : words)
          if (hay.find(w) != std::string::npos) return true;
      }
      return false;
    };
    const std::vector<std::string>& head_forms = q.named;
    // A visible container named by the head noun, with nothing in it yet: the results are still coming.
    bool head_container = false;
    for (const auto& sc : snap.scopes) {
      std::string hay = to_lower(sc.name + " " + sc.id + " " + join(sc.classes, " "));
      for (const auto& w : head_forms)
        if (sc.visible && hay.find(w) != std::string::npos) head_container = true;
    }
    bool any_in_head = std::any_of(fit.begin(), fit.end(), [&](const ScoredCandidate& c) { return in_named_container(c, head_forms); });
    if (head_container && !any_in_head)
      return not_found(LocateStatus::NotFound, fmt::format("no {} yet: the {} list is empty", req.target, kind_words.back()), {});
    for (const auto& words : {head_forms, q.within}) {
      std::vector<ScoredCandidate> named;
      for (auto& c : fit)
        if (in_named_container(c, words)) named.push_back(c);
      if (!named.empty()) {
        fit = std::move(named);
        break;
      }
    }
  }

  // 9. Role hint from the sentence's UI word.
  if (!req.role_hint.empty() && req.kind != TargetKind::Kind)
    for (auto& c : fit)
      if (!role_matches_hint(c.element, req.role_hint)) c.score *= 0.85;

  std::sort(fit.begin(), fit.end(), [](const auto& a, const auto& b) {
    return a.score != b.score ? a.score > b.score : a.element.order < b.element.order;
  });
  res.candidates = fit;
  if (res.candidates.size() > 10) res.candidates.resize(10);
  std::string strategy = fit.front().source;
  if (req.within) strategy += "+scope";
  if (req.context) strategy += "+context";

  // 10. Ordinal among the equally good.
  if (req.ordinal) {
    std::vector<ScoredCandidate> group;
    for (auto& c : fit)
      if (c.score >= fit.front().score - opt.ambiguity_margin) group.push_back(c);
    ScoredCandidate pick;
    if (!ordinal_pick(group, *req.ordinal, pick))
      return not_found(LocateStatus::NotFound,
                       fmt::format("asked for number {} of \"{}\", but there {} only {}", *req.ordinal, req.target,
                                   group.size() == 1 ? "is" : "are", group.size()),
                       group);
    res.status = LocateStatus::Found;
    res.best = pick;
    res.strategy = strategy + "+ordinal";
    return res;
  }

  // 11. Strictness.
  if (fit.size() > 1 && fit[0].score - fit[1].score < opt.ambiguity_margin) {
    size_t close = 1;
    while (close < fit.size() && fit[0].score - fit[close].score < opt.ambiguity_margin) ++close;
    return not_found(LocateStatus::Ambiguous,
                     fmt::format("\"{}\" matches {} elements about equally well; say which (a scope: in the ... "
                                 "dialog, a context: for \"...\", or an ordinal: the 2nd ...)",
                                 req.target, close),
                     fit);
  }
  res.status = LocateStatus::Found;
  res.best = fit.front();
  res.strategy = strategy;
  return res;
}

std::vector<ScoredCandidate> visible_matches(PageAgent& agent, const std::string& target, const std::string& role_hint,
                                             double min_quality, Millis timeout) {
  SnapshotQuery q;
  q.words = words_of(target);
  Snapshot snap = agent.snapshot(q, timeout);
  std::vector<ScoredCandidate> out;
  for (const auto& c : snap.candidates) {
    if (!c.visible || !role_matches_hint(c, role_hint)) continue;
    double best = 0;
    std::string source;
    auto take = [&](double qv, const char* s) {
      if (qv > best) {
        best = qv;
        source = s;
      }
    };
    take(text_match(target, c.name), "role_name");
    take(text_match(target, c.own_text), "text");
    if (c.text.size() <= target.size() * 3 + 20) take(text_match(target, c.text), "text");
    take(text_match(target, c.aria_label), "aria_label");
    take(text_match(target, c.label), "label");
    take(text_match(target, c.placeholder), "placeholder");
    take(text_match(target, c.value), "role_name");
    take(text_match(target, c.alt), "role_name");
    if (!c.testid.empty()) take(attribute_match(target, c.testid), "testid");
    if (best >= min_quality) out.push_back({c, best, source});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  return out;
}

LocateResult locate(PageAgent& agent, const LocateRequest& request, const LocateOptions& options,
                    Clock::time_point deadline) {
  LocateResult last;
  int attempts = 0;
  double page_ms = 0;
  for (;;) {
    auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
    try {
      last = locate_once(agent, request, options, std::max(left, Millis(1000)));
    } catch (const ContextLost&) {
      last = LocateResult{};
      last.message = "the page navigated while PACTS looked at it";
    }
    ++attempts;
    page_ms += last.page_ms;
    last.attempts = attempts;
    last.page_ms = page_ms;
    if (last.status == LocateStatus::Found) return last;
    if (Clock::now() >= deadline) return last;
    // Ambiguity on a quiet page will not resolve itself: fail now rather than wait for the deadline.
    if (last.status == LocateStatus::Ambiguous && !agent.page().loading()) return last;
    agent.page().wait_for_change(std::min(Millis(250), std::max(Millis(1), std::chrono::duration_cast<Millis>(deadline - Clock::now()))));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Selectors

std::string css_escape_identifier(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ok = std::isalnum(c) || c == '_' || c == '-' || c >= 0x80;
    if (i == 0 && std::isdigit(c)) {
      out += fmt::format("\\{:x} ", c);
    } else if (!ok) {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string css_attribute_value(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\a ";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::vector<std::string> selector_parts(const CandidateElement& e) {
  static const std::set<std::string> kNamedRoles = {"button", "link", "tab", "menuitem", "menuitemcheckbox",
                                                    "menuitemradio", "option", "checkbox", "radio", "switch",
                                                    "heading", "img", "treeitem", "combobox", "listbox", "textbox",
                                                    "searchbox", "spinbutton", "slider", "row", "cell", "gridcell"};
  static const std::set<std::string> kFormRoles = {"textbox", "searchbox", "combobox", "listbox", "checkbox",
                                                   "radio", "switch", "spinbutton", "slider"};
  std::vector<std::string> parts;
  const std::string& tag = e.tag;
  if (!e.testid.empty()) parts.push_back(fmt::format("[{}={}]", e.testid_attr, css_attribute_value(e.testid)));
  if (!e.id.empty() && !looks_generated_id(e.id)) parts.push_back(tag + "#" + css_escape_identifier(e.id));
  if (!e.name_attr.empty() && !looks_generated_id(e.name_attr) && (tag == "input" || tag == "select" || tag == "textarea" || tag == "button"))
    parts.push_back(fmt::format("{}[name={}]", tag, css_attribute_value(e.name_attr)));
  if (!e.name.empty() && e.name.size() <= 120) {
    if (kFormRoles.count(e.role)) parts.push_back("label=" + css_attribute_value(e.name));
    if (kNamedRoles.count(e.role)) parts.push_back(fmt::format("role={}[name={}]", e.role, css_attribute_value(e.name)));
  }
  if (!e.aria_label.empty()) parts.push_back(fmt::format("{}[aria-label={}]", tag, css_attribute_value(e.aria_label)));
  if (!e.placeholder.empty()) parts.push_back(fmt::format("{}[placeholder={}]", tag, css_attribute_value(e.placeholder)));
  if (!e.title.empty()) parts.push_back(fmt::format("{}[title={}]", tag, css_attribute_value(e.title)));
  if (!e.alt.empty()) parts.push_back(fmt::format("{}[alt={}]", tag, css_attribute_value(e.alt)));
  if (tag == "input" && !e.value.empty())
    parts.push_back(fmt::format("input[type={}][value={}]", css_attribute_value(e.type), css_attribute_value(e.value)));
  if (tag == "a" && !e.href.empty() && !looks_generated_id(e.href) && e.href.size() < 200)
    parts.push_back(fmt::format("a[href={}]", css_attribute_value(e.href)));
  std::vector<std::string> stable_classes;
  for (const auto& c : e.classes)
    if (!looks_generated_class(c)) stable_classes.push_back(c);
  for (const auto& c : stable_classes) parts.push_back(tag + "." + css_escape_identifier(c));
  if (stable_classes.size() >= 2)
    parts.push_back(tag + "." + css_escape_identifier(stable_classes[0]) + "." + css_escape_identifier(stable_classes[1]));
  if (!e.own_text.empty() && e.own_text.size() <= 80) parts.push_back("text=" + css_attribute_value(e.own_text));
  return parts;
}

SelectorChoice choose_selector(PageAgent& agent, const CandidateElement& element, const LocateRequest& request,
                               Millis timeout) {
  auto parts = selector_parts(element);
  PageAgent::SynthesisHints hints;
  hints.context = request.context.value_or("");
  if (request.ordinal) {
    hints.ordinal = *request.ordinal;
    if (request.kind == TargetKind::Kind) {
      hints.group.push_back("role=" + element.role);
    } else {
      if (!element.name.empty()) hints.group.push_back(fmt::format("role={}[name={}]", element.role, css_attribute_value(element.name)));
      if (!element.own_text.empty()) hints.group.push_back("text=" + css_attribute_value(element.own_text));
    }
  }
  auto syn = agent.synthesize(element.handle, parts, hints, timeout);
  SelectorChoice c;
  c.error = syn.error;
  c.selector = syn.selector;
  c.stable = syn.stable && syn.error.empty();
  return c;
}

}  // namespace pacts
