#pragma once
// A misbehaving HTTP server on 127.0.0.1 (port 0) for the faults a real server library will
// not produce on demand: a stall, a trickle, an endless body, a reset, huge headers. Each
// connection runs `behave(connection, request)` in its own thread; the behaviour writes raw
// bytes and waits through FaultServer::Connection, whose waits end as soon as the client
// hangs up or the server stops, so a test never waits for a behaviour to finish.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace feedarchiver::testing {

class FaultServer {
 public:
  class Connection {
   public:
    Connection(int fd, const std::atomic<bool>& stop) : fd_(fd), stop_(stop) {}
    /// Sends every byte; false once the client is gone or the server stops.
    bool send(std::string_view bytes) {
      while (!bytes.empty()) {
        if (stop_) return false;
        const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(sent));
      }
      return true;
    }
    /// Waits `duration`; false when the client hung up or the server stops meanwhile.
    bool wait(std::chrono::milliseconds duration) {
      const auto until = std::chrono::steady_clock::now() + duration;
      while (!stop_ && std::chrono::steady_clock::now() < until) {
        pollfd entry{fd_, POLLIN, 0};
        if (poll(&entry, 1, 10) > 0) {
          char byte = 0;
          if (recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) <= 0) return false;  // hung up
          std::this_thread::sleep_for(std::chrono::milliseconds(10));  // more bytes: not ours
        }
      }
      return !stop_;
    }
    /// Closes with a TCP reset instead of an orderly close.
    void reset() {
      linger hard{1, 0};
      setsockopt(fd_, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    }

   private:
    int fd_;
    const std::atomic<bool>& stop_;
  };

  /// The path of a request head ("GET /path HTTP/1.1..." gives "/path").
  static std::string path_of(const std::string& request) {
    const std::size_t start = request.find(' ');
    if (start == std::string::npos) return {};
    const std::size_t end = request.find(' ', start + 1);
    return request.substr(start + 1, end == std::string::npos ? end : end - start - 1);
  }

  /// `request` is the request head as received (request line and headers).
  using Behaviour = std::function<void(Connection& connection, const std::string& request)>;

  explicit FaultServer(Behaviour behave) : behave_(std::move(behave)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        listen(listener_, 64) != 0 ||
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~FaultServer() {
    stop_ = true;
    if (acceptor_.joinable()) acceptor_.join();
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::thread& worker : workers_) worker.join();
    if (listener_ >= 0) close(listener_);
  }
  FaultServer(const FaultServer&) = delete;
  FaultServer& operator=(const FaultServer&) = delete;

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int connections() const { return connections_; }

 private:
  void accept_loop() {
    while (!stop_) {
      pollfd entry{listener_, POLLIN, 0};
      if (poll(&entry, 1, 10) <= 0) continue;
      const int client = accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      ++connections_;
      std::lock_guard<std::mutex> lock(mutex_);
      workers_.emplace_back([this, client] { serve(client); });
    }
  }

  void serve(int client) {
    std::string request;
    char buffer[4096];
    while (!stop_ && request.find("\r\n\r\n") == std::string::npos) {
      pollfd entry{client, POLLIN, 0};
      if (poll(&entry, 1, 10) <= 0) continue;
      const ssize_t got = recv(client, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      request.append(buffer, static_cast<std::size_t>(got));
    }
    if (!stop_) {
      Connection connection(client, stop_);
      behave_(connection, request.substr(0, request.find("\r\n\r\n")));
    }
    close(client);
  }

  Behaviour behave_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::list<std::thread> workers_;
  std::thread acceptor_;
};

}  // namespace feedarchiver::testing
