#pragma once
// A DevTools message channel: whole JSON messages in and out. Implementations: a pipe to a browser we
// launched (--remote-debugging-pipe) and a websocket to a browser that is already running.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace pacts {

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends one message. Throws Error(BrowserLost) when the browser is gone.
  virtual void send(const std::string& message) = 0;
  // The next message, or nullopt when none arrives within `timeout`. Throws Error(BrowserLost) when the browser
  // closed the channel, Error(Interrupted) after Ctrl-C/SIGTERM.
  virtual std::optional<std::string> receive(std::chrono::milliseconds timeout) = 0;
};

// fds: we write `write_fd` (the browser's fd 3) and read `read_fd` (its fd 4); the transport owns both.
std::unique_ptr<Transport> make_pipe_transport(int write_fd, int read_fd);
// ws://host:port/devtools/browser/<id>; throws Error(Setup) when it cannot connect.
std::unique_ptr<Transport> make_websocket_transport(const std::string& url, std::chrono::milliseconds timeout);

}  // namespace pacts
