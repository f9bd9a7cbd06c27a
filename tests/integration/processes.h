#pragma once
// Tests that run the pacts executable as a process: start it (with its own environment), wait for it, and look
// at what it left running.
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace pacts::testing {

// Starts args[0] with args, stdout and stderr to `log`, and this process's environment plus `env`.
pid_t spawn(const std::vector<std::string>& args, const std::string& log,
            const std::map<std::string, std::string>& env = {});
// Waits for pid; its exit code, or 128 + the signal that ended it.
int wait_exit(pid_t pid);
// Processes (not zombies) whose command line mentions `needle` (our browsers carry their profile path in theirs).
int processes_with(const std::string& needle);
// Polls cond every 50 ms until it holds or `limit` passes (a test waiting on another process); returns cond().
bool eventually(const std::function<bool()>& cond, std::chrono::milliseconds limit);
std::string file_text(const std::string& path);

// What a process wrote to the terminal it ran in: args[0] started on a new pseudo-terminal of `columns` columns
// (stdin, stdout and stderr all on it, as in a person's shell), with this process's environment plus `env`;
// read until it exits. exit_code gets its code (or 128 + the signal).
std::string run_in_terminal(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                            int& exit_code, int columns = 120);

// A headless Chromium with a DevTools port on loopback (as a browser already running elsewhere would be),
// killed with its process group when the object goes away. ws_url: its browser websocket, for --browser-ws.
class DebuggableChromium {
 public:
  explicit DebuggableChromium(const std::string& profile_dir);
  ~DebuggableChromium();
  DebuggableChromium(const DebuggableChromium&) = delete;
  DebuggableChromium& operator=(const DebuggableChromium&) = delete;
  std::string ws_url;

 private:
  pid_t pid_ = 0;
};

}  // namespace pacts::testing
