// Issue 4's breadth: namespaces, HTML5 entities, recovery from malformed XML, hostile XML,
// and the per-feed date options.
#include <gtest/gtest.h>

#include <string>

#include "feedarchiver/dates.hpp"
#include "parse/feed_fixtures.hpp"

namespace feedarchiver::parse {
namespace {

using feedarchiver::testing::parse_text;

Feed must_parse(const std::string& text, const ParseOptions& options = {}) {
  decode::Document document;
  document.utf8 = text;
  ParseResult result = parse_feed(document, options);
  EXPECT_TRUE(result.feed.has_value()) << result.error;
  return result.feed ? *result.feed : Feed{};
}

std::string rss_items(const std::string& items, const std::string& channel_extra = "",
                      const std::string& root_attributes = "") {
  return "<rss version=\"2.0\"" + root_attributes + "><channel><title>T</title>" + channel_extra +
         items + "</channel></rss>";
}

bool warning_contains(const Feed& feed, const std::string& part) {
  for (const auto& w : feed.warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

constexpr const char* kNamespaces =
    " xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
    " xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
    " xmlns:dcterms=\"http://purl.org/dc/terms/\"";

TEST(ParseBreadth, ReadsItunesMediaAndDctermsElements) {
  const Feed feed = must_parse(rss_items(
      "<item><media:group><media:title>Clip</media:title>"
      "<media:description>About the clip</media:description>"
      "<media:credit role=\"author\">Ann</media:credit></media:group>"
      "<itunes:author>Pod Author</itunes:author><itunes:image href=\"http://e.org/i.jpg\"/>"
      "<itunes:category text=\"Technology\"><itunes:category text=\"Gadgets\"/></itunes:category>"
      "<media:category>cat1</media:category><dcterms:issued>2003-12-31T10:14:55Z</dcterms:issued>"
      "</item>",
      "<itunes:summary>Show summary</itunes:summary><itunes:image href=\"http://e.org/logo.jpg\"/>"
      "<dcterms:modified>2004-01-01T00:00:00Z</dcterms:modified>",
      kNamespaces));
  ASSERT_EQ(feed.items.size(), 1u);
  const Item& item = feed.items[0];
  EXPECT_EQ(item.title, "Clip");
  EXPECT_EQ(item.summary_html, "About the clip");
  EXPECT_EQ(item.author, "Pod Author");
  ASSERT_EQ(item.images.size(), 1u);
  EXPECT_EQ(item.images[0].url, "http://e.org/i.jpg");
  EXPECT_EQ(item.tags, (std::vector<std::string>{"Technology", "Gadgets", "cat1"}));
  ASSERT_TRUE(item.published.has_value());
  EXPECT_EQ(format_iso_seconds(*item.published), "2003-12-31T10:14:55Z");
  EXPECT_EQ(feed.meta.description, "Show summary");
  EXPECT_EQ(feed.meta.image, "http://e.org/logo.jpg");
  ASSERT_TRUE(feed.meta.updated.has_value());
}

TEST(ParseBreadth, MediaCreditFollowsTheImageCaption) {
  const Feed feed = must_parse(
      rss_items("<item><media:content url=\"http://e.org/a.jpg\" medium=\"image\">"
                "<media:description>Harbour at dawn</media:description>"
                "<media:credit role=\"photographer\">Ann Lee</media:credit></media:content>"
                "<media:group><media:credit>Agency</media:credit>"
                "<media:content url=\"http://e.org/b.jpg\" type=\"image/jpeg\"/></media:group>"
                "<media:thumbnail url=\"http://e.org/c.jpg\"/></item>",
                "", kNamespaces));
  ASSERT_EQ(feed.items.size(), 1u);
  const std::vector<Image>& images = feed.items[0].images;
  ASSERT_EQ(images.size(), 3u);
  EXPECT_EQ(images[0].caption, "Harbour at dawn — Ann Lee");
  EXPECT_EQ(images[1].caption, "Agency");  // the group's credit, no description
  EXPECT_EQ(images[2].caption, std::nullopt);
}

TEST(ParseBreadth, ReadsXhtmlBodyAndOldBodyElementsAsContent) {
  const Feed feed = must_parse(rss_items(
      "<item><body xmlns=\"http://www.w3.org/1999/xhtml\"><p>XHTML <b>body</b></p></body></item>"
      "<item><fullitem>full &lt;i&gt;item&lt;/i&gt;</fullitem></item>"));
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].content_html, "<p>XHTML <b>body</b></p>");
  EXPECT_EQ(feed.items[1].content_html, "full <i>item</i>");
}

TEST(ParseBreadth, DecodesBase64TextConstructs) {
  const Feed feed = must_parse(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
      "<title type=\"application/octet-stream\">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>"
      "<content type=\"application/octet-stream\">\n  RXhhbXBsZSA8Yj5BdG9tPC9iPg==\n</content>"
      "<summary type=\"image/png\">iVBORw0KGgoAAAANSUhEUgAAAAE=</summary></entry></feed>");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "Example Atom");
  EXPECT_EQ(feed.items[0].content_html, "Example <b>Atom</b>");
  EXPECT_FALSE(feed.items[0].summary_html.has_value());  // binary: not text
}

TEST(ParseBreadth, ReadsEveryHtml5NamedEntity) {
  const Feed feed =
      must_parse(rss_items("<item><title>&nbsp;&eacute;&hellip;&CounterClockwiseContourIntegral;&"
                           "NotNestedGreaterGreater;"
                           "&bne;&fjlig;</title></item>"));
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "\u00A0é…∳⪢̸=⃥fj");  // two-code-point ones too
}

