#include "feedarchiver/config/feeds_config.hpp"

#include <gtest/gtest.h>

#include "feedarchiver/config/shard.hpp"
#include "feedarchiver/error.hpp"

namespace feedarchiver::config {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_feeds_config(text, "FEEDS");
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), kExitUsage);
    return e.what();
  }
  return "no error";
}

TEST(FeedsConfig, MergesDefaultsUnderEachFeed) {
  const FeedsConfig config = parse_feeds_config(R"({
    "defaults": {"jobs": 4, "tags": ["news"], "images": "keep", "user_agent": "ua"},
    "feeds": [{"url": "https://a.example/rss", "name": "A", "tags": ["a"]},
              {"url": "http://b.example/rss", "enabled": false, "full_text": true,
               "content_selector": "#story", "remove": [".share"], "timezone": "Asia/Shanghai",
               "encoding": "gbk", "categories": ["c"]}]})",
                                                "FEEDS");
  ASSERT_EQ(config.feeds.size(), 2u);
  EXPECT_EQ(config.jobs, 4);
  EXPECT_EQ(*config.feeds[0].name, "A");
  EXPECT_EQ(*config.feeds[0].tags, std::vector<std::string>{"a"});
  EXPECT_EQ(*config.feeds[0].user_agent, "ua");
  EXPECT_TRUE(config.feeds[0].enabled);
  EXPECT_EQ(*config.feeds[1].tags, std::vector<std::string>{"news"});
  EXPECT_FALSE(config.feeds[1].enabled);
  EXPECT_TRUE(config.feeds[1].full_text);
  EXPECT_EQ(*config.feeds[1].encoding, "gbk");
  EXPECT_EQ(*config.feeds[1].categories, std::vector<std::string>{"c"});
}

TEST(FeedsConfig, ReadsABudgetPerFeedOrInTheDefaultsAndADeadlineInTheDefaults) {
  const FeedsConfig config = parse_feeds_config(R"({
    "defaults": {"budget": 30, "deadline": 600},
    "feeds": [{"url": "https://a.example/rss"}, {"url": "https://b.example/rss", "budget": 5}]})",
                                                "FEEDS");
  EXPECT_EQ(config.deadline, 600);
  EXPECT_EQ(config.feeds[0].budget, 30);
  EXPECT_EQ(config.feeds[1].budget, 5);
  EXPECT_NE(
      error_of(R"({"feeds": [{"url": "https://a.example/rss", "budget": 0}]})").find("budget"),
      std::string::npos);
  EXPECT_NE(error_of(R"({"feeds": [{"url": "https://a.example/rss", "deadline": 60}]})")
                .find("\"deadline\" is not a known key"),
            std::string::npos);
}

TEST(FeedsConfig, NamesTheKeyAndTheFeedOfAnUnknownKey) {
  const std::string error = error_of(
      R"({"feeds": [{"url": "https://a.example/rss"}, {"url": "https://b.example/x", "tgas": []}]})");
  EXPECT_NE(error.find("\"tgas\""), std::string::npos) << error;
  EXPECT_NE(error.find("feed 2 (https://b.example/x)"), std::string::npos) << error;
}

TEST(FeedsConfig, NamesTheKeyAndTheFeedOfAWrongType) {
  const std::string error = error_of(R"({"feeds": [{"url": "https://a.example/", "tags": "x"}]})");
  EXPECT_NE(error.find("\"tags\" must be an array of strings"), std::string::npos) << error;
  EXPECT_NE(error.find("feed 1"), std::string::npos) << error;
  EXPECT_NE(error_of(R"({"defaults": {"full_text": "yes"}, "feeds": []})").find("defaults"),
            std::string::npos);
}

TEST(FeedsConfig, RefusesBadUrlsDuplicatesAndUnknownTopLevelKeys) {
  EXPECT_NE(error_of(R"({"feeds": [{"name": "x"}]})").find("\"url\" is missing"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"feeds": [{"url": "file:///etc/passwd"}]})").find("http"),
            std::string::npos);
  EXPECT_NE(
      error_of(R"({"feeds": [{"url": "https://a/"}, {"url": "https://a/"}]})").find("listed twice"),
      std::string::npos);
  EXPECT_NE(error_of(R"({"feed": []})").find("\"feed\""), std::string::npos);
  EXPECT_NE(error_of("{not json").find("not valid JSON"), std::string::npos);
  EXPECT_NE(error_of(R"({"defaults": {"images": "inline"}, "feeds": []})").find("images"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"defaults": {"jobs": 0}, "feeds": []})").find("jobs"), std::string::npos);
}

TEST(FeedsConfig, AcceptsLineAndBlockComments) {
  const FeedsConfig config = parse_feeds_config(R"(// my feeds
{
  /* shared by every feed */
  "defaults": {"tags": ["news"]},  // trailing
  "feeds": [
    // {"url": "https://off.example/rss"},
    {"url": "https://a.example/rss" /* the only one */}
  ]
})",
                                                "FEEDS");
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].url, "https://a.example/rss");
  ASSERT_TRUE(config.feeds[0].tags.has_value());
  EXPECT_EQ(config.feeds[0].tags->at(0), "news");
}

