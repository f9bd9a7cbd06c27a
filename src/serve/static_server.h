#pragma once
// Serves a folder over HTTP on a free loopback port for the length of a run (`pacts run --serve DIR`), so
// that requirement files can use relative URLs. HTML is sent as UTF-8; a folder without its trailing slash is
// redirected to it, as web servers do. Binds 127.0.0.1 only. The only translation unit with cpp-httplib.
#include <memory>
#include <string>

namespace pacts {

class StaticServer {
 public:
  // Throws Error(BadInput) when dir is not a folder, Error(Setup) when no port can be bound.
  explicit StaticServer(const std::string& dir);
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
