// `--full-text` and `--images download` end to end: the real binary, a real loopback site
// (feed, article pages, images), real post and asset files, real state.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/run_command.hpp"
#include "support/site_server.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

namespace fs = std::filesystem;
using testing::article_page;
using testing::fake_png;
using testing::read_file;
using testing::run_feedarchiver;
using testing::SiteServer;
using testing::TempDir;

struct FeedItem {
  std::string title;
  std::string link;
  std::string summary;
};

std::string rss(const std::vector<FeedItem>& items) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Town "
      "News</title><link>https://town.example/</link>\n";
  for (const FeedItem& item : items) {
    out += "<item><title>" + item.title + "</title><link>" + item.link + "</link><guid>" +
           item.link +
           "</guid><pubDate>Mon, 06 Nov 2023 08:00:00 GMT</pubDate><description><![CDATA[" +
           item.summary + "]]></description></item>\n";
  }
  return out + "</channel></rss>\n";
}

/// Every post's text, keyed by the file's name.
std::vector<std::string> posts_in(const fs::path& site) {
  std::vector<fs::path> paths;
  if (fs::exists(site / "_posts")) {
    for (const auto& entry : fs::directory_iterator(site / "_posts")) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const fs::path& path : paths) texts.push_back(read_file(path));
  return texts;
}

/// The one post whose from: line is `url`.
std::string post_from(const fs::path& site, const std::string& url) {
  std::string found;
  for (const std::string& text : posts_in(site)) {
    if (text.find("from: " + url + "\n") != std::string::npos) {
      EXPECT_TRUE(found.empty()) << "two posts from " << url;
      found = text;
    }
  }
  EXPECT_FALSE(found.empty()) << "no post from " << url;
  return found;
}

