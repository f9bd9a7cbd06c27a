#include "core/target.h"

#include <fmt/format.h>

namespace pacts {

std::string Target::describe() const {
  std::string d = "\"" + text + "\"";
  if (!role_hint.empty() && kind == TargetKind::Name) d += " " + role_hint;
  if (context) d += " for \"" + *context + "\"";
  if (within) d += " in \"" + *within + "\"";
  if (ordinal) d += *ordinal == -1 ? std::string(" (last)") : fmt::format(" (#{})", *ordinal);
  return d;
}

}  // namespace pacts
