#pragma once
// Date strings as feeds write them → UTC timestamps, and timestamps → the strings we write.
// Pure: the zone-less default and "now" are passed in, never read from the machine.

#include <optional>
#include <string>
#include <string_view>

#include "feedarchiver/model.hpp"

namespace feedarchiver::normalize {

/// Parses RFC 822/1123/2822 (with common variants) and ISO 8601 / RFC 3339 / W3C-DTF.
/// A date without a zone is taken as UTC. Out-of-range fields make it invalid (nullopt).
std::optional<Timestamp> parse_date(std::string_view text);

/// "2023-11-26T19:34:51Z" (the JSON contract).
std::string format_iso_seconds(Timestamp t);
/// "2023-11-26T19:34:51.128Z" (the post's date: line).
std::string format_iso_millis(Timestamp t);
/// "2023-11-26" (the post's file name).
std::string format_ymd(Timestamp t);
/// Milliseconds since 1970-01-01T00:00:00Z.
long long epoch_millis(Timestamp t);

}  // namespace feedarchiver::normalize
