// Whole runs of the archive/ recipe driven as a library: a fake Fetcher, a real site
// directory, a real SQLite state.

#include "feedarchiver/archive/archive_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "feedarchiver/archive/plan.hpp"
#include "feedarchiver/archive/site.hpp"
#include "feedarchiver/state/state_store.hpp"
#include "support/fake_fetcher.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::archive {
namespace {

namespace fs = std::filesystem;
using testing::FakeFetcher;
using testing::read_file;
using testing::TempDir;

struct TestItem {
  std::string title;
  std::string link;
  std::string date = "Mon, 06 Nov 2023 08:00:00 GMT";
};

std::string rss(const std::string& title, const std::vector<TestItem>& items) {
  std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + title +
                    "</title><link>https://example.com/</link>";
  for (const TestItem& item : items) {
    xml += "<item><title>" + item.title + "</title><link>" + item.link + "</link><guid>" +
           item.link + "</guid><pubDate>" + item.date + "</pubDate><description>&lt;p&gt;" +
           item.title + " body&lt;/p&gt;</description></item>";
  }
  return xml + "</channel></rss>";
}

class RecordingEvents final : public RunEvents {
 public:
  void source_finished(const SourceReport& report) override { finished.push_back(report); }
  void info(const std::string& message) override { infos.push_back(message); }
  void warning(const std::string& message) override { warnings.push_back(message); }

  std::vector<std::string> written() const {
    std::vector<std::string> paths;
    for (const SourceReport& report : finished) {
      for (const fs::path& path : report.written) paths.push_back(path.filename().string());
    }
    return paths;
  }

