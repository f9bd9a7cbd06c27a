#include "discovery/selectors.h"

#include <cctype>
#include <set>

#include <fmt/format.h>

#include "core/text.h"
#include "discovery/match.h"

namespace pacts {

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
  const Target& t = request.target;
  hints.context = t.context.value_or("");
  for (const auto* a : {&element.row_header, &element.context_label})
    if (!a->empty()) hints.anchors.push_back(*a);
  if (t.ordinal) {
    hints.ordinal = *t.ordinal;
    if (t.kind == TargetKind::Kind) {
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

std::string selector_of_override(const std::string& t) {
  if (starts_with_ci(t, "css:")) return trim(t.substr(4));
  if (starts_with_ci(t, "xpath:")) return "xpath=" + trim(t.substr(6));
  if (!starts_with_ci(t, "role:")) return t;
  std::string spec = trim(t.substr(5));
  auto eq = spec.find('=');
  return eq == std::string::npos ? "role=" + spec
                                 : fmt::format("role={}[name={}]", trim(spec.substr(0, eq)),
                                               css_attribute_value(trim(spec.substr(eq + 1))));
}

}  // namespace pacts
