// --full-text over a real loopback site and the real CurlFetcher: pages fetched once each,
// credible articles replace the feed's body, anything else keeps it with a warning.

#include "feedarchiver/archive/full_text.hpp"

#include <gtest/gtest.h>

#include "feedarchiver/fetch/curl_fetcher.hpp"
#include "support/site_server.hpp"

namespace feedarchiver::archive {
namespace {

using testing::article_page;
using testing::SiteServer;

Item item_at(const std::string& url, const std::string& summary) {
  Item item;
  item.id = url;
  item.url = url;
  item.title = "Feed title";
  item.summary_html = summary;
  return item;
}

TEST(FullText, CredibleArticlesReplaceTheBodyOthersKeepTheFeedsWithAWarning) {
  SiteServer site;
  site.set("/good", "text/html; charset=utf-8",
           article_page("Library plan", "GOODMARK", "<img src=\"/img/lead.png\" alt=\"lead\">"));
  site.set("/thin", "text/html", "<html><body><p>Subscribe to read.</p></body></html>");
  site.set("/feed-not-page", "application/rss+xml", "<rss version=\"2.0\"><channel/></rss>");
  std::vector<Item> items = {item_at(site.url("/good"), "<p>summary one</p>"),
                             item_at(site.url("/missing"), "<p>summary two</p>"),
                             item_at(site.url("/thin"), "<p>summary three</p>"),
                             item_at(site.url("/feed-not-page"), "<p>summary four</p>"),
                             item_at(site.url("/good"), "<p>same page again</p>")};
  items[0].title.reset();  // the page's title fills a missing one
  items[4].author = "Feed Author";
  Item no_url;
  no_url.id = "x";
  no_url.summary_html = "<p>no link</p>";
  items.push_back(no_url);

  std::vector<std::string> warnings;
  std::vector<FullTextTarget> targets;
  for (Item& item : items) targets.push_back({&item, nullptr, {}, &warnings});
  fetch::CurlFetcher fetcher;
  EXPECT_EQ(fetch_full_text(targets, fetcher), 4u);
  EXPECT_EQ(site.requests("/good"), 1);  // one request for two items with the same page

  ASSERT_TRUE(items[0].content_html);
  EXPECT_NE(items[0].content_html->find("GOODMARK paragraph 5"), std::string::npos);
  EXPECT_EQ(items[0].content_html->find("Share this story"), std::string::npos);
  EXPECT_EQ(items[0].title, "Library plan");
  EXPECT_TRUE(items[0].published);
  ASSERT_FALSE(items[0].images.empty());
  EXPECT_EQ(items[0].images[0].url, site.url("/img/lead.png"));
  EXPECT_EQ(items[4].title, "Feed title");  // the feed's own title wins
  EXPECT_EQ(items[4].author, "Feed Author");
  EXPECT_TRUE(items[4].content_html);

  for (std::size_t i : {1u, 2u, 3u, 5u}) {
    EXPECT_FALSE(items[i].content_html) << i;
    EXPECT_TRUE(items[i].summary_html) << i;
  }
  ASSERT_EQ(warnings.size(), 4u);
  const auto warned = [&](const std::string& a, const std::string& b) {
    for (const std::string& w : warnings) {
      if (w.find(a) != std::string::npos && w.find(b) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(warned(site.url("/missing"), "HTTP 404")) << warnings[0];
  EXPECT_TRUE(warned(site.url("/thin"), "no credible article"));
  EXPECT_TRUE(warned(site.url("/feed-not-page"), "not an HTML page"));
  EXPECT_TRUE(warned("no http(s) URL", "kept the feed's content"));
}

TEST(FullText, ApplyPageDecodesTheCharsetOfThePage) {
  Item item = item_at("https://news.example/a", "<p>s</p>");
  fetch::FetchResult page;
  page.status = fetch::FetchStatus::ok;
  page.final_url = "https://news.example/a";
  // ISO-8859-1 bytes, declared in the header: é is 0xE9.
  page.content_type = "text/html; charset=iso-8859-1";
  page.body = article_page("Caf\xE9", "CAF\xC9");
  EXPECT_FALSE(apply_page(item, page, nullptr));
  ASSERT_TRUE(item.content_html);
  EXPECT_NE(item.content_html->find("CAF\xC3\x89 paragraph"), std::string::npos);
}

}  // namespace
}  // namespace feedarchiver::archive
