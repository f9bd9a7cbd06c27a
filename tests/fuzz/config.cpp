// Fuzzes the config reader: a config.toml, then (after a NUL byte, optionally) PACTS_* environment overrides,
// one NAME=VALUE per line. What is checked, beyond "no crash, no leak, no undefined behaviour, no hang":
//   - bad input comes back as pacts::Error(BadInput) naming where it is (the file, or the environment
//     variable); no other exception escapes (the pacts executable would turn it into exit code 4).
#include <cstdint>
#include <map>
#include <string>

#include "config/config.h"
#include "core/error.h"
#include "fuzz_support.h"

namespace {

constexpr const char* kSource = "fuzz-config.toml";

std::map<std::string, std::string> environment_of(const std::string& lines) {
  std::map<std::string, std::string> env = {{"FUZZ_SECRET", "Canary-7f3c9e"}, {"REDIS_URL", "redis://127.0.0.1:1/0"}};
  size_t start = 0;
  while (start < lines.size()) {
    size_t end = lines.find('\n', start);
    if (end == std::string::npos) end = lines.size();
    std::string line = lines.substr(start, end - start);
    if (auto eq = line.find('='); eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
    start = end + 1;
  }
  return env;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using pacts::fuzz::contains;
  using pacts::fuzz::expect;
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string toml = input.substr(0, nul);
  auto env = environment_of(nul == std::string::npos ? std::string() : input.substr(nul + 1));
  try {
    pacts::parse_config(toml, kSource, env);
  } catch (const pacts::Error& e) {
    std::string message = e.what();
    expect(e.kind() == pacts::ErrorKind::BadInput, "a config raised an error that is not BadInput: " + message);
    expect(contains(message, kSource) || contains(message, "environment variable"),
           "a config error names neither the file nor the environment variable: " + message);
  }
  return 0;
}
