#pragma once
// A request to stop fetching, shared by the caller and a Fetcher: a flag that a signal
// handler may set (request_stop is async-signal-safe: one lock-free atomic store) and an
// optional deadline on the steady clock. Once either holds, a Fetcher starts no transfer,
// aborts those in flight, cuts its waits short and reports every request it did not complete
// as FetchStatus::cancelled with reason() as the error.
//
// Not owned by the Fetcher: it must outlive the fetches that watch it. Every member may be
// called from any thread.

#include <atomic>
#include <chrono>
#include <limits>
#include <optional>
#include <string>

namespace feedarchiver::fetch {

class StopSignal {
 public:
  using Clock = std::chrono::steady_clock;

  StopSignal() = default;
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  /// Asks every fetch watching this signal to stop. Async-signal-safe (a lock-free store).
  void request_stop() noexcept { stopped_.store(true, std::memory_order_relaxed); }

  /// Stops the fetches at `deadline` (replacing an earlier deadline).
  void set_deadline(Clock::time_point deadline) noexcept {
    deadline_.store(deadline.time_since_epoch().count(), std::memory_order_relaxed);
  }
  void clear_deadline() noexcept { deadline_.store(kNoDeadline, std::memory_order_relaxed); }
  std::optional<Clock::time_point> deadline() const noexcept;

  /// True once request_stop() was called or the deadline has passed.
  bool stop_requested() const noexcept { return stop_requested(Clock::now()); }
  bool stop_requested(Clock::time_point now) const noexcept;
  /// True once request_stop() was called (the deadline aside).
  bool signalled() const noexcept { return stopped_.load(std::memory_order_relaxed); }

  /// Why the fetches stop: "stopped by a signal" (request_stop, which wins when both hold)
  /// or "stopped: deadline reached"; "" while no stop is requested.
  std::string reason() const;

 private:
  static constexpr Clock::rep kNoDeadline = std::numeric_limits<Clock::rep>::max();
  static_assert(std::atomic<bool>::is_always_lock_free, "request_stop must be signal-safe");

  std::atomic<bool> stopped_{false};
  std::atomic<Clock::rep> deadline_{kNoDeadline};
};

}  // namespace feedarchiver::fetch