std::size_t files_in(const fs::path& dir) {
  if (!fs::exists(dir)) return 0;
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(FullTextCli, RunTakesNewItemsBodiesFromTheirPagesAndFetchesNoPageTwice) {
  SiteServer site;
  site.set("/a", "text/html; charset=utf-8", article_page("Library plan", "ALPHA"));
  site.set("/c", "text/html", "<html><body><p>Please enable JavaScript.</p></body></html>");
  std::vector<FeedItem> items = {{"A", site.url("/a"), "<p>summary of a</p>"},
                                 {"B", site.url("/b"), "<p>summary of b</p>"},
                                 {"C", site.url("/c"), "<p>summary of c</p>"}};
  site.set("/feed.xml", "application/rss+xml", rss(items));
  TempDir dir;
  const fs::path feeds = dir.path() / "feeds.json";
  testing::write_file(feeds, "{\"feeds\": [{\"url\": \"" + site.url("/feed.xml") +
                                 "\", \"full_text\": true, \"name\": \"Town\"}]}");
  const fs::path out = dir.path() / "site";

  auto result = run_feedarchiver({"run", "-c", feeds.string(), "-o", out.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(posts_in(out).size(), 3u);
  const std::string a = post_from(out, site.url("/a"));
  EXPECT_NE(a.find("ALPHA paragraph 5"), std::string::npos) << a;
  EXPECT_EQ(a.find("summary of a"), std::string::npos);
  EXPECT_EQ(a.find("Share this story"), std::string::npos);
  EXPECT_NE(post_from(out, site.url("/b")).find("summary of b"), std::string::npos);
  EXPECT_NE(post_from(out, site.url("/c")).find("summary of c"), std::string::npos);
  EXPECT_NE(result.err.find("full text of " + site.url("/b") +
                            ": the page could not be fetched: http_error (HTTP 404)"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("full text of " + site.url("/c") + ": no credible article"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("not supported yet"), std::string::npos) << result.err;

  // A new item: only its page is fetched; the known items' pages are not asked again.
  site.set("/d", "text/html", article_page("Bridge repairs", "DELTA"));
  items.push_back({"D", site.url("/d"), "<p>summary of d</p>"});
  site.set("/feed.xml", "application/rss+xml", rss(items));
  result = run_feedarchiver({"run", "-c", feeds.string(), "-o", out.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(site.requests("/a"), 1);
  EXPECT_EQ(site.requests("/b"), 1);
  EXPECT_EQ(site.requests("/c"), 1);
  EXPECT_EQ(site.requests("/d"), 1);
  EXPECT_EQ(posts_in(out).size(), 4u);
  EXPECT_NE(post_from(out, site.url("/d")).find("DELTA paragraph 1"), std::string::npos);
  EXPECT_EQ(result.out, (out / "_posts").string() + "/2023-11-06-D.md\n");
}

TEST(FullTextCli, UpdateRewritesFromThePageButNeverFallsBackToTheSummary) {
  SiteServer site;
  site.set("/a", "text/html", article_page("Plan", "FIRST"));
  site.set("/feed.xml", "application/rss+xml", rss({{"A", site.url("/a"), "<p>summary</p>"}}));
  TempDir dir;
  const fs::path feeds = dir.path() / "feeds.json";
  testing::write_file(feeds, "{\"feeds\": [{\"url\": \"" + site.url("/feed.xml") + "\"}]}");
  const fs::path out = dir.path() / "site";
  auto result = run_feedarchiver({"run", "-c", feeds.string(), "-o", out.string(), "--full-text"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_NE(post_from(out, site.url("/a")).find("FIRST paragraph"), std::string::npos);

  // The page fails this time: --update keeps the full-text post, not the feed's summary.
  site.set("/a", "text/html", "gone", 404);
  result = run_feedarchiver(
      {"run", "-c", feeds.string(), "-o", out.string(), "--full-text", "--update"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(post_from(out, site.url("/a")).find("FIRST paragraph"), std::string::npos);
  EXPECT_NE(result.err.find("full text of " + site.url("/a")), std::string::npos) << result.err;

  // The page changed: --update rewrites the post from it.
  site.set("/a", "text/html", article_page("Plan", "SECOND"));
  result = run_feedarchiver(
      {"run", "-c", feeds.string(), "-o", out.string(), "--full-text", "--update"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(post_from(out, site.url("/a")).find("SECOND paragraph"), std::string::npos);
  EXPECT_EQ(posts_in(out).size(), 1u);
}

TEST(FullTextCli, ArchiveDownloadsEachImageOnceAndKeepsFailedOnesRemote) {
  SiteServer site;
  const std::string png = fake_png("town-hall");
  site.set("/img/hall.png", "image/png", png);
  site.set("/img/html.png", "text/html", "<html>login</html>");
  site.set("/a", "text/html",
           article_page("Hall", "HALL",
                        "<figure><img src=\"/img/hall.png\" alt=\"hall\">"
                        "<figcaption>The hall</figcaption></figure>"));
  const std::vector<FeedItem> items = {
      {"A", site.url("/a"), "<p>a</p>"},
      {"B", site.url("/b"),
       "<p>b</p><img src=\"/img/hall.png\"><img src=\"/img/html.png\"><img src=\"/img/404.png\">"}};
  site.set("/feed.xml", "application/rss+xml", rss(items));
  TempDir dir;
  const fs::path out = dir.path() / "site";
  const auto result = run_feedarchiver({"archive", site.url("/feed.xml"), "-o", out.string(),
                                        "--full-text", "--images", "download"});
  ASSERT_EQ(result.exit_code, 0) << result.err;

  ASSERT_EQ(files_in(out / "assets"), 1u);
  const fs::path stored = fs::directory_iterator(out / "assets")->path();
  EXPECT_EQ(read_file(stored), png);
  EXPECT_EQ(stored.extension(), ".png");
  EXPECT_EQ(site.requests("/img/hall.png"), 1);
  const std::string src = "src=\"/assets/" + stored.filename().string() + "\"";

  const std::string a = post_from(out, site.url("/a"));  // the page's article, image local
  EXPECT_NE(a.find("HALL paragraph 1"), std::string::npos) << a;
  EXPECT_NE(a.find(src), std::string::npos) << a;
  const std::string b = post_from(out, site.url("/b"));  // page 404: the feed's body
  EXPECT_NE(b.find(src), std::string::npos) << b;
  EXPECT_NE(b.find("src=\"" + site.url("/img/html.png") + "\""), std::string::npos) << b;
  EXPECT_NE(b.find("src=\"" + site.url("/img/404.png") + "\""), std::string::npos) << b;
  EXPECT_NE(result.err.find("image " + site.url("/img/html.png") + " of " + site.url("/b") +
                            ": served as text/html, not an image; kept its remote URL"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("image " + site.url("/img/404.png")), std::string::npos) << result.err;
}

TEST(FullTextCli, DryRunDownloadsNoImageAndWritesNoAsset) {
  SiteServer site;
  site.set("/img/x.png", "image/png", fake_png("x"));
  site.set("/feed.xml", "application/rss+xml",
           rss({{"A", site.url("/a"), "<p>a</p><img src=\"/img/x.png\">"}}));
  TempDir dir;
  const fs::path out = dir.path() / "site";
  const fs::path feeds = dir.path() / "feeds.json";
  testing::write_file(feeds, "{\"defaults\": {\"images\": \"download\"}, \"feeds\": [{\"url\": \"" +
                                 site.url("/feed.xml") + "\"}]}");
  auto result = run_feedarchiver(
      {"archive", site.url("/feed.xml"), "-o", out.string(), "--images", "download", "--dry-run"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  result = run_feedarchiver({"run", "-c", feeds.string(), "-o", out.string(), "--dry-run"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(site.requests("/img/x.png"), 0);
  EXPECT_FALSE(fs::exists(out / "assets"));
  EXPECT_TRUE(posts_in(out).empty());

  // The same FEEDS file for real: FEEDS `images` alone turns downloading on.
  result = run_feedarchiver({"run", "-c", feeds.string(), "-o", out.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(site.requests("/img/x.png"), 1);
  EXPECT_EQ(files_in(out / "assets"), 1u);
  EXPECT_NE(post_from(out, site.url("/a")).find("src=\"/assets/"), std::string::npos);
}

TEST(FullTextCli, ArchiveOfAPageDoesNotFetchThePageAgain) {
  SiteServer site;
  site.set("/story", "text/html", article_page("Story", "STORY"));
  TempDir dir;
  const fs::path out = dir.path() / "site";
  const auto result =
      run_feedarchiver({"archive", site.url("/story"), "-o", out.string(), "--full-text"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(site.requests("/story"), 1);
  EXPECT_NE(post_from(out, site.url("/story")).find("STORY paragraph 2"), std::string::npos);
}

TEST(FullTextCli, ImagesTakesOnlyKeepOrDownload) {
  TempDir dir;
  const auto result = run_feedarchiver(
      {"archive", "x.xml", "-o", (dir.path() / "site").string(), "--images", "fetch"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("--images"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace feedarchiver
