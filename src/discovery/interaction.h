#pragma once
// What a step does to the element it finds. It decides what the element must be for discovery (a fill needs
// an editable field, a check a checkbox) and what must hold before acting (a click needs the element to take
// the hit at its centre, a fill needs it editable).
namespace pacts {

enum class Interaction { Click, Hover, Fill, Type, Press, Select, Check, Uncheck };

const char* name(Interaction i);

// Before acting: the element must be enabled / editable / still (two frames, same box) / the one the hit test
// at its centre lands on.
inline bool needs_enabled(Interaction i) {
  return i == Interaction::Click || i == Interaction::Fill || i == Interaction::Type || i == Interaction::Select ||
         i == Interaction::Check || i == Interaction::Uncheck;
}
inline bool needs_editable(Interaction i) { return i == Interaction::Fill || i == Interaction::Type; }
inline bool needs_stable(Interaction i) {
  return i == Interaction::Click || i == Interaction::Hover || i == Interaction::Check || i == Interaction::Uncheck;
}
inline bool needs_hit(Interaction i) { return needs_stable(i); }

}  // namespace pacts
