// `man feedarchiver`: the page help2man made at build time from the binary's own help names
// every command with its options. CI installs help2man, so there the page must exist.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

TEST(ManPage, IsGeneratedFromTheHelpOfEveryCommand) {
#ifndef FEEDARCHIVER_MAN_PAGE
  if (std::getenv("CI") != nullptr) FAIL() << "help2man is missing on CI: no man page built";
  GTEST_SKIP() << "help2man is not installed: no man page";
#else
  const std::string page = testing::read_file(FEEDARCHIVER_MAN_PAGE);
  EXPECT_NE(page.find(".TH FEEDARCHIVER \"1\""), std::string::npos) << page.substr(0, 300);
  for (const char* command : {"archive", "run", "init", "import-urls", "import-opml", "status"}) {
    EXPECT_NE(page.find(std::string(".SS ") + command + "\n"), std::string::npos) << command;
  }
  EXPECT_NE(page.find("\\-\\-title"), std::string::npos);  // init's own option, roff-escaped
  EXPECT_EQ(page.find("/build/"), std::string::npos);      // no build path in Usage lines
#endif
}

}  // namespace
}  // namespace feedarchiver