  std::vector<SourceReport> finished;
  std::vector<std::string> infos;
  std::vector<std::string> warnings;
};

config::FeedConfig feed(const std::string& url, const std::string& name) {
  config::FeedConfig config;
  config.url = url;
  config.name = name;
  return config;
}

RunOptions options_at(int day) {
  RunOptions options;
  options.now = Timestamp(std::chrono::milliseconds(1700000000000LL + day * 86400000LL));
  return options;
}

/// One `run` of `feeds` over `dir` through the recipe, as the CLI does it.
RunReport run_feeds(const std::vector<config::FeedConfig>& feeds, const fs::path& dir,
                    FakeFetcher& fetcher, RecordingEvents& events, bool dry_run = false,
                    int day = 0) {
  config::FeedsConfig config;
  config.feeds = feeds;
  RunOptions options = options_at(day);
  options.dry_run = dry_run;
  const Plan plan = plan_feeds(config, config::Shard{}, options);
  Site site({dir, "", StateUse::create, dry_run, false}, events);
  std::istringstream no_input;
  return archive_sources(plan, site, fetcher, no_input, events);
}

std::set<std::string> posts_in(const fs::path& dir) {
  std::set<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir / "_posts", ec)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

TEST(ArchiveRun, ArchivesManyFeedsAndReportsThemInPlanOrderWhateverAnswersFirst) {
  TempDir dir;
  FakeFetcher fetcher;
  std::vector<config::FeedConfig> feeds;
  for (int f = 0; f < 6; ++f) {
    const std::string url = "https://feeds.example.com/" + std::to_string(f) + ".xml";
    feeds.push_back(feed(url, "Feed " + std::to_string(f)));
    if (f == 3) {
      fetcher.fail(url, fetch::FetchStatus::http_error, 503, "HTTP 503");
      continue;
    }
    fetcher.serve(url, rss("Feed " + std::to_string(f),
                           {{"Story " + std::to_string(f) + "a",
                             "https://news.example.com/" + std::to_string(f) + "/a"},
                            {"Story " + std::to_string(f) + "b",
                             "https://news.example.com/" + std::to_string(f) + "/b"}}));
  }
  fetcher.answer_in_reverse(true);
  RecordingEvents events;
  const RunReport report = run_feeds(feeds, dir.path(), fetcher, events);

  EXPECT_EQ(report.sources, 6u);
  EXPECT_EQ(report.failed, 1u);
  EXPECT_EQ(report.items_new, 10u);
  ASSERT_EQ(events.finished.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(events.finished[i].index, i);
  const SourceReport& failed = events.finished[3];
  EXPECT_TRUE(failed.failed);
  EXPECT_EQ(failed.status, "http_error");
  EXPECT_EQ(failed.error, "http_error (HTTP 503): HTTP 503");
  EXPECT_EQ(posts_in(dir.path()).size(), 10u);

  state::StateStore store(dir.path() / ".feedarchiver" / "state.db");
  EXPECT_EQ(store.article_count(), 10);
  EXPECT_EQ(store.feed("https://feeds.example.com/3.xml")->failures, 1);
  EXPECT_EQ(store.feed("https://feeds.example.com/0.xml")->items_archived, 2);
}

TEST(ArchiveRun, AnUnchangedFeedCostsA304AndWritesNothing) {
  TempDir dir;
  FakeFetcher fetcher;
  const std::string url = "https://feeds.example.com/a.xml";
  fetcher.serve(url, rss("A", {{"One", "https://news.example.com/1"}}), "application/rss+xml",
                "\"v1\"");
  RecordingEvents first;
  EXPECT_EQ(run_feeds({feed(url, "A")}, dir.path(), fetcher, first).items_new, 1u);
  RecordingEvents second;
  const RunReport again = run_feeds({feed(url, "A")}, dir.path(), fetcher, second, false, 1);
  EXPECT_EQ(again.not_modified, 1u);
  EXPECT_EQ(again.items_new, 0u);
  ASSERT_EQ(second.finished.size(), 1u);
  EXPECT_EQ(second.finished[0].status, "not_modified");
  EXPECT_FALSE(second.finished[0].failed);
  EXPECT_EQ(posts_in(dir.path()).size(), 1u);
}

TEST(ArchiveRun, TheFirstFeedInPlanOrderWritesAnArticleTwoFeedsShareEveryRun) {
  // Same article in both feeds (the second links it with a tracking parameter); the second
  // answers first. Plan order, not the network, decides whose post it is.
  for (const bool reverse : {true, false}) {
    TempDir dir;
    FakeFetcher fetcher;
    fetcher.serve("https://a.example.com/rss",
                  rss("Alpha", {{"Shared story", "https://news.example.com/shared"}}));
    fetcher.serve(
        "https://b.example.com/rss",
        rss("Beta", {{"Shared story (Beta)", "https://news.example.com/shared?utm_source=b"},
                     {"Beta only", "https://news.example.com/beta"}}));
    fetcher.answer_in_reverse(reverse);
    RecordingEvents events;
    const RunReport report = run_feeds(
        {feed("https://a.example.com/rss", "Alpha"), feed("https://b.example.com/rss", "Beta")},
        dir.path(), fetcher, events);
    EXPECT_EQ(report.items_new, 2u);
    EXPECT_EQ(report.items_known, 1u);
    ASSERT_EQ(events.finished.size(), 2u);
    ASSERT_EQ(events.finished[0].written.size(), 1u);
    const std::string shared = read_file(events.finished[0].written[0]);
    EXPECT_NE(shared.find("author: Alpha\n"), std::string::npos) << shared;
    ASSERT_EQ(events.finished[1].skipped.size(), 1u);
    EXPECT_EQ(events.finished[1].skipped[0].reason,
              "duplicate of an article of https://a.example.com/rss");
  }
}

TEST(ArchiveRun, DryRunReportsExactlyThePostsTheRealRunThenWrites) {
  TempDir dir;
  FakeFetcher fetcher;
  const std::vector<config::FeedConfig> feeds = {feed("https://a.example.com/rss", "Alpha"),
                                                 feed("https://b.example.com/rss", "Beta")};
  fetcher.serve(feeds[0].url, rss("Alpha", {{"Shared", "https://news.example.com/s"},
                                            {"Alpha 1", "https://news.example.com/a1"}}));
  fetcher.serve(feeds[1].url, rss("Beta", {{"Shared", "https://news.example.com/s"},
                                           {"Beta 1", "https://news.example.com/b1"}}));
  fetcher.answer_in_reverse(true);

  // A DIR without state: the dry run creates nothing at all.
  RecordingEvents dry;
  run_feeds(feeds, dir.path(), fetcher, dry, true);
  EXPECT_FALSE(fs::exists(dir.path() / ".feedarchiver"));
  EXPECT_TRUE(posts_in(dir.path()).empty());
  RecordingEvents real;
  run_feeds(feeds, dir.path(), fetcher, real);
  EXPECT_EQ(dry.written(), real.written());
  EXPECT_EQ(real.written().size(), 3u);  // the shared article once

  // A DIR with state: both feeds gain the same new article and one each.
  fetcher.serve(feeds[0].url, rss("Alpha", {{"Shared", "https://news.example.com/s"},
                                            {"New shared", "https://news.example.com/n"},
                                            {"Alpha 2", "https://news.example.com/a2"}}));
  fetcher.serve(feeds[1].url,
                rss("Beta", {{"New shared", "https://news.example.com/n?utm_medium=x"},
                             {"Beta 2", "https://news.example.com/b2"}}));
  const std::string state_before = read_file(dir.path() / ".feedarchiver" / "state.db");
  RecordingEvents dry_again;
  run_feeds(feeds, dir.path(), fetcher, dry_again, true, 1);
  EXPECT_EQ(read_file(dir.path() / ".feedarchiver" / "state.db"), state_before);
  EXPECT_EQ(posts_in(dir.path()).size(), 3u);
  RecordingEvents real_again;
  run_feeds(feeds, dir.path(), fetcher, real_again, false, 1);
  EXPECT_EQ(dry_again.written(), real_again.written());
  EXPECT_EQ(real_again.written().size(), 3u);
  EXPECT_EQ(posts_in(dir.path()).size(), 6u);
}

TEST(ArchiveRun, AKillBetweenThePostsAndTheStateLosesNothingAndDuplicatesNothing) {
  TempDir dir;
  FakeFetcher fetcher;
  const std::string url = "https://a.example.com/rss";
  std::vector<TestItem> items = {{"One", "https://news.example.com/1"},
                                 {"Two", "https://news.example.com/2"}};
  fetcher.serve(url, rss("A", items));
  RecordingEvents first;
  run_feeds({feed(url, "A")}, dir.path(), fetcher, first);
  const fs::path state_file = dir.path() / ".feedarchiver" / "state.db";
  const std::string state_before = read_file(state_file);

  items.push_back({"Three", "https://news.example.com/3"});
  items.push_back({"Four", "https://news.example.com/4"});
  fetcher.serve(url, rss("A", items));
  RecordingEvents second;
  EXPECT_EQ(run_feeds({feed(url, "A")}, dir.path(), fetcher, second, false, 1).items_new, 2u);
  // As if killed after the posts were renamed into place, before the state committed.
  testing::write_file(state_file, state_before);

  RecordingEvents rerun;
  const RunReport report = run_feeds({feed(url, "A")}, dir.path(), fetcher, rerun, false, 2);
  EXPECT_EQ(report.items_new, 0u);
  EXPECT_EQ(report.items_known, 4u);
  EXPECT_EQ(posts_in(dir.path()).size(), 4u);
  state::StateStore store(state_file);
  EXPECT_EQ(store.article_count(), 4);
}

TEST(ArchiveSources, ArchiveIntoADirThatRunManagesUsesItsStateAndWritesNoDuplicate) {
  TempDir dir;
  FakeFetcher fetcher;
  fetcher.serve("https://a.example.com/rss",
                rss("Alpha", {{"Shared", "https://news.example.com/s"}}));
  fetcher.serve("https://b.example.com/rss",
                rss("Beta", {{"Shared", "https://news.example.com/s?utm_source=rss"},
                             {"Beta only", "https://news.example.com/b"}}));
  RecordingEvents ran;
  run_feeds({feed("https://a.example.com/rss", "Alpha")}, dir.path(), fetcher, ran);

  RecordingEvents archived;
  const Plan plan = plan_sources({"https://b.example.com/rss"}, std::nullopt, options_at(1));
  RunReport report;
  {
    Site site({dir.path(), "", StateUse::if_present, false, false}, archived);
    ASSERT_NE(site.state(), nullptr);
    std::istringstream no_input;
    report = archive_sources(plan, site, fetcher, no_input, archived);
  }
  EXPECT_EQ(report.items_new, 1u);
  EXPECT_EQ(report.items_known, 1u);
  EXPECT_EQ(posts_in(dir.path()).size(), 2u);
  state::StateStore store(dir.path() / ".feedarchiver" / "state.db");
  EXPECT_EQ(store.article_count(), 2);
  EXPECT_TRUE(store.feed("https://b.example.com/rss").has_value());
}

TEST(ArchiveSources, ArchiveIntoADirWithoutStateCreatesNoneAndKeepsValidatorsInTheInterimFile) {
  TempDir dir;
  FakeFetcher fetcher;
  fetcher.serve("https://a.example.com/rss", rss("Alpha", {{"One", "https://news.example.com/1"}}),
                "application/rss+xml", "\"e1\"");
  RecordingEvents events;
  const Plan plan = plan_sources({"https://a.example.com/rss"}, std::nullopt, options_at(0));
  {
    Site site({dir.path(), "", StateUse::if_present, false, false}, events);
    EXPECT_EQ(site.state(), nullptr);
    std::istringstream no_input;
    EXPECT_EQ(archive_sources(plan, site, fetcher, no_input, events).items_new, 1u);
  }
  EXPECT_FALSE(fs::exists(dir.path() / ".feedarchiver" / "state.db"));
  EXPECT_NE(read_file(JsonValidatorStore::path_for(dir.path())).find("e1"), std::string::npos);
}

TEST(ArchiveSources, RemovesTheTemporaryFilesAKilledRunLeft) {
  TempDir dir;
  fs::create_directories(dir.path() / "_posts");
  // pid 1 is alive but far too old a temporary: the age rule; a dead pid: the process rule.
  const fs::path stale = dir.path() / "_posts" / ".feedarchiver-999999999-abc.tmp";
  testing::write_file(stale, "half a post");
  FakeFetcher fetcher;
  RecordingEvents events;
  { Site site({dir.path(), "", StateUse::if_present, false, false}, events); }
  EXPECT_FALSE(fs::exists(stale));
  ASSERT_FALSE(events.infos.empty());
  EXPECT_NE(events.infos[0].find("temporary file"), std::string::npos);
}

TEST(ArchiveSources, RelativeLinksOfTwoSitesAreNotTheSameArticle) {
  // Files have no base URL: each feed's "/2021/05/post/" is kept as written, and must not
  // make the second site's article a duplicate of the first's.
  TempDir dir;
  const auto feed_file = [](const std::string& title) {
    return "<rss version=\"2.0\"><channel><title>" + title + "</title><item><title>" + title +
           " post</title><link>/2021/05/post/</link><description>" + title +
           "</description></item></channel></rss>";
  };
  testing::write_file(dir.path() / "a.xml", feed_file("Alpha"));
  testing::write_file(dir.path() / "b.xml", feed_file("Beta"));
  FakeFetcher fetcher;
  RecordingEvents events;
  const Plan plan = plan_sources({(dir.path() / "a.xml").string(), (dir.path() / "b.xml").string()},
                                 std::nullopt, options_at(0));
  RunReport report;
  {
    Site site({dir.path() / "site", "", StateUse::create, false, false}, events);
    std::istringstream no_input;
    report = archive_sources(plan, site, fetcher, no_input, events);
  }
  EXPECT_EQ(report.items_new, 2u);
  EXPECT_EQ(posts_in(dir.path() / "site").size(), 2u);
}

TEST(RenderLines, SkipsALineWhoseArticleTheStateAlreadyKnows) {
  TempDir dir;
  FakeFetcher fetcher;
  fetcher.serve("https://a.example.com/rss",
                rss("Alpha", {{"Shared", "https://news.example.com/s"}}));
  RecordingEvents ran;
  run_feeds({feed("https://a.example.com/rss", "Alpha")}, dir.path(), fetcher, ran);

  std::istringstream lines(
      R"({"source":"https://c.example.com/rss","feed":{"title":"Gamma"},"id":"x1","title":"Shared","url":"https://news.example.com/s","published":"2023-11-06T08:00:00Z","content_html":"<p>b</p>"})"
      "\n\n"
      R"({"source":"https://c.example.com/rss","feed":{"title":"Gamma"},"id":"x2","title":"Fresh","url":"https://news.example.com/f","published":"2023-11-06T08:00:00Z","content_html":"<p>c</p>"})"
      "\nnot json\n");
  RecordingEvents rendered;
  RunReport report;
  {
    Site site({dir.path(), "", StateUse::if_present, false, false}, rendered);
    report = render_lines(lines, std::nullopt, options_at(1), site, rendered);
  }
  EXPECT_EQ(report.sources, 3u);
  EXPECT_EQ(report.failed, 1u);
  EXPECT_EQ(report.items_new, 1u);
  EXPECT_EQ(report.items_known, 1u);
  ASSERT_EQ(rendered.finished.size(), 3u);
  EXPECT_EQ(rendered.finished[0].label, "stdin line 1");
  EXPECT_EQ(rendered.finished[2].label, "stdin line 4");
  EXPECT_TRUE(rendered.finished[2].failed);
  EXPECT_EQ(posts_in(dir.path()).size(), 2u);
}

}  // namespace
}  // namespace feedarchiver::archive
