// Fetching through a proxy: --proxy (FetchLimits::proxy), the *_proxy environment variables,
// no_proxy, and socks5h (the host name goes to the proxy, never to our resolver). The proxies
// are tiny loopback servers written here: they record what they were asked and answer with a
// feed themselves, so a success proves the request went through them.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "feedarchiver/fetch/curl_fetcher.hpp"
#include "fetch/loopback_request.hpp"
#include "support/loopback_server.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::fetch {
namespace {

constexpr const char* kFeed =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Proxied</title>"
    "<item><title>Through the proxy</title><link>http://feeds.example.invalid/a</link>"
    "<guid>a</guid><pubDate>Mon, 06 Nov 2023 10:00:00 GMT</pubDate></item></channel></rss>";

std::string http_response(const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

// A loopback listener answering each connection in `serve_one` (on its own thread).
class TinyServer {
 public:
  TinyServer() {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        listen(listener_, 16) == 0 &&
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      port_ = ntohs(address.sin_port);
    }
  }
  virtual ~TinyServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (listener_ >= 0) close(listener_);
  }
  TinyServer(const TinyServer&) = delete;
  TinyServer& operator=(const TinyServer&) = delete;

  int port() const { return port_; }
  std::string seen() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }

 protected:
  void start() {
    thread_ = std::thread([this] {
      while (wait_readable(listener_)) {
        const int client = accept(listener_, nullptr, nullptr);
        if (client < 0) continue;
        serve_one(client);
        close(client);
      }
    });
  }
  virtual void serve_one(int client) = 0;

  bool wait_readable(int fd) const {
    while (!stop_) {
      pollfd entry{fd, POLLIN, 0};
      if (poll(&entry, 1, 20) > 0) return true;
    }
    return false;
  }
  // Reads until `enough` says the bytes so far are a whole message.
  template <typename Enough>
  std::string read_until(int fd, Enough enough) const {
    std::string data;
    char buffer[4096];
    while (!enough(data) && wait_readable(fd)) {
      const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      data.append(buffer, static_cast<std::size_t>(got));
    }
    return data;
  }
  void record(const std::string& what) {
    std::lock_guard lock(mutex_);
    seen_ += what;
  }

 private:
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mutex_;
  std::string seen_;
};

// An HTTP proxy that records each request head and answers with the feed itself.
class RecordingHttpProxy final : public TinyServer {
 public:
  RecordingHttpProxy() { start(); }

 private:
  void serve_one(int client) override {
    record(read_until(client, [](const std::string& data) {
      return data.find("\r\n\r\n") != std::string::npos;
    }));
    const std::string response = http_response(kFeed);
    (void)send(client, response.data(), response.size(), MSG_NOSIGNAL);
  }
};

// A SOCKS5 proxy (no authentication) that records the address it is asked to connect to,
// then plays the HTTP server on the same connection.
class RecordingSocks5Proxy final : public TinyServer {
 public:
  RecordingSocks5Proxy() { start(); }

 private:
  void serve_one(int client) override {
    const std::string greeting = read_until(client, [](const std::string& data) {
      return data.size() >= 2 && data.size() >= 2u + static_cast<unsigned char>(data[1]);
    });
    if (greeting.size() < 2 || greeting[0] != 5) return;
    (void)send(client, "\x05\x00", 2, MSG_NOSIGNAL);
    const std::string request = read_until(client, [](const std::string& data) {
      if (data.size() < 5) return false;
      if (data[3] == 3) return data.size() >= 7u + static_cast<unsigned char>(data[4]);
      return data.size() >= (data[3] == 1 ? 10u : 22u);
    });
    if (request.size() < 5 || request[1] != 1) return;
    if (request[3] == 3) {  // a domain name: what socks5h sends
      const std::size_t length = static_cast<unsigned char>(request[4]);
      record("domain " + request.substr(5, length) + "\n");
    } else {
      record("address\n");
    }
    const char reply[] = {5, 0, 0, 1, 127, 0, 0, 1, 0, 80};
    (void)send(client, reply, sizeof reply, MSG_NOSIGNAL);
    record(read_until(client, [](const std::string& data) {
      return data.find("\r\n\r\n") != std::string::npos;
    }));
    const std::string response = http_response(kFeed);
    (void)send(client, response.data(), response.size(), MSG_NOSIGNAL);
  }
};

// Sets an environment variable for one test and restores it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(Proxy, ProxyOptionSendsTheRequestThroughTheProxy) {
  RecordingHttpProxy proxy;
  FetchRequest request = request_for("http://feeds.example.invalid/rss.xml");
  request.limits.proxy = "http://127.0.0.1:" + std::to_string(proxy.port());
  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request);
  EXPECT_EQ(result.status, FetchStatus::ok) << result.error;
  EXPECT_NE(result.body.find("Through the proxy"), std::string::npos);
  // The absolute-form request line is what a client says to an HTTP proxy.
  EXPECT_EQ(proxy.seen().rfind("GET http://feeds.example.invalid/rss.xml HTTP/1.1\r\n", 0), 0u)
      << proxy.seen();
  EXPECT_NE(proxy.seen().find("Host: feeds.example.invalid"), std::string::npos);
}

TEST(Proxy, HttpProxyVariableIsHonouredAndNoProxyBypassesIt) {
  RecordingHttpProxy proxy;
  const ScopedEnv http_proxy("http_proxy", "http://127.0.0.1:" + std::to_string(proxy.port()));
  CurlFetcher fetcher;
  const FetchResult proxied = fetcher.fetch(request_for("http://feeds.example.invalid/env.xml"));
  EXPECT_EQ(proxied.status, FetchStatus::ok) << proxied.error;
  EXPECT_NE(proxy.seen().find("GET http://feeds.example.invalid/env.xml"), std::string::npos);

  testing::LoopbackServer direct;
  direct.server().Get("/direct.xml", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(kFeed, "application/rss+xml");
  });
  direct.start();
  const ScopedEnv no_proxy("no_proxy", "127.0.0.1");
  const FetchResult bypassed = fetcher.fetch(request_for(direct.url("/direct.xml")));
  EXPECT_EQ(bypassed.status, FetchStatus::ok) << bypassed.error;
  EXPECT_EQ(proxy.seen().find("direct.xml"), std::string::npos) << proxy.seen();
}

TEST(Proxy, Socks5hLeavesNameResolutionToTheProxy) {
  RecordingSocks5Proxy proxy;
  FetchRequest request = request_for("http://blocked-news.example.invalid/feed.xml");
  request.limits.proxy = "socks5h://127.0.0.1:" + std::to_string(proxy.port());
  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request);
  EXPECT_EQ(result.status, FetchStatus::ok) << result.error;
  EXPECT_NE(result.body.find("Through the proxy"), std::string::npos);
  EXPECT_EQ(proxy.seen().rfind("domain blocked-news.example.invalid\n", 0), 0u) << proxy.seen();
  EXPECT_NE(proxy.seen().find("GET /feed.xml HTTP/1.1"), std::string::npos);
}

TEST(Proxy, ArchiveThroughTheProxyOptionWritesThePost) {
  RecordingHttpProxy proxy;
  testing::TempDir dir;
  const auto archived = testing::run_feedarchiver(
      {"archive", "--proxy", "http://127.0.0.1:" + std::to_string(proxy.port()),
       "http://feeds.example.invalid/rss.xml", "-o", (dir.path() / "site").string()});
  EXPECT_EQ(archived.exit_code, 0) << archived.err;
  EXPECT_NE(archived.out.find("_posts/2023-11-06-"), std::string::npos) << archived.out;
}

}  // namespace
}  // namespace feedarchiver::fetch
