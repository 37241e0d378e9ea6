#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

const std::filesystem::path kPages = std::filesystem::path(FEEDARCHIVER_TEST_DATA) / "pages";

TEST(ExtractCli, PrintsTheArticleAsJson) {
  const auto result = testing::run_feedarchiver(
      {"extract", (kPages / "zh-news.html").string(), "--url", "https://news.example.cn/a.html"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["title"], "长江流域降雨偏多 多地启动防汛应急响应");
  EXPECT_EQ(json["published"], "2024-06-21T00:30:00Z");
}

TEST(ExtractCli, BatchModeAnswersOneLinePerPageWithTimings) {
  testing::TempDir dir;
  const auto list = dir.path() / "pages.list";
  std::ofstream(list) << (kPages / "zh-news.html").string() << "\thttps://a.example/1\n"
                      << (kPages / "missing.html").string() << "\thttps://a.example/2\n";
  const auto result = testing::run_feedarchiver({"extract", "--batch", list.string()});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  std::istringstream lines(result.out);
  std::string line;
  int answers = 0;
  while (std::getline(lines, line)) {
    const auto json = nlohmann::json::parse(line);
    EXPECT_TRUE(json.contains("_file"));
    EXPECT_TRUE(json.contains("_ms"));
    EXPECT_TRUE(json.contains("_cpu_ms"));
    ++answers;
  }
  EXPECT_EQ(answers, 2);
}

TEST(ExtractCli, ArchiveWritesOnePostFromAnArticlePage) {
  testing::TempDir site;
  const auto result = testing::run_feedarchiver(
      {"archive", (kPages / "zh-news.html").string(), "-o", site.path().string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto posts = site.path() / "_posts";
  ASSERT_TRUE(std::filesystem::exists(posts));
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(posts)) {
    std::ifstream in(entry.path());
    std::ostringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("title: \"长江流域降雨偏多 多地启动防汛应急响应\""),
              std::string::npos);
    EXPECT_NE(text.str().find("author: 示例新闻网"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("6月20日，防汛人员在江堤上巡查。"), std::string::npos);
    ++count;
  }
  EXPECT_EQ(count, 1);
}

}  // namespace
}  // namespace feedarchiver
