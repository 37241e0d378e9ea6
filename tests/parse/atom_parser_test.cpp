#include <gtest/gtest.h>

#include "feed_fixtures.hpp"

namespace feedarchiver {
namespace {

using testing::parse_fixture;
using testing::parse_text;
using testing::utc;

TEST(AtomParser, ReadsTheFeedMetadataResolvedAgainstXmlBase) {
  const Feed feed = parse_fixture("atom1_mixed.xml");
  EXPECT_EQ(feed.meta.format, FeedFormat::atom1);
  EXPECT_EQ(feed.meta.title, "Field Notes 田野笔记");
  EXPECT_EQ(feed.meta.url, "https://blog.example.com/");
  EXPECT_EQ(feed.meta.feed_url, "https://blog.example.com/atom.xml");
  EXPECT_EQ(feed.meta.description, "Walks, maps and bridges");
  EXPECT_EQ(feed.meta.updated, utc(2023, 11, 26, 19, 34, 51, 128));
  EXPECT_EQ(feed.meta.image, "https://blog.example.com/images/logo.svg");
  EXPECT_EQ(feed.meta.language, "en-GB");
}

TEST(AtomParser, PrefersTheDocumentUrlAsFeedUrl) {
  EXPECT_EQ(parse_fixture("atom1_mixed.xml", "https://final.example/atom").meta.feed_url,
            "https://final.example/atom");
}

TEST(AtomParser, MapsEveryEntryField) {
  const Item item = parse_fixture("atom1_mixed.xml").items.at(0);
  EXPECT_EQ(item.title, "Walking the Ridge");
  EXPECT_EQ(item.url, "https://blog.example.com/posts/2023/ridge.html");
  EXPECT_EQ(item.id, "tag:blog.example.com,2023:ridge");
  EXPECT_EQ(item.published, utc(2023, 11, 20, 7, 30));
  EXPECT_EQ(item.updated, utc(2023, 11, 21, 9));
  EXPECT_EQ(item.author, "Ada Lovelace");  // inherited from the feed
  EXPECT_EQ(item.tags, (std::vector<std::string>{"hiking", "Mountains"}));
  ASSERT_EQ(item.enclosures.size(), 1u);
  EXPECT_EQ(item.enclosures[0].url, "https://blog.example.com/posts/2023/ridge.ogg");
  EXPECT_EQ(item.enclosures[0].type, "audio/ogg");
  EXPECT_EQ(item.enclosures[0].length, 5000);
  ASSERT_EQ(item.images.size(), 1u);
  EXPECT_EQ(item.images[0].url, "https://blog.example.com/posts/2023/thumb.jpg");
}

TEST(AtomParser, EscapesTextContent) {
  const Feed feed = parse_fixture("atom1_mixed.xml");
  EXPECT_EQ(feed.items.at(0).summary_html, "Fish &amp; chips &lt;3 after the walk");
  EXPECT_EQ(feed.items.at(3).content_html, "a &lt; b &amp;&amp; c &gt; d");
}

TEST(AtomParser, SerializesXhtmlContentWithoutItsWrapperOrNamespaces) {
  const Item item = parse_fixture("atom1_mixed.xml").items.at(0);
  EXPECT_EQ(item.content_html,
            "<p>Up the <em>ridge</em> <a href=\"map.html\">map</a>.<br>Done.</p>");
}

TEST(AtomParser, SetsTheItemBaseToTheXmlBaseInForceAtTheContent) {
  const Feed feed = parse_fixture("atom1_mixed.xml");
  EXPECT_EQ(feed.items.at(0).base_url, "https://blog.example.com/posts/2023/ridge/");
  EXPECT_EQ(feed.items.at(1).base_url, "https://blog.example.com/");
}

TEST(AtomParser, TakesHtmlContentAsHtmlAndXhtmlTitlesAsText) {
  const Item item = parse_fixture("atom1_mixed.xml").items.at(1);
  EXPECT_EQ(item.title, "河边 散步");
  EXPECT_EQ(item.content_html, "<p>河边<strong>散步</strong>。</p>");
  EXPECT_EQ(item.author, "李华, Bob");
  EXPECT_EQ(item.url, "https://blog.example.com/river.html");
}

TEST(AtomParser, PublishedFallsBackToUpdated) {
  const Item item = parse_fixture("atom1_mixed.xml").items.at(1);
  EXPECT_EQ(item.published, utc(2023, 11, 22, 12));
  EXPECT_EQ(item.updated, utc(2023, 11, 22, 12));
}

TEST(AtomParser, DecodesHtmlTitlesToPlainText) {
  EXPECT_EQ(parse_fixture("atom1_mixed.xml").items.at(2).title, "Plain & simple");
}

TEST(AtomParser, IgnoresOutOfLineContentAndKeepsTheSummary) {
  const Item item = parse_fixture("atom1_mixed.xml").items.at(2);
  EXPECT_EQ(item.content_html, std::nullopt);
  EXPECT_EQ(item.summary_html, "<p>Summary kept</p>");
  EXPECT_EQ(item.url, "https://blog.example.com/plain.html");
}

TEST(AtomParser, WarnsAboutAnUnparseableDateNamingTheEntry) {
  const Feed feed = parse_fixture("atom1_mixed.xml");
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_EQ(feed.warnings[0], "item 4 (Text content): unparseable date 'not a date'");
  EXPECT_EQ(feed.items.at(3).published, std::nullopt);
}

TEST(AtomParser, ResolvesXmlBaseAgainstTheDocumentUrl) {
  const auto result = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="blog/">
      <entry><link href="a.html"/><content type="html">x</content></entry></feed>)",
                                 "https://host.example/dir/feed");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->items[0].url, "https://host.example/dir/blog/a.html");
  EXPECT_EQ(result.feed->items[0].base_url, "https://host.example/dir/blog/");
}

