#include "plan/variables.h"

#include <cctype>

#include <fmt/format.h>

#include "core/text.h"

namespace pacts {

namespace {

std::optional<MaskedText> lookup(const std::string& name, const VariableScope& scope) {
  if (auto it = scope.vars.find(name); it != scope.vars.end()) return it->second;
  if (name == "timestamp") return MaskedText(scope.timestamp);
  return std::nullopt;
}
}  // namespace

namespace {

// Reads a text left to right; each form appends what it binds to both the value and the display.
class Binder {
 public:
  // env_only: read @env:NAME and nothing else (a variable's own value).
  Binder(const std::string& text, const VariableScope& scope, bool env_only)
      : text_(text), scope_(scope), env_only_(env_only) {}

  BoundText run() {
    while (i_ < text_.size() && out_.error.empty()) {
      size_t plain = i_;
      while (plain < text_.size() && !at_form(plain)) ++plain;
      if (plain > i_) append(MaskedText(text_.substr(i_, plain - i_)), plain - i_);
      if (i_ >= text_.size()) break;
      if (text_.compare(i_, 5, "@env:") == 0) env();
      else if (text_.compare(i_, 2, "${") == 0) dollar();
      else if (text_.compare(i_, 2, "{{") == 0) braces();
      else append(MaskedText(scope_.timestamp), 11);  // {timestamp}
    }
    return out_;
  }

 private:
  bool at_form(size_t i) const {
    if (text_.compare(i, 5, "@env:") == 0) return true;
    if (env_only_) return false;
    return text_.compare(i, 2, "${") == 0 || text_.compare(i, 2, "{{") == 0 || text_.compare(i, 11, "{timestamp}") == 0;
  }

  void append(const MaskedText& bound, size_t consumed) {
    out_.text += bound;
    i_ += consumed;
  }

  // ${name} and ${name|default}
  void dollar() {
    size_t close = text_.find('}', i_ + 2);
    if (close == std::string::npos) {
      out_.error = "'${' is never closed with '}'";
      return;
    }
    std::string inner = text_.substr(i_ + 2, close - i_ - 2);
    auto bar = inner.find('|');
    std::string name = trim(bar == std::string::npos ? inner : inner.substr(0, bar));
    auto v = lookup(name, scope_);
    if (!v && bar == std::string::npos) {
      out_.error = fmt::format("variable '{}' is not set (give it with --var {}=VALUE, or write ${{{}|default}})",
                               name, name, name);
      return;
    }
    append(v ? *v : MaskedText(inner.substr(bar + 1)), close + 1 - i_);
  }

  // {{name}}, from the data row (or --var)
  void braces() {
    size_t close = text_.find("}}", i_ + 2);
    if (close == std::string::npos) {
      out_.error = "'{{' is never closed with '}}'";
      return;
    }
    std::string name = trim(text_.substr(i_ + 2, close - i_ - 2));
    auto v = lookup(name, scope_);
    if (!v) {
      out_.error = fmt::format("variable '{}' is not set by the data row or --var", name);
      return;
    }
    append(*v, close + 2 - i_);
  }

  // @env:NAME: a secret, displayed as ***
  void env() {
    size_t j = i_ + 5;
    while (j < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[j])) || text_[j] == '_')) ++j;
    std::string name = text_.substr(i_ + 5, j - i_ - 5);
    if (name.empty()) {
      out_.error = "'@env:' must be followed by a variable name";
      return;
    }
    auto it = scope_.env ? scope_.env->find(name) : decltype(scope_.env->end()){};
    if (!scope_.env || it == scope_.env->end()) {
      out_.error = fmt::format("environment variable {} is not set", name);
      return;
    }
    append(MaskedText::secret(it->second), j - i_);
  }

  const std::string& text_;
  const VariableScope& scope_;
  bool env_only_;
  size_t i_ = 0;
  BoundText out_;
};

}  // namespace

BoundText bind_variables(const std::string& text, const VariableScope& scope) {
  return Binder(text, scope, false).run();
}

std::vector<std::string> variables_needed(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text.compare(i, 2, "${") == 0) {
      size_t close = text.find('}', i + 2);
      if (close == std::string::npos) break;
      std::string inner = text.substr(i + 2, close - i - 2);
      if (inner.find('|') == std::string::npos) out.push_back(trim(inner));
      i = close;
    } else if (text.compare(i, 2, "{{") == 0) {
      size_t close = text.find("}}", i + 2);
      if (close == std::string::npos) break;
      out.push_back(trim(text.substr(i + 2, close - i - 2)));
      i = close + 1;
    }
  }
  return out;
}

BoundText bind_variable_value(const std::string& text, const std::map<std::string, std::string>* env) {
  VariableScope scope;
  scope.env = env;
  return Binder(text, scope, true).run();
}

}  // namespace pacts
