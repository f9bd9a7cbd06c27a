#pragma once
// Variables in requirement files:
//   ${name}, ${name|default}  from --var or the data row (a missing one with no default is an error)
//   {{name}}                  from the data row of a JSON suite (or --var)
//   @env:NAME                 from the environment; a secret, shown as *** everywhere
//   {timestamp}               seconds since the epoch, fixed once per test
#include <map>
#include <optional>
#include <string>

namespace pacts {

struct VariableScope {
  std::map<std::string, std::string> vars;  // --var, overridden by the data row
  const std::map<std::string, std::string>* env = nullptr;
  std::string timestamp;  // the test's {timestamp}
};

struct BoundText {
  std::string value;    // what the browser gets
  std::string display;  // what logs, reports and the database get: secrets as ***
  std::string error;    // non-empty: what is missing
};

BoundText bind_variables(const std::string& text, const VariableScope& scope);

}  // namespace pacts
