// The concurrent side of CurlFetcher: limits seen by the server, retries and their recorded
// waits, encodings, caps, and responses only a broken server sends.
#include <brotli/encode.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "feedarchiver/fetch/curl_fetcher.hpp"
#include "fetch/loopback_request.hpp"
#include "fetch/raw_responder.hpp"
#include "support/fault_kinds.hpp"
#include "support/loopback_server.hpp"

namespace feedarchiver::fetch {
namespace {

using std::chrono::milliseconds;
using testing::LoopbackServer;
using testing::RawResponder;

// A fake clock that only moves when the fetcher sleeps; every sleep is recorded.
struct RecordedSleeps {
  std::vector<milliseconds> waits;
  milliseconds offset{0};
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

  CurlFetcherOptions options() {
    CurlFetcherOptions options;
    options.now = [this] { return start + offset; };
    options.sleep = [this](milliseconds wait) {
      waits.push_back(wait);
      offset += wait;
    };
    options.jitter = [] { return 0.0; };
    return options;
  }
};

std::string brotli(const std::string& text) {
  std::size_t size = BrotliEncoderMaxCompressedSize(text.size());
  std::string out(size, '\0');
  BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                        text.size(), reinterpret_cast<const uint8_t*>(text.data()), &size,
                        reinterpret_cast<uint8_t*>(out.data()));
  out.resize(size);
  return out;
}

TEST(MultiFetch, DecodesGzipAndBrotliAndPassesTheCharsetThrough) {
  const std::string text = "<rss>編碼 " + std::string(5000, 'z') + "</rss>";
  LoopbackServer server;
  std::mutex mutex;
  std::string accept_encoding;
  server.server().Get("/br", [&](const httplib::Request& request, httplib::Response& response) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      accept_encoding = request.get_header_value("Accept-Encoding");
    }
    response.set_header("Content-Encoding", "br");
    response.set_content(brotli(text), "application/rss+xml; charset=GB18030");
  });
  server.server().Get("/gz", [&](const httplib::Request&, httplib::Response& response) {
    response.set_header("Content-Encoding", "gzip");
    response.set_content(testing::gzip(text), "application/rss+xml; charset=Big5");
  });
  server.start();

  CurlFetcher fetcher;
  const FetchResult br = fetcher.fetch(request_for(server.url("/br")));
  EXPECT_EQ(br.status, FetchStatus::ok) << br.error;
  EXPECT_EQ(br.body, text);
  EXPECT_EQ(br.content_type, "application/rss+xml; charset=GB18030");
  const FetchResult gz = fetcher.fetch(request_for(server.url("/gz")));
  EXPECT_EQ(gz.status, FetchStatus::ok) << gz.error;
  EXPECT_EQ(gz.body, text);
  EXPECT_EQ(gz.content_type, "application/rss+xml; charset=Big5");
  std::lock_guard<std::mutex> lock(mutex);
  for (const char* coding : {"gzip", "deflate", "br"}) {
    EXPECT_NE(accept_encoding.find(coding), std::string::npos) << accept_encoding;
  }
}

TEST(MultiFetch, SendsLastModifiedAloneAndReportsNotModified) {
  LoopbackServer server;
  server.server().Get("/feed", [](const httplib::Request& request, httplib::Response& response) {
    if (request.get_header_value("If-Modified-Since") == "Sun, 26 Nov 2023 19:34:51 GMT" &&
        !request.has_header("If-None-Match")) {
      response.status = 304;
      return;
    }
    response.set_content("changed", "text/xml");
  });
  server.start();
  FetchRequest request = request_for(server.url("/feed"));
  request.last_modified = "Sun, 26 Nov 2023 19:34:51 GMT";
  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request);
  EXPECT_EQ(result.status, FetchStatus::not_modified) << result.error;
  EXPECT_TRUE(result.body.empty());
}

TEST(MultiFetch, RefusesARedirectToGopher) {
  LoopbackServer server;
  server.server().Get("/hop", [](const httplib::Request&, httplib::Response& response) {
    response.set_redirect("gopher://127.0.0.1:70/1", 301);
  });
  server.start();
  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request_for(server.url("/hop")));
  EXPECT_EQ(result.status, FetchStatus::refused) << result.error;
  EXPECT_NE(result.error.find("gopher://"), std::string::npos) << result.error;
}

// Counts the requests the server is answering at once.
struct Concurrency {
  std::atomic<int> now{0};
  std::atomic<int> max{0};
  void handle(httplib::Response& response) {
    const int current = ++now;
    int seen = max.load();
    while (current > seen && !max.compare_exchange_weak(seen, current)) {
    }
    std::this_thread::sleep_for(milliseconds(60));
    --now;
    response.set_content("<rss/>", "text/xml");
  }
};

