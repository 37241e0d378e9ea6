#pragma once
// A feed's "timezone" setting → a TimeZone, reading the system's TZif files
// (/usr/share/zoneinfo). Kept out of normalize/, which is pure: it parses the bytes
// (TimeZone::from_tzif), this reads the file.

#include <optional>
#include <string>
#include <string_view>

#include "feedarchiver/dates.hpp"

namespace feedarchiver::config {

/// Loads an IANA zone ("Asia/Shanghai", "UTC") from `zoneinfo_dir`, or a fixed offset
/// ("+08:00", "UTC+8"). nullopt for an unknown or unsafe name. Reads a file: call it once
/// per feed configuration, not per date.
std::optional<TimeZone> load_time_zone(std::string_view name,
                                       const std::string& zoneinfo_dir = "/usr/share/zoneinfo");

}  // namespace feedarchiver::config
