#include "feedarchiver/fetch/curl_fetcher.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <string>

#include "fetch/loopback_request.hpp"
#include "support/loopback_server.hpp"

namespace feedarchiver::fetch {
namespace {

using testing::LoopbackServer;

// What the server saw of one request, read by the test after the fetch.
struct Seen {
  std::mutex mutex;
  std::string if_none_match;
  std::string if_modified_since;
  std::string accept_encoding;
  std::string user_agent;

  void record(const httplib::Request& request) {
    std::lock_guard<std::mutex> lock(mutex);
    if_none_match = request.get_header_value("If-None-Match");
    if_modified_since = request.get_header_value("If-Modified-Since");
    accept_encoding = request.get_header_value("Accept-Encoding");
    user_agent = request.get_header_value("User-Agent");
  }
};

// Retries without waiting: the tests that need the waits record them (multi_fetch_test).
CurlFetcherOptions no_wait() {
  CurlFetcherOptions options;
  options.sleep = [](std::chrono::milliseconds) {};
  options.retry.base_delay = std::chrono::milliseconds(0);
  return options;
}

std::uint32_t crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

void append_le32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

// A gzip member holding `text` in one stored (uncompressed) deflate block: valid gzip that
// needs no zlib in the test (text must be shorter than 64 KiB).
std::string gzip_stored(const std::string& text) {
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  const auto length = static_cast<std::uint16_t>(text.size());
  out += '\x01';  // final block, stored
  out += static_cast<char>(length & 0xFF);
  out += static_cast<char>(length >> 8);
  out += static_cast<char>(~length & 0xFF);
  out += static_cast<char>((~length >> 8) & 0xFF);
  out += text;
  append_le32(out, crc32(text));
  append_le32(out, static_cast<std::uint32_t>(text.size()));
  return out;
}

TEST(CurlFetcher, ReturnsBodyContentTypeAndValidators) {
  LoopbackServer server;
  Seen seen;
  server.server().Get("/feed", [&](const httplib::Request& request, httplib::Response& response) {
    seen.record(request);
    response.set_header("ETag", "\"v1\"");
    response.set_header("Last-Modified", "Sun, 26 Nov 2023 19:34:51 GMT");
    response.set_content("<rss>中文</rss>", "application/rss+xml; charset=UTF-8");
  });
  server.start();

  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request_for(server.url("/feed")));
  EXPECT_EQ(result.status, FetchStatus::ok) << result.error;
  EXPECT_EQ(result.http_status, 200);
  EXPECT_EQ(result.body, "<rss>中文</rss>");
  EXPECT_EQ(result.content_type, "application/rss+xml; charset=UTF-8");
  EXPECT_EQ(result.final_url, server.url("/feed"));
  EXPECT_EQ(result.etag, "\"v1\"");
  EXPECT_EQ(result.last_modified, "Sun, 26 Nov 2023 19:34:51 GMT");
  EXPECT_TRUE(result.error.empty());
  std::lock_guard<std::mutex> lock(seen.mutex);
  EXPECT_EQ(seen.user_agent, std::string("feedarchiver/") + FEEDARCHIVER_VERSION);
  EXPECT_TRUE(seen.if_none_match.empty());
}

TEST(CurlFetcher, SendsTheConfiguredUserAgent) {
  LoopbackServer server;
  Seen seen;
  server.server().Get("/", [&](const httplib::Request& request, httplib::Response& response) {
    seen.record(request);
    response.set_content("ok", "text/plain");
  });
  server.start();
  FetchRequest request = request_for(server.url("/"));
  request.limits.user_agent = "MyBot/2.0";
  CurlFetcher fetcher;
  EXPECT_EQ(fetcher.fetch(request).status, FetchStatus::ok);
  std::lock_guard<std::mutex> lock(seen.mutex);
  EXPECT_EQ(seen.user_agent, "MyBot/2.0");
}

TEST(CurlFetcher, DecodesAGzipEncodedResponse) {
  const std::string text = "<feed>gzip body: 中文 " + std::string(1000, 'x') + "</feed>";
  LoopbackServer server;
  Seen seen;
  server.server().Get("/gz", [&](const httplib::Request& request, httplib::Response& response) {
    seen.record(request);
    response.set_header("Content-Encoding", "gzip");
    response.set_content(gzip_stored(text), "application/atom+xml");
  });
  server.start();

  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request_for(server.url("/gz")));
  EXPECT_EQ(result.status, FetchStatus::ok) << result.error;
  EXPECT_EQ(result.body, text);
  std::lock_guard<std::mutex> lock(seen.mutex);
  EXPECT_NE(seen.accept_encoding.find("gzip"), std::string::npos) << seen.accept_encoding;
}

