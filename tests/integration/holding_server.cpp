#include "holding_server.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

namespace pacts::testing {

HoldingServer::HoldingServer() {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || listen(listen_fd_, 64) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw std::runtime_error("HoldingServer: cannot listen on 127.0.0.1");
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

HoldingServer::~HoldingServer() {
  stopping_ = true;
  shutdown(listen_fd_, SHUT_RDWR);
  acceptor_.join();
  close(listen_fd_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (int fd : connections_) shutdown(fd, SHUT_RDWR);  // wakes the held ones
  }
  for (auto& t : threads_) t.join();
  for (int fd : connections_) close(fd);
}

void HoldingServer::page(const std::string& path, const std::string& body, bool partial) {
  std::lock_guard<std::mutex> lock(mu_);
  pages_[path] = {body, partial};
}

void HoldingServer::pages_in_turn(const std::string& path, std::vector<std::string> bodies) {
  std::lock_guard<std::mutex> lock(mu_);
  in_turn_[path] = {std::move(bodies), 0};
}

int HoldingServer::served(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = in_turn_.find(path);
  return it == in_turn_.end() ? 0 : it->second.second;
}

std::string HoldingServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void HoldingServer::accept_loop() {
  while (!stopping_) {
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;  // shut down (stopping), or a connection that went away
    std::lock_guard<std::mutex> lock(mu_);
    connections_.push_back(fd);
    threads_.emplace_back([this, fd] { serve(fd); });
  }
}

void HoldingServer::serve(int fd) {
  std::string request;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    request.append(buf, static_cast<size_t>(n));
  }
  std::string path = request.substr(request.find(' ') + 1);
  path = path.substr(0, path.find(' '));
  std::pair<std::string, bool> page;
  bool known = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = pages_.find(path); it != pages_.end()) {
      page = it->second;
      known = true;
    } else if (auto turn = in_turn_.find(path); turn != in_turn_.end() && !turn->second.first.empty()) {
      auto& [bodies, served] = turn->second;
      page = {bodies[std::min<size_t>(static_cast<size_t>(served), bodies.size() - 1)], false};
      ++served;
      known = true;
    }
  }
  if (known) {
    std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                       std::to_string(page.first.size()) + "\r\nConnection: close\r\n\r\n";
    std::string out = head + (page.second ? page.first.substr(0, page.first.size() / 2) : page.first);
    send(fd, out.data(), out.size(), MSG_NOSIGNAL);
    if (!page.second) {
      shutdown(fd, SHUT_WR);
      return;
    }
  }
  // Held: nothing more is sent until the client gives up or the server is destroyed.
  ++held_;
  pollfd p{fd, POLLIN, 0};
  while (!stopping_) {
    ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) break;  // the client gave up
    poll(&p, 1, 100);
  }
  --held_;
}

}  // namespace pacts::testing
