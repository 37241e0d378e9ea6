#include <gtest/gtest.h>

#include <string>

#include "feed_fixtures.hpp"

namespace feedarchiver {
namespace {

using testing::feed_fixture;
using testing::parse_fixture;
using testing::parse_text;

TEST(FeedParser, SaysAnHtmlPageIsNotAFeedAndSuggestsExtract) {
  const auto result = parse_text(feed_fixture("html_page.html"));
  EXPECT_FALSE(result.feed);
  EXPECT_EQ(result.error, "looks like an HTML page, not a feed (try `feedarchiver extract`)");
}

TEST(FeedParser, RecognizesXhtmlPagesAndHtmlWithoutDoctype) {
  EXPECT_NE(parse_text("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
                       "<body/></html>")
                .error.find("HTML page"),
            std::string::npos);
  EXPECT_NE(parse_text("  <HTML><body><p>x<br></body></HTML>").error.find("extract"),
            std::string::npos);
  EXPECT_NE(parse_text("<div>x</div><p>", {}, decode::DocumentKind::html).error.find("extract"),
            std::string::npos);
}

TEST(FeedParser, SaysAnEmptyDocumentIsEmpty) {
  EXPECT_EQ(parse_text("").error, "empty document");
  EXPECT_EQ(parse_text(" \n\t ").error, "empty document");
  EXPECT_EQ(parse_text("\xEF\xBB\xBF").error, "empty document");
}

TEST(FeedParser, NamesTheRootOfOtherXml) {
  const auto result = parse_text("<?xml version=\"1.0\"?><svg:svg xmlns:svg=\"x\"/>");
  EXPECT_FALSE(result.feed);
  EXPECT_EQ(result.error, "XML document with root <svg:svg>, not a feed");
}

TEST(FeedParser, SaysPlainTextIsNotAFeed) {
  EXPECT_EQ(parse_text("just some words").error, "plain text, not a feed");
}

TEST(FeedParser, SkipsAByteOrderMark) {
  const auto result = parse_text(
      "\xEF\xBB\xBF<rss version=\"2.0\"><channel><title>T</title>"
      "</channel></rss>");
  ASSERT_TRUE(result.feed) << result.error;
  EXPECT_EQ(result.feed->meta.title, "T");
}

TEST(FeedParser, RepairsAStrayAmpersandAndHtmlEntitiesWithAWarning) {
  const Feed feed = parse_fixture("stray_ampersand.xml");
  EXPECT_EQ(feed.meta.title, "Telecom & Co");
  EXPECT_EQ(feed.meta.url, "https://telecom.example.com/?a=1&b=2");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "AT&T buys Café chain… \u00A0really");
  EXPECT_EQ(feed.items[0].url, "https://telecom.example.com/att?x=1&y=2");
  EXPECT_EQ(feed.items[0].summary_html, "<p>CDATA keeps &nbsp; and AT&T as they are</p>");
  ASSERT_EQ(feed.warnings.size(), 7u);  // each repair with its position
  EXPECT_EQ(feed.warnings[0],
            "line 4, column 20: repaired a stray '&', an HTML-only entity reference or a control "
            "character");
}

TEST(FeedParser, KeepsWhatCameBeforeATruncation) {
  const Feed feed = parse_fixture("truncated.xml");
  EXPECT_EQ(feed.meta.title, "Cut short");
  // The half item is dropped: archived now, its cut body would never be fixed.
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "Complete item");
  ASSERT_EQ(feed.warnings.size(), 2u);
  EXPECT_EQ(feed.warnings[0], "line 13, column 1: 4 element(s) left open at the end closed");
  EXPECT_EQ(feed.warnings[1], "the document is cut off inside item 2; that item was dropped");
}

TEST(FeedParser, NamesTheLineOfXmlTooBrokenToRead) {
  const auto result = parse_text("<?xml version=\"1.0\"?>\n\n<<<");
  EXPECT_FALSE(result.feed);
  EXPECT_NE(result.error.find("malformed XML at line 3, column"), std::string::npos)
      << result.error;
}

TEST(FeedParser, NeverExpandsEntitiesDeclaredInTheDoctype) {
  const auto result = parse_text(R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY ext SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&b;&ext;</title></channel></rss>)");
  ASSERT_TRUE(result.feed) << result.error;
  EXPECT_EQ(result.feed->meta.title, "&b;&ext;");
}

TEST(FeedParser, SurvivesDeeplyNestedMarkup) {
  std::string body;
  for (int i = 0; i < 100000; ++i) body += "<div>";
  const auto result =
      parse_text("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"xhtml\">" +
                 body + "</content></entry></feed>");
  ASSERT_TRUE(result.feed) << result.error;
  ASSERT_EQ(result.feed->items.size(), 1u);
  EXPECT_FALSE(result.feed->warnings.empty());
}

TEST(FeedParser, TreatsAnRssRootWithoutVersionAsRss2) {
  const auto result = parse_text("<rss><channel><item><title>x</title></item></channel></rss>");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->meta.format, FeedFormat::rss2);
  EXPECT_EQ(result.feed->items.size(), 1u);
}

}  // namespace
}  // namespace feedarchiver
