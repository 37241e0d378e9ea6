#pragma once
// The fault kinds of issue #16 as FaultServer behaviours, one path each, shared by the fetch
// tests (tests/fetch/budget_test.cpp) and the whole-run tests (tests/cli/unattended_cli_test.cpp):
//   /stall /trickle /silent /503-day /429 /500 /reset /truncated /lying-length /gzip-bomb
//   /endless /endless-slow /loop /hops/N /huge-headers

#include <zlib.h>

#include <chrono>
#include <string>

#include "support/fault_server.hpp"

namespace feedarchiver::testing {

/// A whole HTTP/1.1 response with Content-Length (Content-Type text/xml).
inline std::string http_response(int status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " Whatever\r\nContent-Type: text/xml\r\n" +
         "Content-Length: " + std::to_string(body.size()) + "\r\n" + headers + "\r\n" + body;
}

/// `text` gzip-compressed (a gzip header, as Content-Encoding: gzip sends it).
inline std::string gzip(const std::string& text) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, text.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

/// 16 MiB of zeros gzip-compressed (~16 KiB on the wire), made once. Compressing takes about
/// a second: a timed test calls this before its clock starts.
inline const std::string& gzip_bomb() {
  static const std::string bomb = gzip(std::string(16u * 1024u * 1024u, '\0'));
  return bomb;
}

/// Answers `path` with its fault and returns true; false when `path` names no fault (the
/// caller answers it). `feed` is a healthy feed's body: where a redirect chain ends, and what
/// /lying-length sends before it falls silent.
inline bool serve_fault(FaultServer::Connection& connection, const std::string& path,
                        const std::string& feed) {
  using std::chrono::milliseconds;
  const auto hold = [&] { connection.wait(std::chrono::seconds(30)); };
  if (path == "/stall") {  // headers, then nothing
    connection.send("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>");
    hold();
  } else if (path == "/trickle") {  // one byte every 100 ms: far below 1 KiB/s
    connection.send("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
    while (connection.send("x") && connection.wait(milliseconds(100))) {
    }
  } else if (path == "/silent") {  // accepts, reads, never answers
    hold();
  } else if (path == "/503-day") {
    connection.send(http_response(503, "Retry-After: 86400\r\n", "busy"));
  } else if (path == "/429") {
    connection.send(http_response(429, "Retry-After: 1\r\n", "slow down"));
  } else if (path == "/500") {
    connection.send(http_response(500, "", "oops"));
  } else if (path == "/reset") {
    connection.reset();
  } else if (path == "/truncated") {
    connection.send("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>cut");
  } else if (path == "/lying-length") {  // announces more than it sends, keeps the line open
    connection.send("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + feed);
    hold();
  } else if (path == "/gzip-bomb") {
    connection.send(http_response(200, "Content-Encoding: gzip\r\n", gzip_bomb()));
  } else if (path == "/endless") {  // chunks as fast as they go, forever
    connection.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string chunk = "4000\r\n" + std::string(0x4000, 'z') + "\r\n";
    while (connection.send(chunk)) {
    }
  } else if (path == "/endless-slow") {  // 4 KiB/s: not a stall, but never done
    connection.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string chunk = "200\r\n" + std::string(0x200, 'z') + "\r\n";
    while (connection.send(chunk) && connection.wait(milliseconds(125))) {
    }
  } else if (path == "/loop") {
    connection.send(http_response(302, "Location: /loop\r\n", ""));
  } else if (path.rfind("/hops/", 0) == 0) {  // /hops/35 -> /hops/34 -> ... -> /hops/0
    const int left = std::stoi(path.substr(6));
    connection.send(
        left == 0 ? http_response(200, "", feed)
                  : http_response(301, "Location: /hops/" + std::to_string(left - 1) + "\r\n", ""));
  } else if (path == "/huge-headers") {  // 1 MiB of header lines
    connection.send("HTTP/1.1 200 OK\r\n");
    const std::string line = "X-Padding: " + std::string(1000, 'p') + "\r\n";
    for (int i = 0; i < 1024 && connection.send(line); ++i) {
    }
    connection.send("Content-Length: 0\r\n\r\n");
  } else {
    return false;
  }
  return true;
}

}  // namespace feedarchiver::testing
