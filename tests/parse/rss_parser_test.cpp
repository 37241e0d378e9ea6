#include <gtest/gtest.h>

#include "feed_fixtures.hpp"

namespace feedarchiver {
namespace {

using testing::parse_fixture;
using testing::parse_text;
using testing::utc;

TEST(RssParser, ReadsTheChannelMetadata) {
  const Feed feed = parse_fixture("rss2_mixed.xml");
  EXPECT_EQ(feed.meta.format, FeedFormat::rss2);
  EXPECT_EQ(feed.meta.title, "山城晚报 & Friends");
  EXPECT_EQ(feed.meta.url, "https://news.example.org/");
  EXPECT_EQ(feed.meta.description, "每日新闻 and notes");
  EXPECT_EQ(feed.meta.language, "zh-cn");
  EXPECT_EQ(feed.meta.updated, utc(2023, 11, 26, 19, 34, 51));
  EXPECT_EQ(feed.meta.image, "https://news.example.org/logo.png");
}

TEST(RssParser, ReadsPlainRssElementNamesWhateverTheirCase) {
  // iTunes and feed readers take RSS's own names case-insensitively; real feeds write
  // <Title>, <pubdate> or <LINK>.
  const auto result = parse_text(
      "<rss version=\"2.0\"><channel><TiTlE>Example title</TiTlE><Link>https://e.test/</Link>"
      "<ITEM><TITLE>One</TITLE><pubdate>Tue, 10 Jun 2003 04:00:00 GMT</pubdate>"
      "<Guid>g1</Guid><Description>&lt;p&gt;s&lt;/p&gt;</Description></ITEM>"
      "<Item><title>Two</title><PubDate>Wed, 11 Jun 2003 04:00:00 GMT</PubDate></Item>"
      "</channel></rss>");
  ASSERT_TRUE(result.feed) << result.error;
  const Feed& feed = *result.feed;
  EXPECT_EQ(feed.meta.title, "Example title");
  EXPECT_EQ(feed.meta.url, "https://e.test/");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].title, "One");
  EXPECT_EQ(feed.items[0].id, "g1");
  EXPECT_EQ(feed.items[0].published, utc(2003, 6, 10, 4, 0));
  EXPECT_EQ(feed.items[0].summary_html, "<p>s</p>");
  EXPECT_EQ(feed.items[1].published, utc(2003, 6, 11, 4, 0));
}

TEST(RssParser, ReadsABodyEscapedTwiceAsHtmlWithAWarning) {
  const auto result = parse_text(
      "<rss version=\"2.0\"><channel><title>t</title>"
      "<item><title>One</title><description>&amp;lt;p&amp;gt;双重转义&amp;lt;/p&amp;gt;"
      "</description></item>"
      "<item><title>Two</title><description>Use the &amp;lt;p&amp;gt; tag"
      "</description></item></channel></rss>");
  ASSERT_TRUE(result.feed) << result.error;
  const Feed& feed = *result.feed;
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].summary_html, "<p>双重转义</p>");
  EXPECT_EQ(feed.items[1].summary_html, "Use the &lt;p&gt; tag");
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_EQ(feed.warnings[0],
            "item 1 (One): its body is HTML escaped once too often; read as HTML");
}

TEST(RssParser, KeepsCaseInNamespacedAndUnknownNames) {
  // Only RSS's own unprefixed names fold; a namespaced element is XML, case and all.
  const auto result = parse_text(
      "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><item>"
      "<dc:Creator>not read</dc:Creator><Titles>no</Titles><title>t</title></item>"
      "</channel></rss>");
  ASSERT_TRUE(result.feed) << result.error;
  const Feed& feed = *result.feed;
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "t");
  EXPECT_EQ(feed.items[0].author, std::nullopt);
}

TEST(RssParser, ReadsCommaSeparatedKeywordListsAsTagsInDocumentOrder) {
  const auto result = parse_text(
      "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" "
      "xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
      "<tags>tag one, tag two,</tags><category>category one</category>"
      "<itunes:keywords>新闻，韩国, tag one</itunes:keywords>"
      "<media:keywords> a ,b </media:keywords></item></channel></rss>");
  ASSERT_TRUE(result.feed) << result.error;
  ASSERT_EQ(result.feed->items.size(), 1u);
  EXPECT_EQ(
      result.feed->items[0].tags,
      (std::vector<std::string>{"tag one", "tag two", "category one", "新闻", "韩国", "a", "b"}));
}

