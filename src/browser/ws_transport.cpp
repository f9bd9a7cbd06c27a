// DevTools over a websocket, for a browser that is already running (--browser-ws). The browser module's only
// translation unit with Boost.Beast. All socket work happens on one I/O thread; callers exchange whole messages
// with it through a queue.
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>

#include "browser/transport.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "core/url.h"

namespace pacts {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

class WebSocketTransport : public Transport {
 public:
  WebSocketTransport(const std::string& url, std::chrono::milliseconds timeout)
      : work_(net::make_work_guard(ioc_)), resolver_(ioc_), ws_(ioc_) {
    auto u = parse_url(url);
    if (!u || (u->scheme != "ws" && u->scheme != "wss"))
      throw_bad_input(fmt::format("--browser-ws wants ws://host:port/devtools/browser/<id>, got '{}'", url));
    if (u->scheme == "wss") throw_bad_input("--browser-ws: wss:// is not supported; use ws:// on a trusted network");
    host_ = u->host;
    port_ = u->port.empty() ? "80" : u->port;
    target_ = u->path + (u->query.empty() ? "" : "?" + u->query);

    std::promise<std::string> connected;
    auto result = connected.get_future();
    resolver_.async_resolve(host_, port_, [this, &connected](beast::error_code ec, tcp::resolver::results_type r) {
      if (ec) return connected.set_value("cannot resolve " + host_ + ": " + ec.message());
      beast::get_lowest_layer(ws_).async_connect(r, [this, &connected](beast::error_code ec, const tcp::endpoint&) {
        if (ec) return connected.set_value("cannot connect: " + ec.message());
        beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true));
        ws_.read_message_max(256 * 1024 * 1024);
        ws_.async_handshake(host_ + ":" + port_, target_, [&connected](beast::error_code ec) {
          connected.set_value(ec ? "websocket handshake failed: " + ec.message() : std::string());
        });
      });
    });
    io_ = std::thread([this] { ioc_.run(); });
    if (result.wait_for(timeout) != std::future_status::ready) {
      shutdown();
      throw_setup(fmt::format("cannot reach the browser at {} within {} ms", url, timeout.count()));
    }
    if (auto err = result.get(); !err.empty()) {
      shutdown();
      throw_setup(fmt::format("cannot reach the browser at {}: {}", url, err));
    }
    net::post(ioc_, [this] { read_next(); });
  }

  ~WebSocketTransport() override { shutdown(); }

  void send(const std::string& message) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (closed_) throw Error(ErrorKind::BrowserLost, "the browser closed the websocket: " + close_reason_);
    }
    net::post(ioc_, [this, message] {
      outgoing_.push_back(message);
      if (outgoing_.size() == 1) write_next();
    });
  }

  std::optional<std::string> receive(std::chrono::milliseconds timeout) override {
    std::unique_lock<std::mutex> lock(mu_);
    // In slices, so that Ctrl-C (which nobody notifies on this condition) is seen within 100 ms.
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (incoming_.empty() && !closed_ && !interrupted() && std::chrono::steady_clock::now() < deadline)
      cv_.wait_until(lock, std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(100)));
    throw_if_interrupted();
    if (!incoming_.empty()) {
      std::string msg = std::move(incoming_.front());
      incoming_.pop_front();
      return msg;
    }
    if (closed_) throw Error(ErrorKind::BrowserLost, "the browser closed the websocket: " + close_reason_);
    return std::nullopt;
  }

 private:
  void read_next() {
    ws_.async_read(read_buf_, [this](beast::error_code ec, std::size_t) {
      std::lock_guard<std::mutex> lock(mu_);
      if (ec) {
        closed_ = true;
        close_reason_ = ec.message();
        cv_.notify_all();
        return;
      }
      incoming_.push_back(beast::buffers_to_string(read_buf_.data()));
      read_buf_.consume(read_buf_.size());
      cv_.notify_all();
      net::post(ioc_, [this] { read_next(); });
    });
  }

  void write_next() {
    ws_.text(true);
    ws_.async_write(net::buffer(outgoing_.front()), [this](beast::error_code ec, std::size_t) {
      if (ec) {
        std::lock_guard<std::mutex> lock(mu_);
        closed_ = true;
        close_reason_ = ec.message();
        cv_.notify_all();
        return;
      }
      outgoing_.pop_front();
      if (!outgoing_.empty()) write_next();
    });
  }

  void shutdown() {
    if (stopped_) return;
    stopped_ = true;
    net::post(ioc_, [this] {
      beast::error_code ec;
      beast::get_lowest_layer(ws_).socket().close(ec);
    });
    work_.reset();
    ioc_.stop();
    if (io_.joinable()) io_.join();
  }

  net::io_context ioc_;
  // Keeps the I/O thread running between operations (it would return as soon as it ran out of work).
  net::executor_work_guard<net::io_context::executor_type> work_;
  tcp::resolver resolver_;
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer read_buf_;
  std::deque<std::string> outgoing_;  // touched only on the I/O thread
  std::thread io_;
  std::string host_, port_, target_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> incoming_;
  bool closed_ = false;
  std::string close_reason_;
  bool stopped_ = false;
};

}  // namespace

std::unique_ptr<Transport> make_websocket_transport(const std::string& url, std::chrono::milliseconds timeout) {
  return std::make_unique<WebSocketTransport>(url, timeout);
}

}  // namespace pacts
