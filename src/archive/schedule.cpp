#include "feedarchiver/archive/schedule.hpp"

namespace feedarchiver::archive {

std::chrono::milliseconds backoff_wait(long failures,
                                       std::optional<std::chrono::milliseconds> interval) {
  const std::chrono::milliseconds base = interval.value_or(kDefaultRunInterval);
  if (failures <= 0) return std::chrono::milliseconds(0);
  std::chrono::milliseconds wait = base;
  for (long i = 0; i < failures && wait < kMaxBackoff; ++i) wait *= 2;
  return std::min(wait, kMaxBackoff);
}

bool is_due(const std::optional<state::FeedRecord>& record, Timestamp now) {
  return !record || !record->next_attempt || *record->next_attempt <= now;
}

}  // namespace feedarchiver::archive