TEST(CurlFetcher, SendsValidatorsAndReportsNotModified) {
  LoopbackServer server;
  Seen seen;
  server.server().Get("/feed", [&](const httplib::Request& request, httplib::Response& response) {
    seen.record(request);
    if (request.get_header_value("If-None-Match") == "\"v1\"") {
      response.status = 304;
      response.set_header("ETag", "\"v1\"");
      return;
    }
    response.set_content("changed", "text/xml");
  });
  server.start();

  FetchRequest request = request_for(server.url("/feed"));
  request.etag = "\"v1\"";
  request.last_modified = "Sun, 26 Nov 2023 19:34:51 GMT";
  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request);
  EXPECT_EQ(result.status, FetchStatus::not_modified) << result.error;
  EXPECT_EQ(result.http_status, 304);
  EXPECT_TRUE(result.body.empty());
  EXPECT_EQ(result.etag, "\"v1\"");
  std::lock_guard<std::mutex> lock(seen.mutex);
  EXPECT_EQ(seen.if_none_match, "\"v1\"");
  EXPECT_EQ(seen.if_modified_since, "Sun, 26 Nov 2023 19:34:51 GMT");
}

TEST(CurlFetcher, ReportsHttpErrorsWithTheirStatus) {
  LoopbackServer server;
  server.server().Get("/gone", [](const httplib::Request&, httplib::Response& response) {
    response.status = 404;
    response.set_content("not here", "text/plain");
  });
  server.server().Get("/broken", [](const httplib::Request&, httplib::Response& response) {
    response.status = 503;
  });
  server.start();

  CurlFetcher fetcher(no_wait());
  const FetchResult missing = fetcher.fetch(request_for(server.url("/gone")));
  EXPECT_EQ(missing.status, FetchStatus::http_error);
  EXPECT_EQ(missing.http_status, 404);
  EXPECT_EQ(missing.error, "HTTP 404");
  EXPECT_EQ(missing.tries, 1);  // a 404 is not retried
  const FetchResult broken = fetcher.fetch(request_for(server.url("/broken")));
  EXPECT_EQ(broken.status, FetchStatus::http_error);
  EXPECT_EQ(broken.http_status, 503);
  EXPECT_EQ(broken.error, "HTTP 503 (after 3 tries)");
  EXPECT_EQ(broken.tries, 3);
}

TEST(CurlFetcher, FollowsARedirectChainToTheFinalUrl) {
  LoopbackServer server;
  server.server().Get("/a", [](const httplib::Request&, httplib::Response& response) {
    response.set_header("ETag", "\"hop\"");
    response.set_redirect("/b", 301);
  });
  server.server().Get("/b", [](const httplib::Request&, httplib::Response& response) {
    response.set_redirect("/c", 302);
  });
  server.server().Get("/c", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("final", "text/xml");
  });
  server.start();

  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request_for(server.url("/a")));
  EXPECT_EQ(result.status, FetchStatus::ok) << result.error;
  EXPECT_EQ(result.body, "final");
  EXPECT_EQ(result.final_url, server.url("/c"));
  EXPECT_EQ(result.etag, std::nullopt);  // the hop's validator is not the document's
}

