#include "core/process.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace pacts {

namespace {

// The kernel's id of this boot: start times count from it, so the same pid and start time in another boot is
// another process.
std::string boot_id() {
  static const std::string id = [] {
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::string s;
    std::getline(in, s);
    std::string hex;
    for (char c : s)
      if (c != '-' && hex.size() < 8) hex += c;
    return hex.empty() ? std::string("0") : hex;
  }();
  return id;
}

}  // namespace

std::string host_name() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "unknown";
  return buf;
}

std::optional<std::string> process_start(pid_t pid) {
  if (pid <= 0) return std::nullopt;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return std::nullopt;
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields count from the last ')'.
  auto close = stat.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(close + 1));
  std::string state, field;
  fields >> state;
  if (state == "Z" || state == "X") return std::nullopt;  // ended; only its exit status is left
  for (int i = 4; i <= 22 && fields >> field; ++i)
    if (i == 22) return boot_id() + "." + field;  // field 22: starttime
  return std::nullopt;
}

ProcessIdentity this_process() {
  return ProcessIdentity{getpid(), host_name(), process_start(getpid()).value_or("")};
}

ProcessState process_state(const ProcessIdentity& p) {
  if (p.host != host_name()) return ProcessState::Unknown;
  auto start = process_start(static_cast<pid_t>(p.pid));
  return start && *start == p.start ? ProcessState::Running : ProcessState::Gone;
}

}  // namespace pacts
