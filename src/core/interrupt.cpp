#include "core/interrupt.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>

#include "core/error.h"

namespace pacts {

namespace {

constexpr int kMaxGroups = 16;
std::atomic<pid_t> g_groups[kMaxGroups];
std::atomic<int> g_signal{0};
int g_wake[2] = {-1, -1};  // a pipe the handler writes to, so that a wait can end at once

void on_signal(int sig) {
  if (g_signal.exchange(sig) != 0) _exit(128 + sig);  // second signal: stop now
  if (g_wake[1] >= 0) {
    ssize_t ignored = write(g_wake[1], "!", 1);
    (void)ignored;
  }
  for (auto& g : g_groups) {
    pid_t pgid = g.load();
    if (pgid > 0) kill(-pgid, SIGKILL);
  }
}

}  // namespace

void install_signal_handlers() {
  if (g_wake[0] < 0 && pipe2(g_wake, O_CLOEXEC | O_NONBLOCK) != 0) g_wake[0] = g_wake[1] = -1;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: blocked reads return EINTR and see the signal
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a dead browser's pipe is an error value, not a signal
}

bool interrupted() { return g_signal.load() != 0; }
int interrupt_signal() { return g_signal.load(); }

void throw_if_interrupted() {
  if (int sig = g_signal.load())
    throw Error(ErrorKind::Interrupted, sig == SIGINT ? "interrupted (Ctrl-C)" : "stopped by a signal");
}

bool wait_for_interrupt(int64_t ms) {
  if (interrupted()) return true;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return interrupted();
    pollfd p{g_wake[0], POLLIN, 0};
    poll(&p, g_wake[0] >= 0 ? 1 : 0, static_cast<int>(std::min<int64_t>(left.count(), 1000)));
    if (interrupted()) return true;
  }
}

void register_child_group(pid_t pgid) {
  for (auto& g : g_groups) {
    pid_t empty = 0;
    if (g.compare_exchange_strong(empty, pgid)) return;
  }
}

void unregister_child_group(pid_t pgid) {
  for (auto& g : g_groups) {
    pid_t expected = pgid;
    g.compare_exchange_strong(expected, 0);
  }
}

}  // namespace pacts