TEST(MultiFetch, KeepsToThePerHostAndTotalLimitsAndReportsEveryRequestOnce) {
  LoopbackServer server;
  Concurrency concurrency;
  server.server().Get(R"(/feed/\d+)", [&](const httplib::Request&, httplib::Response& response) {
    concurrency.handle(response);
  });
  server.start();

  std::vector<FetchRequest> requests;
  for (int i = 0; i < 10; ++i)
    requests.push_back(request_for(server.url("/feed/" + std::to_string(i))));

  for (const auto& [jobs, per_host, expected] :
       {std::tuple<std::size_t, std::size_t, int>{8, 3, 3}, {2, 8, 2}}) {
    concurrency.max = 0;
    CurlFetcherOptions options;
    options.jobs = jobs;
    options.per_host = per_host;
    CurlFetcher fetcher(options);
    std::multiset<std::size_t> seen;
    const std::thread::id caller = std::this_thread::get_id();
    fetcher.fetch_all(requests, [&](std::size_t index, FetchResult result) {
      EXPECT_EQ(std::this_thread::get_id(), caller);
      EXPECT_EQ(result.status, FetchStatus::ok) << result.error;
      EXPECT_EQ(result.final_url, requests[index].url);
      seen.insert(index);
    });
    EXPECT_EQ(seen.size(), requests.size());
    for (std::size_t i = 0; i < requests.size(); ++i) EXPECT_EQ(seen.count(i), 1u);
    EXPECT_EQ(concurrency.max.load(), expected) << "jobs " << jobs << ", per host " << per_host;
  }
}

// A Retry-After of at most 30 s is slept (the recorded wait); a longer one is not waited
// for: the result comes back at once and carries it (it was capped at 5 min and slept).
TEST(MultiFetch, SleepsAShortRetryAfterAndReturnsALongOneAtOnce) {
  LoopbackServer server;
  std::atomic<int> calls_429{0};
  std::atomic<int> calls_503{0};
  server.server().Get("/429", [&](const httplib::Request&, httplib::Response& response) {
    if (++calls_429 == 1) {
      response.status = 429;
      response.set_header("Retry-After", "7");
      return;
    }
    response.set_content("<rss>ok</rss>", "text/xml");
  });
  server.server().Get("/503", [&](const httplib::Request&, httplib::Response& response) {
    if (++calls_503 == 1) {
      response.status = 503;
      response.set_header("Retry-After", "100000");  // over 30 s: no retry
      return;
    }
    response.set_content("<rss>ok</rss>", "text/xml");
  });
  server.start();

  RecordedSleeps sleeps;
  CurlFetcher fetcher(sleeps.options());
  const auto started = std::chrono::steady_clock::now();
  const FetchResult result = fetcher.fetch(request_for(server.url("/429")));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  EXPECT_EQ(result.status, FetchStatus::ok) << result.error;
  EXPECT_EQ(result.tries, 2);
  EXPECT_EQ(sleeps.waits, std::vector<milliseconds>{milliseconds(7000)});

  RecordedSleeps none;
  CurlFetcher deferring(none.options());
  const FetchResult deferred = deferring.fetch(request_for(server.url("/503")));
  EXPECT_EQ(deferred.status, FetchStatus::http_error);
  EXPECT_EQ(deferred.http_status, 503);
  EXPECT_EQ(deferred.tries, 1);
  EXPECT_EQ(deferred.retry_after, std::chrono::seconds(100000));
  EXPECT_TRUE(none.waits.empty());
  EXPECT_EQ(calls_503.load(), 1);
}

TEST(MultiFetch, RetryAfterAsAnHttpDate) {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.server().Get("/busy", [&](const httplib::Request&, httplib::Response& response) {
    if (++calls == 1) {
      const std::time_t when = std::time(nullptr) + 25;  // short enough to be slept
      char date[64];
      std::tm parts{};
      gmtime_r(&when, &parts);
      std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &parts);
      response.status = 503;
      response.set_header("Retry-After", date);
      return;
    }
    response.set_content("<rss>ok</rss>", "text/xml");
  });
  server.start();
  RecordedSleeps sleeps;
  CurlFetcher fetcher(sleeps.options());
  const FetchResult result = fetcher.fetch(request_for(server.url("/busy")));
  EXPECT_EQ(result.status, FetchStatus::ok) << result.error;
  ASSERT_EQ(sleeps.waits.size(), 1u);
  EXPECT_GE(sleeps.waits[0], milliseconds(20000));
  EXPECT_LE(sleeps.waits[0], milliseconds(25000));
}

