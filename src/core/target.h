#pragma once
// What a step's sentence names on the page: the words a person reads ("Add to cart"), and what narrows
// them (the kind of element, an ordinal, a scope, the item that holds it). One value, held by a plan's Step and
// by discovery's request, so that the reading of a sentence travels unchanged from the grammar to the page.
#include <optional>
#include <string>

namespace pacts {

// How a target is given. A name or a kind is found by discovery; overrides bypass it.
enum class TargetKind {
  Name,  // what a person sees: label, placeholder, text, test id
  Kind,  // only a kind of element with an ordinal: "first video result"
  Css,    // "css:.cart-link"
  Xpath,  // "xpath://button[@id='save']"
  Role,   // "role:button=Save"
};

struct Target {
  std::string text;                    // as written, overrides included ("css:.x")
  TargetKind kind = TargetKind::Name;
  std::string role_hint;               // from a trailing UI word ("button", "tab", "link", ...) or role:
  std::optional<int> ordinal;          // 1-based; -1 is "last"
  std::optional<std::string> within;   // a scope: "New Account dialog", "App Launcher", "menu", "css:#main"
  std::optional<std::string> context;  // relative target: the item that holds `text`

  bool is_override() const { return kind == TargetKind::Css || kind == TargetKind::Xpath || kind == TargetKind::Role; }
};

}  // namespace pacts
