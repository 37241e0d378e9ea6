// `feedarchiver parse-date`, run as a user's pipeline would.
#include <gtest/gtest.h>

#include "support/run_command.hpp"

namespace feedarchiver {
namespace {

using testing::run_feedarchiver;

TEST(ParseDateCommand, PrintsTheUtcTimeOfAFeedDate) {
  auto r = run_feedarchiver({"parse-date", "Thu, 05 Oct 2023 11:15:00 GMT+8"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "2023-10-05T03:15:00Z\n");
  r = run_feedarchiver({"parse-date", "2023-10-05 11:15 (北京时间)"});
  EXPECT_EQ(r.out, "2023-10-05T03:15:00Z\n");
  r = run_feedarchiver({"parse-date", "1701027291128"});
  EXPECT_EQ(r.out, "2023-11-26T19:34:51.128Z\n");
}

TEST(ParseDateCommand, ReadsZoneLessDatesInTheGivenTimezone) {
  auto r = run_feedarchiver({"parse-date", "2023-10-05 11:15", "--timezone", "+08:00"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "2023-10-05T03:15:00Z\n");
  r = run_feedarchiver({"parse-date", "2023-07-04 12:00", "--timezone", "America/New_York"});
  if (r.exit_code == 0) {  // with tzdata installed
    EXPECT_EQ(r.out, "2023-07-04T16:00:00Z\n");
  }
  r = run_feedarchiver({"parse-date", "Thu, 05 Oct 2023 11:15:00 CST", "--cst-china"});
  EXPECT_EQ(r.out, "2023-10-05T03:15:00Z\n");
}

TEST(ParseDateCommand, ExitsTwoOnTextThatIsNotADate) {
  auto r = run_feedarchiver({"parse-date", "2023-13-45"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("not a date: 2023-13-45"), std::string::npos);
  r = run_feedarchiver({"parse-date", "2023-10-05", "--timezone", "Mars/Olympus"});
  EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
}  // namespace feedarchiver
