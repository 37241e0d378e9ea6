#include "feedarchiver/config/newsboat_urls.hpp"

#include <gtest/gtest.h>

#include "feedarchiver/config/feeds_config.hpp"
#include "support/run_command.hpp"

namespace feedarchiver::config {
namespace {

TEST(NewsboatUrls, ReadsUrlsTagsTitlesAndComments) {
  const FeedsImport imported = import_newsboat_urls(
      "# my feeds\n"
      "https://www.rfa.org/mandarin/RSS news \"亚洲 新闻\" \"~自由亚洲电台\"\n"
      "\n"
      "   # indented comment\n"
      "http://example.org/atom.xml tech # a comment after the tags\n"
      "https://example.com/feed?a=1#frag \"say \\\"hi\\\"\" ! \"!hidden\"\r\n"
      "\"query:Unread:unread = \\\"yes\\\"\"\n"
      "exec:~/bin/feed.sh\n"
      "https://example.org/atom.xml-not-the-same\n"
      "http://example.org/atom.xml again\n");
  const auto& feeds = imported.feeds_json["feeds"];
  ASSERT_EQ(feeds.size(), 4u) << feeds.dump();
  EXPECT_EQ(feeds[0]["url"], "https://www.rfa.org/mandarin/RSS");
  EXPECT_EQ(feeds[0]["name"], "自由亚洲电台");
  EXPECT_EQ(feeds[0]["tags"], nlohmann::ordered_json({"news", "亚洲 新闻"}));
  EXPECT_EQ(feeds[1]["url"], "http://example.org/atom.xml");
  EXPECT_EQ(feeds[1]["tags"], nlohmann::ordered_json({"tech"}));
  EXPECT_FALSE(feeds[1].contains("name"));
  // A '#' inside a URL is not a comment; escaped quotes are kept; '!' marks are dropped.
  EXPECT_EQ(feeds[2]["url"], "https://example.com/feed?a=1#frag");
  EXPECT_EQ(feeds[2]["tags"], nlohmann::ordered_json({"say \"hi\""}));
  EXPECT_EQ(feeds[3]["url"], "https://example.org/atom.xml-not-the-same");
  ASSERT_EQ(imported.warnings.size(), 3u);
  EXPECT_EQ(imported.warnings[0].rfind("line 7: skipped, not an http(s) feed: query:", 0), 0u);
  EXPECT_EQ(imported.warnings[1].rfind("line 8: skipped", 0), 0u);
  EXPECT_EQ(imported.warnings[2], "line 10: skipped, listed twice: http://example.org/atom.xml");

  // What it prints is a FEEDS file that `run` accepts.
  const FeedsConfig config = parse_feeds_config(imported.feeds_json.dump(), "urls");
  ASSERT_EQ(config.feeds.size(), 4u);
  EXPECT_EQ(*config.feeds[0].name, "自由亚洲电台");
}

TEST(NewsboatUrls, AnUnclosedQuoteRunsToTheEndOfItsLineWithAWarning) {
  const FeedsImport imported =
      import_newsboat_urls("https://a.example/rss \"open tag\nhttps://b.example/rss\n");
  const auto& feeds = imported.feeds_json["feeds"];
  ASSERT_EQ(feeds.size(), 2u);
  EXPECT_EQ(feeds[0]["tags"], nlohmann::ordered_json({"open tag"}));
  ASSERT_EQ(imported.warnings.size(), 1u);
  EXPECT_EQ(imported.warnings[0], "line 1: a quote is not closed");
}

TEST(NewsboatUrls, ImportUrlsPrintsFeedsJsonAndWarnsOnStderr) {
  const auto run = testing::run_feedarchiver({"import-urls", "-"},
                                             "https://a.example/rss \"~A\"\nfile:///etc/passwd\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto printed = nlohmann::json::parse(run.out);
  ASSERT_EQ(printed["feeds"].size(), 1u);
  EXPECT_EQ(printed["feeds"][0]["name"], "A");
  EXPECT_EQ(run.err,
            "feedarchiver: warning: stdin: line 2: skipped, not an http(s) feed: "
            "file:///etc/passwd\n");
}

}  // namespace
}  // namespace feedarchiver::config
