#pragma once
// PACTS reports failures across module edges with one exception type, pacts::Error. Its kind decides the
// process exit code at the CLI edge; its message is written for the user and carries what they need to act
// (file and line, the config key, the element's candidates). Expected absences (a cache miss, an element not
// found while waiting) are values (std::optional, outcome structs), not exceptions.
#include <stdexcept>
#include <string>

namespace pacts {

enum class ErrorKind {
  BadInput,     // a requirement file, a config value, a command-line argument: exit code 2
  Setup,        // the machine: a missing browser, an unwritable store, a newer schema: exit code 2
  Browser,      // the browser broke the protocol or did not answer one command (the test errs, the run goes on)
  BrowserLost,  // the browser exited or crashed, or its connection closed: the run stops, exit code 3
  Interrupted,  // SIGINT or SIGTERM arrived: exit code 130 or 143
  Internal,     // a bug in PACTS: exit code 4
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

[[noreturn]] void throw_bad_input(const std::string& message);
[[noreturn]] void throw_setup(const std::string& message);

// Exit codes of the pacts executable (README "Exit codes").
inline constexpr int kExitOk = 0;
inline constexpr int kExitTestFailed = 1;  // a test failed: a step, an assertion, or the test itself
inline constexpr int kExitBadInput = 2;    // bad input, usage or set-up: nothing was run, or not as asked
inline constexpr int kExitBrowserLost = 3; // the browser crashed or went away during the run
inline constexpr int kExitInternal = 4;    // a bug in PACTS (please report it, with the message)

int exit_code_for(ErrorKind kind);

}  // namespace pacts
