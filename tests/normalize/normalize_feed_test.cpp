#include "feedarchiver/normalize/normalize_feed.hpp"

#include <gtest/gtest.h>

namespace feedarchiver::normalize {
namespace {

Feed feed_with(Item item) {
  Feed feed;
  feed.meta.url = "https://site.example/";
  feed.meta.feed_url = "https://site.example/feeds/rss.xml";
  feed.items.push_back(std::move(item));
  return feed;
}

TEST(NormalizeFeed, ResolvesRelativeItemUrlsAgainstTheFeedUrl) {
  Item item;
  item.url = " posts/1.html ";
  Feed feed = feed_with(item);
  normalize_feed(feed);
  EXPECT_EQ(feed.items[0].url, "https://site.example/feeds/posts/1.html");
}

TEST(NormalizeFeed, PrefersTheItemBaseUrl) {
  Item item;
  item.url = "1.html";
  item.base_url = "https://other.example/dir/";
  Feed feed = feed_with(item);
  normalize_feed(feed);
  EXPECT_EQ(feed.items[0].url, "https://other.example/dir/1.html");
}

TEST(NormalizeFeed, FallsBackToTheSiteUrlWithoutAFeedUrl) {
  Item item;
  item.url = "/1.html";
  Feed feed = feed_with(item);
  feed.meta.feed_url.reset();
  normalize_feed(feed);
  EXPECT_EQ(feed.items[0].url, "https://site.example/1.html");
}

TEST(NormalizeFeed, DropsANonHttpItemUrlWithAWarning) {
  Item item;
  item.title = "Bad";
  item.url = "javascript:alert(1)";
  Feed feed = feed_with(item);
  normalize_feed(feed);
  EXPECT_EQ(feed.items[0].url, std::nullopt);
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_NE(feed.warnings[0].find("item 1 (\"Bad\")"), std::string::npos) << feed.warnings[0];
  EXPECT_NE(feed.warnings[0].find("javascript:alert(1)"), std::string::npos);
}

TEST(NormalizeFeed, SanitizesContentAndSummaryAgainstTheItemUrl) {
  Item item;
  item.url = "https://site.example/2023/post.html";
  item.content_html = "<p onclick=\"x\">Body <img src=\"img/a.jpg\"></p><script>bad()</script>";
  item.summary_html = "<a href=\"../about\">about</a><iframe></iframe>";
  Feed feed = feed_with(item);
  normalize_feed(feed);
  EXPECT_EQ(feed.items[0].content_html,
            "<p>Body <img src=\"https://site.example/2023/img/a.jpg\" "
            "referrerpolicy=\"no-referrer\"></p>");
  EXPECT_EQ(feed.items[0].summary_html, "<a href=\"https://site.example/about\">about</a>");
}

TEST(NormalizeFeed, ABodyThatSanitizesToNothingBecomesEmptyNotAbsent) {
  Item item;
  item.content_html = "<iframe src=\"https://video.example/\"></iframe>\n";
  item.summary_html = "<p>summary</p>";
  Feed feed = feed_with(item);
  normalize_feed(feed);
  EXPECT_EQ(feed.items[0].content_html, "");  // present in the feed: "" (spec.md), not null
  EXPECT_EQ(feed.items[0].summary_html, "<p>summary</p>");
}

TEST(NormalizeFeed, CollectsImagesFromTheBodyWhenTheItemHasNone) {
  Item item;
  item.url = "https://site.example/p.html";
  item.content_html =
      "<img src=\"/a.jpg\" alt=\"A\"><img src=\"/a.jpg\"><img data-src=\"b.jpg\">"
      "<img src=\"data:image/png;base64,iVBORw0KGgo=\">";
  item.summary_html = "<img src=\"/c.jpg\">";
  Feed feed = feed_with(item);
  normalize_feed(feed);
  const std::vector<Image>& images = feed.items[0].images;
  ASSERT_EQ(images.size(), 3u);
  EXPECT_EQ(images[0].url, "https://site.example/a.jpg");
  EXPECT_EQ(images[0].alt, "A");
  EXPECT_EQ(images[1].url, "https://site.example/b.jpg");
  EXPECT_EQ(images[2].url, "https://site.example/c.jpg");
}

TEST(NormalizeFeed, KeepsTheFeedsOwnImagesMadeAbsolute) {
  Item item;
  item.url = "https://site.example/p.html";
  item.images = {Image{"/media.jpg", "m", std::nullopt}, Image{"ftp://x/y.jpg", {}, {}}};
  item.content_html = "<img src=\"/body.jpg\">";
  Feed feed = feed_with(item);
  normalize_feed(feed);
  ASSERT_EQ(feed.items[0].images.size(), 1u);
  EXPECT_EQ(feed.items[0].images[0].url, "https://site.example/media.jpg");
  EXPECT_EQ(feed.items[0].images[0].alt, "m");
}

TEST(NormalizeFeed, MakesEnclosureUrlsAbsoluteAndDropsOthers) {
  Item item;
  item.enclosures = {Enclosure{"/ep1.mp3", "audio/mpeg", 123}, Enclosure{"file:///x", {}, {}}};
  Feed feed = feed_with(item);
  normalize_feed(feed);
  ASSERT_EQ(feed.items[0].enclosures.size(), 1u);
  EXPECT_EQ(feed.items[0].enclosures[0].url, "https://site.example/ep1.mp3");
  EXPECT_EQ(feed.warnings.size(), 1u);
}

TEST(NormalizeFeed, TakesTheIdFromTheGuidThenTheUrlThenAHash) {
  Item with_guid;
  with_guid.id = " urn:uuid:1 ";
  with_guid.url = "https://site.example/1";
  Item with_url;
  with_url.url = "https://site.example/2";
  Item bare;
  bare.title = "T";
  bare.content_html = "<p>body</p>";
  Item bare_other = bare;
  bare_other.content_html = "<p>other body</p>";
  Feed feed;
  feed.items = {with_guid, with_url, bare, bare, bare_other};
  normalize_feed(feed);
  EXPECT_EQ(feed.items[0].id, "urn:uuid:1");
  EXPECT_EQ(feed.items[1].id, "https://site.example/2");
  ASSERT_TRUE(feed.items[2].id);
  EXPECT_EQ(feed.items[2].id->rfind("fnv1a64:", 0), 0u);
  EXPECT_EQ(feed.items[2].id->size(), 8u + 16u);
  EXPECT_EQ(feed.items[2].id, feed.items[3].id);
  EXPECT_NE(feed.items[2].id, feed.items[4].id);
}

TEST(NormalizeFeed, TrimsTitlesAndKeepsEmptyOnesEmpty) {
  Item spaced;
  spaced.title = "  \n Title\t ";
  Item blank;
  blank.title = " \n ";
  Feed feed;
  feed.items = {spaced, blank};
  normalize_feed(feed);
  EXPECT_EQ(feed.items[0].title, "Title");
  EXPECT_EQ(feed.items[1].title, "");
  Item absent;
  feed.items = {absent};
  normalize_feed(feed);
  EXPECT_EQ(feed.items[0].title, std::nullopt);
}

TEST(NormalizeFeed, AcceptsAnEmptyFeed) {
  Feed feed;
  normalize_feed(feed);
  EXPECT_TRUE(feed.items.empty());
  EXPECT_TRUE(feed.warnings.empty());
}

TEST(NormalizeFeed, AnEmptyTitleOrBodyGivesTheSameIdAsAnAbsentOne) {
  Item absent;
  absent.summary_html = "<p>text</p>";
  Item empty = absent;
  empty.title = "";
  empty.content_html = "";
  Feed feed;
  feed.items = {absent, empty};
  normalize_feed(feed);
  EXPECT_EQ(feed.items[0].id, feed.items[1].id);
  EXPECT_EQ(feed.items[1].content_html, "");
}

TEST(NormalizeFeed, KeepsARelativeLinkAsWrittenWhenNothingGivesAnAbsoluteBase) {
  for (const char* link : {"/2021/05/post/", "//host.example/path", "post.html"}) {
    Feed feed;
    Item item;
    item.url = link;
    item.summary_html = "<p><a href=\"/x\">x</a></p>";
    feed.items.push_back(item);
    normalize_feed(feed);
    EXPECT_EQ(feed.items[0].url, link);
    EXPECT_EQ(feed.items[0].id, link);
    ASSERT_EQ(feed.warnings.size(), 1u) << link;
    EXPECT_NE(feed.warnings[0].find("kept as written"), std::string::npos);
  }
  // With the feed's URL known, a protocol-relative link takes its scheme.
  Item item;
  item.url = "//host.example/path";
  Feed feed = feed_with(item);
  normalize_feed(feed);
  EXPECT_EQ(feed.items[0].url, "https://host.example/path");
  // Other schemes are still dropped, relative base or not.
  for (const char* link : {"javascript:alert(1)", "file:///etc/passwd", "mailto:a@b"}) {
    Feed bare;
    Item bad;
    bad.url = link;
    bare.items.push_back(bad);
    normalize_feed(bare);
    EXPECT_EQ(bare.items[0].url, std::nullopt) << link;
  }
}

}  // namespace
}  // namespace feedarchiver::normalize