TEST(CurlFetcher, StopsAfterTheRedirectLimit) {
  LoopbackServer server;
  server.server().Get("/loop", [](const httplib::Request&, httplib::Response& response) {
    response.set_redirect("/loop", 302);
  });
  server.start();
  FetchRequest request = request_for(server.url("/loop"));
  request.limits.max_redirects = 3;
  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request);
  EXPECT_EQ(result.status, FetchStatus::network_error);
  EXPECT_NE(result.error.find("redirects"), std::string::npos) << result.error;
}

TEST(CurlFetcher, RefusesARedirectToAFileUrl) {
  LoopbackServer server;
  server.server().Get("/evil", [](const httplib::Request&, httplib::Response& response) {
    response.set_redirect("file:///etc/passwd", 302);
  });
  server.start();

  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request_for(server.url("/evil")));
  EXPECT_EQ(result.status, FetchStatus::refused) << result.error;
  EXPECT_TRUE(result.body.empty());
  EXPECT_EQ(result.error,
            "refusing to follow the redirect to 'file:///etc/passwd': only http and https are "
            "supported");
  EXPECT_TRUE(result.final_url.empty());
}

TEST(CurlFetcher, RefusesNonHttpUrls) {
  CurlFetcher fetcher;
  for (const char* url : {"file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1/"}) {
    const FetchResult result = fetcher.fetch(request_for(url));
    EXPECT_EQ(result.status, FetchStatus::refused) << url << ": " << result.error;
    EXPECT_EQ(result.error,
              std::string("refusing to fetch '") + url + "': only http and https are supported");
    EXPECT_TRUE(result.body.empty());
  }
}

TEST(CurlFetcher, StopsAtTheSizeCapWithOrWithoutContentLength) {
  LoopbackServer server;
  server.server().Get("/big", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(std::string(100000, 'x'), "application/octet-stream");
  });
  server.server().Get("/chunked", [](const httplib::Request&, httplib::Response& response) {
    response.set_chunked_content_provider("application/octet-stream",
                                          [](std::size_t, httplib::DataSink& sink) {
                                            const std::string chunk(10000, 'y');
                                            for (int i = 0; i < 10; ++i) {
                                              if (!sink.write(chunk.data(), chunk.size()))
                                                return false;
                                            }
                                            sink.done();
                                            return true;
                                          });
  });
  server.start();

  CurlFetcher fetcher;
  for (const char* path : {"/big", "/chunked"}) {
    FetchRequest request = request_for(server.url(path));
    request.limits.max_bytes = 1000;
    const FetchResult result = fetcher.fetch(request);
    EXPECT_EQ(result.status, FetchStatus::too_large) << path << ": " << result.error;
    EXPECT_TRUE(result.body.empty()) << path;
    EXPECT_NE(result.error.find("1000 bytes"), std::string::npos) << result.error;
  }
  FetchRequest exact = request_for(server.url("/big"));
  exact.limits.max_bytes = 100000;
  EXPECT_EQ(fetcher.fetch(exact).status, FetchStatus::ok);
}

TEST(CurlFetcher, ReportsAnUnreachablePortAsANetworkError) {
  int port = 0;
  {
    LoopbackServer server;  // a port that was free a moment ago and is closed now
    server.start();
    port = server.port();
  }
  CurlFetcher fetcher(no_wait());
  const FetchResult result =
      fetcher.fetch(request_for("http://127.0.0.1:" + std::to_string(port) + "/feed"));
  EXPECT_EQ(result.status, FetchStatus::network_error);
  EXPECT_EQ(result.tries, 3);  // a refused connection is retried
  EXPECT_FALSE(result.error.empty());
  EXPECT_EQ(result.http_status, 0);
}

TEST(CurlFetcher, NamesEveryStatus) {
  EXPECT_STREQ(to_string(FetchStatus::ok), "ok");
  EXPECT_STREQ(to_string(FetchStatus::not_modified), "not_modified");
  EXPECT_STREQ(to_string(FetchStatus::http_error), "http_error");
  EXPECT_STREQ(to_string(FetchStatus::network_error), "network_error");
  EXPECT_STREQ(to_string(FetchStatus::too_large), "too_large");
  EXPECT_STREQ(to_string(FetchStatus::refused), "refused");
}

}  // namespace
}  // namespace feedarchiver::fetch