TEST(ParseBreadth, NeverExpandsInternalOrExternalEntities) {
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
      "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
      rss_items("<item><title>&lol3;</title><description>&xxe;</description></item>");
  const Feed feed = must_parse(laughs);
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "&lol3;");  // shown as text, never expanded
  ASSERT_TRUE(feed.items[0].summary_html.has_value());
  EXPECT_EQ(feed.items[0].summary_html->find("root:"), std::string::npos);
  EXPECT_LT(feed.items[0].summary_html->size(), 32u);
}

TEST(ParseBreadth, SkipsGarbageBeforeTheRoot) {
  const Feed feed = must_parse("<b>Warning</b>: PHP notice in feed.php\n" +
                               std::string("<?xml version=\"1.0\"?>") +
                               rss_items("<item><title>A</title></item>"));
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_TRUE(warning_contains(feed, "bytes of text before the XML skipped"));
  const Feed text_first = must_parse("garbage\n" + rss_items("<item><title>A</title></item>"));
  EXPECT_EQ(text_first.items.size(), 1u);
}

TEST(ParseBreadth, RemovesControlCharactersWithAWarning) {
  const Feed feed = must_parse(rss_items("<item><title>A\x01\x08 B\x1F</title></item>"));
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "A B");
  EXPECT_TRUE(warning_contains(feed, "line 1, column 59: repaired"));
}

TEST(ParseBreadth, QuotesUnquotedAttributesAndClosesUnclosedTags) {
  const Feed feed = must_parse(rss_items(
      "<item><title>A</title><enclosure url=http://e.org/a.mp3 type=audio/mpeg length=12 /></item>"
      "<item><title>B</title><description><p>open</description></item>"
      "<item><title>C</title></item>"));
  ASSERT_EQ(feed.items.size(), 3u);
  ASSERT_EQ(feed.items[0].enclosures.size(), 1u);
  EXPECT_EQ(feed.items[0].enclosures[0].url, "http://e.org/a.mp3");
  EXPECT_EQ(feed.items[0].enclosures[0].type, "audio/mpeg");
  EXPECT_EQ(feed.items[0].enclosures[0].length, 12);
  EXPECT_EQ(feed.items[2].title, "C");
  EXPECT_TRUE(warning_contains(feed, "unquoted value of attribute url quoted"));
  EXPECT_TRUE(warning_contains(feed, "unclosed <p> closed"));
}

TEST(ParseBreadth, KeepsEveryCompleteItemOfATruncatedDocument) {
  const std::string whole = rss_items(
      "<item><title>A</title></item><item><title>B</title></item><item><title>C is long</title>"
      "</item>");
  const std::string cut = whole.substr(0, whole.find("C is") + 3);
  const Feed feed = must_parse(cut);
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[1].title, "B");
  EXPECT_TRUE(warning_contains(feed, "cut off inside item 3; that item was dropped"));
  const Feed unclosed_channel = must_parse(whole.substr(0, whole.find("</channel>")));
  EXPECT_EQ(unclosed_channel.items.size(), 3u);  // only the end tags were missing
}

TEST(ParseBreadth, ReadsCstAsChinaInAChineseFeed) {
  const std::string item = "<item><pubDate>Thu, 05 Oct 2023 11:15:00 CST</pubDate></item>";
  const Feed chinese = must_parse(rss_items(item, "<language>zh-cn</language>"));
  ASSERT_TRUE(chinese.items.at(0).published.has_value());
  EXPECT_EQ(format_iso_seconds(*chinese.items[0].published), "2023-10-05T03:15:00Z");
  const Feed english = must_parse(rss_items(item, "<language>en-us</language>"));
  EXPECT_EQ(format_iso_seconds(*english.items.at(0).published), "2023-10-05T17:15:00Z");
  const std::string atom =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-TW\"><entry><title>x</title>"
      "<updated>2023-10-05 11:15 CST</updated></entry></feed>";
  EXPECT_EQ(format_iso_seconds(*must_parse(atom).items.at(0).updated), "2023-10-05T03:15:00Z");
}

TEST(ParseBreadth, ReadsZoneLessDatesInTheFeedsTimezone) {
  ParseOptions options;
  options.timezone = TimeZone::fixed("Asia/Shanghai", 8 * 3600);
  const Feed feed = must_parse(rss_items("<item><pubDate>2023-10-05 11:15</pubDate></item>"
                                         "<item><pubDate>2023-10-05T11:15:00Z</pubDate></item>"),
                               options);
  EXPECT_EQ(format_iso_seconds(*feed.items.at(0).published), "2023-10-05T03:15:00Z");
  EXPECT_EQ(format_iso_seconds(*feed.items.at(1).published), "2023-10-05T11:15:00Z");
  const std::string json = R"({"version":"https://jsonfeed.org/version/1.1","title":"J","items":[)"
                           R"({"id":"1","date_published":"2023-10-05 11:15"}]})";
  EXPECT_EQ(format_iso_seconds(*must_parse(json, options).items.at(0).published),
            "2023-10-05T03:15:00Z");
}

}  // namespace
}  // namespace feedarchiver::parse
