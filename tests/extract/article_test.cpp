#include "feedarchiver/extract/article.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/extract/metadata.hpp"
#include "feedarchiver/extract/title.hpp"

namespace feedarchiver::extract {
namespace {

const std::filesystem::path kPages = std::filesystem::path(FEEDARCHIVER_TEST_DATA) / "pages";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Article extract_file(const std::string& name, const std::string& url) {
  const decode::Document document = decode::decode_document(read_file(kPages / name), "", url);
  return extract_article(document, url);
}

Article extract_text(const std::string& html, const std::string& url = "https://example.org/a") {
  return extract_article(decode::decode_document(html, "text/html", url), url);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

struct Golden {
  const char* page;
  const char* url;
};

class ExtractGolden : public ::testing::TestWithParam<Golden> {};

// Set FEEDARCHIVER_UPDATE_GOLDEN=1 to rewrite the .expected.json files after a deliberate change.
TEST_P(ExtractGolden, MatchesTheGoldenJson) {
  const Golden golden = GetParam();
  const std::string actual = article_to_json(extract_file(golden.page, golden.url)).dump(2) + "\n";
  const auto expected_path = kPages / (std::string(golden.page) + ".expected.json");
  if (std::getenv("FEEDARCHIVER_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(expected_path, std::ios::binary) << actual;
  }
  EXPECT_EQ(actual, read_file(expected_path)) << golden.page;
}

INSTANTIATE_TEST_SUITE_P(
    Pages, ExtractGolden,
    ::testing::Values(Golden{"zh-news.html", "https://news.example.cn/china/2024/06/21/flood.html"},
                      Golden{"ja-blog.html", "https://tabi.example.jp/2024/kyoto.html"},
                      Golden{"en-jsonld-only.html", "https://gazette.example.com/news/bike-lanes"},
                      Golden{"en-lazy.html", "https://harbor.example.org/posts/sailboat"}));

TEST(Extract, KeepsTheLeadImageAndCaptionAndDropsPageChrome) {
  const Article article =
      extract_file("zh-news.html", "https://news.example.cn/china/2024/06/21/flood.html");
  EXPECT_EQ(article.title, "长江流域降雨偏多 多地启动防汛应急响应");
  EXPECT_EQ(article.site_name, "示例新闻网");
  EXPECT_EQ(article.author, "王小明");
  ASSERT_TRUE(article.published);
  EXPECT_EQ(format_iso_seconds(*article.published), "2024-06-21T00:30:00Z");
  EXPECT_EQ(article.lead_image, "https://news.example.cn/media/2024/flood-lead.jpg");
  ASSERT_FALSE(article.images.empty());
  EXPECT_EQ(article.images[0].caption, "6月20日，防汛人员在江堤上巡查。");
  EXPECT_TRUE(contains(article.text, "责编：李华"));
  for (const char* chrome : {"分享到微博", "相关新闻", "订阅", "版权所有", "首页"}) {
    EXPECT_FALSE(contains(article.content_html, chrome)) << chrome;
  }
  EXPECT_TRUE(article.credible);
}

TEST(Extract, ResolvesLazyImagesAndDropsTrackers) {
  const Article article = extract_file("ja-blog.html", "https://tabi.example.jp/2024/kyoto.html");
  ASSERT_EQ(article.images.size(), 3u);
  EXPECT_EQ(article.images[0].url, "https://tabi.example.jp/img/kamogawa.jpg");   // data-src
  EXPECT_EQ(article.images[1].url, "https://tabi.example.jp/img/tetsugaku.jpg");  // noscript
  EXPECT_EQ(article.images[2].url, "https://tabi.example.jp/img/gion-1200.jpg");  // srcset
  EXPECT_FALSE(contains(article.content_html, "tracker.example.net"));
  EXPECT_FALSE(contains(article.content_html, "コメント"));
  EXPECT_EQ(article.author, "佐藤花子");
  EXPECT_EQ(article.title, "春の京都を歩く");
}

TEST(Extract, UsesJsonLdArticleBodyWhenThePageIsAScriptShell) {
  const Article article =
      extract_file("en-jsonld-only.html", "https://gazette.example.com/news/bike-lanes");
  EXPECT_TRUE(contains(article.content_html, "<p>The city council voted 7 to 2"));
  EXPECT_EQ(article.author, "Jane Doe, Sam Lee");
  EXPECT_EQ(article.lead_image, "https://gazette.example.com/img/bikes.jpg");
  ASSERT_TRUE(article.published);
  EXPECT_EQ(format_iso_seconds(*article.published), "2024-03-12T22:45:00Z");
}

TEST(Extract, ReadsTheBylineAndTheTimeElement) {
  const Article article = extract_file("en-lazy.html", "https://harbor.example.org/posts/sailboat");
  EXPECT_EQ(article.author, "Tom Harper");
  EXPECT_EQ(article.title, "How we restored a 1950s sailboat");
  ASSERT_TRUE(article.published);
  EXPECT_EQ(format_iso_seconds(*article.published), "2023-09-02T14:00:00Z");
  EXPECT_FALSE(contains(article.text, "You may also like"));
  EXPECT_FALSE(contains(article.text, "Tweet"));
}

TEST(Extract, NeverFailsOnEmptyOrHostileInput) {
  EXPECT_FALSE(extract_text("").credible);
  EXPECT_FALSE(extract_text("<html><body></body></html>").credible);
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "text";
  const Article article = extract_text(deep);
  EXPECT_TRUE(contains(article.text, "text"));
  EXPECT_NO_THROW(extract_text("<script type=\"application/ld+json\">{{{[[[</script>"));
}

TEST(Extract, TheJsonHasTheContractsKeys) {
  const nlohmann::json json = article_to_json(extract_text("<p>x</p>"));
  for (const char* key : {"title", "published", "author", "url", "site_name", "lead_image",
                          "images", "content_html", "text"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
}

TEST(ExtractTitle, CutsTheSiteNameFromTheDocumentTitle) {
  EXPECT_EQ(
      title_from_document("Why the river flooded again this year - The Daily Example", {}, {}),
      "Why the river flooded again this year");
  EXPECT_EQ(title_from_document("Site | Short", {}, {}), "Site | Short");
  EXPECT_EQ(title_from_document("长江流域降雨偏多 多地启动防汛应急响应_国内_示例网",
                                {"长江流域降雨偏多 多地启动防汛应急响应"}, {}),
            "长江流域降雨偏多 多地启动防汛应急响应");
}

TEST(ExtractDates, FindsDatesInUrlsAndText) {
  const auto ymd = [](std::optional<Timestamp> t) {
    return t ? format_ymd(*t) : std::string("none");
  };
  EXPECT_EQ(ymd(date_from_url("https://x.example/2023/11/26/story.html")), "2023-11-26");
  EXPECT_EQ(ymd(date_from_url("https://x.example/news/20231126-story")), "2023-11-26");
  EXPECT_EQ(ymd(date_from_url("https://x.example/news/12345678")), "none");
  EXPECT_EQ(ymd(date_from_text("发布时间：2023年11月26日 19:34 来源：本网")), "2023-11-26");
  EXPECT_EQ(ymd(date_from_text("Posted on November 26, 2023 by admin")), "2023-11-26");
  EXPECT_EQ(ymd(date_from_text("no date here")), "none");
}

}  // namespace
}  // namespace feedarchiver::extract
