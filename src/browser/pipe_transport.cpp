#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include <fmt/format.h>

#include "browser/transport.h"
#include "core/error.h"
#include "core/interrupt.h"

namespace pacts {

namespace {

// Chromium's --remote-debugging-pipe framing: each message is JSON followed by a NUL byte.
class PipeTransport : public Transport {
 public:
  PipeTransport(int write_fd, int read_fd) : write_fd_(write_fd), read_fd_(read_fd) {}
  ~PipeTransport() override {
    close(write_fd_);
    close(read_fd_);
  }

  void send(const std::string& message) override {
    std::string framed = message;
    framed.push_back('\0');
    size_t off = 0;
    while (off < framed.size()) {
      ssize_t n = write(write_fd_, framed.data() + off, framed.size() - off);
      if (n < 0) {
        if (errno == EINTR) {
          throw_if_interrupted();
          continue;
        }
        throw_if_interrupted();
        throw Error(ErrorKind::BrowserLost, fmt::format("the browser closed its pipe ({})", strerror(errno)));
      }
      off += static_cast<size_t>(n);
    }
  }

  std::optional<std::string> receive(std::chrono::milliseconds timeout) override {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (auto nul = buffer_.find('\0', scanned_); nul != std::string::npos) {
        std::string msg = buffer_.substr(0, nul);
        buffer_.erase(0, nul + 1);
        scanned_ = 0;
        return msg;
      }
      scanned_ = buffer_.size();
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() < 0) return std::nullopt;
      pollfd p{read_fd_, POLLIN, 0};
      int r = poll(&p, 1, static_cast<int>(left.count()));
      if (r < 0) {
        if (errno == EINTR) {
          throw_if_interrupted();
          continue;
        }
        throw Error(ErrorKind::Browser, fmt::format("poll on the browser pipe failed: {}", strerror(errno)));
      }
      if (r == 0) return std::nullopt;
      char chunk[65536];
      ssize_t n = read(read_fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) {
        throw_if_interrupted();
        continue;
      }
      if (n <= 0) {
        throw_if_interrupted();
        throw Error(ErrorKind::BrowserLost, "the browser closed the DevTools pipe (it exited or crashed)");
      }
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  int write_fd_;
  int read_fd_;
  std::string buffer_;
  size_t scanned_ = 0;  // bytes of buffer_ already searched for a NUL
};

}  // namespace

std::unique_ptr<Transport> make_pipe_transport(int write_fd, int read_fd) {
  return std::make_unique<PipeTransport>(write_fd, read_fd);
}

}  // namespace pacts
