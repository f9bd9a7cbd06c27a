#include "serve/http_server.h"

#include <map>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "core/error.h"

namespace pacts {

struct HttpServer::Impl {
  httplib::Server server;
  std::mutex api_mutex;
  std::thread thread;
};

namespace {

std::map<std::string, std::string> first_params(const httplib::Params& params) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : params) out.emplace(k, v);  // emplace keeps the first of a repeated parameter
  return out;
}

}  // namespace

HttpServer::HttpServer(Api& api, const std::string& bind, int port) : impl_(std::make_unique<Impl>()), bind_(bind) {
  auto handle = [this, &api](const httplib::Request& req, httplib::Response& res) {
    ApiResponse r;
    {
      std::lock_guard<std::mutex> lock(impl_->api_mutex);
      r = api.get(req.path, first_params(req.params));
    }
    res.status = r.status;
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-store");
    // The dashboard loads nothing from elsewhere; its one script and style are inline. A page's HTML (a DOM
    // snapshot) runs nothing and gets an origin of its own, so that its scripts never reach the API.
    res.set_header("Content-Security-Policy",
                   r.sandboxed ? "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
                               : "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self'");
    res.set_content(r.body, r.content_type.c_str());
  };
  impl_->server.Get(R"(/.*)", handle);
  impl_->server.set_keep_alive_max_count(100);
  impl_->server.new_task_queue = [] { return new httplib::ThreadPool(2); };
  port_ = port == 0 ? impl_->server.bind_to_any_port(bind_) : (impl_->server.bind_to_port(bind_, port) ? port : -1);
  if (port_ <= 0) throw_setup("pacts serve: cannot listen on " + bind_ + ":" + std::to_string(port));
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::stop() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string HttpServer::base_url() const {
  std::string host = bind_.find(':') != std::string::npos ? "[" + bind_ + "]" : bind_;
  return "http://" + host + ":" + std::to_string(port_) + "/";
}

}  // namespace pacts
