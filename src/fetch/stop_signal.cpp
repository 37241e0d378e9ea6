#include "feedarchiver/fetch/stop_signal.hpp"

namespace feedarchiver::fetch {

std::optional<StopSignal::Clock::time_point> StopSignal::deadline() const noexcept {
  const Clock::rep ticks = deadline_.load(std::memory_order_relaxed);
  if (ticks == kNoDeadline) return std::nullopt;
  return Clock::time_point(Clock::duration(ticks));
}

bool StopSignal::stop_requested(Clock::time_point now) const noexcept {
  if (signalled()) return true;
  const Clock::rep ticks = deadline_.load(std::memory_order_relaxed);
  return ticks != kNoDeadline && now.time_since_epoch().count() >= ticks;
}

std::string StopSignal::reason() const {
  if (signalled()) return "stopped by a signal";
  if (stop_requested()) return "stopped: deadline reached";
  return {};
}

}  // namespace feedarchiver::fetch