TEST(RssParser, TakesTheFeedUrlFromAtomSelfLinkOnlyWithoutDocumentUrl) {
  EXPECT_EQ(parse_fixture("rss2_mixed.xml").meta.feed_url, "https://news.example.org/feed.xml");
  EXPECT_EQ(parse_fixture("rss2_mixed.xml", "https://mirror.example.net/f").meta.feed_url,
            "https://mirror.example.net/f");
}

TEST(RssParser, MapsEveryItemFieldOfAChineseItem) {
  const Feed feed = parse_fixture("rss2_mixed.xml");
  ASSERT_EQ(feed.items.size(), 3u);
  const Item& item = feed.items[0];
  EXPECT_EQ(item.title, "重庆 大桥 今日通车");
  EXPECT_EQ(item.url, "https://news.example.org/2023/11/bridge.html");
  EXPECT_EQ(item.id, "tag:news.example.org,2023:bridge");
  EXPECT_EQ(item.published, utc(2023, 11, 26, 12, 15));
  EXPECT_EQ(item.updated, std::nullopt);
  EXPECT_EQ(item.author, "王小明");
  EXPECT_EQ(item.tags, (std::vector<std::string>{"交通", "重庆"}));
  EXPECT_EQ(item.summary_html, "<p>大桥<b>今日</b>通车。</p>");
  EXPECT_EQ(item.content_html,
            "<p>全文：大桥今日<em>正式</em>通车。</p><img src=\"/img/bridge.jpg\">");
  ASSERT_EQ(item.enclosures.size(), 1u);
  EXPECT_EQ(item.enclosures[0].url, "https://news.example.org/audio/bridge.mp3");
  EXPECT_EQ(item.enclosures[0].type, "audio/mpeg");
  EXPECT_EQ(item.enclosures[0].length, 123456);
  EXPECT_EQ(item.base_url, std::nullopt);
}

TEST(RssParser, CollectsMediaImagesButNotMediaVideos) {
  const Item item = parse_fixture("rss2_mixed.xml").items[0];
  ASSERT_EQ(item.images.size(), 2u);
  EXPECT_EQ(item.images[0].url, "https://news.example.org/img/bridge-large.jpg");
  EXPECT_EQ(item.images[0].alt, "大桥全景");
  EXPECT_EQ(item.images[0].caption, "从南岸拍摄");
  EXPECT_EQ(item.images[1].url, "https://news.example.org/img/bridge-thumb.jpg");
  EXPECT_EQ(item.images[1].alt, std::nullopt);
}

TEST(RssParser, StripsEscapedMarkupFromTitles) {
  const Item item = parse_fixture("rss2_mixed.xml").items[1];
  EXPECT_EQ(item.title, "Bold move by AT&T — analysts react");
}

TEST(RssParser, UsesAPermalinkGuidWhenThereIsNoLink) {
  const Item item = parse_fixture("rss2_mixed.xml").items[1];
  EXPECT_EQ(item.url, "https://news.example.org/2023/11/att.html");
  EXPECT_EQ(item.id, "https://news.example.org/2023/11/att.html");
}

