#include "feedarchiver/html_entities.hpp"

#include <gtest/gtest.h>

namespace feedarchiver::normalize {
namespace {

TEST(HtmlEntities, KnowsTheCommonHtmlEntities) {
  auto first = [](std::string_view name) -> char32_t {
    auto entity = lookup_html_entity(name);
    return entity ? entity->first : 0;
  };
  EXPECT_EQ(first("nbsp"), U'\u00A0');
  EXPECT_EQ(first("rsquo"), U'\u2019');
  EXPECT_EQ(first("AElig"), U'\u00C6');
  EXPECT_EQ(first("yuml"), U'\u00FF');
  EXPECT_EQ(first("NBSP"), 0);                              // names are case-sensitive
  EXPECT_EQ(first("AMP"), U'&');                            // HTML5's upper-case aliases
  EXPECT_EQ(lookup_html_entity("bne")->second, U'\u20E5');  // two code points
  EXPECT_EQ(kHtmlEntityCount, 2125u);
}

}  // namespace
}  // namespace feedarchiver::normalize
