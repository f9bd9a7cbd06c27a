#pragma once
// Plain-English step macros: domain steps a tester defines in PACTS's own sentences, in *.steps files next to
// the feature files (or named in config.toml, [macros] files):
//
//   Step: I am logged in as "<user>"
//     1. Go to /login.html
//     2. Fill "<user>" in Username
//     3. Fill "@env:SHOP_PASSWORD" in Password
//     4. Click "Log in"
//
// A Gherkin step matches a macro when its words are the macro's (case aside): a quoted "<name>" takes any quoted
// text, a bare <name> one or more words. The step then stands for the macro's sentences with the parameters put
// in, read like the sentences of a .txt requirement (a macro's sentence may use another macro). A parameter's
// text goes in as written, so "@env:NAME" stays a secret.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plan/loader.h"

namespace pacts {

struct Macro {
  std::string file;
  int line = 0;
  std::string sentence;                            // as written after "Step:"
  std::vector<std::pair<int, std::string>> body;  // line, sentence
};

class MacroSet {
 public:
  // Reads one .steps file; a problem goes to `errors` with the file and line.
  void add_file(const std::string& file, const std::string& content, std::vector<PlanError>& errors);

  struct Use {
    const Macro* macro = nullptr;
    std::map<std::string, std::string> args;  // parameter name (without <>) -> the step's text
  };
  // The macro a step's sentence (without its Given/When/Then) matches. `ambiguity` is set, and nullopt returned,
  // when two macros match.
  std::optional<Use> match(std::string_view sentence, std::string& ambiguity) const;
  bool empty() const { return macros_.empty(); }
  size_t size() const { return macros_.size(); }

  // A body sentence with each <name> replaced by its argument.
  static std::string substitute(const std::string& sentence, const std::map<std::string, std::string>& args);

 private:
  std::vector<Macro> macros_;
};

// The <name> placeholders a text holds (a macro's parameters, an outline's columns), each once, in order.
std::vector<std::string> placeholders_in(const std::string& text);

}  // namespace pacts
