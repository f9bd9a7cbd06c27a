#include "spec/variables.h"

#include <cctype>

#include <fmt/format.h>

#include "core/text.h"

namespace pacts {

namespace {

std::optional<std::string> lookup(const std::string& name, const VariableScope& scope) {
  if (auto it = scope.vars.find(name); it != scope.vars.end()) return it->second;
  if (name == "timestamp") return scope.timestamp;
  return std::nullopt;
}
}  // namespace

BoundText bind_variables(const std::string& text, const VariableScope& scope) {
  BoundText out;
  size_t i = 0;
  while (i < text.size()) {
    // ${name} and ${name|default}
    if (text.compare(i, 2, "${") == 0) {
      size_t close = text.find('}', i + 2);
      if (close == std::string::npos) {
        out.error = "'${' is never closed with '}'";
        return out;
      }
      std::string inner = text.substr(i + 2, close - i - 2);
      std::string name = inner, fallback;
      bool has_default = false;
      if (auto bar = inner.find('|'); bar != std::string::npos) {
        name = inner.substr(0, bar);
        fallback = inner.substr(bar + 1);
        has_default = true;
      }
      name = trim(name);
      auto v = lookup(name, scope);
      if (!v && !has_default) {
        out.error = fmt::format("variable '{}' is not set (give it with --var {}=VALUE, or write ${{{}|default}})",
                                name, name, name);
        return out;
      }
      out.value += v ? *v : fallback;
      out.display += v ? *v : fallback;
      i = close + 1;
      continue;
    }
    // {{name}}
    if (text.compare(i, 2, "{{") == 0) {
      size_t close = text.find("}}", i + 2);
      if (close == std::string::npos) {
        out.error = "'{{' is never closed with '}}'";
        return out;
      }
      std::string name = trim(text.substr(i + 2, close - i - 2));
      auto v = lookup(name, scope);
      if (!v) {
        out.error = fmt::format("variable '{}' is not set by the data row or --var", name);
        return out;
      }
      out.value += *v;
      out.display += *v;
      i = close + 2;
      continue;
    }
    if (text.compare(i, 11, "{timestamp}") == 0) {
      out.value += scope.timestamp;
      out.display += scope.timestamp;
      i += 11;
      continue;
    }
    // @env:NAME
    if (text.compare(i, 5, "@env:") == 0) {
      size_t j = i + 5;
      while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
      std::string name = text.substr(i + 5, j - i - 5);
      if (name.empty()) {
        out.error = "'@env:' must be followed by a variable name";
        return out;
      }
      auto it = scope.env ? scope.env->find(name) : decltype(scope.env->end()){};
      if (!scope.env || it == scope.env->end()) {
        out.error = fmt::format("environment variable {} is not set", name);
        return out;
      }
      out.value += it->second;
      out.display += "***";
      i = j;
      continue;
    }
    out.value += text[i];
    out.display += text[i];
    ++i;
  }
  return out;
}

}  // namespace pacts
