#include "discovery/request.h"

#include <set>

#include <fmt/format.h>

namespace pacts {

namespace {

const std::set<std::string> kFillRoles = {"textbox", "searchbox", "spinbutton", "combobox"};
const std::set<std::string> kTextInputTypes = {"",     "text",   "search", "email", "password", "tel", "url",
                                               "number", "date", "datetime-local", "month", "time", "week"};

// A select, a combobox or listbox, or a control that opens a list of choices (a button with aria-haspopup).
bool selectable(const CandidateElement& c) {
  if (c.tag == "select" || c.role == "combobox" || c.role == "listbox") return true;
  return !c.haspopup.empty() && c.haspopup != "false";
}

bool radio(const CandidateElement& c) {
  if (c.tag == "input") return c.type == "radio";
  return c.role == "radio" || c.role == "menuitemradio";
}

bool file_input(const CandidateElement& c) { return c.tag == "input" && c.type == "file"; }

bool checkable(const CandidateElement& c) {
  if (c.tag == "input") return c.type == "checkbox" || c.type == "radio";
  return c.role == "checkbox" || c.role == "radio" || c.role == "switch" || c.role == "menuitemcheckbox" ||
         c.role == "menuitemradio";
}

}  // namespace

bool fillable(const CandidateElement& c) {
  if (c.tag == "input") return kTextInputTypes.count(c.type) > 0;
  if (c.tag == "textarea") return true;
  if (c.editable) return true;
  return kFillRoles.count(c.role) > 0 && c.tag != "select" && c.tag != "button";
}

bool accepts(const CandidateElement& c, Interaction interaction) {
  switch (interaction) {
    case Interaction::Fill:
    case Interaction::Type:
      return fillable(c);
    case Interaction::Select:
      return selectable(c);
    case Interaction::Check:
    case Interaction::Uncheck:
      return checkable(c);
    case Interaction::Choose:
      return radio(c);
    case Interaction::Attach:
      return file_input(c);
    case Interaction::Read:
      return fillable(c) || selectable(c) || checkable(c);
    default:
      return true;
  }
}

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
  d += fmt::format("  score {:.2f} ({})", score, matched_by);
  if (!e.visible) d += ", hidden";
  if (e.outside_modal || e.inert) d += ", behind a dialog";
  if (e.in_shadow) d += ", in shadow DOM";
  if (e.in_frame) d += ", in an iframe";
  return d;
}

}  // namespace pacts
