#include "serve/static_server.h"

#include <filesystem>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "core/error.h"

namespace pacts {

struct StaticServer::Impl {
  httplib::Server server;
  std::thread thread;
  std::string root;
};

StaticServer::StaticServer(const std::string& dir) : impl_(std::make_unique<Impl>()) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw_bad_input(fmt::format("--serve {}: not a folder", dir));
  impl_->root = fs::canonical(dir).string();
  auto& s = impl_->server;
  s.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
  s.set_file_extension_and_mimetype_mapping("htm", "text/html; charset=utf-8");
  s.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
  s.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
  s.set_file_extension_and_mimetype_mapping("svg", "image/svg+xml");
  s.set_file_extension_and_mimetype_mapping("json", "application/json");
  s.set_pre_routing_handler([root = impl_->root](const httplib::Request& req, httplib::Response& res) {
    if (!req.path.empty() && req.path.back() != '/' && req.path.find("..") == std::string::npos &&
        fs::is_directory(root + req.path)) {
      std::string to = req.path + "/";
      if (!req.params.empty()) {
        std::string q;
        for (const auto& [k, v] : req.params) q += (q.empty() ? "?" : "&") + httplib::detail::encode_query_param(k) + "=" + httplib::detail::encode_query_param(v);
        to += q;
      }
      res.set_redirect(to, 301);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  if (!s.set_mount_point("/", impl_->root)) throw_bad_input(fmt::format("--serve {}: cannot serve this folder", dir));
  port_ = s.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw_setup("--serve: cannot bind a port on 127.0.0.1");
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  // httplib's stop() does nothing until the server runs: wait for that, so the destructor cannot hang.
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!s.is_running() && std::chrono::steady_clock::now() < until) std::this_thread::yield();
}

StaticServer::~StaticServer() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string StaticServer::base_url() const { return fmt::format("http://127.0.0.1:{}/", port_); }

}  // namespace pacts
