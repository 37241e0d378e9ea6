#include <gtest/gtest.h>

#include "feed_fixtures.hpp"

namespace feedarchiver {
namespace {

using testing::parse_fixture;
using testing::parse_text;
using testing::utc;

TEST(JsonFeedParser, ReadsJsonFeed11Metadata) {
  const Feed feed = parse_fixture("jsonfeed11.json");
  EXPECT_EQ(feed.meta.format, FeedFormat::jsonfeed);
  EXPECT_EQ(feed.meta.title, "JSON 日报");
  EXPECT_EQ(feed.meta.url, "https://json.example.com/");
  EXPECT_EQ(feed.meta.feed_url, "https://json.example.com/feed.json");
  EXPECT_EQ(feed.meta.description, "Feeds, but JSON");
  EXPECT_EQ(feed.meta.image, "https://json.example.com/icon.png");
  EXPECT_EQ(feed.meta.language, "zh-CN");
  EXPECT_EQ(feed.meta.updated, std::nullopt);
}

TEST(JsonFeedParser, MapsEveryItemField) {
  const Item item = parse_fixture("jsonfeed11.json").items.at(0);
  EXPECT_EQ(item.id, "1");
  EXPECT_EQ(item.url, "https://json.example.com/posts/1");
  EXPECT_EQ(item.title, "第一篇 文章");
  EXPECT_EQ(item.content_html, "<p>你好，<b>世界</b></p>");
  EXPECT_EQ(item.summary_html, "Tom &amp; Jerry &lt;3");
  EXPECT_EQ(item.published, utc(2023, 11, 26, 11, 34, 51));
  EXPECT_EQ(item.updated, utc(2023, 11, 27, 8));
  EXPECT_EQ(item.author, "张三, Li Si");
  EXPECT_EQ(item.tags, (std::vector<std::string>{"新闻", "tech"}));
  ASSERT_EQ(item.images.size(), 1u);
  EXPECT_EQ(item.images[0].url, "https://json.example.com/img/1.png");
  ASSERT_EQ(item.enclosures.size(), 1u);
  EXPECT_EQ(item.enclosures[0].url, "https://json.example.com/audio/1.m4a");
  EXPECT_EQ(item.enclosures[0].type, "audio/x-m4a");
  EXPECT_EQ(item.enclosures[0].length, 89970236);
}

TEST(JsonFeedParser, EscapesContentTextAndAcceptsNumericIds) {
  const Feed feed = parse_fixture("jsonfeed11.json");
  const Item& item = feed.items.at(1);
  EXPECT_EQ(item.id, "2");
  EXPECT_EQ(item.url, "https://elsewhere.example.org/story");
  EXPECT_EQ(item.content_html, "Line one &amp; &lt;two&gt;");
  EXPECT_EQ(item.author, "编辑部");  // the feed's authors
}

TEST(JsonFeedParser, KeepsTheParagraphsOfContentText) {
  const auto result = parse_text(
      R"({"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "1",
      "content_text": "第一段，<不是标签>。\n\n第二段\n第二行", "summary": "Short."}]})");
  ASSERT_TRUE(result.feed) << result.error;
  const Item& item = result.feed->items.at(0);
  EXPECT_EQ(item.content_html, "<p>第一段，&lt;不是标签&gt;。</p>\n<p>第二段<br>\n第二行</p>");
  EXPECT_EQ(item.summary_html, "Short.");
}

TEST(JsonFeedParser, ReadsContentHtmlEscapedTwiceAsHtml) {
  const auto result = parse_text(
      R"({"version": "https://jsonfeed.org/version/1", "title": "t", "items": [{"id": "1",
      "title": "One", "content_html": "&lt;p&gt;Escaped &amp;amp; again&lt;/p&gt;"}]})");
  ASSERT_TRUE(result.feed) << result.error;
  EXPECT_EQ(result.feed->items.at(0).content_html, "<p>Escaped &amp; again</p>");
  ASSERT_EQ(result.feed->warnings.size(), 1u);
  EXPECT_EQ(result.feed->warnings[0],
            "item 1 (One): its body is HTML escaped once too often; read as HTML");
}

