#include "feedarchiver/ascii.hpp"

#include <gtest/gtest.h>

#include <string>

namespace feedarchiver {
namespace {

TEST(Ascii, TheThreeSpaceSetsDifferOnlyInFormFeedAndVerticalTab) {
  for (char c : std::string(" \t\n\r")) {
    EXPECT_TRUE(is_xml_space(c));
    EXPECT_TRUE(is_html_space(c));
    EXPECT_TRUE(is_c_space(c));
  }
  EXPECT_FALSE(is_xml_space('\f'));  // XML's S has no form feed
  EXPECT_TRUE(is_html_space('\f'));
  EXPECT_FALSE(is_html_space('\v'));  // WHATWG's ASCII whitespace has no vertical tab
  EXPECT_TRUE(is_c_space('\v'));
  EXPECT_FALSE(is_c_space('\0'));
  EXPECT_FALSE(is_c_space('\xA0'));  // a UTF-8 byte is never a space here
}

TEST(Ascii, TrimsOnlyTheSpacesOfTheNamedStandard) {
  EXPECT_EQ(trim_xml_space("\f a \n"), "\f a");
  EXPECT_EQ(trim_html_space("\f a \n"), "a");
  EXPECT_EQ(trim_html_space("\va\v"), "\va\v");
  EXPECT_EQ(trim_c_space("\v a\r\n"), "a");
  EXPECT_EQ(trim_c_space(" \t "), "");
  EXPECT_EQ(trim_c_space("中文 "), "中文");
}

TEST(Ascii, LowerCasesAsciiLettersAndLeavesUtf8Alone) {
  EXPECT_EQ(to_ascii_lower("Text/HTML; Charset=UTF-8"), "text/html; charset=utf-8");
  EXPECT_EQ(to_ascii_lower("ÄÖ Ü"), "ÄÖ Ü");
  EXPECT_EQ(ascii_upper('q'), 'Q');
  EXPECT_EQ(ascii_upper('\xC3'), '\xC3');
}

TEST(Ascii, ComparesIgnoringAsciiCaseOnly) {
  EXPECT_TRUE(equals_ignoring_ascii_case("Content-Type", "content-type"));
  EXPECT_FALSE(equals_ignoring_ascii_case("Ä", "ä"));
  EXPECT_TRUE(starts_with_ignoring_ascii_case("HTTPS://example.org", "https://"));
  EXPECT_FALSE(starts_with_ignoring_ascii_case("http", "https://"));
  EXPECT_TRUE(starts_with_ignoring_ascii_case("<!DOCTYPE html>", "<!doctype"));
}

}  // namespace
}  // namespace feedarchiver
