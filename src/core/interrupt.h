#pragma once
// Ctrl-C and SIGTERM. The handler kills every registered child process group at once (so a browser never
// outlives pacts, and a blocked read on its pipe returns), then records the signal; the code that was
// waiting sees the broken connection, checks interrupted(), and unwinds normally so that RAII removes temp
// profiles and records what ran. A second signal exits immediately.
#include <sys/types.h>

#include <cstdint>

namespace pacts {

void install_signal_handlers();
bool interrupted();
int interrupt_signal();  // 0 when none
// Throws Error(Interrupted) when a signal arrived.
void throw_if_interrupted();
// Waits until a signal arrives or `ms` have passed, whichever comes first; true when a signal arrived (or had
// arrived before). Needs install_signal_handlers().
bool wait_for_interrupt(int64_t ms);

// Process groups that must die with pacts (browsers we launched). Async-signal-safe to use from the handler.
void register_child_group(pid_t pgid);
void unregister_child_group(pid_t pgid);

}  // namespace pacts