TEST(MultiFetch, BacksOffExponentiallyAndGivesUpAfterThreeTries) {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.server().Get("/down", [&](const httplib::Request&, httplib::Response& response) {
    ++calls;
    response.status = 500;
  });
  server.server().Get("/fine", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<rss/>", "text/xml");
  });
  server.start();
  RecordedSleeps sleeps;
  CurlFetcher fetcher(sleeps.options());  // jitter 0: half the nominal delay
  std::vector<FetchResult> results(2);
  fetcher.fetch_all({request_for(server.url("/down")), request_for(server.url("/fine"))},
                    [&](std::size_t index, FetchResult result) { results[index] = result; });
  EXPECT_EQ(calls.load(), 3);
  EXPECT_EQ(results[0].status, FetchStatus::http_error);
  EXPECT_EQ(results[0].error, "HTTP 500 (after 3 tries)");
  EXPECT_EQ(results[1].status, FetchStatus::ok);
  EXPECT_EQ(sleeps.waits, (std::vector<milliseconds>{milliseconds(500), milliseconds(1000)}));
}

TEST(MultiFetch, ParsesRetryAfter) {
  const auto now = std::chrono::system_clock::from_time_t(1700000000);  // 2023-11-14 22:13:20
  const milliseconds cap(300000);
  EXPECT_EQ(parse_retry_after("0", now, cap), milliseconds(0));
  EXPECT_EQ(parse_retry_after(" 42 ", now, cap), milliseconds(42000));
  EXPECT_EQ(parse_retry_after("99999999999999", now, cap), cap);
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 22:14:20 GMT", now, cap), milliseconds(60000));
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 20:00:00 GMT", now, cap), milliseconds(0));
  EXPECT_EQ(parse_retry_after("soon", now, cap), std::nullopt);
  EXPECT_EQ(parse_retry_after("-5", now, cap), std::nullopt);
  EXPECT_EQ(parse_retry_after("", now, cap), std::nullopt);
}

TEST(MultiFetch, AbortsAStalledTransferOnTime) {
  // Headers, then not one byte of the body.
  RawResponder stalled("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n",
                       std::chrono::seconds(10));
  FetchRequest request = request_for(stalled.url("/feed"));
  request.limits.stall_timeout = std::chrono::seconds(1);
  CurlFetcherOptions options;
  options.retry.max_tries = 1;
  CurlFetcher fetcher(options);
  const auto started = std::chrono::steady_clock::now();
  const FetchResult result = fetcher.fetch(request);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(result.status, FetchStatus::network_error);
  EXPECT_NE(result.error.find("stalled"), std::string::npos) << result.error;
  EXPECT_LT(elapsed, std::chrono::milliseconds(1900));
}

TEST(MultiFetch, ReportsATruncatedBodyAndATruncatedChunkedBody) {
  RawResponder short_body(
      "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<rss>cut");
  RawResponder short_chunks(
      "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\n<rss>\r\n");
  CurlFetcher fetcher;
  for (const RawResponder* responder : {&short_body, &short_chunks}) {
    const FetchResult result = fetcher.fetch(request_for(responder->url("/feed")));
    EXPECT_EQ(result.status, FetchStatus::network_error) << result.error;
    EXPECT_FALSE(result.error.empty());
    EXPECT_TRUE(result.body.empty());
    EXPECT_EQ(result.tries, 1);  // a broken body is not retried
  }
}

TEST(MultiFetch, AContentLengthShorterThanTheBodyKeepsTheAnnouncedBytes) {
  RawResponder liar(
      "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5\r\n\r\n"
      "<rss>and more bytes than announced</rss>");
  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request_for(liar.url("/feed")));
  EXPECT_EQ(result.status, FetchStatus::ok) << result.error;
  EXPECT_EQ(result.body, "<rss>");
}

TEST(MultiFetch, AbortsAGzipBombAtTheCap) {
  const std::string& bomb = testing::gzip_bomb();  // ~16 KiB on the wire
  ASSERT_LT(bomb.size(), 200000u);
  LoopbackServer server;
  server.server().Get("/bomb", [&](const httplib::Request&, httplib::Response& response) {
    response.set_header("Content-Encoding", "gzip");
    response.set_content(bomb, "application/rss+xml");
  });
  server.start();
  FetchRequest request = request_for(server.url("/bomb"));
  request.limits.max_bytes = 1024u * 1024u;
  CurlFetcher fetcher;
  const FetchResult result = fetcher.fetch(request);
  EXPECT_EQ(result.status, FetchStatus::too_large) << result.error;
  EXPECT_TRUE(result.body.empty());
  EXPECT_EQ(result.tries, 1);
}

TEST(MultiFetch, AnExceptionFromTheCallbackStopsTheRunAndPropagates) {
  LoopbackServer server;
  server.server().Get(R"(/feed/\d+)", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<rss/>", "text/xml");
  });
  server.start();
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 6; ++i)
    requests.push_back(request_for(server.url("/feed/" + std::to_string(i))));
  CurlFetcherOptions options;
  options.jobs = 2;
  CurlFetcher fetcher(options);
  int calls = 0;
  EXPECT_THROW(fetcher.fetch_all(requests,
                                 [&](std::size_t, FetchResult) {
                                   ++calls;
                                   throw std::runtime_error("disk full");
                                 }),
               std::runtime_error);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace feedarchiver::fetch
