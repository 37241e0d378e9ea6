#pragma once
// When `run` tries a feed again (spec.md, "Unattended runs"). Two reasons to wait, both kept
// in the state as the feed's next attempt:
//   retry-after  the server asked for a wait longer than a run may sleep (429/503 with a long
//                Retry-After): the feed is deferred until then; not a failure.
//   backoff      after N consecutive failures the next attempt waits 2^N × the cron interval,
//                at most one day. The interval is the median gap between the starts of the
//                last 20 runs the state remembers; 15 minutes until two runs are known.
// A feed not due is skipped and reported, never counted as failed; `run --all` tries every
// feed whatever its schedule.

#include <chrono>
#include <optional>

#include "feedarchiver/model.hpp"
#include "feedarchiver/state/state_store.hpp"

namespace feedarchiver::archive {

inline constexpr std::chrono::milliseconds kDefaultRunInterval = std::chrono::minutes(15);
inline constexpr std::chrono::milliseconds kMaxBackoff = std::chrono::hours(24);

/// The wait after `failures` consecutive failures: 2^failures × interval, at most a day.
std::chrono::milliseconds backoff_wait(long failures,
                                       std::optional<std::chrono::milliseconds> interval);

/// True when `record` (nullopt: never fetched) has no next attempt later than `now`.
bool is_due(const std::optional<state::FeedRecord>& record, Timestamp now);

}  // namespace feedarchiver::archive
