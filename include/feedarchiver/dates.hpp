#pragma once
// Date strings as feeds write them → UTC timestamps, and timestamps → the strings we write.
// Pure: the zone-less default and "now" are passed in, never read from the machine.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feedarchiver/model.hpp"

namespace feedarchiver {

/// An IANA time zone read from a TZif file (or a fixed offset); default-constructed it is UTC.
/// Offsets after the file's last transition (2037 in Debian's "fat" files) stay at the last one.
class TimeZone {
 public:
  TimeZone() = default;
  /// A zone from the bytes of a TZif file (RFC 8536, versions 1-4); nullopt when malformed.
  static std::optional<TimeZone> from_tzif(std::string_view bytes, std::string name);
  /// A fixed offset east of UTC, in seconds.
  static TimeZone fixed(std::string name, std::int32_t offset_seconds);

  const std::string& name() const { return name_; }
  /// Seconds east of UTC in force at `t`.
  std::int32_t offset_at(std::chrono::sys_seconds t) const;
  /// Seconds east of UTC for a wall-clock time in this zone (gaps and overlaps resolve to the
  /// offset in force just before).
  std::int32_t offset_for_local(std::chrono::local_seconds t) const;

 private:
  std::string name_ = "UTC";
  std::vector<std::int64_t> transitions_;  // UTC seconds, ascending
  std::vector<std::int32_t> offsets_;      // offset from transitions_[i] on
  std::int32_t initial_offset_ = 0;        // before the first transition
};

/// A zone named by its fixed offset: "UTC", "GMT", "Z", "Etc/UTC" (any case), "+08:00",
/// "UTC+8", "GMT-0500". nullopt for anything else (an IANA name: config::load_time_zone reads
/// those from the system's TZif files).
std::optional<TimeZone> fixed_time_zone(std::string_view name);

/// How to read what a date leaves out.
struct DateOptions {
  TimeZone zone;              // zone-less dates are wall-clock times here (default UTC)
  bool cst_is_china = false;  // "CST" is China Standard Time (+08:00), not US Central
};

/// Parses RFC 822/1123/2822 (with common variants), ISO 8601 / RFC 3339 / W3C-DTF (extended
/// and basic, calendar, week and ordinal dates), epoch seconds/milliseconds and CJK dates.
/// A date without a zone is read in `options.zone`. Out-of-range fields make it invalid.
std::optional<Timestamp> parse_date(std::string_view text, const DateOptions& options = {});

/// "2023-11-26T19:34:51Z" (the JSON contract).
std::string format_iso_seconds(Timestamp t);
/// "2023-11-26T19:34:51.128Z" (the post's date: line).
std::string format_iso_millis(Timestamp t);
/// "2023-11-26" (the post's file name).
std::string format_ymd(Timestamp t);
/// Milliseconds since 1970-01-01T00:00:00Z.
long long epoch_millis(Timestamp t);

}  // namespace feedarchiver
