#pragma once
// Text files compiled into the binary (SQL migrations, the injected page script).
#include <string_view>
#include <vector>

namespace pacts {

struct EmbeddedFile {
  std::string_view name;     // base name, e.g. "0001_core.sql"
  std::string_view content;
};

}  // namespace pacts
