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

TEST(FeedParser, ReadsTheItemsOfRssWithAStrayDefaultNamespace) {
  const auto result = parse_text(feed_fixture("rss_stray_namespace.xml"));
  ASSERT_TRUE(result.feed);
  const Feed& feed = *result.feed;
  EXPECT_EQ(feed.meta.title, "Notes from the workshop");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].title, "Sharpening chisels");
  EXPECT_EQ(feed.items[0].url, "https://blog.example.org/2021/05/chisels/");
  EXPECT_EQ(feed.items[0].author, "Ann Lee");
  ASSERT_FALSE(feed.warnings.empty());
  EXPECT_NE(feed.warnings[0].find("default namespace 'http://blog.example.org/'"),
            std::string::npos);
}

TEST(FeedParser, ReadsAnAtomFeedSavedInsideAnXhtmlPage) {
  const auto result = parse_text(feed_fixture("atom_in_xhtml.xhtml"));
  ASSERT_TRUE(result.feed) << result.error;
  EXPECT_EQ(result.feed->meta.format, FeedFormat::atom1);
  EXPECT_EQ(result.feed->meta.title, "Field notes");
  ASSERT_EQ(result.feed->items.size(), 1u);
  EXPECT_EQ(result.feed->items[0].url, "https://notes.example.net/frost");
  EXPECT_NE(result.feed->warnings.at(0).find("Atom feed inside an HTML page"), std::string::npos);
  // A page that only mentions the namespace is still a page.
  EXPECT_NE(parse_text("<html><body><p>http://www.w3.org/2005/Atom</p></body></html>")
                .error.find("HTML page"),
            std::string::npos);
}

TEST(FeedParser, ReadsAnAtomEntryDocumentAsAFeedOfOneEntry) {
  const auto result = parse_text(
      "<?xml version=\"1.0\"?><entry xmlns=\"http://www.w3.org/2005/Atom\"><title>Solo</title>"
      "<link href=\"https://solo.example/1\"/><id>urn:x:1</id>"
      "<updated>2021-02-03T04:05:06Z</updated></entry>");
  ASSERT_TRUE(result.feed) << result.error;
  EXPECT_EQ(result.feed->meta.format, FeedFormat::atom1);
  ASSERT_EQ(result.feed->items.size(), 1u);
  EXPECT_EQ(result.feed->items[0].title, "Solo");
  EXPECT_EQ(result.feed->items[0].url, "https://solo.example/1");
  EXPECT_NE(result.feed->warnings.at(0).find("Atom entry document"), std::string::npos);
  // An entry in no namespace is not Atom.
  EXPECT_FALSE(parse_text("<entry><title>x</title></entry>").feed);
}

TEST(FeedParser, RepairsTitlesThatAreUtf8ReadAsWindows1252) {
  const Feed feed = testing::parse_fixture("mojibake_titles.xml");
  EXPECT_EQ(feed.meta.title, "Café des sciences");
  ASSERT_EQ(feed.items.size(), 4u);
  EXPECT_EQ(feed.items[0].title, "Café crème");
  EXPECT_EQ(feed.items[0].author, "José M.");
  EXPECT_EQ(feed.items[1].title, "中文 news");  // bytes 0x96 and 0x87 read as – and ‡
  // Not unambiguous: real text is left alone.
  EXPECT_EQ(feed.items[2].title, "naïve café Ã la carte");
  EXPECT_EQ(feed.items[3].title, "Â© € 5 α");
  int repairs = 0;
  for (const std::string& warning : feed.warnings) {
    repairs += warning.find("UTF-8 read as windows-1252") != std::string::npos ? 1 : 0;
  }
  EXPECT_EQ(repairs, 4);
}

}  // namespace
}  // namespace feedarchiver
