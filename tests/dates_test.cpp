#include "feedarchiver/dates.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace feedarchiver::normalize {
namespace {

struct Good {
  std::string input;
  std::string expected;  // format_iso_millis of the result
};

void expect_all_parse(const std::vector<Good>& cases) {
  for (const auto& c : cases) {
    const auto t = parse_date(c.input);
    ASSERT_TRUE(t.has_value()) << "input: \"" << c.input << "\"";
    EXPECT_EQ(format_iso_millis(*t), c.expected) << "input: \"" << c.input << "\"";
  }
}

void expect_none_parse(const std::vector<std::string>& cases) {
  for (const auto& c : cases) {
    const auto t = parse_date(c);
    EXPECT_FALSE(t.has_value()) << "input: \"" << c << "\" gave " << format_iso_millis(*t);
  }
}

Timestamp at_millis(long long ms) {
  return Timestamp{std::chrono::milliseconds{ms}};
}

void expect_parse_with(const DateOptions& options, const std::vector<Good>& cases) {
  for (const auto& c : cases) {
    const auto t = parse_date(c.input, options);
    ASSERT_TRUE(t.has_value()) << "input: \"" << c.input << "\"";
    EXPECT_EQ(format_iso_millis(*t), c.expected) << "input: \"" << c.input << "\"";
  }
}

// A TZif v2 file with one zone: +01:00 standard, +02:00 from 2023-03-26T01:00Z to
// 2023-10-29T01:00Z (Europe/Berlin's 2023 rules), written by hand.
std::string tiny_tzif() {
  auto be32 = [](std::string& out, std::int64_t v) {
    for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  auto be64 = [](std::string& out, std::int64_t v) {
    for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  auto header = [&](std::string& out) {
    out += "TZif2";
    out.append(15, '\0');
    for (std::int64_t count : {0, 0, 0, 2, 2, 8})
      be32(out, count);  // isut isstd leap time type char
  };
  std::string out;
  const std::int64_t spring = 1679792400;  // 2023-03-26T01:00:00Z
  const std::int64_t autumn = 1698541200;  // 2023-10-29T01:00:00Z
  for (int block = 0; block < 2; ++block) {
    header(out);
    for (std::int64_t t : {spring, autumn}) block == 0 ? be32(out, t) : be64(out, t);
    out.push_back(1);  // spring → CEST
    out.push_back(0);  // autumn → CET
    be32(out, 3600);
    out.push_back(0);
    out.push_back(0);
    be32(out, 7200);
    out.push_back(1);
    out.push_back(4);
    out += std::string("CET\0CEST", 8);
  }
  out += "\nCET-1CEST,M3.5.0,M10.5.0/3\n";
  return out;
}

TEST(Dates, AcceptsOffsetsGluedToZoneNames) {
  expect_all_parse({
      {"Thu, 05 Oct 2023 11:15:00 GMT+8", "2023-10-05T03:15:00.000Z"},
      {"Thu, 05 Oct 2023 11:15:00 UTC+08:00", "2023-10-05T03:15:00.000Z"},
      {"Thu, 05 Oct 2023 11:15:00 +08", "2023-10-05T03:15:00.000Z"},
      {"2023-10-05 11:15 UTC+08:00", "2023-10-05T03:15:00.000Z"},
      {"2023-10-05T11:15:00 GMT+8", "2023-10-05T03:15:00.000Z"},
      {"thu 5 oct 23 11:15 gmt", "2023-10-05T11:15:00.000Z"},
  });
}

TEST(Dates, AcceptsCjkZoneNamesAndWeekdays) {
  expect_all_parse({
      {"2023-10-05 11:15 (北京时间)", "2023-10-05T03:15:00.000Z"},
      {"2023-10-05 11:15（北京時間）", "2023-10-05T03:15:00.000Z"},
      {"2023-10-05 11:15 北京时间", "2023-10-05T03:15:00.000Z"},
      {"2023/10/05 星期四", "2023-10-05T00:00:00.000Z"},
      {"2023/10/05 星期四 11:15", "2023-10-05T11:15:00.000Z"},
      {"2023/10/05(木) 11:15 (日本時間)", "2023-10-05T02:15:00.000Z"},
      {"2023年10月5日 星期四 下午3:15", "2023-10-05T15:15:00.000Z"},
      {"2023年10月5日 周四 11:15 (北京时间)", "2023-10-05T03:15:00.000Z"},
      {"2023년 10월 5일 목요일 오후 3:15", "2023-10-05T15:15:00.000Z"},
      {"2023.10.05 11:15", "2023-10-05T11:15:00.000Z"},
  });
}

TEST(Dates, AcceptsIsoWeekAndOrdinalDatesBasicAndExtended) {
  expect_all_parse({
      {"2023-W40-4", "2023-10-05T00:00:00.000Z"},
      {"2023W404", "2023-10-05T00:00:00.000Z"},
      {"2023-W40", "2023-10-02T00:00:00.000Z"},
      {"2020-W53-5", "2021-01-01T00:00:00.000Z"},
      {"2023-W40-4T11:15:00Z", "2023-10-05T11:15:00.000Z"},
      {"2023-278", "2023-10-05T00:00:00.000Z"},
      {"2023278", "2023-10-05T00:00:00.000Z"},
      {"2024-366", "2024-12-31T00:00:00.000Z"},
      {"2023-278T11:15Z", "2023-10-05T11:15:00.000Z"},
      {"20231005T111500Z", "2023-10-05T11:15:00.000Z"},
      {"20231005T1115+0800", "2023-10-05T03:15:00.000Z"},
      {"20231005T111500.250-0130", "2023-10-05T12:45:00.250Z"},
  });
  expect_none_parse({"2023-W54-1", "2023-W53-1", "2023-W40-8", "2023-W00", "2023-366", "2023-000",
                     "20231305T111500Z", "20231005T251500Z", "20231005X1115"});
}

TEST(Dates, ReadsCstAsChinaOnlyWhenAsked) {
  expect_all_parse({{"Thu, 05 Oct 2023 11:15:00 CST", "2023-10-05T17:15:00.000Z"}});
  DateOptions chinese;
  chinese.cst_is_china = true;
  expect_parse_with(chinese, {
                                 {"Thu, 05 Oct 2023 11:15:00 CST", "2023-10-05T03:15:00.000Z"},
                                 {"2023-10-05 11:15:00 CST", "2023-10-05T03:15:00.000Z"},
                             });
}

TEST(Dates, ReadsZoneLessDatesInTheGivenZone) {
  DateOptions shanghai;
  shanghai.zone = TimeZone::fixed("Asia/Shanghai", 8 * 3600);
  expect_parse_with(shanghai, {
                                  {"2023-10-05 11:15", "2023-10-05T03:15:00.000Z"},
                                  {"2023年10月5日 11:15", "2023-10-05T03:15:00.000Z"},
                                  {"Thu, 05 Oct 2023 11:15:00", "2023-10-05T03:15:00.000Z"},
                                  {"2023-10-05T11:15:00Z", "2023-10-05T11:15:00.000Z"},
                                  {"2023-10-05T11:15:00+09:00", "2023-10-05T02:15:00.000Z"},
                                  {"1696475700", "2023-10-05T03:15:00.000Z"},  // epoch: UTC
                              });
}

TEST(Dates, ReadsTzifTransitionsForZoneLessDates) {
  const auto zone = TimeZone::from_tzif(tiny_tzif(), "Test/Berlin");
  ASSERT_TRUE(zone.has_value());
  DateOptions berlin;
  berlin.zone = *zone;
  expect_parse_with(berlin, {
                                {"2023-01-15 12:00", "2023-01-15T11:00:00.000Z"},  // CET
                                {"2023-07-15 12:00", "2023-07-15T10:00:00.000Z"},  // CEST
                                {"2023-12-15 12:00", "2023-12-15T11:00:00.000Z"},  // CET again
                            });
  EXPECT_FALSE(TimeZone::from_tzif("TZif2 but short", "x").has_value());
  EXPECT_FALSE(TimeZone::from_tzif(tiny_tzif().substr(0, 60), "x").has_value());
}

TEST(Dates, NamesFixedOffsetZones) {
  const auto utc = fixed_time_zone("utc");
  ASSERT_TRUE(utc.has_value());
  EXPECT_EQ(utc->offset_at(std::chrono::sys_seconds{}), 0);
  const auto minus5 = fixed_time_zone("GMT-0500");
  ASSERT_TRUE(minus5.has_value());
  EXPECT_EQ(minus5->offset_at(std::chrono::sys_seconds{}), -5 * 3600);
  EXPECT_FALSE(fixed_time_zone("America/New_York").has_value());  // a file: config/
  EXPECT_FALSE(fixed_time_zone("+25:00").has_value());
}

TEST(Dates, RejectsLongDigitRunsWithoutOverflow) {  // found by fuzz/parse_date_fuzz
  expect_none_parse({"17316037291217952250", std::string(200, '9'), "20231005123456"});
}

TEST(Dates, AcceptsRfc822WithNamedZone) {
  expect_all_parse({
      {"Sun, 26 Nov 2023 19:34:51 GMT", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 19:34:51 UT", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 19:34:51 UTC", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 19:34:51 Z", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 14:34:51 EST", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 15:34:51 EDT", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 13:34:51 CST", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 14:34:51 CDT", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 12:34:51 MST", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 13:34:51 MDT", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 11:34:51 PST", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 12:34:51 PDT", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 20:34:51 CET", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 21:34:51 CEST", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 20:34:51 BST", "2023-11-26T19:34:51.000Z"},
      {"Mon, 27 Nov 2023 04:34:51 JST", "2023-11-26T19:34:51.000Z"},
      {"Mon, 27 Nov 2023 04:34:51 KST", "2023-11-26T19:34:51.000Z"},
      {"Mon, 27 Nov 2023 03:34:51 HKT", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 19:34:51 gmt", "2023-11-26T19:34:51.000Z"},
  });
}

TEST(Dates, AcceptsRfc822WithNumericOffsets) {
  expect_all_parse({
      {"Mon, 27 Nov 2023 03:34:51 +0800", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 14:34:51 -0500", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 19:34:51 +0000", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 19:34:51 -0000", "2023-11-26T19:34:51.000Z"},
      {"Mon, 27 Nov 2023 01:04:51 +0530", "2023-11-26T19:34:51.000Z"},
      {"Mon, 27 Nov 2023 03:34:51 +08:00", "2023-11-26T19:34:51.000Z"},
      {"Mon, 27 Nov 2023 03:34:51 GMT+0800", "2023-11-26T19:34:51.000Z"},
      {"Mon, 27 Nov 2023 03:34:51 GMT+8", "2023-11-26T19:34:51.000Z"},
      {"Mon, 27 Nov 2023 03:34:51+0800", "2023-11-26T19:34:51.000Z"},
      {"Sun, 26 Nov 2023 19:34:51 +0000 (UTC)", "2023-11-26T19:34:51.000Z"},
  });
}

TEST(Dates, AcceptsRfc822Variants) {
  expect_all_parse({
      {"26 Nov 2023 19:34:51 GMT", "2023-11-26T19:34:51.000Z"},               // no weekday
      {"Sun 26 Nov 2023 19:34:51 GMT", "2023-11-26T19:34:51.000Z"},           // no comma
      {"Sun, 26 Nov 2023 19:34 GMT", "2023-11-26T19:34:00.000Z"},             // no seconds
      {"Sun, 26 Nov 23 19:34:51 GMT", "2023-11-26T19:34:51.000Z"},            // 2-digit year
      {"Fri, 26 Nov 99 19:34:51 GMT", "1999-11-26T19:34:51.000Z"},            // 2-digit, 19xx
      {"Sun, 26 nov 2023 19:34:51 gmt", "2023-11-26T19:34:51.000Z"},          // lower case
      {"Sunday, 26 November 2023 19:34:51 GMT", "2023-11-26T19:34:51.000Z"},  // full names
      {"Tue, 5 Sept 2023 08:00:00 GMT", "2023-09-05T08:00:00.000Z"},          // Sept
      {"Sun,  26   Nov  2023   19:34:51   GMT", "2023-11-26T19:34:51.000Z"},  // extra spaces
      {"Sun,26 Nov 2023 19:34:51 GMT", "2023-11-26T19:34:51.000Z"},           // no space
      {"Sun, 6 Nov 2023 9:04:05 GMT", "2023-11-06T09:04:05.000Z"},            // single digits
      {"Sun, 26 Nov 2023", "2023-11-26T00:00:00.000Z"},                       // no time
      {"Sun, 26 Nov 2023 19:34:51", "2023-11-26T19:34:51.000Z"},              // no zone
      {"Sun, 26 Nov 2023 19:34:51 A", "2023-11-26T19:34:51.000Z"},            // military
      {"Sun., 26 Nov. 2023 19:34:51 GMT", "2023-11-26T19:34:51.000Z"},        // dots
      {"26-Nov-2023 19:34:51 GMT", "2023-11-26T19:34:51.000Z"},               // dashes
      {"Nov 26, 2023 7:34 PM", "2023-11-26T19:34:00.000Z"},                   // US order, PM
      {"November 26, 2023 12:05 am", "2023-11-26T00:05:00.000Z"},             // 12 am
      {"Sun Nov 26 19:34:51 2023", "2023-11-26T19:34:51.000Z"},               // asctime
      {"Sun Nov 26 19:34:51 UTC 2023", "2023-11-26T19:34:51.000Z"},           // date(1)
      {"Sun, 26 Nov 2023 19:34:51.128 GMT", "2023-11-26T19:34:51.128Z"},      // fraction
      {"  Sun, 26 Nov 2023 19:34:51 GMT \n", "2023-11-26T19:34:51.000Z"},     // outer blanks
      {"Sun, 31 Dec 2023 23:59:60 GMT", "2023-12-31T23:59:59.000Z"},          // leap second
      {"Thu, 29 Feb 2024 12:00:00 GMT", "2024-02-29T12:00:00.000Z"},          // leap day
      {"Mon, 01 Jan 2024 03:00:00 +0800", "2023-12-31T19:00:00.000Z"},        // crosses a year
  });
}

TEST(Dates, AcceptsIso8601AndRfc3339) {
  expect_all_parse({
      {"2023-11-26T19:34:51Z", "2023-11-26T19:34:51.000Z"},
      {"2023-11-26t19:34:51z", "2023-11-26T19:34:51.000Z"},
      {"2023-11-26T19:34:51.128Z", "2023-11-26T19:34:51.128Z"},
      {"2023-11-26T19:34:51.1Z", "2023-11-26T19:34:51.100Z"},
      {"2023-11-26T19:34:51.123456789Z", "2023-11-26T19:34:51.123Z"},
      {"2023-11-26T19:34:51,5Z", "2023-11-26T19:34:51.500Z"},
      {"2023-11-27T03:34:51+08:00", "2023-11-26T19:34:51.000Z"},
      {"2023-11-27T03:34:51+0800", "2023-11-26T19:34:51.000Z"},
      {"2023-11-27T03:34:51+08", "2023-11-26T19:34:51.000Z"},
      {"2023-11-26T14:34:51-05:00", "2023-11-26T19:34:51.000Z"},
      {"2023-11-27T01:04:51.250+05:30", "2023-11-26T19:34:51.250Z"},
      {"2023-11-26 19:34:51", "2023-11-26T19:34:51.000Z"},
      {"2023-11-26 19:34:51 +0000", "2023-11-26T19:34:51.000Z"},
      {"2023-11-26 19:34:51 UTC", "2023-11-26T19:34:51.000Z"},
      {"2023-11-26T19:34Z", "2023-11-26T19:34:00.000Z"},
      {"2023-11-26T19:34:51", "2023-11-26T19:34:51.000Z"},
      {"2023/11/26 19:34", "2023-11-26T19:34:00.000Z"},
      {"2023-1-5", "2023-01-05T00:00:00.000Z"},
      {"  2023-11-26T19:34:51Z\t", "2023-11-26T19:34:51.000Z"},
      {"2023-11-26T23:59:60Z", "2023-11-26T23:59:59.000Z"},
  });
}

TEST(Dates, AcceptsW3cDtfReducedPrecision) {
  expect_all_parse({
      {"2023-11-26", "2023-11-26T00:00:00.000Z"},
      {"2023-11", "2023-11-01T00:00:00.000Z"},
      {"2023", "2023-01-01T00:00:00.000Z"},
      {"20231126", "2023-11-26T00:00:00.000Z"},
  });
}

TEST(Dates, AcceptsEpochSecondsAndMilliseconds) {
  expect_all_parse({
      {"1701027291", "2023-11-26T19:34:51.000Z"},
      {"1701027291128", "2023-11-26T19:34:51.128Z"},
      {"0000000000", "1970-01-01T00:00:00.000Z"},
      {" 1701027291 ", "2023-11-26T19:34:51.000Z"},
  });
}

TEST(Dates, AcceptsSimpleCjkDates) {
  expect_all_parse({
      {"2023年10月5日 11:15", "2023-10-05T11:15:00.000Z"},
      {"2023年10月5日11:15:30", "2023-10-05T11:15:30.000Z"},
      {"2023年10月05日", "2023-10-05T00:00:00.000Z"},
      {"2023年1月2日 3时4分", "2023-01-02T03:04:00.000Z"},
      {"2023年10月5日 11：15", "2023-10-05T11:15:00.000Z"},
      {"2023년 10월 5일 11:15", "2023-10-05T11:15:00.000Z"},
      {"2023年10月5日 11:15 +08:00", "2023-10-05T03:15:00.000Z"},
  });
}

TEST(Dates, RejectsOutOfRangeFieldsInsteadOfWrapping) {
  expect_none_parse({
      "Sun, 26 Nov 2023 25:00:00 GMT",  // hour 25
      "Sun, 26 Nov 2023 24:00:00 GMT",  // hour 24
      "Sun, 26 Nov 2023 19:60:00 GMT",  // minute 60
      "Sun, 26 Nov 2023 19:34:61 GMT",  // second 61
      "Sun, 32 Nov 2023 19:34:51 GMT",  // day 32
      "Thu, 30 Feb 2023 12:00:00 GMT",  // Feb 30
      "Wed, 29 Feb 2023 12:00:00 GMT",  // Feb 29 of a common year
      "Sun, 31 Apr 2023 12:00:00 GMT",  // Apr 31
      "Sun, 0 Nov 2023 19:34:51 GMT",   // day 0
      "2023-13-01",                     // month 13
      "2023-00-10",                     // month 0
      "2023-02-30T00:00:00Z",           // Feb 30
      "2023-11-26T25:00:00Z",           // hour 25
      "2023-11-26T19:60:00Z",           // minute 60
      "2023-11-26T19:34:61Z",           // second 61
      "2023-11-32",                     // day 32
      "2023-11-26T19:34:51+25:00",      // offset hour 25
      "2023-11-26T19:34:51+08:60",      // offset minute 60
      "2023年13月5日",                  // month 13
      "2023年2月30日 11:15",            // Feb 30
      "Nov 26, 2023 13:00 PM",          // 13 PM
      "0000",                           // year 0
      "20231301",                       // month 13, basic format
  });
}

TEST(Dates, RejectsTextThatIsNotADate) {
  expect_none_parse({
      "",
      "   ",
      "yesterday",
      "not a date",
      "Sun, 26 Foo 2023 19:34:51 GMT",  // unknown month
      "Sun, 26 Nov 2023 19:34:51 XYZ",  // unknown zone
      "26 2023 19:34:51",               // no month
      "Nov 2023",                       // no day
      "Sun, 26 Nov 19:34:51",           // no year
      "Sun, 26 Nov 2023 19:34:51 GMT GMT",
      "Sun, 26 Nov 2023 19:34:51 19:34:51",
      "Sun, 26 Nov 2023 Nov 19:34:51",
      "2023-11-26T",
      "2023-11-26X19:34:51",
      "2023-11-26T19",
      "2023-11-26T19:34:51Zjunk",
      "2023-11-26T19:34:51 +0800 extra",
      "2023-",
      "2023--26",
      "123",
      "12345",
      "12345678901234",  // 14 digits
      "17010272911",     // 11 digits
      "-1701027291",
      "1701027291.5",
      "2023年",
      "2023年10月",
      "2023年10月5日 11",
      "Sun, 26 Nov 20234 19:34:51 GMT",
      "Sun, 26 Nov 2023 19:34:51 +0800 +0900",
      "Sun, 26 Nov 2023 19:34:51 (unterminated",
      "Sun, 26 Nov 2023 19:34:51 GMT\x01",
      "\xff\xfe\xfd",
      std::string("2023-11-26\0T19", 14),
  });
}

TEST(Dates, SurvivesHostileInputWithoutCrashing) {
  // Not a fuzzer, but the shapes one finds first: long runs, truncated tokens, every byte.
  std::vector<std::string> inputs = {std::string(10'000, '9'),
                                     std::string(10'000, ':'),
                                     std::string(10'000, '('),
                                     std::string(5000, '+') + "0800",
                                     "Sun, 26 Nov 2023 19:",
                                     "+",
                                     "-",
                                     ":",
                                     "(",
                                     ")",
                                     ",",
                                     "2023-11-26T19:34:51.",
                                     "2023-11-26T19:34:51+",
                                     "Nov 26 2023 19:34 P",
                                     "9:99:99"};
  for (int b = 0; b < 256; ++b) inputs.push_back(std::string(1, static_cast<char>(b)));
  const std::string base = "Sun, 26 Nov 2023 19:34:51 +0800";
  for (std::size_t i = 0; i <= base.size(); ++i) inputs.push_back(base.substr(0, i));
  for (const auto& in : inputs) {
    (void)parse_date(in);  // must return, whatever it returns
  }
  SUCCEED();
}

TEST(Dates, FormatsTheThreeOutputShapes) {
  const auto t = parse_date("2023-11-26T19:34:51.128Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(format_iso_seconds(*t), "2023-11-26T19:34:51Z");
  EXPECT_EQ(format_iso_millis(*t), "2023-11-26T19:34:51.128Z");
  EXPECT_EQ(format_ymd(*t), "2023-11-26");
  EXPECT_EQ(epoch_millis(*t), 1701027291128LL);
}

TEST(Dates, FormatsTheEpochAndDatesBefore1970WithFloorDivision) {
  EXPECT_EQ(format_iso_millis(at_millis(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso_millis(at_millis(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_iso_seconds(at_millis(-1)), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_ymd(at_millis(-1)), "1969-12-31");
  EXPECT_EQ(format_iso_millis(at_millis(-86'400'000)), "1969-12-31T00:00:00.000Z");
  const auto old = parse_date("Sat, 20 Jul 1969 20:17:40 GMT");
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(epoch_millis(*old), -14'182'940'000LL);
  EXPECT_EQ(format_iso_seconds(*old), "1969-07-20T20:17:40Z");
  const auto ancient = parse_date("0001-01-01T00:00:00Z");
  ASSERT_TRUE(ancient.has_value());
  EXPECT_EQ(format_iso_millis(*ancient), "0001-01-01T00:00:00.000Z");
}

TEST(Dates, ClampsTimestampsOutsideFourDigitYearsWhenFormatting) {
  EXPECT_EQ(format_iso_millis(at_millis(std::numeric_limits<long long>::max())),
            "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(format_ymd(at_millis(std::numeric_limits<long long>::min())), "0000-01-01");
}

TEST(Dates, RoundTripsItsOwnOutput) {
  for (long long ms : {0LL, 1LL, 999LL, 1701027291128LL, -14182940000LL, 253402300799999LL}) {
    const auto t = parse_date(format_iso_millis(at_millis(ms)));
    ASSERT_TRUE(t.has_value()) << ms;
    EXPECT_EQ(epoch_millis(*t), ms);
  }
}

TEST(Dates, AcceptsKoreanDatesAndAmPm) {
  expect_all_parse({
      {"2004-05-25 오후 11:23:17", "2004-05-25T23:23:17.000Z"},
      {"2004-05-25 오전 12:05:00", "2004-05-25T00:05:00.000Z"},
      {"2023년 10월 5일 오후 3:15", "2023-10-05T15:15:00.000Z"},
      {"2023년 10월 5일 (목) 오전 9:05", "2023-10-05T09:05:00.000Z"},
      {"2023. 10. 5. 오후 3:15:00", "2023-10-05T15:15:00.000Z"},
      {"2023.10.05 15:30", "2023-10-05T15:30:00.000Z"},
      {"2023-10-05 11:15 PM", "2023-10-05T23:15:00.000Z"},
  });
  expect_none_parse({"2004-05-25 오후", "2004-05-25 오후 13:00"});
}

TEST(Dates, AcceptsGreekAndHungarianMonthAndDayNames) {
  expect_all_parse({
      {"Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11T17:00:00.000Z"},
      {"Τρι, 05 Οκτωβρίου 2023 10:00:00 +0300", "2023-10-05T07:00:00.000Z"},
      {"ΣΑΒ, 02 ΜΑΪ 2020 08:00:00 GMT", "2020-05-02T08:00:00.000Z"},
      {"Δευ, 01 Ιον 2020 08:00:00 GMT", "2020-06-01T08:00:00.000Z"},
      {"2004-július-13T9:15-05:00", "2004-07-13T14:15:00.000Z"},
      {"2023. október 5. 11:15", "2023-10-05T11:15:00.000Z"},
      {"csütörtök, 5 Március 2020 10:00 +0100", "2020-03-05T09:00:00.000Z"},
      {"2023-Oct-05 10:00Z", "2023-10-05T10:00:00.000Z"},
  });
  expect_none_parse({"Κυρ, 11 Ιου 2004 12:00:00 GMT", "2004-Blah-13"});  // Ιου: June or July
}

TEST(Dates, AcceptsW3cDtfTruncatedAndTwoDigitYears) {
  expect_all_parse({
      {"03-12-31", "2003-12-31T00:00:00.000Z"},
      {"03-12-31T10:14:55Z", "2003-12-31T10:14:55.000Z"},
      {"-03-12", "2003-12-01T00:00:00.000Z"},
      {"031231", "2003-12-31T00:00:00.000Z"},
      {"2003-12", "2003-12-01T00:00:00.000Z"},
      {"2003", "2003-01-01T00:00:00.000Z"},
  });
  expect_none_parse({"03-13-31", "-03-13", "05-10-2023x"});
}

TEST(Dates, AcceptsUsZonesWithoutStandardOrDaylightLetter) {
  expect_all_parse({
      {"Thu, 05 Oct 2023 11:15:00 ET", "2023-10-05T15:15:00.000Z"},  // in DST: EDT
      {"Thu, 05 Jan 2023 11:15:00 ET", "2023-01-05T16:15:00.000Z"},
      {"Thu, 05 Jan 2023 11:15:00 CT", "2023-01-05T17:15:00.000Z"},
      {"Thu, 05 Jan 2023 11:15:00 MT", "2023-01-05T18:15:00.000Z"},
      {"Wed, 05 Jul 2023 11:15:00 PT", "2023-07-05T18:15:00.000Z"},
      {"Thu, 05 Jan 2023 11:15:00 AT", "2023-01-05T15:15:00.000Z"},
      {"Sun, 12 Mar 2023 01:30:00 ET", "2023-03-12T06:30:00.000Z"},  // before the switch
      {"Sun, 12 Mar 2023 03:30:00 ET", "2023-03-12T07:30:00.000Z"},
      {"2006-04-01 12:00 PT", "2006-04-01T20:00:00.000Z"},  // 2006: DST from April 2
      {"2006-04-03 12:00 PT", "2006-04-03T19:00:00.000Z"},
      {"October 5, 2023 at 11:15 AM", "2023-10-05T11:15:00.000Z"},  // "at": not a zone
  });
}

TEST(Dates, AcceptsEtcGmtZoneNamesWithPosixSigns) {
  expect_all_parse({
      {"Thu, 05 Oct 2023 11:15:00 Etc/GMT-8", "2023-10-05T03:15:00.000Z"},
      {"2023-10-05 11:15:00 Etc/GMT+5", "2023-10-05T16:15:00.000Z"},
      {"2023-10-05T11:15:00 Etc/UTC", "2023-10-05T11:15:00.000Z"},
  });
  expect_none_parse({"2023-10-05 11:15 Etc/Mars"});
}

TEST(Dates, AcceptsAnOffsetCutOffInItsLastDigit) {
  expect_all_parse({
      {"2017-06-13T03:18:00+00:0", "2017-06-13T03:18:00.000Z"},
      {"2017-06-13T03:18:00+05:3", "2017-06-12T21:48:00.000Z"},
  });
  expect_none_parse({"2017-06-13T03:18:00+05:3 GMT"});
}

TEST(Dates, AcceptsRfc822DatesWithAnIsoDateInside) {
  expect_all_parse({
      {"Thu, 2023/10/05 11:15:00 +0800", "2023-10-05T03:15:00.000Z"},
      {"Thursday, 2023-10-05 11:15:00 GMT", "2023-10-05T11:15:00.000Z"},
  });
}

}  // namespace
}  // namespace feedarchiver::normalize
