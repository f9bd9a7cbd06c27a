#pragma once
// A loopback HTTP server for tests of deadlines: it answers the paths it is given with their bodies and holds
// every other request open, unanswered, until it is destroyed (a script, a stylesheet or a document that never
// comes). Paths given with `partial` get their headers and half their body, then are held too. Paths given with
// pages_in_turn answer each request with the next body of their list, the last one from then on: a page that
// behaves differently the first time (a flaky test's page), counted on the server, whatever the browser keeps.
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pacts::testing {

class HoldingServer {
 public:
  HoldingServer();
  ~HoldingServer();
  HoldingServer(const HoldingServer&) = delete;
  HoldingServer& operator=(const HoldingServer&) = delete;

  // Serves `body` (text/html) at `path`; partial: the headers and the first half of the body, then nothing.
  void page(const std::string& path, const std::string& body, bool partial = false);
  // Serves bodies[0] to the first request of `path`, bodies[1] to the second, ..., the last to every later one.
  void pages_in_turn(const std::string& path, std::vector<std::string> bodies);
  int served(const std::string& path);  // requests of a pages_in_turn path answered so far
  std::string url(const std::string& path) const;
  int held() const { return held_; }  // requests being held right now

 private:
  void accept_loop();
  void serve(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> held_{0};
  std::mutex mu_;
  std::map<std::string, std::pair<std::string, bool>> pages_;
  std::map<std::string, std::pair<std::vector<std::string>, int>> in_turn_;  // bodies, requests served
  std::vector<int> connections_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace pacts::testing