TEST(AtomParser, SkipsAnXmlBaseThatGivesNoUrl) {
  // "https://host'" is no URL: links under it resolve against the document URL, not stay
  // relative to it (a fuzz finding: "map 2024 00:00:00" was written as it stood).
  const auto result = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom"
      xml:base="https://blog.example.com'"><entry xml:base="posts/"><link href="a.html"/>
      <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><a
      href="map 2024 00:00:00">x</a></div></summary></entry></feed>)",
                                 "https://host.example/dir/feed");
  ASSERT_TRUE(result.feed);
  ASSERT_EQ(result.feed->items.size(), 1u);
  EXPECT_EQ(result.feed->items[0].url, "https://host.example/dir/posts/a.html");
  EXPECT_EQ(result.feed->items[0].base_url, "https://host.example/dir/posts/");
}

TEST(AtomParser, KeepsTheLinesOfTextContent) {
  const auto result = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry>
      <title>t</title><content type="text">
        Line one &lt;b&gt;
        line two

        Second paragraph
      </content><summary>One line</summary></entry></feed>)");
  ASSERT_TRUE(result.feed);
  const Item& item = result.feed->items.at(0);
  EXPECT_EQ(item.content_html, "<p>Line one &lt;b&gt;<br>\nline two</p>\n<p>Second paragraph</p>");
  EXPECT_EQ(item.summary_html, "One line");
}

TEST(AtomParser, ReadsHtmlEscapedTwiceAsHtmlButPlainTextAsText) {
  const auto result = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry>
      <title>t</title><content type="html">&amp;lt;p&amp;gt;Twice&amp;lt;/p&amp;gt;</content>
      <summary type="text">&lt;p&gt;Said as text&lt;/p&gt;</summary></entry></feed>)");
  ASSERT_TRUE(result.feed);
  const Item& item = result.feed->items.at(0);
  EXPECT_EQ(item.content_html, "<p>Twice</p>");
  EXPECT_EQ(item.summary_html, "&lt;p&gt;Said as text&lt;/p&gt;");
  ASSERT_EQ(result.feed->warnings.size(), 1u);
  EXPECT_EQ(result.feed->warnings[0],
            "item 1 (t): its body is HTML escaped once too often; read as HTML");
}

TEST(AtomParser, ReadsAtom03) {
  const Feed feed = parse_fixture("atom03.xml");
  EXPECT_EQ(feed.meta.format, FeedFormat::atom03);
  EXPECT_EQ(feed.meta.title, "Carnet 0.3");
  EXPECT_EQ(feed.meta.url, "https://carnet.example.fr/");
  EXPECT_EQ(feed.meta.description, "Un vieux format");
  EXPECT_EQ(feed.meta.updated, utc(2005, 7, 31, 12, 29, 29));
  EXPECT_EQ(feed.meta.language, "fr");
  ASSERT_EQ(feed.items.size(), 2u);
  const Item& first = feed.items[0];
  EXPECT_EQ(first.title, "Bonjour");
  EXPECT_EQ(first.url, "https://carnet.example.fr/bonjour");
  EXPECT_EQ(first.published, utc(2005, 7, 30, 8));
  EXPECT_EQ(first.updated, utc(2005, 7, 31, 12));
  EXPECT_EQ(first.author, "Marie");
  EXPECT_EQ(first.summary_html, "Un résumé");
  EXPECT_EQ(first.content_html, "<p>Le <b>contenu</b></p>");
  EXPECT_EQ(feed.items[1].content_html, "<p>En ligne</p>");
  EXPECT_TRUE(feed.warnings.empty());
}

