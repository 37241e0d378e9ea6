// --images download over a real loopback site and the real CurlFetcher.

#include "feedarchiver/archive/image_download.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "feedarchiver/fetch/curl_fetcher.hpp"
#include "feedarchiver/normalize/image_sources.hpp"
#include "feedarchiver/normalize/sanitize.hpp"
#include "support/site_server.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::archive {
namespace {

namespace fs = std::filesystem;
using testing::fake_png;
using testing::read_file;
using testing::SiteServer;
using testing::TempDir;

Item item_with(const std::string& body, const std::string& base) {
  Item item;
  item.url = base;
  normalize::SanitizeResult sanitized = normalize::sanitize_html(body, base);
  item.content_html = sanitized.html;
  item.images = sanitized.images;
  return item;
}

std::size_t files_in(const fs::path& dir) {
  if (!fs::exists(dir)) return 0;
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(ImageDownload, StoresSharedImagesOnceAndKeepsFailuresRemote) {
  SiteServer site;
  const std::string shared = fake_png("shared");
  site.set("/img/shared.png", "image/png", shared);
  site.set("/img/page.png", "text/html", "<html>an error page</html>");
  site.set("/img/big.png", "image/png", fake_png(std::string(5000, 'x')));
  site.set("/img/logo.svg", "image/svg+xml", "<svg onload=\"alert(1)\"/>");
  std::vector<Item> items = {
      item_with("<p>one</p><img src=\"/img/shared.png\" alt=\"s\"><img src=\"/img/page.png\">",
                site.url("/post/1")),
      item_with("<p>two</p><img src=\"/img/shared.png\"><img src=\"/img/gone.png\">"
                "<img src=\"/img/big.png\"><img src=\"/img/logo.svg\">",
                site.url("/post/2"))};
  TempDir dir;
  write::ImageStore store(dir.path());
  std::vector<std::string> warnings;
  std::vector<ImageTarget> targets;
  fetch::FetchLimits limits;
  limits.max_bytes = 1000;  // the too-large image
  for (Item& item : items) targets.push_back({&item, limits, &warnings});
  fetch::CurlFetcher fetcher;
  const ImageDownloadReport report = download_images(targets, fetcher, store);

  EXPECT_EQ(report.requested, 5u);
  EXPECT_EQ(report.stored, 1u);
  EXPECT_EQ(report.failed, 4u);
  EXPECT_EQ(site.requests("/img/shared.png"), 1);
  const std::string local = "/assets/" + write::sha256_hex(shared).substr(0, 16) + ".png";
  ASSERT_EQ(files_in(dir.path() / "assets"), 1u);
  EXPECT_EQ(read_file(dir.path() / local.substr(1)), shared);

  EXPECT_EQ(normalize::image_sources(*items[0].content_html),
            (std::vector<std::string>{local, site.url("/img/page.png")}));
  EXPECT_EQ(normalize::image_sources(*items[1].content_html),
            (std::vector<std::string>{local, site.url("/img/gone.png"), site.url("/img/big.png"),
                                      site.url("/img/logo.svg")}));
  ASSERT_FALSE(items[0].images.empty());
  EXPECT_EQ(items[0].images[0].url, local);
  EXPECT_EQ(items[0].images[1].url, site.url("/img/page.png"));

  ASSERT_EQ(warnings.size(), 4u);
  EXPECT_NE(warnings[0].find(site.url("/img/page.png")), std::string::npos);
  EXPECT_NE(warnings[0].find("served as text/html, not an image; kept its remote URL"),
            std::string::npos)
      << warnings[0];
  EXPECT_NE(warnings[1].find("HTTP 404"), std::string::npos) << warnings[1];
  EXPECT_NE(warnings[2].find("larger than the 1000-byte image cap"), std::string::npos)
      << warnings[2];
  EXPECT_NE(warnings[3].find("SVG"), std::string::npos) << warnings[3];
}

TEST(ImageDownload, CapsImagesAtTwentyMebibytesWhateverTheFeedLimit) {
  SiteServer site;
  site.set("/huge.png", "image/png", fake_png(std::string(kImageMaxBytes, 'x')));
  std::vector<Item> items = {item_with("<img src=\"/huge.png\">", site.url("/post"))};
  TempDir dir;
  write::ImageStore store(dir.path());
  std::vector<std::string> warnings;
  fetch::CurlFetcher fetcher;
  const auto report = download_images({{&items[0], {}, &warnings}}, fetcher, store);
  EXPECT_EQ(report.failed, 1u);
  EXPECT_EQ(files_in(dir.path() / "assets"), 0u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("image cap"), std::string::npos);
}

}  // namespace
}  // namespace feedarchiver::archive
