#include "browser/browser.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

extern char** environ;

#include <filesystem>
#include <optional>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "browser/cdp.h"
#include "browser/chromium_args.h"
#include "browser/grid.h"
#include "browser/page.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "core/process.h"
#include "core/temp_dir.h"

namespace pacts {

using nlohmann::json;

namespace {

namespace fs = std::filesystem;

// A profile folder is named after the pacts that owns it, pacts-chromium-<pid>-XXXXXX, and holds that
// process's start (core/process.h) in a file, so that a later pacts can tell the folder of a killed one from
// that of a live one, also once the pid is reused. (The start is not in the name: Chromium's socket path under
// the folder must stay within 107 bytes.)
constexpr const char kProfilePrefix[] = "pacts-chromium-";
constexpr const char kOwnerFile[] = "owner";

// The owner named by a profile folder, or nullopt for a folder that is not one of ours.
std::optional<ProcessIdentity> profile_owner(const fs::path& folder) {
  std::string name = folder.filename().string();
  if (name.rfind(kProfilePrefix, 0) != 0) return std::nullopt;
  std::string rest = name.substr(sizeof kProfilePrefix - 1);
  auto dash = rest.find('-');
  if (dash == std::string::npos || rest.find('-', dash + 1) != std::string::npos) return std::nullopt;
  std::string pid = rest.substr(0, dash);
  if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  std::ifstream in(folder / kOwnerFile);
  std::string start;
  std::getline(in, start);
  return ProcessIdentity{std::stoll(pid), host_name(), start};
}

// Gone: its pid is free, or (when the folder says its start) taken by another process.
bool owner_gone(const ProcessIdentity& owner) {
  if (owner.start.empty()) return !process_start(static_cast<pid_t>(owner.pid));
  return process_state(owner) == ProcessState::Gone;
}

// Removes the profile folders (with the TMPDIR inside them) that a pacts killed outright could not remove.
// Only folders of this user whose owner is gone: a live pacts's browser keeps its profile.
void remove_stale_profiles() {
  std::error_code ec;
  fs::path tmp = fs::temp_directory_path(ec);
  if (ec) return;
  for (auto it = fs::directory_iterator(tmp, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    struct stat st {};
    if (lstat(it->path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid()) continue;
    auto owner = profile_owner(it->path());
    if (!owner || !owner_gone(*owner)) continue;
    std::error_code removing;
    fs::remove_all(it->path(), removing);
    if (!removing) spdlog::debug("removed the browser profile {} left by a pacts that is gone", it->path().string());
  }
}

}  // namespace

// A Chromium process we started: its own process group, a fresh profile, DevTools on fds 3 and 4.
class ChromiumProcess {
 public:
  explicit ChromiumProcess(const BrowserOptions& o) : profile_(kProfilePrefix + std::to_string(getpid())) {
    std::ofstream(profile_.path() + "/" + kOwnerFile) << this_process().start << "\n";
    remove_stale_profiles();
    if (access(o.executable.c_str(), X_OK) != 0)
      throw_setup(fmt::format("no browser at {} (install chromium, or set browser.executable)", o.executable));
    int to_browser[2], from_browser[2];
    if (pipe2(to_browser, O_CLOEXEC) != 0 || pipe2(from_browser, O_CLOEXEC) != 0)
      throw_setup("cannot create pipes for the browser");
    // Move every pipe end above 10 so that the child's dup2 onto 3 and 4 never collides with them.
    ChildFds fds;
    fds.in = above_ten(to_browser[0]);
    write_fd_ = above_ten(to_browser[1]);
    read_fd_ = above_ten(from_browser[0]);
    fds.out = above_ten(from_browser[1]);
    log_path_ = profile_.path() + "/chromium.log";
    // Every descriptor the child copies from lives above 10 too: a log file opened at fd 4 would otherwise be
    // replaced by the DevTools pipe, and the browser's stderr would corrupt the protocol stream.
    fds.log = above_ten(open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    fds.null = above_ten(open("/dev/null", O_RDONLY | O_CLOEXEC));
    spawn(arguments(o), environment(), fds);
    close(fds.in);
    close(fds.out);
    if (fds.log >= 0) close(fds.log);
    if (fds.null >= 0) close(fds.null);
  }

  ~ChromiumProcess() { stop(std::chrono::milliseconds(2000)); }

  int take_write_fd() { return std::exchange(write_fd_, -1); }
  int take_read_fd() { return std::exchange(read_fd_, -1); }
  pid_t pid() const { return pid_; }

  std::string log_tail() const {
    std::ifstream in(log_path_);
    std::stringstream buf;
    buf << in.rdbuf();
    std::string s = buf.str();
    return s.size() > 2000 ? s.substr(s.size() - 2000) : s;
  }

  // Waits up to `grace` for the browser to exit on its own (after Browser.close), then kills its whole group.
  void stop(std::chrono::milliseconds grace) {
    if (pid_ <= 0) return;
    if (write_fd_ >= 0) close(write_fd_);
    if (read_fd_ >= 0) close(read_fd_);
    bool exited = wait_exit(grace);
    kill(-pid_, SIGKILL);  // renderers and helpers left in the group
    if (!exited) waitpid(pid_, nullptr, 0);
    unregister_child_group(pid_);
    pid_ = 0;
  }

 private:
  // What the child gets on its standard descriptors and on 3 and 4 (the DevTools pipe).
  struct ChildFds {
    int in = -1, out = -1, log = -1, null = -1;
  };

  static int above_ten(int fd) {
    if (fd < 0) return fd;
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    close(fd);
    return moved;
  }

  std::vector<std::string> arguments(const BrowserOptions& o) const {
    std::vector<std::string> args = {o.executable};
    for (auto& a : common_chromium_args()) args.push_back(std::move(a));
    for (auto a : {std::string("--remote-debugging-pipe"),
                   fmt::format("--window-size={},{}", o.window_width, o.window_height),
                   "--user-data-dir=" + profile_.path() + "/profile", std::string("about:blank")})
      args.push_back(std::move(a));
    if (o.headless) args.insert(args.begin() + 1, "--headless");
    for (const auto& a : o.extra_args) args.insert(args.end() - 1, a);
    return args;
  }

  // Ours, with TMPDIR inside the profile folder: the browser's temporary files go with it.
  std::vector<std::string> environment() const {
    std::string tmp = profile_.path() + "/tmp";
    mkdir(tmp.c_str(), 0700);
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e)
      if (std::string(*e).rfind("TMPDIR=", 0) != 0) env.emplace_back(*e);
    env.push_back("TMPDIR=" + tmp);
    return env;
  }

  void spawn(std::vector<std::string> args, std::vector<std::string> env, const ChildFds& fds) {
    std::vector<char*> argv, envp;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) throw_setup("cannot start the browser: fork failed");
    if (pid == 0) {
      // Child: only async-signal-safe calls until exec.
      setpgid(0, 0);
      prctl(PR_SET_PDEATHSIG, SIGKILL);  // if pacts is killed outright, the browser goes too
      if (getppid() != parent) _exit(127);
      if (fds.null >= 0) dup2(fds.null, 0);
      if (fds.log >= 0) {
        dup2(fds.log, 1);
        dup2(fds.log, 2);
      }
      dup2(fds.in, 3);
      dup2(fds.out, 4);
      // Nothing else of ours goes to the browser: a descriptor without close-on-exec (a library's socket) would
      // outlive its closing here while the browser holds a copy.
      syscall(SYS_close_range, 5u, ~0u, 0u);
      execve(argv[0], argv.data(), envp.data());
      _exit(127);
    }
    setpgid(pid, pid);  // also from the parent, so the group exists before we register it
    pid_ = pid;
    register_child_group(pid_);
  }

  bool wait_exit(std::chrono::milliseconds grace) {
    int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
    if (pidfd >= 0) {
      pollfd p{pidfd, POLLIN, 0};
      poll(&p, 1, static_cast<int>(grace.count()));
      close(pidfd);
      return waitpid(pid_, nullptr, WNOHANG) == pid_;
    }
    // Kernels without pidfd: poll the child's status until the grace period ends.
    auto deadline = std::chrono::steady_clock::now() + grace;
    while (std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  TempDir profile_;
  std::string log_path_;
  pid_t pid_ = 0;
  int write_fd_ = -1;
  int read_fd_ = -1;
};

Browser::Browser(const BrowserOptions& options) : options_(options) {
  if (!options.grid_url.empty()) {
    GridOptions g;
    g.url = options.grid_url;
    g.chromium_binary = options.grid_chromium;
    g.headless = options.headless;
    g.window_width = options.window_width;
    g.window_height = options.window_height;
    g.connect_timeout = options.launch_timeout;
    g.session_timeout = options.grid_timeout;
    grid_ = std::make_unique<GridSession>(g);
    cdp_ = std::make_unique<CdpConnection>(make_websocket_transport(grid_->cdp_url(), options.launch_timeout));
  } else if (!options.ws_url.empty()) {
    cdp_ = std::make_unique<CdpConnection>(make_websocket_transport(options.ws_url, options.launch_timeout));
  } else {
    process_ = std::make_unique<ChromiumProcess>(options);
    int w = process_->take_write_fd();
    int r = process_->take_read_fd();
    cdp_ = std::make_unique<CdpConnection>(make_pipe_transport(w, r));
  }
  try {
    auto v = cdp_->call("Browser.getVersion", json::object(), "", options.launch_timeout);
    version_ = v.value("product", std::string("unknown"));
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted) throw;
    std::string log = process_ ? process_->log_tail() : std::string();
    throw_setup(fmt::format("the browser did not start: {}{}", e.what(), log.empty() ? "" : "\nits log ends with:\n" + log));
  }
}

Browser::~Browser() {
  if (process_) {
    try {
      cdp_->send("Browser.close", json::object());
    } catch (const std::exception&) {
      // already gone
    }
  }
  cdp_.reset();  // closes our ends of the pipes
  if (process_) process_->stop(std::chrono::milliseconds(3000));
}

pid_t Browser::pid() const { return process_ ? process_->pid() : 0; }

// A context and its target under construction: three commands, each sent when the one before answers.
struct Browser::Prepared {
  std::string context_id, target_id, session;
  bool done = false;   // attached, or failed
  std::string error;   // why it failed; the page is then made the ordinary way
};

void Browser::prepare_page() {
  if (prepared_) return;
  auto p = std::make_shared<Prepared>();
  prepared_ = p;
  CdpConnection& cdp = *cdp_;
  auto failed = [p](const json& reply) {
    if (!reply.contains("error")) return false;
    p->error = reply["error"].value("message", std::string("unknown error"));
    p->done = true;
    return true;
  };
  cdp.send_then("Target.createBrowserContext", {{"disposeOnDetach", true}}, "", [p, &cdp, failed](const json& r) {
    if (failed(r)) return;
    p->context_id = r["result"]["browserContextId"].get<std::string>();
    cdp.send_then("Target.createTarget", {{"url", "about:blank"}, {"browserContextId", p->context_id}}, "",
                  [p, &cdp, failed](const json& r) {
                    if (failed(r)) return;
                    p->target_id = r["result"]["targetId"].get<std::string>();
                    cdp.send_then("Target.attachToTarget", {{"targetId", p->target_id}, {"flatten", true}}, "",
                                  [p, failed](const json& r) {
                                    if (failed(r)) return;
                                    p->session = r["result"]["sessionId"].get<std::string>();
                                    p->done = true;
                                  });
                  });
  });
}

std::unique_ptr<Page> Browser::new_page() {
  // The page prepare_page() made, or one made now the same way; a prepared one that failed gets one more try.
  std::shared_ptr<Prepared> p;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!prepared_) prepare_page();
    p = std::exchange(prepared_, nullptr);
    cdp_->pump_until([&] { return p->done; }, std::chrono::steady_clock::now() + std::chrono::seconds(30));
    if (p->done && p->error.empty()) break;
    spdlog::debug("a new page could not be made ({})", p->done ? p->error : "no answer");
    if (!p->context_id.empty()) cdp_->send("Target.disposeBrowserContext", {{"browserContextId", p->context_id}});
  }
  if (!p->done || !p->error.empty())
    throw Error(ErrorKind::Browser,
                fmt::format("the browser could not open a page: {}", p->done ? p->error : "no answer within 30 s"));
  const std::string context_id = p->context_id, target_id = p->target_id, session = p->session;
  try {
    return std::make_unique<Page>(*cdp_, session, target_id, context_id, true);
  } catch (...) {
    try {
      cdp_->call("Target.closeTarget", {{"targetId", target_id}});
      cdp_->call("Target.disposeBrowserContext", {{"browserContextId", context_id}});
    } catch (const std::exception&) {
      // the browser is going: nothing left to close
    }
    throw;
  }
}

}  // namespace pacts
