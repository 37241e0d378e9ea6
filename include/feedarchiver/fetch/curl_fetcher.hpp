#pragma once
// The libcurl fetcher: many transfers at once over the multi interface, in the caller's
// thread (no thread per transfer). At most `jobs` transfers run, at most `per_host` to one
// host; the others wait in a queue, so waiting never counts against a transfer's time-outs.
// HTTP/2 multiplexing where offered; http and https only, on redirects too; TLS verified
// unless limits.insecure. Retries DNS/connect failures, time-outs before the first byte, 408,
// 429 and 5xx gateway-style errors with exponential back-off and jitter, honouring a short
// Retry-After; every request keeps to its limits.budget (tries and waits included). A
// transfer that timed out or stalled while data was arriving is not retried. Watches the
// StopSignal of CurlFetcherOptions::stop (or Fetcher::set_stop): once it is requested, the
// loop (which wakes at least every 100 ms while a signal is watched) aborts every transfer.

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <random>
#include <string_view>

#include "feedarchiver/fetch/fetcher.hpp"

namespace feedarchiver::fetch {

struct RetryPolicy {
  int max_tries = 3;                            // the first try included
  std::chrono::milliseconds base_delay{1000};   // back-off before the 2nd try; doubles after
  std::chrono::milliseconds max_delay{300000};  // cap of one back-off wait (5 min), budget aside
};

struct CurlFetcherOptions {
  std::size_t jobs = 8;      // transfers at once
  std::size_t per_host = 4;  // transfers at once to one host
  RetryPolicy retry;
  /// The clock that schedules retries; empty: std::chrono::steady_clock::now.
  std::function<std::chrono::steady_clock::time_point()> now;
  /// Waits when nothing but retries is left; empty: std::this_thread::sleep_for.
  /// Tests inject one that records the wait and advances their clock.
  std::function<void(std::chrono::milliseconds)> sleep;
  /// A number in [0, 1) that spreads the back-off; empty: a generator owned by the fetcher.
  std::function<double()> jitter;
  /// Stops fetch_all (see Fetcher::set_stop, which this sets); nullptr: never stopped.
  const StopSignal* stop = nullptr;
};

class CurlFetcher final : public Fetcher {
 public:
  explicit CurlFetcher(CurlFetcherOptions options = {});
  ~CurlFetcher() override;
  CurlFetcher(const CurlFetcher&) = delete;
  CurlFetcher& operator=(const CurlFetcher&) = delete;

  /// Fetches one URL (fetch_all of one request).
  FetchResult fetch(const FetchRequest& request) override;

  /// Fetches every request concurrently within the limits; `on_fetched` runs in this thread
  /// as each finishes (after its retries), while the other transfers wait for the next turn
  /// of the loop. An exception from `on_fetched` cancels the remaining transfers and
  /// propagates. Once stop() is requested, transfers in flight are aborted (within about
  /// 100 ms), waits are cut short and every request not completed is reported once, as
  /// FetchStatus::cancelled.
  void fetch_all(const std::vector<FetchRequest>& requests, const OnFetched& on_fetched) override;

 private:
  std::chrono::steady_clock::time_point now() const;
  void sleep(std::chrono::milliseconds duration) const;
  /// sleep(), in slices of at most 100 ms that end early once stop() is requested.
  void pause(std::chrono::milliseconds duration) const;
  double jitter();

  CurlFetcherOptions options_;
  std::minstd_rand random_;
};

/// The wait a Retry-After header value asks for: delta-seconds or an HTTP date (relative to
/// `now`), never negative, capped at `cap`; nullopt when the value is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now,
    std::chrono::milliseconds cap);

}  // namespace feedarchiver::fetch
