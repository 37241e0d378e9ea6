#include "feedarchiver/parse/internal_entities.hpp"

#include <gtest/gtest.h>

#include "feed_fixtures.hpp"

namespace feedarchiver::parse {
namespace {

using testing::parse_text;

TEST(InternalEntities, ExpandsTextEntitiesOfTheInternalSubset) {
  const parse::ParseResult result = parse_text(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n  <!ENTITY site \"tag:example.org,\">\n"
      "  <!ENTITY q 'say \"hi\"'>\n]>\n<rss version=\"2.0\"><channel><title>&q;</title>"
      "<item><guid isPermaLink=\"false\">&site;2024:/a</guid>"
      "<link>https://example.org/a?x=&q;</link>"
      "<description><![CDATA[&site; stays]]></description></item></channel></rss>");
  ASSERT_TRUE(result.feed) << result.error;
  EXPECT_EQ(result.feed->meta.title, "say \"hi\"");
  ASSERT_EQ(result.feed->items.size(), 1u);
  EXPECT_EQ(result.feed->items[0].id, "tag:example.org,2024:/a");
  EXPECT_EQ(result.feed->items[0].summary_html, "&site; stays");
}

TEST(InternalEntities, TheDoctypeIsLookedForInThePrologOnly) {
  // After the XML declaration, a comment and a processing instruction: found.
  const std::optional<EntityExpansion> prolog = expand_internal_entities(
      "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- <rss> in a comment -->\n"
      "<?xml-stylesheet href=\"s.xsl\"?>\n<!DOCTYPE rss [<!ENTITY a \"x\">]><rss>&a;</rss>");
  ASSERT_TRUE(prolog);
  EXPECT_NE(prolog->text.find("<rss>x</rss>"), std::string::npos);
  // A DOCTYPE after the root element starts is text, not a declaration.
  EXPECT_FALSE(expand_internal_entities(
      "<rss><!DOCTYPE rss [<!ENTITY a \"x\">]><channel><title>&a;</title></channel></rss>"));
}

TEST(InternalEntities, NeverExpandsNestedExternalOrParameterEntities) {
  const std::string xml =
      "<!DOCTYPE rss [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;\"><!ENTITY c SYSTEM "
      "\"file:///etc/passwd\"><!ENTITY % p \"y\"><!ENTITY d \"<b>\">]><rss>&a;&b;&c;&p;&d;</rss>";
  const std::optional<EntityExpansion> expanded = expand_internal_entities(xml);
  ASSERT_TRUE(expanded);
  EXPECT_EQ(expanded->count, 1u);
  EXPECT_TRUE(expanded->text.ends_with("<rss>x&b;&c;&p;&d;</rss>")) << expanded->text;
  EXPECT_FALSE(expand_internal_entities("<!DOCTYPE rss [<!ENTITY c SYSTEM \"x\">]><rss>&c;</rss>"));
  EXPECT_FALSE(expand_internal_entities("<rss>&amp;</rss>"));
}

TEST(InternalEntities, StopsAtTheCapAndSaysSo) {
  const std::string value(1000, 'v');
  std::string xml = "<!DOCTYPE rss [<!ENTITY big \"" + value + "\">]><rss><channel><title>";
  for (int i = 0; i < 1000; ++i) xml += "&big;";
  xml += "</title></channel></rss>";
  const std::optional<EntityExpansion> expanded = expand_internal_entities(xml);
  ASSERT_TRUE(expanded);
  EXPECT_TRUE(expanded->capped);
  EXPECT_EQ(expanded->count, kMaxEntityExpansionBytes / value.size());
  EXPECT_LT(expanded->text.size(), xml.size() + kMaxEntityExpansionBytes);
  const parse::ParseResult result = parse_text(xml);
  ASSERT_TRUE(result.feed);
  ASSERT_FALSE(result.feed->warnings.empty());
  EXPECT_NE(result.feed->warnings[0].find("DTD"), std::string::npos);
}

}  // namespace
}  // namespace feedarchiver::parse
