#include <gtest/gtest.h>

#include "feed_fixtures.hpp"
#include "feedarchiver/parse/feed_json.hpp"

namespace feedarchiver {
namespace {

using testing::parse_text;
using testing::utc;

// Microsoft's Channel Definition Format (IE 4 "active channels"): upper-case elements,
// links and dates in attributes.
constexpr const char* kCdf = R"(<?xml version="1.0"?>
<CHANNEL HREF="http://cdf.example.com/" LASTMOD="1998-03-02T08:30:00-05:00">
  <TITLE>Channel &amp; news</TITLE>
  <ABSTRACT>What the channel  is about</ABSTRACT>
  <LOGO HREF="/logo.gif" STYLE="IMAGE"/>
  <ITEM HREF="http://cdf.example.com/one.htm" LASTMOD="1998-03-01T10:00:00Z">
    <TITLE>First story</TITLE>
    <ABSTRACT>One &lt;b&gt;abstract</ABSTRACT>
  </ITEM>
  <CHANNEL HREF="http://cdf.example.com/sub/">
    <TITLE>Sub-channel</TITLE>
    <ITEM HREF="two.htm"><TITLE>Second story</TITLE></ITEM>
  </CHANNEL>
  <ITEM HREF="http://cdf.example.com/three.htm"><TITLE>Third story</TITLE></ITEM>
</CHANNEL>
)";

TEST(CdfParser, ReadsTheChannel) {
  const parse::ParseResult result = parse_text(kCdf);
  ASSERT_TRUE(result.feed) << result.error;
  const FeedMeta& meta = result.feed->meta;
  EXPECT_EQ(meta.format, FeedFormat::rss09x);  // spec.md's enum has no cdf
  EXPECT_EQ(std::string(to_string(meta.format)), "rss09x");
  EXPECT_EQ(meta.title, "Channel & news");
  EXPECT_EQ(meta.description, "What the channel is about");
  EXPECT_EQ(meta.url, "http://cdf.example.com/");
  EXPECT_EQ(meta.updated, utc(1998, 3, 2, 13, 30));
  EXPECT_EQ(meta.image, "/logo.gif");
}

TEST(CdfParser, ReadsItemsOfTheChannelAndOfNestedChannelsInDocumentOrder) {
  const Feed feed = *parse_text(kCdf).feed;
  ASSERT_EQ(feed.items.size(), 3u);
  EXPECT_EQ(feed.items[0].title, "First story");
  EXPECT_EQ(feed.items[0].url, "http://cdf.example.com/one.htm");
  EXPECT_EQ(feed.items[0].summary_html, "One &lt;b&gt;abstract");  // ABSTRACT is plain text
  EXPECT_EQ(feed.items[0].updated, utc(1998, 3, 1, 10));
  EXPECT_EQ(feed.items[1].title, "Second story");
  EXPECT_EQ(feed.items[2].title, "Third story");
  EXPECT_EQ(feed.items[2].summary_html, std::nullopt);
}

TEST(CdfParser, TheJsonNamesAFormatOfSpecsEnum) {
  Feed feed = *parse_text(kCdf).feed;
  const std::string json = parse::feed_to_json(feed).dump();
  EXPECT_NE(json.find(R"("format":"rss09x")"), std::string::npos);
}

TEST(CdfParser, ALowerCaseChannelRootIsRssWithoutItsRssElement) {
  const parse::ParseResult result = parse_text(
      "<channel><title>Bare</title><link>https://example.org/</link>"
      "<item><title>T</title><link>https://example.org/t</link></item></channel>");
  ASSERT_TRUE(result.feed) << result.error;
  EXPECT_EQ(result.feed->meta.format, FeedFormat::rss2);
  EXPECT_EQ(result.feed->meta.url, "https://example.org/");
  ASSERT_EQ(result.feed->items.size(), 1u);
  EXPECT_EQ(result.feed->items[0].url, "https://example.org/t");
  ASSERT_FALSE(result.feed->warnings.empty());
  EXPECT_NE(result.feed->warnings[0].find("without <rss>"), std::string::npos);
}

}  // namespace
}  // namespace feedarchiver
