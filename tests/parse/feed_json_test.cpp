#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "feed_fixtures.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/parse/feed_json.hpp"

namespace feedarchiver {
namespace {

using nlohmann::json;
using testing::parse_fixture;
using testing::utc;

std::vector<std::string> keys_of(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.push_back(it.key());
  return keys;
}

const std::vector<std::string> kFeedKeys = {"title",    "url",     "feed_url",    "format",
                                            "language", "updated", "description", "image"};
const std::vector<std::string> kItemKeys = {"id",           "title",  "url",       "published",
                                            "updated",      "author", "tags",      "summary_html",
                                            "content_html", "images", "enclosures"};

TEST(FeedJson, HasExactlyTheContractKeysInContractOrder) {
  const auto out = parse::feed_to_json(parse_fixture("rss2_mixed.xml"));
  EXPECT_EQ(keys_of(out), (std::vector<std::string>{"feed", "items", "warnings"}));
  EXPECT_EQ(keys_of(out["feed"]), kFeedKeys);
  ASSERT_EQ(out["items"].size(), 3u);
  for (const auto& item : out["items"]) EXPECT_EQ(keys_of(item), kItemKeys);
  EXPECT_EQ(keys_of(out["items"][0]["images"][0]),
            (std::vector<std::string>{"url", "alt", "caption"}));
  EXPECT_EQ(keys_of(out["items"][0]["enclosures"][0]),
            (std::vector<std::string>{"url", "type", "length"}));
}

TEST(FeedJson, WritesNullsForAbsentValuesAndFormatsTimes) {
  const auto out = parse::feed_to_json(parse_fixture("rss2_mixed.xml"));
  EXPECT_EQ(out["feed"]["format"], "rss2");
  EXPECT_EQ(out["feed"]["updated"], "2023-11-26T19:34:51Z");
  const auto& first = out["items"][0];
  EXPECT_EQ(first["published"], "2023-11-26T12:15:00Z");
  EXPECT_TRUE(first["updated"].is_null());
  EXPECT_EQ(first["tags"], nlohmann::ordered_json::array({"交通", "重庆"}));
  EXPECT_TRUE(first["images"][1]["alt"].is_null());
  EXPECT_EQ(first["enclosures"][0]["length"], 123456);
  const auto& third = out["items"][2];
  EXPECT_TRUE(third["id"].is_null());
  EXPECT_TRUE(third["title"].is_null());
  EXPECT_TRUE(third["url"].is_null());
  EXPECT_TRUE(third["published"].is_null());
  EXPECT_TRUE(third["author"].is_null());
  EXPECT_TRUE(third["content_html"].is_null());
  EXPECT_EQ(third["tags"], nlohmann::ordered_json::array());
  EXPECT_EQ(third["images"], nlohmann::ordered_json::array());
  EXPECT_EQ(out["warnings"],
            nlohmann::ordered_json::array({"item 3: unparseable date 'yesterday-ish'"}));
}

TEST(FeedJson, DropsMillisecondsFromTimes) {
  const auto out = parse::feed_to_json(parse_fixture("atom1_mixed.xml"));
  EXPECT_EQ(out["feed"]["updated"], "2023-11-26T19:34:51Z");
}

TEST(FeedJson, WritesAnEmptyFeedWithEveryKey) {
  const auto out = parse::feed_to_json(Feed{});
  EXPECT_EQ(out.dump(),
            R"({"feed":{"title":null,"url":null,"feed_url":null,"format":"rss2","language":null,)"
            R"("updated":null,"description":null,"image":null},"items":[],"warnings":[]})");
}

TEST(FeedJson, PutsItemFieldsSourceAndFeedOnOneJsonlLine) {
  const Feed feed = parse_fixture("jsonfeed11.json");
  const auto line = parse::item_to_jsonl(feed.items[0], feed.meta, "feeds/j.json");
  std::vector<std::string> expected = kItemKeys;
  expected.push_back("source");
  expected.push_back("feed");
  EXPECT_EQ(keys_of(line), expected);
  EXPECT_EQ(line["source"], "feeds/j.json");
  EXPECT_EQ(line["feed"]["format"], "jsonfeed");
  EXPECT_EQ(line.dump().find('\n'), std::string::npos);
}

TEST(FeedJson, RoundTripsJsonlItems) {
  for (const char* fixture : {"rss2_mixed.xml", "atom1_mixed.xml", "jsonfeed11.json"}) {
    Feed feed = parse_fixture(fixture);
    for (Item item : feed.items) {
      const std::string line = parse::item_to_jsonl(item, feed.meta, fixture).dump();
      const parse::JsonlItem read = parse::item_from_jsonl(json::parse(line));
      item.base_url.reset();  // not part of the contract
      // Times are written to the second.
      for (auto* time : {&item.published, &item.updated}) {
        if (*time) *time = std::chrono::floor<std::chrono::seconds>(**time);
      }
      EXPECT_EQ(read.source, fixture);
      EXPECT_EQ(read.item.id, item.id);
      EXPECT_EQ(read.item.title, item.title);
      EXPECT_EQ(read.item.url, item.url);
      EXPECT_EQ(read.item.published, item.published);
      EXPECT_EQ(read.item.updated, item.updated);
      EXPECT_EQ(read.item.author, item.author);
      EXPECT_EQ(read.item.tags, item.tags);
      EXPECT_EQ(read.item.summary_html, item.summary_html);
      EXPECT_EQ(read.item.content_html, item.content_html);
      ASSERT_EQ(read.item.images.size(), item.images.size());
      for (std::size_t i = 0; i < item.images.size(); ++i) {
        EXPECT_EQ(read.item.images[i].url, item.images[i].url);
        EXPECT_EQ(read.item.images[i].alt, item.images[i].alt);
        EXPECT_EQ(read.item.images[i].caption, item.images[i].caption);
      }
      ASSERT_EQ(read.item.enclosures.size(), item.enclosures.size());
      for (std::size_t i = 0; i < item.enclosures.size(); ++i) {
        EXPECT_EQ(read.item.enclosures[i].url, item.enclosures[i].url);
        EXPECT_EQ(read.item.enclosures[i].type, item.enclosures[i].type);
        EXPECT_EQ(read.item.enclosures[i].length, item.enclosures[i].length);
      }
      EXPECT_EQ(read.feed.title, feed.meta.title);
      EXPECT_EQ(read.feed.url, feed.meta.url);
      EXPECT_EQ(read.feed.feed_url, feed.meta.feed_url);
      EXPECT_EQ(read.feed.format, feed.meta.format);
      EXPECT_EQ(read.feed.language, feed.meta.language);
      EXPECT_EQ(read.feed.description, feed.meta.description);
      EXPECT_EQ(read.feed.image, feed.meta.image);
      EXPECT_EQ(read.feed.updated,
                feed.meta.updated
                    ? std::optional<Timestamp>(
                          std::chrono::floor<std::chrono::seconds>(*feed.meta.updated))
                    : std::nullopt);
    }
  }
}

TEST(FeedJson, ReadsAMinimalJsonlLine) {
  const auto read = parse::item_from_jsonl(json::parse(R"({"title": "Only a title"})"));
  EXPECT_EQ(read.item.title, "Only a title");
  EXPECT_EQ(read.item.url, std::nullopt);
  EXPECT_EQ(read.feed.format, FeedFormat::rss2);
  EXPECT_EQ(read.source, "");
}

std::string error_of(const char* line) {
  try {
    parse::item_from_jsonl(json::parse(line));
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(FeedJson, NamesTheKeyOfAWrongType) {
  EXPECT_EQ(error_of(R"({"title": 3})"), "render: key 'title' must be a string or null");
  EXPECT_EQ(error_of(R"({"tags": ["a", 1]})"), "render: key 'tags' must be an array of strings");
  EXPECT_EQ(error_of(R"({"feed": {"title": false}})"),
            "render: key 'feed.title' must be a string or null");
  EXPECT_EQ(error_of(R"({"enclosures": [{"url": "u", "length": "12"}]})"),
            "render: key 'enclosures[0].length' must be an integer or null");
  EXPECT_EQ(error_of(R"({"images": [{"alt": "no url"}]})"),
            "render: key 'images[0].url' must be a string");
  EXPECT_EQ(error_of(R"({"published": "whenever"})"),
            "render: key 'published' must be an ISO-8601 time or null, not 'whenever'");
  EXPECT_EQ(error_of(R"({"feed": {"format": "rss3"}})"),
            "render: key 'feed.format' must be one of rss2, rss1, rss09x, atom1, atom03, jsonfeed");
  EXPECT_EQ(error_of(R"([1])"), "render: a jsonl line must be a JSON object");
}

TEST(FeedJson, ReadsTimesBackToTheSecond) {
  const auto read = parse::item_from_jsonl(json::parse(
      R"({"published": "2023-11-26T19:34:51Z", "updated": "2023-11-26T19:34:51.128Z"})"));
  EXPECT_EQ(read.item.published, utc(2023, 11, 26, 19, 34, 51));
  EXPECT_EQ(read.item.updated, utc(2023, 11, 26, 19, 34, 51, 128));
}

}  // namespace
}  // namespace feedarchiver
