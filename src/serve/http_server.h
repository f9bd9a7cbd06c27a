#pragma once
// `pacts serve`: the JSON API, /metrics and the dashboard (serve/api.h) over HTTP, with cpp-httplib (the only
// translation unit that includes it). GET only; one request at a time reaches the Api (a mutex), so the
// store's connection is used from one thread. Binds 127.0.0.1 unless told otherwise.
#include <memory>
#include <string>

#include "serve/api.h"

namespace pacts {

class HttpServer {
 public:
  // port 0: a free port. Throws Error(Setup) when the address cannot be bound.
  HttpServer(Api& api, const std::string& bind, int port);
  ~HttpServer();  // stops and joins
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string bind_;
  int port_ = 0;
};

}  // namespace pacts
