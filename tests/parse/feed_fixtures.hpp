#pragma once
// Shared by the parse/ tests: fixture loading, parsing shortcuts and UTC time literals.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/model.hpp"
#include "feedarchiver/parse/feed_parser.hpp"

namespace feedarchiver::testing {

inline std::string feed_fixture(const std::string& name) {
  const std::filesystem::path path = std::filesystem::path(FEEDARCHIVER_TEST_DATA) / "feeds" / name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline parse::ParseResult parse_text(std::string text, std::string base_url = {},
                                     decode::DocumentKind kind = decode::DocumentKind::unknown) {
  decode::Document document;
  document.utf8 = std::move(text);
  document.kind = kind;
  document.base_url = std::move(base_url);
  return parse::parse_feed(document);
}

// Parses a fixture that must be a feed; fails the test (and returns an empty Feed) if not.
inline Feed parse_fixture(const std::string& name, std::string base_url = {}) {
  parse::ParseResult result = parse_text(feed_fixture(name), std::move(base_url));
  EXPECT_TRUE(result.feed.has_value()) << name << ": " << result.error;
  return result.feed ? *result.feed : Feed{};
}

inline Timestamp utc(int year, unsigned month, unsigned day, int hour = 0, int minute = 0,
                     int second = 0, int millis = 0) {
  using namespace std::chrono;
  return Timestamp(sys_days(std::chrono::year(year) / std::chrono::month(month) /
                            std::chrono::day(day))) +
         hours(hour) + minutes(minute) + seconds(second) + milliseconds(millis);
}

}  // namespace feedarchiver::testing
