#include "run/manual_step.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include <fmt/format.h>

#include "browser/poll.h"
#include "core/interrupt.h"
#include "run/observer.h"

namespace pacts {

namespace fs = std::filesystem;

namespace {

// An inotify watch on the signal's folder, closed with the object.
class FolderWatch {
 public:
  explicit FolderWatch(const std::string& dir) : fd_(inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) {
    if (fd_ >= 0) inotify_add_watch(fd_, dir.c_str(), IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE);
  }
  ~FolderWatch() {
    if (fd_ >= 0) close(fd_);
  }
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// True when the person signalled (the file appeared, or Enter), false at the deadline.
bool wait_for_person(const fs::path& signal, bool tty, Deadline deadline) {
  std::error_code ec;
  std::string dir = signal.parent_path().empty() ? "." : signal.parent_path().string();
  FolderWatch watch(dir);
  for (;;) {
    if (fs::exists(signal, ec)) {
      fs::remove(signal, ec);
      return true;
    }
    Millis left = left_until(deadline);
    if (left.count() == 0) return false;
    pollfd fds[2];
    int n = 0;
    if (watch.fd() >= 0) fds[n++] = {watch.fd(), POLLIN, 0};
    if (tty) fds[n++] = {STDIN_FILENO, POLLIN, 0};
    int rc = poll(fds, static_cast<nfds_t>(n), static_cast<int>(left.count()));
    throw_if_interrupted();
    if (rc <= 0) continue;
    for (int i = 0; i < n; ++i) {
      if (!(fds[i].revents & POLLIN)) continue;
      char buf[4096];
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      (void)got;
      if (fds[i].fd == STDIN_FILENO) return true;
    }
  }
}

}  // namespace

StepError run_manual_step(const Step& step, const ExecutorOptions& options, RunObserver& observer) {
  const std::string what = step.value ? step.value->masked() : step.sentence;
  if (options.ci)
    return fail(FailureReason::ManualStep,
                fmt::format("a manual step cannot run in CI: \"{}\". Run it on a workstation, or leave it out of CI suites.",
                            what));
  fs::path signal = options.run.manual_signal_file;
  std::error_code ec;
  fs::create_directories(signal.parent_path().empty() ? fs::path(".") : signal.parent_path(), ec);
  Millis limit(step.timeout_ms.value_or(options.run.manual_timeout_ms));
  bool tty = isatty(STDIN_FILENO) == 1;
  observer.warning(fmt::format("MANUAL STEP: {}\n  complete it in the browser, then create {}{} (waiting up to {} s)",
                               what, signal.string(), tty ? " or press Enter here" : "", limit.count() / 1000));
  if (!wait_for_person(signal, tty, std::chrono::steady_clock::now() + limit))
    return fail(FailureReason::Timeout, fmt::format("nobody completed the manual step within {} s", limit.count() / 1000));
  return std::nullopt;
}

}  // namespace pacts
