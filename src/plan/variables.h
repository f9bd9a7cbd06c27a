#pragma once
// Variables in requirement files:
//   ${name}, ${name|default}  from --var or the data row (a missing one with no default is an error)
//   {{name}}                  from the data row of a JSON suite (or --var)
//   @env:NAME                 from the environment; a secret, shown as *** everywhere (also inside a --var
//                             value or a data row's value)
//   {timestamp}               seconds since the epoch, fixed once per test
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/secret.h"

namespace pacts {

struct VariableScope {
  std::map<std::string, MaskedText> vars;  // --var, overridden by the data row
  const std::map<std::string, std::string>* env = nullptr;
  std::string timestamp;  // the test's {timestamp}
};

struct BoundText {
  MaskedText text;    // clear() for the browser, masked() for logs, reports and the database
  std::string error;  // non-empty: what is missing
};

BoundText bind_variables(const std::string& text, const VariableScope& scope);
// The variables a text needs a value for: ${name} without a default, and {{name}}.
std::vector<std::string> variables_needed(const std::string& text);
// A variable's own value (--var, a data row): only @env:NAME is read in it, so that a password can be given
// as --var pw=@env:PW without ever being typed.
BoundText bind_variable_value(const std::string& text, const std::map<std::string, std::string>* env);

}  // namespace pacts