TEST(RssParser, IgnoresAGuidThatIsNotAPermalink) {
  const auto result = parse_text(R"(<rss version="2.0"><channel><item>
      <guid isPermaLink="false">https://x.example/1</guid></item></channel></rss>)");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->items[0].url, std::nullopt);
  EXPECT_EQ(result.feed->items[0].id, "https://x.example/1");
}

TEST(RssParser, FallsBackToDcDateAndReadsTheAuthorsNameFromAnEmailAuthor) {
  const Item item = parse_fixture("rss2_mixed.xml").items[1];
  EXPECT_EQ(item.published, utc(2023, 11, 25, 10));
  EXPECT_EQ(item.author, "Jane Doe");
  EXPECT_EQ(item.summary_html, "<p>Only a <a href=\"/att\">summary</a> here.</p>");
  EXPECT_EQ(item.content_html, std::nullopt);
}

TEST(RssParser, KeepsAnItemWithoutTitleOrLinkAndWarnsAboutItsDate) {
  const Feed feed = parse_fixture("rss2_mixed.xml");
  const Item& item = feed.items[2];
  EXPECT_EQ(item.title, std::nullopt);
  EXPECT_EQ(item.url, std::nullopt);
  EXPECT_EQ(item.published, std::nullopt);
  EXPECT_EQ(item.summary_html, "An item with neither title nor link.");
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_EQ(feed.warnings[0], "item 3: unparseable date 'yesterday-ish'");
}

TEST(RssParser, TakesContentEncodedOverDescription) {
  const auto result = parse_text(R"(<rss version="2.0"
      xmlns:c="http://purl.org/rss/1.0/modules/content/"><channel><item>
      <description>short</description><c:encoded>&lt;p&gt;long&lt;/p&gt;</c:encoded>
      </item></channel></rss>)");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->items[0].content_html, "<p>long</p>");
  EXPECT_EQ(result.feed->items[0].summary_html, "short");
}

TEST(RssParser, MatchesElementsByNamespaceNotByPrefix) {
  // "content:" bound to a foreign namespace is not content:encoded; "x:" bound to Dublin
  // Core is dc:creator.
  const auto result = parse_text(R"(<rss version="2.0" xmlns:content="urn:other"
      xmlns:x="http://purl.org/dc/elements/1.1/"><channel><item>
      <content:encoded>not ours</content:encoded><x:creator>Ann</x:creator>
      </item></channel></rss>)");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->items[0].content_html, std::nullopt);
  EXPECT_EQ(result.feed->items[0].author, "Ann");
}

TEST(RssParser, AcceptsCommonPrefixesThatWereNeverDeclared) {
  const auto result = parse_text(R"(<rss version="2.0"><channel><item>
      <dc:creator>Undeclared</dc:creator><content:encoded>body</content:encoded>
      </item></channel></rss>)");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->items[0].author, "Undeclared");
  EXPECT_EQ(result.feed->items[0].content_html, "body");
}

TEST(RssParser, DoesNotMistakeAtomLinkForTheChannelLink) {
  const auto result = parse_text(R"(<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
      <channel><atom:link rel="self" href="https://a.example/feed"/>
      <link>https://a.example/</link></channel></rss>)");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->meta.url, "https://a.example/");
  EXPECT_EQ(result.feed->meta.feed_url, "https://a.example/feed");
}

TEST(RssParser, KeepsUnescapedMarkupInsideADescription) {
  const auto result = parse_text(R"(<rss version="2.0"><channel><item>
      <description><p>raw <b>html</b> &amp; more</p></description></item></channel></rss>)");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->items[0].summary_html, "<p>raw <b>html</b> &amp; more</p>");
}

TEST(RssParser, ResolvesRelativeLinksAgainstTheDocumentUrl) {
  const auto result =
      parse_text(R"(<rss version="2.0"><channel><link>/</link><item><link>/post/1</link>
      <enclosure url="a.mp3" type="audio/mpeg" length="x"/></item></channel></rss>)",
                 "https://site.example/blog/feed.xml");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->meta.url, "https://site.example/");
  EXPECT_EQ(result.feed->items[0].url, "https://site.example/post/1");
  ASSERT_EQ(result.feed->items[0].enclosures.size(), 1u);
  EXPECT_EQ(result.feed->items[0].enclosures[0].url, "https://site.example/blog/a.mp3");
  EXPECT_EQ(result.feed->items[0].enclosures[0].length, std::nullopt);
}

TEST(RssParser, ReadsRss091AsRss09x) {
  const Feed feed = parse_fixture("rss091.xml");
  EXPECT_EQ(feed.meta.format, FeedFormat::rss09x);
  EXPECT_EQ(feed.meta.title, "Old School News");
  EXPECT_EQ(feed.meta.language, "en-us");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "Hello from 1999");
  EXPECT_EQ(feed.items[0].url, "http://oldschool.example.com/1999/hello.html");
  EXPECT_EQ(feed.items[0].summary_html, "Party like it's 1999.");
  EXPECT_TRUE(feed.warnings.empty());
}

