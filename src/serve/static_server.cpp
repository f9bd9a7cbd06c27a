// The static server on Boost.Beast, asynchronous on one I/O thread: a connection that sends nothing costs a
// socket and a timer, never a thread that a browser's request would wait for.
#include "serve/static_server.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include "core/error.h"
#include "serve/files.h"

namespace pacts {

namespace {

namespace fs = std::filesystem;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

constexpr auto kWriteTimeout = std::chrono::seconds(30);  // a browser reading a large file slowly
constexpr size_t kMaxRequestBytes = 64 * 1024;           // a GET needs no more; anything larger is refused

struct Site {
  std::vector<std::string> roots;  // canonical; the first that has a path serves it
  std::chrono::milliseconds idle_timeout;
};

// One connection: read a request (all of it within the idle timeout), answer it, and again while the browser
// keeps the connection alive. Owned by the handlers it has pending.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, const Site& site) : stream_(std::move(socket)), site_(site) {}

  void read() {
    parser_.emplace();
    parser_->body_limit(kMaxRequestBytes);
    parser_->header_limit(kMaxRequestBytes);
    stream_.expires_after(site_.idle_timeout);
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->close();  // idle past the timeout, closed by the browser, or not HTTP
      self->answer(self->parser_->release());
    });
  }

 private:
  void answer(const http::request<http::string_body>& req) {
    if (req.method() != http::verb::get && req.method() != http::verb::head)
      return send(text(req, http::status::method_not_allowed, "only GET and HEAD\n"));
    auto served = resolve_request(site_.roots, std::string(req.target()));
    switch (served.kind) {
      case ServedPath::Kind::File: return send_file(req, served.file);
      case ServedPath::Kind::Redirect: {
        auto res = text(req, http::status::moved_permanently, "");
        res.set(http::field::location, served.location);
        return send(std::move(res));
      }
      case ServedPath::Kind::Forbidden: return send(text(req, http::status::forbidden, "outside the served folder\n"));
      case ServedPath::Kind::BadRequest: return send(text(req, http::status::bad_request, "bad path\n"));
      case ServedPath::Kind::NotFound: break;
    }
    send(text(req, http::status::not_found, "not found\n"));
  }

  static http::response<http::string_body> text(const http::request<http::string_body>& req, http::status status,
                                                const std::string& body) {
    http::response<http::string_body> res{status, req.version()};
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.keep_alive(req.keep_alive());
    res.body() = req.method() == http::verb::head ? "" : body;
    res.prepare_payload();
    return res;
  }

  void send_file(const http::request<http::string_body>& req, const std::string& path) {
    beast::error_code ec;
    http::file_body::value_type body;
    body.open(path.c_str(), beast::file_mode::scan, ec);
    if (ec) return send(text(req, http::status::not_found, "not found\n"));
    auto size = body.size();
    if (req.method() == http::verb::head) {
      http::response<http::empty_body> res{http::status::ok, req.version()};
      res.set(http::field::content_type, content_type(path));
      res.content_length(size);
      res.keep_alive(req.keep_alive());
      return send(std::move(res));
    }
    http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                        std::make_tuple(http::status::ok, req.version())};
    res.set(http::field::content_type, content_type(path));
    res.content_length(size);
    res.keep_alive(req.keep_alive());
    send(std::move(res));
  }

  template <typename Body>
  void send(http::response<Body>&& response) {
    auto res = std::make_shared<http::response<Body>>(std::move(response));
    stream_.expires_after(kWriteTimeout);
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, size_t) {
      if (ec || res->need_eof()) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  const Site& site_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

struct StaticServer::Impl {
  net::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  Site site;
  std::thread thread;

  // Accepts with accept4(SOCK_CLOEXEC) rather than Asio's accept, whose sockets a child process inherits: a
  // process started meanwhile (the browser, a script) would hold a copy of a browser's keep-alive connection,
  // so that closing it here sends no FIN, and the browser's next request on it waits for an answer forever.
  void accept() {
    acceptor.async_wait(tcp::acceptor::wait_read, [this](beast::error_code ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;  // stopping
      int fd = ec ? -1 : ::accept4(acceptor.native_handle(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (fd >= 0) {
        tcp::socket socket(ioc);
        beast::error_code assigned;
        socket.assign(tcp::v4(), fd, assigned);
        if (assigned) ::close(fd);
        else std::make_shared<Connection>(std::move(socket), site)->read();
      }
      accept();  // a failed accept (too many open files, a connection reset before it) costs that connection only
    });
  }
};

StaticServer::StaticServer(const std::string& dir, Millis idle_timeout)
    : StaticServer(std::vector<std::string>{dir}, idle_timeout) {}

StaticServer::StaticServer(const std::vector<std::string>& dirs, Millis idle_timeout) : impl_(std::make_unique<Impl>()) {
  impl_->site.idle_timeout = idle_timeout;
  for (const auto& dir : dirs) {
    if (!fs::is_directory(dir)) throw_bad_input(fmt::format("--serve {}: not a folder", dir));
    impl_->site.roots.push_back(fs::canonical(dir).string());
  }
  try {
    tcp::endpoint loopback{net::ip::address_v4::loopback(), 0};
    // Close-on-exec from its creation, for the reason accept() gives.
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "socket");
    beast::error_code assigned;
    impl_->acceptor.assign(loopback.protocol(), fd, assigned);
    if (assigned) {
      ::close(fd);
      throw beast::system_error(assigned);
    }
    impl_->acceptor.bind(loopback);
    impl_->acceptor.listen(net::socket_base::max_listen_connections);
    port_ = impl_->acceptor.local_endpoint().port();
  } catch (const std::exception& e) {
    throw_setup(fmt::format("--serve: cannot bind a port on 127.0.0.1: {}", e.what()));
  }
  impl_->accept();
  impl_->thread = std::thread([this] {
    for (;;) {
      try {
        impl_->ioc.run();
        return;
      } catch (const std::exception&) {
        // one connection's failure (out of memory reading a file): it is dropped, the server goes on
      }
    }
  });
}

StaticServer::~StaticServer() {
  net::post(impl_->ioc, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  impl_->ioc.stop();  // pending connections are dropped with the io_context
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string StaticServer::base_url() const { return fmt::format("http://127.0.0.1:{}/", port_); }

}  // namespace pacts