TEST(FeedsConfig, ASyntaxErrorNamesItsLineAndColumn) {
  // The missing comma before the second feed: line 4, where "{" stands in column 5.
  const std::string error = error_of(
      "{\n"
      "  \"feeds\": [\n"
      "    {\"url\": \"https://a.example/rss\", \"name\": \"中文\"}\n"
      "    {\"url\": \"https://b.example/rss\"}\n"
      "  ]\n"
      "}\n");
  EXPECT_EQ(error.rfind("FEEDS:4:5: not valid JSON: ", 0), 0u) << error;
  // Columns count characters: the CJK name before the error does not shift them.
  const std::string cjk = error_of("{\"feeds\": [\"中文\" x]}");
  EXPECT_EQ(cjk.rfind("FEEDS:1:17: ", 0), 0u) << cjk;
  // An unclosed comment is an error too, not an empty file.
  EXPECT_EQ(error_of("{\"feeds\": [] /* open").rfind("FEEDS:1:", 0), 0u);
}

TEST(Shard, ParsesKOverNAndRefusesTheRest) {
  EXPECT_EQ(parse_shard("1/3").index, 1u);
  EXPECT_EQ(parse_shard("1/3").count, 3u);
  EXPECT_THROW(parse_shard("3/3"), Error);
  EXPECT_THROW(parse_shard("1/0"), Error);
  EXPECT_THROW(parse_shard("x/2"), Error);
  EXPECT_THROW(parse_shard("1"), Error);
}

TEST(Shard, PutsEveryUrlInExactlyOneShardStably) {
  std::size_t counts[4] = {0, 0, 0, 0};
  for (int i = 0; i < 400; ++i) {
    const std::string url = "https://feeds.example/" + std::to_string(i);
    std::size_t hits = 0;
    for (std::uint64_t k = 0; k < 4; ++k) {
      if (in_shard(url, {k, 4})) {
        ++hits;
        ++counts[k];
      }
    }
    EXPECT_EQ(hits, 1u);
  }
  for (std::size_t count : counts) EXPECT_GT(count, 50u);  // roughly even
  // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c: the same on every machine.
  EXPECT_EQ(shard_of("a", 1000), 0xaf63dc4c8601ec8cULL % 1000);
}

}  // namespace
}  // namespace feedarchiver::config

namespace feedarchiver::config {
namespace {

TEST(FeedsConfig, IframeHostsAreHostNames) {
  const FeedsConfig config = parse_feeds_config(
      R"({"defaults": {"iframe_hosts": ["www.youtube-nocookie.com", "player.vimeo.com"]},
          "feeds": [{"url": "https://a.example/rss"}]})",
      "FEEDS");
  EXPECT_EQ(config.feeds[0].iframe_hosts,
            (std::vector<std::string>{"www.youtube-nocookie.com", "player.vimeo.com"}));
  EXPECT_NE(
      error_of(R"({"feeds": [{"url": "https://a.example/", "iframe_hosts": ["https://x/"]}]})")
          .find("\"iframe_hosts\""),
      std::string::npos);
}

}  // namespace
}  // namespace feedarchiver::config