TEST(RssParser, ReadsRss10ItemsThatAreSiblingsOfTheChannel) {
  const Feed feed = parse_fixture("rss1_rdf.xml");
  EXPECT_EQ(feed.meta.format, FeedFormat::rss1);
  EXPECT_EQ(feed.meta.title, "RDF Weekly");
  EXPECT_EQ(feed.meta.url, "https://rdf.example.net/");
  EXPECT_EQ(feed.meta.language, "en");
  EXPECT_EQ(feed.meta.updated, utc(2023, 10, 5, 3, 15));
  EXPECT_EQ(feed.meta.image, "https://rdf.example.net/logo.gif");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].title, "First triple");
  EXPECT_EQ(feed.items[0].id, "https://rdf.example.net/one");
  EXPECT_EQ(feed.items[0].author, "Tim");
  EXPECT_EQ(feed.items[0].tags, (std::vector<std::string>{"rdf"}));
  EXPECT_EQ(feed.items[0].published, utc(2023, 10, 4, 9));
  EXPECT_EQ(feed.items[1].title, "第二篇");
  EXPECT_TRUE(feed.warnings.empty());
}

// spec.md: a field whose element is present is a string, possibly ""; only an absent one is
// null. A title holding only markup (an <img>) has no text.
TEST(PresentButEmpty, RssFieldsThatArePresentAreEmptyStringsAndAbsentOnesNull) {
  const Feed feed = *parse_text(
                         "<rss version=\"2.0\"><channel><title>&lt;img src=x onerror=y&gt;</title>"
                         "<description>  </description>"
                         "<item><title><![CDATA[<img src=\"x.png\">]]></title>"
                         "<description></description><content:encoded "
                         "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"/></item>"
                         "<item><guid>g</guid></item></channel></rss>")
                         .feed;
  EXPECT_EQ(feed.meta.title, "");
  EXPECT_EQ(feed.meta.description, "");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].title, "");
  EXPECT_EQ(feed.items[0].summary_html, "");
  EXPECT_EQ(feed.items[0].content_html, "");
  EXPECT_EQ(feed.items[1].title, std::nullopt);
  EXPECT_EQ(feed.items[1].summary_html, std::nullopt);
  EXPECT_EQ(feed.items[1].content_html, std::nullopt);
}

TEST(PresentButEmpty, AnEmptyElementGivesWayToAnAlternativeWithText) {
  const Feed feed =
      *parse_text(
           "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title></title>"
           "<item><title> </title><media:title>Media title</media:title>"
           "<description/><dc:description>DC text</dc:description></item></channel></rss>")
           .feed;
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "Media title");
  EXPECT_EQ(feed.items[0].summary_html, "DC text");
}

TEST(PresentButEmpty, AtomAndJsonFeedFollowTheSameRule) {
  const Feed atom = *parse_text(
                         "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">&lt;img "
                         "src=x&gt;</title><subtitle/><entry><title type=\"html\">&lt;img src=x "
                         "onerror=alert(1)&gt;</title><summary></summary><id>e</id></entry>"
                         "<entry><id>f</id></entry></feed>")
                         .feed;
  EXPECT_EQ(atom.meta.title, "");
  EXPECT_EQ(atom.meta.description, "");
  ASSERT_EQ(atom.items.size(), 2u);
  EXPECT_EQ(atom.items[0].title, "");
  EXPECT_EQ(atom.items[0].summary_html, "");
  EXPECT_EQ(atom.items[0].content_html, std::nullopt);
  EXPECT_EQ(atom.items[1].title, std::nullopt);

  const Feed json = *parse_text(R"({"version":"https://jsonfeed.org/version/1.1","title":" ",)"
                                R"("items":[{"id":"1","title":"","content_html":"","summary":""},)"
                                R"({"id":"2","content_text":"text"}]})")
                         .feed;
  EXPECT_EQ(json.meta.title, "");
  ASSERT_EQ(json.items.size(), 2u);
  EXPECT_EQ(json.items[0].title, "");
  EXPECT_EQ(json.items[0].content_html, "");
  EXPECT_EQ(json.items[0].summary_html, "");
  EXPECT_EQ(json.items[1].title, std::nullopt);
  EXPECT_EQ(json.items[1].content_html, "text");
}

