#pragma once
// Who a process is, in a form another process can check later: its pid, its host, and its start (the boot it
// runs in and its start time since boot, from /proc/<pid>/stat), which a later process that reuses the pid does
// not share. The store records it with a running test and the browser puts it in its profile folder's name, so
// that the next pacts can tell what a killed pacts left behind from what a live one is still using.
#include <sys/types.h>

#include <optional>
#include <string>

namespace pacts {

struct ProcessIdentity {
  int64_t pid = 0;
  std::string host;
  std::string start;  // "<boot id, 8 hex digits>.<start time in clock ticks>": letters, digits and '.'
};

enum class ProcessState {
  Running,  // the same process is still there
  Gone,     // it ended: no such pid here, a zombie, or the pid now belongs to another process
  Unknown,  // on another host: its processes cannot be seen from here
};

std::string host_name();  // "unknown" when the system will not say
ProcessIdentity this_process();
// The start of the process `pid` on this host, or nullopt when there is none (or only its zombie).
std::optional<std::string> process_start(pid_t pid);
ProcessState process_state(const ProcessIdentity& p);

}  // namespace pacts
