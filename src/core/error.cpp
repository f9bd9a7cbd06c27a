#include "core/error.h"

namespace pacts {

void throw_bad_input(const std::string& message) { throw Error(ErrorKind::BadInput, message); }
void throw_setup(const std::string& message) { throw Error(ErrorKind::Setup, message); }

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::BadInput:
    case ErrorKind::Setup:
      return kExitBadInput;
    case ErrorKind::Interrupted:
      return 130;  // the shell's convention for a run stopped by a signal
    case ErrorKind::Browser:
    case ErrorKind::BrowserLost:
      return kExitBrowserLost;
    case ErrorKind::Internal:
      return kExitInternal;
  }
  return kExitBadInput;
}

}  // namespace pacts
