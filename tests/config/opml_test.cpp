#include "feedarchiver/config/opml.hpp"

#include <gtest/gtest.h>

#include "feedarchiver/error.hpp"

namespace feedarchiver::config {
namespace {

TEST(Opml, ImportsFeedsWithNestedOutlinesAsTags) {
  const FeedsImport imported = import_opml(R"(<?xml version="1.0"?>
<opml version="2.0"><head><title>x</title></head><body>
  <outline text="News"><outline text="Asia">
    <outline type="rss" text="RFA" xmlUrl="https://www.rfa.org/mandarin/RSS"/>
  </outline></outline>
  <outline type="rss" title="Blog" text="b" xmlurl="http://blog.example/feed"/>
  <outline type="rss" text="bad" xmlUrl="file:///etc/passwd"/>
  <outline type="rss" text="again" xmlUrl="http://blog.example/feed"/>
</body></opml>)",
                                           "x.opml");
  const auto& feeds = imported.feeds_json["feeds"];
  ASSERT_EQ(feeds.size(), 2u);
  EXPECT_EQ(feeds[0]["name"], "RFA");
  EXPECT_EQ(feeds[0]["url"], "https://www.rfa.org/mandarin/RSS");
  EXPECT_EQ(feeds[0]["tags"], (nlohmann::ordered_json{"News", "Asia"}));
  EXPECT_EQ(feeds[1]["name"], "Blog");
  EXPECT_FALSE(feeds[1].contains("tags"));
  EXPECT_EQ(imported.warnings.size(), 2u);
}

TEST(Opml, RefusesADocumentThatIsNotOpml) {
  EXPECT_THROW(import_opml("<rss/>", "x"), Error);
  EXPECT_THROW(import_opml("<opml", "x"), Error);
}

TEST(Opml, RoundTripKeepsEveryFeedItsNameAndTags) {
  const FeedsConfig config = parse_feeds_config(R"({"feeds": [
      {"url": "https://a.example/rss", "name": "A & <B>", "tags": ["News", "Asia"]},
      {"url": "https://b.example/rss", "tags": ["News"]},
      {"url": "https://c.example/rss", "name": "自由亚洲电台"},
      {"url": "https://d.example/rss", "tags": ["News", "Asia"]}]})",
                                                "FEEDS");
  const std::string opml = export_opml(config);
  const FeedsImport imported = import_opml(opml, "exported");
  const FeedsConfig back = parse_feeds_config(imported.feeds_json.dump(), "imported");
  ASSERT_EQ(back.feeds.size(), config.feeds.size()) << opml;
  for (const FeedConfig& original : config.feeds) {
    bool found = false;
    for (const FeedConfig& again : back.feeds) {
      if (again.url != original.url) continue;
      found = true;
      EXPECT_EQ(again.name, original.name) << original.url;
      EXPECT_EQ(again.tags, original.tags) << original.url;
    }
    EXPECT_TRUE(found) << original.url;
  }
}

}  // namespace
}  // namespace feedarchiver::config