TEST(RssParser, ReadsRssInUserLandsAndHarvardsDefaultNamespaces) {
  for (const char* ns :
       {"http://backend.userland.com/rss2.1", "http://blogs.law.harvard.edu/tech/rss"}) {
    const Feed feed = *parse_text(std::string("<rss version=\"2.0\" xmlns=\"") + ns +
                                  "\"><channel><title>T</title><description>D</description>"
                                  "<item><title>I</title></item></channel></rss>")
                           .feed;
    EXPECT_EQ(feed.meta.title, "T") << ns;
    EXPECT_EQ(feed.meta.description, "D") << ns;
    ASSERT_EQ(feed.items.size(), 1u) << ns;
    EXPECT_EQ(feed.items[0].title, "I") << ns;
  }
}

TEST(RssParser, AQuotedGreaterThanInsideAnEscapedTitleTagIsNotItsEnd) {
  const Feed feed = *parse_text(
                         "<rss version=\"2.0\"><channel><title><![CDATA[<img src=\"c.jpg\" "
                         "alt=\"cat<br />dog\">Cats]]></title></channel></rss>")
                         .feed;
  EXPECT_EQ(feed.meta.title, "Cats");
}

TEST(RssParser, ReadsItunesLinkRelImageForTheChannelAndItems) {
  const Feed feed =
      *parse_text(
           "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"
           "<channel><itunes:link rel=\"alternate\" href=\"https://example.org/\"/>"
           "<itunes:link rel=\"image\" href=\"https://example.org/logo.jpg\"/><item>"
           "<guid>a</guid><itunes:link rel=\"image\" href=\"https://example.org/ep.jpg\"/>"
           "</item></channel></rss>")
           .feed;
  EXPECT_EQ(feed.meta.image, "https://example.org/logo.jpg");
  ASSERT_EQ(feed.items.size(), 1u);
  ASSERT_EQ(feed.items[0].images.size(), 1u);
  EXPECT_EQ(feed.items[0].images[0].url, "https://example.org/ep.jpg");
}

TEST(RssParser, ABareSummaryBesideADescriptionIsTheOtherBody) {
  const Feed feed = *parse_text(
                         "<rss version=\"2.0\"><channel>"
                         "<item><description>D1</description><summary>S1</summary></item>"
                         "<item><summary>S2</summary><description>D2</description></item>"
                         "<item><summary>S3</summary></item>"
                         "<item><description>D4</description><summary>S4</summary><content:encoded "
                         "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">C4"
                         "</content:encoded></item></channel></rss>")
                         .feed;
  ASSERT_EQ(feed.items.size(), 4u);
  EXPECT_EQ(feed.items[0].summary_html, "D1");
  EXPECT_EQ(feed.items[0].content_html, "S1");
  EXPECT_EQ(feed.items[1].summary_html, "S2");
  EXPECT_EQ(feed.items[1].content_html, "D2");
  EXPECT_EQ(feed.items[2].summary_html, "S3");
  EXPECT_EQ(feed.items[2].content_html, std::nullopt);
  EXPECT_EQ(feed.items[3].summary_html, "D4");
  EXPECT_EQ(feed.items[3].content_html, "C4");
}

TEST(RssParser, ReadsAtomElementsInsideItems) {
  const Feed feed = testing::parse_fixture("rss_atom_elements.xml");
  ASSERT_EQ(feed.items.size(), 1u);
  const Item& item = feed.items[0];
  EXPECT_EQ(item.title, "First");
  EXPECT_EQ(item.url, "https://mixed.example.com/first");
  EXPECT_EQ(item.author, "Ann Lee");
  EXPECT_EQ(item.published, testing::utc(2021, 5, 4, 7, 30));
  EXPECT_EQ(item.updated, testing::utc(2021, 5, 5, 10));
  EXPECT_EQ(item.content_html, "<p>Body of the first.</p>");
  EXPECT_EQ(item.summary_html, "Short first.");
  EXPECT_EQ(item.tags, std::vector<std::string>{"tools"});
}