TEST(JsonFeedParser, WarnsAboutBadDatesAndItemsThatAreNotObjects) {
  const Feed feed = parse_fixture("jsonfeed11.json");
  EXPECT_EQ(feed.items.size(), 2u);
  ASSERT_EQ(feed.warnings.size(), 2u);
  EXPECT_EQ(feed.warnings[0], "item 2 (Text only): unparseable date 'someday'");
  EXPECT_EQ(feed.warnings[1], "item 3: not a JSON object, skipped");
}

TEST(JsonFeedParser, ReadsJsonFeed10WithASingleAuthor) {
  const Feed feed = parse_fixture("jsonfeed10.json");
  EXPECT_EQ(feed.meta.title, "Version one");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].author, "Solo Writer");
  EXPECT_EQ(feed.items[0].content_html, "Hi");
  EXPECT_EQ(feed.items[0].tags, (std::vector<std::string>{"x"}));
}

TEST(JsonFeedParser, RejectsOtherJson) {
  auto result = parse_text(R"({"name": "package", "version": "1.0.0"})");
  EXPECT_FALSE(result.feed);
  EXPECT_EQ(result.error, "JSON document, not a JSON Feed");
  result = parse_text("[1, 2, 3]");
  EXPECT_EQ(result.error, "JSON document, not a JSON Feed");
}

TEST(JsonFeedParser, ReportsWhereMalformedJsonBreaks) {
  const auto result =
      parse_text("{\"version\": \"https://jsonfeed.org/version/1\",\n  \"items\": [}");
  EXPECT_FALSE(result.feed);
  EXPECT_NE(result.error.find("malformed JSON"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("line 2"), std::string::npos) << result.error;
}

TEST(JsonFeedParser, ToleratesWrongTypesInKnownKeys) {
  const auto result = parse_text(R"({"version": "https://jsonfeed.org/version/1.1",
      "title": 5, "items": [{"id": {}, "title": [], "tags": "x", "attachments": [3]}]})");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->meta.title, std::nullopt);
  ASSERT_EQ(result.feed->items.size(), 1u);
  EXPECT_EQ(result.feed->items[0].title, std::nullopt);
  EXPECT_TRUE(result.feed->items[0].tags.empty());
}

TEST(JsonFeedParser, ReadsAFeedWhoseVersionIsNotTheSpecUrl) {
  for (const char* version : {"\"version\": \"1.0\", ", "\"version\": \"1.1\", ", ""}) {
    const auto result = parse_text(std::string("{") + version +
                                   "\"title\": \"T\", \"items\": [{\"id\": \"1\", "
                                   "\"title\": \"One\", \"author\": {\"name\": \"Ann\"}}]}");
    ASSERT_TRUE(result.feed) << version << result.error;
    ASSERT_EQ(result.feed->items.size(), 1u);
    EXPECT_EQ(result.feed->items[0].author, "Ann");  // JSON Feed 1.0's author object
  }
  const auto warned = parse_text("{\"version\": \"1.1\", \"items\": []}");
  ASSERT_TRUE(warned.feed);
  EXPECT_NE(warned.feed->warnings.at(0).find("not a JSON Feed version URL"), std::string::npos);
  // Items alone do not make a feed.
  EXPECT_FALSE(parse_text("{\"items\": [1, 2]}").feed);
}

TEST(JsonFeedParser, StripsControlCharactersFromTitles) {
  const auto result = parse_text(
      "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Fe\\u0000ed\", "
      "\"items\": [{\"id\": \"1\", \"title\": \"a\\u0000b\\u0007c\\td\"}]}");
  ASSERT_TRUE(result.feed);
  EXPECT_EQ(result.feed->meta.title, "Feed");
  EXPECT_EQ(result.feed->items.at(0).title, "abc d");
  EXPECT_EQ(result.feed->warnings.size(), 2u);
}

}  // namespace
}  // namespace feedarchiver
