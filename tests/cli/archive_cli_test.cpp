// End to end: the real binary on real files, a real loopback HTTP server, real output files.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "support/loopback_server.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

namespace fs = std::filesystem;
using testing::data_path;
using testing::lines_of;
using testing::posts_in;
using testing::read_file;
using testing::run_feedarchiver;
using testing::TempDir;

const std::string kDemo = std::string(FEEDARCHIVER_SOURCE_DIR) + "/examples/feeds/demo.xml";
const fs::path kExamples = fs::path(FEEDARCHIVER_SOURCE_DIR) / ".." / "shared" / "examples";

/// The lines of `text` from the first one starting with `first` up to and including `last`.
std::string lines_between(const std::string& text, const std::string& first,
                          const std::string& last) {
  const auto begin = text.find(first);
  if (begin == std::string::npos) return {};
  const auto end = text.find(last, begin);
  if (end == std::string::npos) return {};
  return text.substr(begin, end + last.size() - begin);
}

TEST(ArchiveCli, WritesOnePostPerDemoItemAndPrintsThePaths) {
  TempDir site;
  const auto result = run_feedarchiver(
      {"archive", kDemo, "-o", site.path().string(), "--now", "2023-11-06T08:00:00Z"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto printed = lines_of(result.out);
  const auto posts = posts_in(site.path());
  ASSERT_EQ(posts.size(), 4u) << result.out << result.err;
  ASSERT_EQ(printed.size(), 4u);
  for (const auto& line : printed) EXPECT_TRUE(fs::exists(line)) << line;
  EXPECT_TRUE(fs::exists(site.path() / "_posts" / "2023-11-05-港口城市举办首届海洋文化节.md"));
  // The undated item is dated by the fetch time, and says so.
  EXPECT_TRUE(fs::exists(site.path() / "_posts" / "2023-11-06-图书馆延长周末开放时间.md"));
  EXPECT_NE(result.err.find("图书馆延长周末开放时间"), std::string::npos) << result.err;
}

TEST(ArchiveCli, ArchivingTheSameFeedTwiceWritesNothingTheSecondTime) {
  TempDir site;
  const std::vector<std::string> args = {
      "archive", kDemo, "-o", site.path().string(), "--now", "2023-11-06T08:00:00Z"};
  ASSERT_EQ(run_feedarchiver(args).exit_code, 0);
  // Next day: the undated item would get another date; it must still not be written again.
  const auto second = run_feedarchiver(
      {"archive", kDemo, "-o", site.path().string(), "--now", "2023-11-07T08:00:00Z"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out, "");
  EXPECT_EQ(posts_in(site.path()).size(), 4u);
}

TEST(ArchiveCli, UndatedPostSaysUnknownInsteadOfNaN) {
  TempDir site;
  ASSERT_EQ(run_feedarchiver(
                {"archive", kDemo, "-o", site.path().string(), "--now", "2023-11-06T08:00:00Z"})
                .exit_code,
            0);
  const auto text = read_file(site.path() / "_posts" / "2023-11-06-图书馆延长周末开放时间.md");
  EXPECT_NE(text.find("date: 2023-11-06T08:00:00.000Z\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n<!--unknown-->\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("NaN"), std::string::npos);
}

TEST(ArchiveCli, SanitizesBodiesAndEscapesLiquid) {
  TempDir site;
  ASSERT_EQ(run_feedarchiver(
                {"archive", kDemo, "-o", site.path().string(), "--now", "2023-11-06T08:00:00Z"})
                .exit_code,
            0);
  std::string all;
  for (const auto& post : posts_in(site.path())) {
    const std::string text = read_file(post);
    all += text.substr(text.find("\n---\n", 4));  // below the front matter: what Liquid sees
  }
  EXPECT_EQ(all.find("<script"), std::string::npos);
  EXPECT_EQ(all.find("onclick"), std::string::npos);
  EXPECT_EQ(all.find("javascript:"), std::string::npos);
  EXPECT_EQ(all.find("{{"), std::string::npos);
  EXPECT_EQ(all.find("{%"), std::string::npos);
  // Relative image made absolute; lazy image got its real src.
  EXPECT_NE(all.find("src=\"https://news.example.org/images/2023/ocean-festival.jpg\""),
            std::string::npos);
  EXPECT_NE(all.find("src=\"https://news.example.org/images/library.jpg\""), std::string::npos);
}

TEST(ArchiveCli, ReproducesTheFrontMatterOfTheRfaExampleThroughTheWholePipeline) {
  const fs::path example = kExamples / "rfa-page-post.md";
  if (!fs::exists(example)) GTEST_SKIP() << "shared/examples not beside the checkout";
  TempDir site;
  const auto result = run_feedarchiver({"archive", data_path("feeds/rfa-item.xml").string(), "-o",
                                        site.path().string(), "--name", "自由亚洲电台", "--now",
                                        "2023-11-26T19:34:51.128Z"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto posts = posts_in(site.path());
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].filename().string(), "2023-11-26-中-日-韩外长会晤-寻求三国首脑峰会.md");
  const std::string ours = read_file(posts[0]);
  std::string theirs = read_file(example);
  // The old tool printed NaN when it found no publication date; we print "unknown".
  theirs.replace(theirs.find("<!--NaN-->"), 10, "<!--unknown-->");
  EXPECT_EQ(lines_between(ours, "---\n", "------\n"), lines_between(theirs, "---\n", "------\n"));
}

TEST(ArchiveCli, ReproducesTheCommentAndTitleLineOfTheRfiExample) {
  const fs::path example = kExamples / "rfi-feed-post-fragment.md";
  if (!fs::exists(example)) GTEST_SKIP() << "shared/examples not beside the checkout";
  TempDir site;
  const auto result = run_feedarchiver({"archive", data_path("feeds/rfi-item.xml").string(), "-o",
                                        site.path().string(), "--name", "法国国际广播电台"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto posts = posts_in(site.path());
  ASSERT_EQ(posts.size(), 1u);
  const std::string ours = read_file(posts[0]);
  EXPECT_EQ(lines_between(ours, "<!--", "------\n"),
            lines_between(read_file(example), "<!--", "------\n"));
  EXPECT_NE(ours.find("date: 2023-10-05T09:45:02.000Z\n"), std::string::npos) << ours;
}

TEST(ArchiveCli, ReadsAFeedFromStdin) {
  TempDir site;
  const auto result = run_feedarchiver({"archive", "-", "-o", site.path().string()},
                                       read_file(data_path("feeds/atom-basic.xml")));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(posts_in(site.path()).size(), 1u);
}

TEST(ArchiveCli, FetchesOverHttpAndReportsAFailedSourceAsPartial) {
  testing::LoopbackServer server;
  const std::string body = read_file(data_path("feeds/atom-basic.xml"));
  server.server().Get("/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/atom+xml; charset=utf-8");
  });
  server.server().Get("/missing.xml",
                      [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  server.start();
  TempDir site;
  const auto result = run_feedarchiver(
      {"archive", server.url("/feed.xml"), server.url("/missing.xml"), "-o", site.path().string()});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_EQ(posts_in(site.path()).size(), 1u);
  EXPECT_NE(result.err.find(server.url("/missing.xml")), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("404"), std::string::npos) << result.err;
}

TEST(ArchiveCli, FetchesUrlsConcurrentlyAndArchivesTheOthersWhenSomeFail) {
  testing::LoopbackServer server;
  const std::string body = read_file(data_path("feeds/atom-basic.xml"));
  std::atomic<int> calls_500{0};
  server.server().Get("/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/atom+xml; charset=utf-8");
  });
  server.server().Get("/gone.xml",
                      [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  server.server().Get("/broken.xml", [&](const httplib::Request&, httplib::Response& res) {
    ++calls_500;
    res.status = 500;
    res.set_header("Retry-After", "0");  // retried at once: the test does not wait
  });
  server.start();
  TempDir site;
  const auto result = run_feedarchiver({"archive", server.url("/gone.xml"),
                                        server.url("/broken.xml"), server.url("/feed.xml"), "-o",
                                        site.path().string(), "--jobs", "2", "--per-host", "2"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_EQ(posts_in(site.path()).size(), 1u);
  EXPECT_EQ(calls_500.load(), 3);
  std::size_t error_lines = 0;
  for (const std::string& line : lines_of(result.err)) {
    if (line.find("error:") == std::string::npos) continue;
    ++error_lines;
    const bool gone = line.find(server.url("/gone.xml")) != std::string::npos;
    EXPECT_NE(line.find(gone ? "HTTP 404" : "HTTP 500"), std::string::npos) << line;
  }
  EXPECT_EQ(error_lines, 2u) << result.err;
}

TEST(ArchiveCli, ASecondRunSendsTheValidatorsAndAn304WritesNothing) {
  testing::LoopbackServer server;
  const std::string body = read_file(data_path("feeds/atom-basic.xml"));
  std::mutex mutex;
  std::vector<std::string> if_none_match;
  server.server().Get("/feed.xml", [&](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if_none_match.push_back(req.get_header_value("If-None-Match"));
    }
    res.set_header("ETag", "\"rev-1\"");
    if (req.get_header_value("If-None-Match") == "\"rev-1\"") {
      res.status = 304;
      return;
    }
    res.set_content(body, "application/atom+xml");
  });
  server.start();
  TempDir site;
  const std::vector<std::string> args = {"archive", server.url("/feed.xml"), "-o",
                                         site.path().string()};
  const auto first = run_feedarchiver(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(lines_of(first.out).size(), 1u);
  EXPECT_TRUE(fs::exists(site.path() / ".feedarchiver" / "http-cache.json"));
  const auto second = run_feedarchiver(args);
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(second.out.empty()) << second.out;
  EXPECT_NE(second.err.find("1 feed(s) unchanged"), std::string::npos) << second.err;
  std::lock_guard<std::mutex> lock(mutex);
  EXPECT_EQ(if_none_match, (std::vector<std::string>{"", "\"rev-1\""}));
}

TEST(ArchiveCli, MaxSizeRefusesALargerFeed) {
  testing::LoopbackServer server;
  const std::string body = read_file(data_path("feeds/atom-basic.xml"));
  server.server().Get("/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/atom+xml");
  });
  server.start();
  TempDir site;
  const auto result = run_feedarchiver(
      {"archive", server.url("/feed.xml"), "-o", site.path().string(), "--max-size", "100"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("too_large"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(site.path() / ".feedarchiver"));
}

TEST(ArchiveCli, ExitsTwoWhenEverySourceFails) {
  TempDir site;
  const auto result = run_feedarchiver(
      {"archive", (site.path() / "no-such-feed.xml").string(), "-o", site.path().string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no-such-feed.xml"), std::string::npos) << result.err;
}

TEST(ArchiveCli, RefusesSchemesOtherThanHttpAndHttpsWithAUsageError) {
  TempDir site;
  for (const std::string url : {"file:///etc/passwd", "gopher://example.org/feed"}) {
    const auto result = run_feedarchiver({"archive", url, "-o", site.path().string()});
    EXPECT_EQ(result.exit_code, 1) << url << ": " << result.err;
    EXPECT_TRUE(posts_in(site.path()).empty());
  }
}

TEST(ArchiveCli, AnHtmlPageIsNotAFeedAndTheErrorSaysToTryExtract) {
  TempDir site;
  const auto result = run_feedarchiver(
      {"archive", data_path("pages/article.html").string(), "-o", site.path().string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("extract"), std::string::npos) << result.err;
  EXPECT_EQ(lines_of(result.err).size(), 2u) << result.err;  // the error and the summary
}

TEST(ArchiveCli, DryRunWritesNothing) {
  TempDir site;
  const auto result = run_feedarchiver({"archive", kDemo, "-o", site.path().string(), "--dry-run"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(lines_of(result.out).size(), 4u);
  EXPECT_TRUE(posts_in(site.path()).empty());
}

TEST(Cli, EveryCommandHasHelpAndTheProgramHasAVersion) {
  for (const std::string command : {"archive", "parse", "render"}) {
    const auto result = run_feedarchiver({command, "--help"});
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_NE(result.out.find("--"), std::string::npos) << command;
  }
  const auto version = run_feedarchiver({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("feedarchiver "), std::string::npos);
}

TEST(Cli, AnUnknownFlagOrMissingOutputIsAUsageError) {
  EXPECT_EQ(run_feedarchiver({"archive", kDemo, "--no-such-flag", "-o", "x"}).exit_code, 1);
  EXPECT_EQ(run_feedarchiver({"archive", kDemo}).exit_code, 1);
  EXPECT_EQ(run_feedarchiver({}).exit_code, 1);
}

TEST(ParseCli, PrintsTheJsonContractForRssAndAtom) {
  const auto rss = run_feedarchiver({"parse", kDemo});
  ASSERT_EQ(rss.exit_code, 0) << rss.err;
  const auto rss_json = nlohmann::json::parse(rss.out);
  EXPECT_EQ(rss_json["feed"]["format"], "rss2");
  EXPECT_EQ(rss_json["items"].size(), 4u);
  EXPECT_TRUE(rss_json["warnings"].is_array());
  EXPECT_TRUE(rss_json["items"][2]["published"].is_null());
  EXPECT_EQ(rss_json["items"][0]["published"], "2023-11-05T11:30:00Z");

  const auto atom = run_feedarchiver({"parse", data_path("feeds/atom-basic.xml").string()});
  ASSERT_EQ(atom.exit_code, 0) << atom.err;
  const auto atom_json = nlohmann::json::parse(atom.out);
  EXPECT_EQ(atom_json["feed"]["format"], "atom1");
  EXPECT_EQ(atom_json["items"][0]["title"], "Rain & wind expected");
  EXPECT_EQ(atom_json["items"][0]["published"], "2023-11-05T08:00:00Z");
}

TEST(ParseCli, JsonlPipedThroughAFilterIntoRenderWritesOnlyTheSelectedItems) {
  const auto parsed = run_feedarchiver({"parse", kDemo, "--format", "jsonl"});
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  const auto lines = lines_of(parsed.out);
  ASSERT_EQ(lines.size(), 4u);
  std::string selected;
  for (const auto& line : lines) {
    const auto item = nlohmann::json::parse(line);
    EXPECT_EQ(item["source"], kDemo);
    EXPECT_EQ(item["feed"]["title"], "示例新闻 Demo News");
    if (item["title"].get<std::string>().find("图书馆") != std::string::npos) {
      selected += line + "\n";
    }
  }
  TempDir site;
  const auto rendered = run_feedarchiver(
      {"render", "-o", site.path().string(), "--now", "2023-11-06T08:00:00Z"}, selected);
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  const auto posts = posts_in(site.path());
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].filename().string(), "2023-11-06-图书馆延长周末开放时间.md");
  EXPECT_NE(read_file(posts[0]).find("author: 示例新闻 Demo News\n"), std::string::npos);
}

TEST(RenderCli, ABadLineIsReportedWithItsNumberAndTheOthersAreWritten) {
  const auto parsed = run_feedarchiver({"parse", kDemo, "--format", "jsonl"});
  const auto lines = lines_of(parsed.out);
  ASSERT_FALSE(lines.empty());
  TempDir site;
  const auto rendered =
      run_feedarchiver({"render", "-o", site.path().string()}, lines[0] + "\n{not json\n");
  EXPECT_EQ(rendered.exit_code, 3) << rendered.err;
  EXPECT_NE(rendered.err.find("line 2"), std::string::npos) << rendered.err;
  EXPECT_EQ(posts_in(site.path()).size(), 1u);
}

}  // namespace
}  // namespace feedarchiver