TEST(RssParser, ReadsAtomElementsWithAnUndeclaredPrefix) {
  const auto result = testing::parse_text(
      "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title>"
      "<atom:link rel=\"alternate\" href=\"https://u.example/x\"/>"
      "<atom:author><atom:name>Bo</atom:name></atom:author>"
      "<atom:updated>2020-01-02T03:04:05Z</atom:updated>"
      "<atom:content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hi</p></div>"
      "</atom:content></item></channel></rss>");
  ASSERT_TRUE(result.feed) << result.error;
  const Item& item = result.feed->items.at(0);
  EXPECT_EQ(item.url, "https://u.example/x");
  EXPECT_EQ(item.author, "Bo");
  EXPECT_EQ(item.updated, testing::utc(2020, 1, 2, 3, 4, 5));
  EXPECT_EQ(item.content_html, "<p>Hi</p>");
}

TEST(RssParser, ReadsTheTextOfAuthorCategoryAndGuidHoldingMarkup) {
  const Feed feed = testing::parse_fixture("rss_markup_fields.xml");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].author, "Ann Lee");
  EXPECT_EQ(feed.items[0].tags, (std::vector<std::string>{"Woodwork", "Tools"}));
  EXPECT_EQ(feed.items[0].id, "one-2021");
  EXPECT_EQ(feed.items[1].author, "Ann Lee, Bo Chen");  // every dc:creator, in order
}

TEST(RssParser, TakesTheChannelImageFromMediaThumbnailOrContent) {
  const auto thumbnail = testing::parse_text(
      "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>T"
      "</title><link>https://m.example/</link><media:thumbnail "
      "url=\"https://m.example/logo.png\"/></channel></rss>");
  ASSERT_TRUE(thumbnail.feed);
  EXPECT_EQ(thumbnail.feed->meta.image, "https://m.example/logo.png");
  const auto content = testing::parse_text(
      "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>T"
      "</title><media:content url=\"https://m.example/a.mp3\" type=\"audio/mpeg\"/>"
      "<media:group><media:content url=\"https://m.example/c.jpg\" medium=\"image\"/>"
      "</media:group></channel></rss>");
  ASSERT_TRUE(content.feed);
  EXPECT_EQ(content.feed->meta.image, "https://m.example/c.jpg");
  // An <image> of its own still wins.
  const auto both = testing::parse_text(
      "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>T"
      "</title><image><url>https://m.example/i.png</url></image>"
      "<media:thumbnail url=\"https://m.example/t.png\"/></channel></rss>");
  ASSERT_TRUE(both.feed);
  EXPECT_EQ(both.feed->meta.image, "https://m.example/i.png");
}

TEST(RssParser, KeepsAngleBracketsInTitlesThatAreNotHtml) {
  const auto result = testing::parse_text(
      "<rss version=\"2.0\"><channel><title>T</title>"
      "<item><title>std::vector&lt;int&gt; tips</title></item>"
      "<item><title>&lt;b&gt;Bold&lt;/b&gt; List&lt;T&gt;</title></item></channel></rss>");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->items.at(0).title, "std::vector<int> tips");
  EXPECT_EQ(result.feed->items.at(1).title, "Bold List<T>");
}

TEST(RssParser, ReadsChinaTimeForCstInAChineseFeedWithoutALanguage) {
  const auto result = testing::parse_text(
      "<rss version=\"2.0\"><channel><title>新闻中心</title><description>最新消息</description>"
      "<item><title>今日要闻</title><pubDate>Thu, 05 Oct 2023 11:15:00 CST</pubDate></item>"
      "</channel></rss>");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->items.at(0).published, testing::utc(2023, 10, 5, 3, 15));
  const auto english = testing::parse_text(
      "<rss version=\"2.0\"><channel><title>Farm news</title>"
      "<item><title>Harvest</title><pubDate>Thu, 05 Oct 2023 11:15:00 CST</pubDate></item>"
      "</channel></rss>");
  ASSERT_TRUE(english.feed);
  EXPECT_EQ(english.feed->items.at(0).published, testing::utc(2023, 10, 5, 17, 15));
}

}  // namespace
}  // namespace feedarchiver