TEST(AtomParser, Atom03Base64WithoutATypeIsPlainText) {
  // "Tom <b>&amp;</b> Jerry" in base64; Atom 0.3's default type is text/plain.
  const Feed feed = *parse_text(
                         "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry>"
                         "<summary mode=\"base64\">VG9tIDxiPiZhbXA7PC9iPiBKZXJyeQ==</summary>"
                         "<content mode=\"base64\" type=\"text/html\">PGI+Qm9sZDwvYj4=</content>"
                         "</entry></feed>")
                         .feed;
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].summary_html, "Tom &lt;b&gt;&amp;amp;&lt;/b&gt; Jerry");
  EXPECT_EQ(feed.items[0].content_html, "<b>Bold</b>");
}

TEST(AtomParser, ReadsTypePadsEscapedHtmlInsideAnXhtmlDiv) {
  const Feed feed = *parse_text(
                         "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content "
                         "type=\"html\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Say "
                         "&lt;b&gt;hi&lt;/b&gt;</div></content><title type=\"html\"><div "
                         "xmlns=\"http://www.w3.org/1999/xhtml\">A &amp;amp; B</div></title>"
                         "</entry></feed>")
                         .feed;
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].content_html, "Say <b>hi</b>");
  EXPECT_EQ(feed.items[0].title, "A & B");
}

TEST(AtomParser, TakesTheSummaryFromMediaDescriptionAsYouTubeWritesIt) {
  const Feed feed =
      *parse_text(
           "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
           "xmlns:media=\"http://search.yahoo.com/mrss/\"><entry><id>a</id><media:group>"
           "<media:title>T</media:title><media:description>1 &lt; 2</media:description>"
           "</media:group></entry><entry><id>b</id><summary>Own</summary>"
           "<media:description type=\"html\">&lt;b&gt;no&lt;/b&gt;</media:description>"
           "</entry></feed>")
           .feed;
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].summary_html, "1 &lt; 2");
  EXPECT_EQ(feed.items[1].summary_html, "Own");
}

TEST(AtomParser, ALinkWithoutHrefGivesItsText) {
  const Feed feed = *parse_text(
                         "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>a</id>"
                         "<link rel=\"enclosure\">https://example.org/e.mp3</link>"
                         "<link rel=\"alternate\" type=\"text/html\"> https://example.org/a "
                         "</link></entry></feed>")
                         .feed;
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].url, "https://example.org/a");
}

TEST(AtomParser, ARepeatedDateTakesTheLastOneInTheDocument) {
  const Feed atom1 = *parse_text(
                          "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>a</id>"
                          "<updated>2010-12-01T10:14:55Z</updated><updated> </updated>"
                          "<updated>2003-12-31T10:14:55Z</updated></entry></feed>")
                          .feed;
  ASSERT_EQ(atom1.items.size(), 1u);
  EXPECT_EQ(atom1.items[0].updated, utc(2003, 12, 31, 10, 14, 55));
  const Feed atom03 = *parse_text(
                           "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry>"
                           "<issued>Thu, 01 Jan 2004 19:48:21 GMT</issued>"
                           "<published>Sat, 01 Jan 2010 19:48:21 GMT</published></entry></feed>")
                           .feed;
  ASSERT_EQ(atom03.items.size(), 1u);
  EXPECT_EQ(atom03.items[0].published, utc(2010, 1, 1, 19, 48, 21));
}

TEST(AtomParser, TakesTheUrlOfAnEntryWithoutLinkFromAnHttpId) {
  const auto result = testing::parse_text(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>"
      "<entry><title>a</title><id>https://ids.example/posts/1</id></entry>"
      "<entry><title>b</title><id>tag:ids.example,2020:2</id></entry></feed>");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->items.at(0).url, "https://ids.example/posts/1");
  EXPECT_EQ(result.feed->items.at(1).url, std::nullopt);
}

TEST(AtomParser, ReadsATitleOfAnUnknownMediaTypeAsText) {
  const auto result = testing::parse_text(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry>"
      "<title type=\"application/x-custom\">note</title></entry></feed>");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->items.at(0).title, "note");  // "note" would decode as base64 bytes
}

TEST(AtomParser, TakesTheFeedImageFromItunesImageWithoutALogo) {
  const auto result = testing::parse_text(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
      "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><title>T</title>"
      "<itunes:image href=\"https://pod.example/cover.jpg\"/></feed>");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->meta.image, "https://pod.example/cover.jpg");
}

}  // namespace
}  // namespace feedarchiver
