#pragma once
// What a step does to the element it finds. It decides what the element must be for discovery (a fill needs
// an editable field, a check a checkbox) and what must hold before acting (a click needs the element to take
// the hit at its centre, a fill needs it editable).
namespace pacts {

// Choose: a radio button. Attach: a file input (which may be hidden behind a styled label). Focus, Scroll: any
// element. Read: a form field whose value is checked (or any element, for its text). Inspect: any element whose
// state (enabled, checked) is checked.
enum class Interaction { Click, Hover, Fill, Type, Press, Select, Check, Uncheck, Choose, Attach, Focus, Scroll, Read, Inspect };

const char* name(Interaction i);

// Before acting: the element must be enabled / editable / still (two frames, same box) / the one the hit test
// at its centre lands on.
inline bool needs_enabled(Interaction i) {
  return i == Interaction::Click || i == Interaction::Fill || i == Interaction::Type || i == Interaction::Select ||
         i == Interaction::Check || i == Interaction::Uncheck || i == Interaction::Choose || i == Interaction::Attach;
}
inline bool needs_editable(Interaction i) { return i == Interaction::Fill || i == Interaction::Type; }
inline bool needs_stable(Interaction i) {
  return i == Interaction::Click || i == Interaction::Hover || i == Interaction::Check || i == Interaction::Uncheck ||
         i == Interaction::Choose;
}
// A file input is often hidden behind a styled label: it need not be visible to take files.
inline bool needs_visible(Interaction i) { return i != Interaction::Attach; }
inline bool needs_hit(Interaction i) { return needs_stable(i); }

}  // namespace pacts
