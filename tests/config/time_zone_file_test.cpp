#include "feedarchiver/config/time_zone_file.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "feedarchiver/dates.hpp"

namespace feedarchiver::config {
namespace {

TEST(TimeZoneFile, LoadsSystemZonesAndFixedOffsetsByName) {
  const auto utc = load_time_zone("UTC");
  ASSERT_TRUE(utc.has_value());
  const auto plus8 = load_time_zone("UTC+08:00");
  ASSERT_TRUE(plus8.has_value());
  EXPECT_EQ(plus8->offset_at(std::chrono::sys_seconds{}), 8 * 3600);
  EXPECT_FALSE(load_time_zone("../../etc/passwd").has_value());
  EXPECT_FALSE(load_time_zone("/etc/passwd").has_value());
  EXPECT_FALSE(load_time_zone("No/Such_Zone").has_value());
  EXPECT_FALSE(load_time_zone("").has_value());
  EXPECT_FALSE(load_time_zone(std::string(65, 'A')).has_value());
  if (const auto ny = load_time_zone("America/New_York")) {  // tzdata installed
    DateOptions options;
    options.zone = *ny;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"2023-07-04 12:00", "2023-07-04T16:00:00.000Z"},
        {"2023-12-04 12:00", "2023-12-04T17:00:00.000Z"}};
    for (const auto& [input, expected] : cases) {
      const auto t = parse_date(input, options);
      ASSERT_TRUE(t.has_value()) << input;
      EXPECT_EQ(format_iso_millis(*t), expected) << input;
    }
  }
}

}  // namespace
}  // namespace feedarchiver::config
