#pragma once
// Serves a folder over HTTP on a free loopback port for the length of a run (`pacts run --serve DIR`), so
// that requirement files can use relative URLs. GET and HEAD; HTML, scripts and styles are sent as UTF-8; a
// folder without its trailing slash is redirected to it, as web servers do. Binds 127.0.0.1 only. The only
// translation unit of the serve module with Boost.Beast.
//
// Only what lies inside the folder is served: a path that leaves it once symlinks are resolved (a link to
// /etc/passwd inside the folder) is answered 403 (serve/files.h). Connections are served asynchronously on one
// thread, so that idle ones cannot hold up a browser's requests; a connection whose request has not fully
// arrived within idle_timeout (one that sends nothing, or stops half-way) is closed.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace pacts {

class StaticServer {
 public:
  using Millis = std::chrono::milliseconds;

  // Throws Error(BadInput) when dir is not a folder, Error(Setup) when no port can be bound.
  explicit StaticServer(const std::string& dir, Millis idle_timeout = Millis(2000));
  // Folders laid over one another: a path is served from the first that has it (serve/files.h).
  explicit StaticServer(const std::vector<std::string>& dirs, Millis idle_timeout = Millis(2000));
  ~StaticServer();
  StaticServer(const StaticServer&) = delete;
  StaticServer& operator=(const StaticServer&) = delete;

  std::string base_url() const;  // "http://127.0.0.1:PORT/"
  int port() const { return port_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace pacts
