#pragma once
// The body of every requirement-reader harness (text, JSON, and later Gherkin): what `pacts plan FILE --json`
// does with a file, with a secret in the environment. The contract checked, beyond "no crash, no leak, no
// undefined behaviour, no hang":
//   - bad input comes back as one pacts::Error(BadInput) that names the file; no other exception escapes
//     (the pacts executable would turn it into exit code 4, "a bug in PACTS");
//   - a file that is accepted is well-formed UTF-8 (the JSON report, the DevTools protocol and the store
//     refuse anything else, so accepting it only moves the failure into the run);
//   - the secret's value never appears in the plan's JSON or in an error message, unless the input itself
//     spells it out.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "fuzz_support.h"
#include "plan/loader.h"
#include "plan/plan_json.h"

namespace pacts::fuzz {

inline constexpr const char* kSecretName = "FUZZ_SECRET";
inline constexpr const char* kSecretValue = "Canary-7f3c9e";

inline LoadOptions plan_options() {
  LoadOptions options;
  options.vars = {{"user", "jane"}, {"count", "3"}};
  options.env = {{kSecretName, kSecretValue}, {"HOME_URL", "/home"}};
  options.timestamp = [] { return std::string("1700000000"); };
  return options;
}

inline void check_no_secret(const std::string& input, const std::string& output, const std::string& where) {
  // A JSON escape (\u0043...) can spell the value without its letters appearing in the input: skip those.
  if (contains(input, kSecretValue) || contains(input, "\\u") || contains(input, "\\U")) return;
  expect(!contains(output, kSecretValue), "the secret's value appears in " + where + ":\n" + output);
}

inline void read_requirement_file(ScratchFile& file, const uint8_t* data, size_t size) {
  file.write(data, size);
  std::string input(reinterpret_cast<const char*>(data), size);
  static const LoadOptions options = plan_options();
  try {
    Plan plan = load_plan({file.path()}, options);
    expect(is_utf8(input), "load_plan accepted a file that is not well-formed UTF-8");
    check_no_secret(input, plan_to_json(plan), "the plan's JSON");
  } catch (const Error& e) {
    std::string message = e.what();
    expect(e.kind() == ErrorKind::BadInput, "a requirement file raised an error that is not BadInput: " + message);
    expect(contains(message, file.path()), "a bad-input error does not name the file: " + message);
    check_no_secret(input, message, "an error message");
  }
}

}  // namespace pacts::fuzz
