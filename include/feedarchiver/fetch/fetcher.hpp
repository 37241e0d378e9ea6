#pragma once
// The one seam between the pipeline and the network: an abstract Fetcher.
// Tests drive the pipeline with a fake; the CLI uses CurlFetcher.

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "feedarchiver/fetch/stop_signal.hpp"

namespace feedarchiver::fetch {

struct FetchLimits {
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds total_timeout{60};  // one transfer (one try), cut to what is left of budget
  /// All the time one request may take from its first try on: every try, back-off and
  /// Retry-After wait included. A retry starts only when at least a second of it is left
  /// after its wait; a back-off wait is cut to fit.
  std::chrono::seconds budget{90};
  /// A transfer slower than stall_bytes_per_second for stall_timeout is stalled and aborted.
  long stall_bytes_per_second = 1024;
  std::chrono::seconds stall_timeout{20};
  /// A Retry-After (429, 503, ...) is slept only when at most this long and inside the budget;
  /// a longer one ends the request at once with FetchResult::retry_after set.
  std::chrono::seconds max_retry_after_sleep{30};
  std::size_t max_bytes = 50u * 1024u * 1024u;  // decompressed body cap
  long max_redirects = 10;
  std::string user_agent;  // empty: "feedarchiver/<version>"
  std::string proxy;       // empty: libcurl honours the *_proxy environment variables
  bool insecure = false;   // skip TLS verification (the CLI warns)
};

struct FetchRequest {
  std::string url;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  FetchLimits limits;
};

enum class FetchStatus {
  ok,
  not_modified,
  http_error,
  network_error,
  too_large,
  refused,
  cancelled,  // a StopSignal stopped the request before it completed
};

struct FetchResult {
  FetchStatus status = FetchStatus::network_error;
  long http_status = 0;
  std::string final_url;     // after redirects; the base URL of the document
  std::string content_type;  // the Content-Type header as sent (charset included)
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::string body;
  std::string error;  // human-readable reason when status is not ok / not_modified
  int tries = 1;      // how many times the request was sent (retries included)
  /// The wait the last response's Retry-After asked for (read on the retried statuses 408,
  /// 429, 500, 502, 503, 504; an HTTP date counted from the moment it arrived, never
  /// negative), whether or not it was slept. Only with status http_error; a caller may
  /// defer the source by this much.
  std::optional<std::chrono::seconds> retry_after;
};

/// "ok", "not_modified", "http_error", ..., "cancelled"
const char* to_string(FetchStatus status);

/// The one-line description of a result for messages: the status, " (HTTP n)" for an HTTP
/// error, then ": " and the error text when there is one.
/// E.g. "http_error (HTTP 503): HTTP 503 (after 3 tries)", "network_error: stalled: ...".
std::string describe(const FetchResult& result);

/// A cancelled result for a request `stop` ended: status cancelled, error stop.reason().
FetchResult cancelled_result(const StopSignal& stop, int tries = 0);

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  /// Fetches one URL. Never throws for network or HTTP failures: they are statuses.
  virtual FetchResult fetch(const FetchRequest& request) = 0;

  /// Called once per request, in the caller's thread, as each transfer completes.
  using OnFetched = std::function<void(std::size_t index, FetchResult result)>;

  /// Fetches many URLs; `on_fetched(i, result)` for requests[i], exactly once each, in
  /// completion order. Once stop() is requested no request starts and each one not
  /// completed is reported as FetchStatus::cancelled. The default fetches one after
  /// another, checking stop() before each; a concurrent fetcher overrides it.
  virtual void fetch_all(const std::vector<FetchRequest>& requests, const OnFetched& on_fetched);

  /// The stop signal this fetcher watches (nullptr: none, the default). Not owned: it must
  /// outlive every fetch. Fakes in tests get the sequential behaviour above for free.
  void set_stop(const StopSignal* stop) { stop_ = stop; }
  const StopSignal* stop() const { return stop_; }

 protected:
  bool stop_requested() const { return stop_ != nullptr && stop_->stop_requested(); }

 private:
  const StopSignal* stop_ = nullptr;
};

}  // namespace feedarchiver::fetch
