#include "discovery/scope.h"

#include <algorithm>
#include <set>

#include "core/text.h"
#include "discovery/match.h"

namespace pacts {

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
  auto is = [&](std::initializer_list<const char*> set) {
    return std::any_of(set.begin(), set.end(), [&](const char* k) { return kind == k; });
  };
  if (kind.empty()) return true;
  if (is({"dialog", "modal", "popup", "pop-up", "overlay", "window", "sheet", "drawer"}))
    return e.role == "dialog" || e.role == "alertdialog" || e.tag == "dialog" || cls_has("modal") || cls_has("dialog");
  if (kind == "menu") return e.role == "menu" || e.role == "menubar" || e.role == "listbox" || cls_has("menu");
  if (is({"navigation", "nav"})) return e.role == "navigation" || e.tag == "nav" || cls_has("nav");
  if (kind == "row") return e.role == "row" || e.tag == "tr" || e.role == "listitem";
  if (is({"item", "card"}))
    return e.role == "listitem" || e.role == "article" || e.tag == "li" || cls_has("item") || cls_has("card");
  if (kind == "form") return e.role == "form" || e.tag == "form";
  if (is({"table", "grid"})) return e.role == "table" || e.role == "grid" || e.tag == "table";
  if (kind == "list") return e.role == "list" || e.role == "listbox";
  if (kind == "header") return e.role == "banner" || e.tag == "header";
  if (kind == "footer") return e.role == "contentinfo" || e.tag == "footer";
  if (kind == "sidebar") return e.role == "complementary" || e.tag == "aside" || cls_has("sidebar");
  if (is({"toolbar", "bar"})) return e.role == "toolbar" || cls_has("bar");
  if (is({"tabpanel", "tab"})) return e.role == "tabpanel";
  if (is({"frame", "iframe"})) return e.tag == "iframe";
  if (is({"fieldset", "group"})) return e.role == "group" || e.tag == "fieldset";
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

}  // namespace pacts
