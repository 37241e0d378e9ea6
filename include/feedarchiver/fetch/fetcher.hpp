#pragma once
// The one seam between the pipeline and the network: an abstract Fetcher.
// Tests drive the pipeline with a fake; the CLI uses CurlFetcher.

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace feedarchiver::fetch {

struct FetchLimits {
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds total_timeout{60};
  std::chrono::seconds stall_timeout{30};       // abort when no byte arrives for this long
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

enum class FetchStatus { ok, not_modified, http_error, network_error, too_large, refused };

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
};

/// "ok", "not_modified", "http_error", ...
const char* to_string(FetchStatus status);

/// One line saying what came of a fetch: the status, "(HTTP n)" for an HTTP error, then
/// ": " and the error text when there is one ("http_error (HTTP 503): HTTP 503").
std::string describe(const FetchResult& result);

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  /// Fetches one URL. Never throws for network or HTTP failures: they are statuses.
  virtual FetchResult fetch(const FetchRequest& request) = 0;

  /// Called once per request, in the caller's thread, as each transfer completes.
  using OnFetched = std::function<void(std::size_t index, FetchResult result)>;

  /// Fetches many URLs; `on_fetched(i, result)` for requests[i], in completion order.
  /// The default fetches one after another; a concurrent fetcher overrides it.
  virtual void fetch_all(const std::vector<FetchRequest>& requests, const OnFetched& on_fetched);
};

}  // namespace feedarchiver::fetch
