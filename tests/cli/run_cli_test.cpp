// `run`, `status`, `import-opml`/`export-opml` end to end: the real binary, a real loopback
// HTTP server, real SQLite state and post files.

#include <gtest/gtest.h>

#include <chrono>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "feedarchiver/state/state_store.hpp"
#include "support/background_process.hpp"
#include "support/loopback_server.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

namespace fs = std::filesystem;
using testing::BackgroundProcess;
using testing::lines_of;
using testing::read_file;
using testing::run_feedarchiver;
using testing::TempDir;
using testing::write_file;

/// Feeds served from memory, replaceable between runs; honours If-None-Match.
class FeedServer {
 public:
  FeedServer() {
    server_.server().Get(
        R"(/feeds/(.*))", [this](const httplib::Request& req, httplib::Response& res) {
          std::string body;
          int delay_ms = 0;
          {
            const std::lock_guard<std::mutex> lock(mutex_);
            ++requests_;
            const auto found = bodies_.find(req.matches[1]);
            if (found == bodies_.end()) {
              res.status = 404;
              return;
            }
            body = found->second;
            delay_ms = delay_ms_;
          }
          if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
          const std::string etag = "\"" + std::to_string(std::hash<std::string>{}(body)) + "\"";
          res.set_header("ETag", etag);
          if (req.get_header_value("If-None-Match") == etag) {
            res.status = 304;
            return;
          }
          res.set_content(body, "application/rss+xml; charset=utf-8");
        });
    server_.start();
  }
  void set(const std::string& name, const std::string& body) {
    const std::lock_guard<std::mutex> lock(mutex_);
    bodies_[name] = body;
  }
  void set_delay(int ms) {
    const std::lock_guard<std::mutex> lock(mutex_);
    delay_ms_ = ms;
  }
  int requests() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  std::string url(const std::string& name) const { return server_.url("/feeds/" + name); }

 private:
  testing::LoopbackServer server_;
  std::mutex mutex_;
  std::map<std::string, std::string> bodies_;
  int delay_ms_ = 0;
  int requests_ = 0;
};

struct TestItem {
  std::string title;
  std::string link;
  std::string guid;
  std::string body = "<p>body</p>";
  std::string date = "Mon, 06 Nov 2023 08:00:00 GMT";
};

std::string rss(const std::string& title, const std::vector<TestItem>& items) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>" + title +
      "</title><link>https://site.example/</link>\n";
  for (const TestItem& item : items) {
    out += "<item><title>" + item.title + "</title><link>" + item.link + "</link>";
    if (!item.guid.empty()) out += "<guid>" + item.guid + "</guid>";
    out += "<pubDate>" + item.date + "</pubDate><description><![CDATA[" + item.body +
           "]]></description></item>\n";
  }
  return out + "</channel></rss>\n";
}

std::map<std::string, std::string> snapshot(const fs::path& site) {
  std::map<std::string, std::string> files;
  if (!fs::exists(site / "_posts")) return files;
  for (const auto& entry : fs::directory_iterator(site / "_posts")) {
    files[entry.path().filename().string()] =
        read_file(entry.path()) + "@" +
        std::to_string(fs::last_write_time(entry.path()).time_since_epoch().count());
  }
  return files;
}

struct Site {
  TempDir dir;
  fs::path feeds() const { return dir.path() / "feeds.json"; }
  fs::path out() const { return dir.path() / "site"; }
  void write_feeds(const std::string& json) const { write_file(feeds(), json); }
  testing::CommandResult run(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"run", "-c", feeds().string(), "-o", out().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_feedarchiver(args);
  }
  std::size_t post_count() const { return snapshot(out()).size(); }
};

std::string feeds_json(const std::vector<std::pair<std::string, std::string>>& feeds) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [name, url] : feeds) list.push_back({{"name", name}, {"url", url}});
  return nlohmann::json{{"feeds", list}}.dump();
}

TEST(RunCli, ArchivesEveryFeedAndARerunChangesNoPost) {
  FeedServer server;
  server.set(
      "a", rss("A", {{"One", "https://a.example/1", "a1"}, {"Two", "https://a.example/2", "a2"}}));
  server.set("b", rss("B", {{"Three", "https://b.example/3", "b3"}}));
  Site site;
  site.write_feeds(feeds_json({{"Feed A", server.url("a")}, {"Feed B", server.url("b")}}));
  const auto first = site.run();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(lines_of(first.out).size(), 3u) << first.out;
  EXPECT_EQ(site.post_count(), 3u);
  EXPECT_TRUE(fs::exists(site.out() / ".feedarchiver" / "state.db"));
  const std::string post = read_file(site.out() / "_posts" / "2023-11-06-One.md");
  EXPECT_NE(post.find("author: Feed A"), std::string::npos) << post;

  const auto before = snapshot(site.out());
  const auto second = site.run();  // all 304
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out, "");
  EXPECT_EQ(snapshot(site.out()), before);

  // The server ignores validators: full bodies, same items; still nothing written.
  server.set(
      "a",
      rss("A", {{"One", "https://a.example/1", "a1"}, {"Two", "https://a.example/2", "a2"}}) + " ");
  const auto third = site.run();
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(third.out, "");
  EXPECT_EQ(snapshot(site.out()), before);
}

TEST(RunCli, WritesTheSameArticleInTwoFeedsOnceDespiteSchemeAndTrackingParameters) {
  FeedServer server;
  server.set("a", rss("A", {{"Story", "https://news.example/story?id=7&utm_source=rss", "a-7"}}));
  server.set("b",
             rss("B", {{"Story retitled", "http://NEWS.example/story?id=7&fbclid=xyz#c", "b-7"},
                       {"Other", "https://news.example/story?id=8", "b-8"}}));
  Site site;
  site.write_feeds(feeds_json({{"A", server.url("a")}, {"B", server.url("b")}}));
  const auto result = site.run();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(site.post_count(), 2u) << result.out;
}

TEST(RunCli, AGuidThatFlipsFromHttpToHttpsIsNotANewArticle) {
  FeedServer server;
  server.set("a", rss("A", {{"Flip", "http://a.example/flip", "http://a.example/flip"}}));
  Site site;
  site.write_feeds(feeds_json({{"A", server.url("a")}}));
  ASSERT_EQ(site.run().exit_code, 0);
  server.set("a", rss("A", {{"Flip", "https://a.example/flip", "https://a.example/flip"}}));
  const auto again = site.run();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "");
  EXPECT_EQ(site.post_count(), 1u);
}

TEST(RunCli, RewritesAChangedPostInPlaceOnlyWithUpdate) {
  FeedServer server;
  TestItem item{"Changing", "https://a.example/c", "c1", "<p>first version</p>"};
  server.set("a", rss("A", {item}));
  Site site;
  site.write_feeds(feeds_json({{"A", server.url("a")}}));
  ASSERT_EQ(site.run().exit_code, 0);
  const fs::path post = site.out() / "_posts" / "2023-11-06-Changing.md";
  ASSERT_TRUE(fs::exists(post));

  item.body = "<p>second version</p>";
  server.set("a", rss("A", {item}));
  const auto plain = site.run();
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(read_file(post).find("first version"), std::string::npos);

  const auto updated = site.run({"--update"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_EQ(lines_of(updated.out), std::vector<std::string>{post.string()});
  EXPECT_NE(read_file(post).find("second version"), std::string::npos);
  EXPECT_EQ(site.post_count(), 1u);
  // Unchanged since: --update rewrites nothing.
  server.set("a", rss("A", {item}) + " ");
  const auto before = snapshot(site.out());
  EXPECT_EQ(site.run({"--update"}).out, "");
  EXPECT_EQ(snapshot(site.out()), before);
}

TEST(RunCli, KeepsIframesOnlyFromTheFeedsIframeHosts) {
  FeedServer server;
  TestItem item{"Video", "https://site.example/video", "v"};
  item.body =
      "<p>watch</p><iframe src=\"https://www.youtube-nocookie.com/embed/abc\"></iframe>"
      "<iframe src=\"https://tracker.example/embed\"></iframe>";
  server.set("a", rss("A", {item}));
  server.set("b", rss("B", {TestItem{"Other", "https://site.example/other", "o", item.body}}));
  Site site;
  site.write_feeds(R"({"feeds": [{"name": "A", "url": ")" + server.url("a") +
                   R"(", "iframe_hosts": ["youtube-nocookie.com"]}, {"name": "B", "url": ")" +
                   server.url("b") + R"("}]})");
  const auto run = site.run();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string with_hosts, without;
  for (const auto& entry : fs::directory_iterator(site.out() / "_posts")) {
    const std::string post = read_file(entry.path());
    (post.find("[Video](") != std::string::npos ? with_hosts : without) = post;
  }
  EXPECT_NE(with_hosts.find("<iframe src=\"https://www.youtube-nocookie.com/embed/abc\""),
            std::string::npos)
      << with_hosts;
  EXPECT_EQ(with_hosts.find("tracker.example"), std::string::npos) << with_hosts;
  EXPECT_EQ(without.find("<iframe"), std::string::npos) << without;
  EXPECT_NE(without.find("watch"), std::string::npos) << without;
}

TEST(RunCli, RefusesAnUnknownKeyNamingItAndTheFeed) {
  Site site;
  site.write_feeds(R"({"feeds": [{"url": "https://a.example/rss", "nmae": "x"}]})");
  const auto result = site.run();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("\"nmae\""), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("feed 1 (https://a.example/rss)"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(site.out()));
}

TEST(RunCli, ReadsZonelessDatesInTheFeedsTimezoneAndRefusesAnUnknownZone) {
  FeedServer server;
  TestItem item{"Local", "https://a.example/local", "l1"};
  item.date = "2023-10-05 11:15";  // no zone: Beijing time per FEEDS
  server.set("a", rss("A", {item}));
  Site site;
  site.write_feeds(R"({"feeds": [{"url": ")" + server.url("a") +
                   R"(", "timezone": "Asia/Shanghai", "encoding": "utf-8"}]})");
  const auto result = site.run();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto posts = snapshot(site.out());
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_NE(posts.begin()->second.find("date: 2023-10-05T03:15:00.000Z\n"), std::string::npos)
      << posts.begin()->second;

  Site bad;
  bad.write_feeds(R"({"feeds": [{"url": "https://a.example/rss", "timezone": "Mars/Olympus"}]})");
  const auto refused = bad.run();
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("\"timezone\""), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("feed 1 (https://a.example/rss)"), std::string::npos) << refused.err;
}

TEST(RunCli, HonoursJobsAndPerHostFromFeedsDefaultsUnlessTheCommandLineSetsThem) {
  FeedServer server;
  server.set("a", rss("A", {{"One", "https://a.example/1", "a1"}}));
  server.set("b", rss("B", {{"Two", "https://b.example/2", "b2"}}));
  server.set("c", rss("C", {{"Three", "https://c.example/3", "c3"}}));
  server.set_delay(300);
  Site site;
  site.write_feeds(R"({"defaults": {"jobs": 1, "per_host": 1}, "feeds": [{"url": ")" +
                   server.url("a") + R"("}, {"url": ")" + server.url("b") + R"("}, {"url": ")" +
                   server.url("c") + R"("}]})");
  const auto started = std::chrono::steady_clock::now();
  const auto result = site.run();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(site.post_count(), 3u);
  // One transfer at a time: three 300 ms responses cannot take less than 900 ms.
  EXPECT_GE(elapsed, std::chrono::milliseconds(900));
}

TEST(RunCli, WarnsOnceAboutSelectorsOfFeedsArchivedFromTheirOwnContent) {
  FeedServer server;
  server.set("a", rss("A", {{"One", "https://a.example/1", "a1"}}));
  server.set("b", rss("B", {{"Two", "https://b.example/2", "b2"}}));
  Site site;
  site.write_feeds(R"({"defaults": {"remove": [".share"]}, "feeds": [{"url": ")" + server.url("a") +
                   R"(", "content_selector": "#story"}, {"url": ")" + server.url("b") + R"("}]})");
  const auto result = site.run();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = result.err.find(what); at != std::string::npos;
         at = result.err.find(what, at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(count("content_selector/remove apply only to the pages of full_text feeds"), 1u)
      << result.err;
  EXPECT_EQ(count("not supported yet"), 0u) << result.err;
  EXPECT_EQ(site.post_count(), 2u);
}

TEST(RunCli, SkipsDisabledFeedsAndSplitsFeedsIntoDisjointShards) {
  FeedServer server;
  std::vector<std::pair<std::string, std::string>> feeds;
  for (int i = 0; i < 8; ++i) {
    const std::string id = std::to_string(i);
    server.set(id, rss("F" + id, {{"Item " + id, "https://s.example/" + id, id}}));
    feeds.emplace_back("F" + id, server.url(id));
  }
  Site site;
  site.write_feeds(feeds_json(feeds));
  const auto zero = site.run({"--shard", "0/2"});
  const auto one = site.run({"--shard", "1/2"});
  ASSERT_EQ(zero.exit_code, 0) << zero.err;
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(lines_of(zero.out).size() + lines_of(one.out).size(), 8u);
  EXPECT_EQ(site.post_count(), 8u);
  EXPECT_EQ(site.run({"--shard", "2/2"}).exit_code, 1);

  Site disabled;
  disabled.write_feeds(R"({"defaults": {"enabled": false}, "feeds": [{"url": ")" + server.url("0") +
                       R"("}, {"url": ")" + server.url("1") + R"(", "enabled": true}]})");
  const auto result = disabled.run();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(disabled.post_count(), 1u);
}

TEST(RunCli, JsonLogWritesOneObjectPerEvent) {
  FeedServer server;
  server.set("a", rss("A", {{"One", "https://a.example/1", "a1"}}));
  Site site;
  site.write_feeds(feeds_json({{"A", server.url("a")}, {"Missing", server.url("missing")}}));
  const auto result = site.run({"--json-log"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  bool saw_ok = false;
  bool saw_error = false;
  for (const std::string& line : lines_of(result.err)) {
    const auto event = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(event.is_discarded()) << line;
    ASSERT_TRUE(event.contains("event")) << line;
    if (event["event"] == "feed" && event["feed"] == "A") {
      saw_ok = true;
      EXPECT_EQ(event["status"], "ok");
      EXPECT_EQ(event["http_status"], 200);
      EXPECT_EQ(event["items_new"], 1);
      EXPECT_EQ(event["url"], server.url("a"));
      EXPECT_TRUE(event["ms"].is_number());
    }
    if (event["event"] == "error") saw_error = event["feed"] == "Missing";
  }
  EXPECT_TRUE(saw_ok) << result.err;
  EXPECT_TRUE(saw_error) << result.err;
}

TEST(RunCli, StatusReportsEachFeedAndListsTheFailingOnes) {
  FeedServer server;
  server.set(
      "a", rss("A", {{"One", "https://a.example/1", "a1"}, {"Two", "https://a.example/2", "a2"}}));
  Site site;
  site.write_feeds(feeds_json({{"A", server.url("a")}, {"Gone", server.url("gone")}}));
  const auto never = run_feedarchiver(
      {"status", "-c", site.feeds().string(), "-o", site.out().string(), "--format", "json"});
  EXPECT_EQ(never.exit_code, 1);
  EXPECT_NE(never.err.find("no state"), std::string::npos) << never.err;
  EXPECT_EQ(never.out, "");

  EXPECT_EQ(site.run().exit_code, 3);
  // Gone failed once: it backs off (not due, not a failure); --all tries it anyway.
  const auto backing_off = site.run();
  EXPECT_EQ(backing_off.exit_code, 0) << backing_off.err;
  EXPECT_NE(backing_off.err.find("; backing off: Gone"), std::string::npos) << backing_off.err;
  EXPECT_EQ(site.run({"--all"}).exit_code, 3);
  const auto status = run_feedarchiver(
      {"status", "-c", site.feeds().string(), "-o", site.out().string(), "--format", "json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const auto json = nlohmann::json::parse(status.out);
  ASSERT_EQ(json["feeds"].size(), 2u);
  EXPECT_EQ(json["feeds"][0]["name"], "A");
  EXPECT_EQ(json["feeds"][0]["items_archived"], 2);
  EXPECT_EQ(json["feeds"][0]["consecutive_failures"], 0);
  EXPECT_EQ(json["feeds"][0]["last_status"], "not_modified");
  EXPECT_EQ(json["feeds"][0]["next_attempt"], nullptr);
  EXPECT_TRUE(json["feeds"][0]["last_fetch"].is_string());
  EXPECT_EQ(json["feeds"][1]["http_status"], 404);
  EXPECT_EQ(json["feeds"][1]["consecutive_failures"], 2);
  EXPECT_EQ(json["feeds"][1]["last_error"], "http_error (HTTP 404): HTTP 404");
  EXPECT_TRUE(json["feeds"][1]["next_attempt"].is_string());
  EXPECT_EQ(json["feeds"][1]["next_attempt_reason"], "backoff");
  const auto text =
      run_feedarchiver({"status", "-c", site.feeds().string(), "-o", site.out().string()});
  EXPECT_NE(text.out.find("NEXT ATTEMPT"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("HTTP 404"), std::string::npos) << text.out;

  const auto failing = run_feedarchiver(
      {"status", "-c", site.feeds().string(), "-o", site.out().string(), "--failing", "2"});
  EXPECT_EQ(failing.exit_code, 3);
  EXPECT_NE(failing.out.find("Gone"), std::string::npos) << failing.out;
  EXPECT_EQ(failing.out.find("A <"), std::string::npos) << failing.out;
  EXPECT_EQ(run_feedarchiver({"status", "-c", site.feeds().string(), "-o", site.out().string(),
                              "--failing", "3"})
                .exit_code,
            0);
}

TEST(RunCli, DryRunWritesNothingAtAll) {
  FeedServer server;
  server.set("a", rss("A", {{"One", "https://a.example/1", "a1"}}));
  Site site;
  site.write_feeds(feeds_json({{"A", server.url("a")}}));
  const auto result = site.run({"--dry-run"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(lines_of(result.out).size(), 1u);
  EXPECT_FALSE(fs::exists(site.out()));
}

TEST(RunCli, ASecondRunOnTheSameStateExitsAtOnceOrWaitsWithWait) {
  FeedServer server;
  server.set("a", rss("A", {{"One", "https://a.example/1", "a1"}}));
  server.set_delay(4000);  // the first run holds the lock at least this long
  Site site;
  site.write_feeds(feeds_json({{"A", server.url("a")}}));
  BackgroundProcess first(
      {FEEDARCHIVER_BINARY, "run", "-c", site.feeds().string(), "-o", site.out().string()});
  while (server.requests() == 0 && !first.finished()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const auto started = std::chrono::steady_clock::now();
  const auto second = site.run();
  // Well before the first run lets go (an ASan binary on a loaded machine starts slowly).
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("another run is using"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("pid " + std::to_string(first.pid())), std::string::npos) << second.err;

  BackgroundProcess queued({FEEDARCHIVER_BINARY, "run", "--wait", "-c", site.feeds().string(), "-o",
                            site.out().string()});
  EXPECT_EQ(first.wait(), 0) << first.err();
  EXPECT_EQ(queued.wait(), 0) << queued.err();
  EXPECT_EQ(queued.out(), "");  // it ran after the first: nothing new
  EXPECT_EQ(site.post_count(), 1u);
}

// 2,000 items of a few hundred bytes each: enough for a kill to land between posts.
std::vector<TestItem> crash_items(int count) {
  std::vector<TestItem> items;
  for (int i = 0; i < count; ++i) {
    const std::string id = std::to_string(i);
    items.push_back({"Crash item " + id, "https://crash.example/" + id, "crash-" + id,
                     "<p>paragraph " + id + " " + std::string(200, 'x') + "</p>",
                     "Mon, 06 Nov 2023 08:" + std::to_string(10 + i % 50) + ":00 GMT"});
  }
  return items;
}

std::size_t count_posts(const fs::path& posts_dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (fs::directory_iterator it(posts_dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    n += it->path().extension() == ".md";
  }
  return n;
}

// Runs `command` again and again, killing it (SIGKILL) once it has written a random number of
// further posts (or, in round 0, at a random moment before any post: during start-up, fetch or
// parse). Returns how many runs were killed.
int kill_at_random_points(const std::vector<std::string>& command, const fs::path& posts_dir,
                          std::size_t items, std::mt19937& random) {
  int kills = 0;
  for (int round = 0; round < 8 && kills < 6; ++round) {
    const std::size_t have = count_posts(posts_dir);
    if (have >= items - 10) break;
    const std::size_t target =
        have + 1 + std::uniform_int_distribution<std::size_t>(0, (items - have) / 3)(random);
    BackgroundProcess run(command);
    if (round == 0) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 40)(random)));
    } else {
      while (!run.finished() && count_posts(posts_dir) < target) {
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
      }
    }
    if (!run.finished()) {
      run.kill_now();
      ++kills;
    }
    run.wait();
  }
  return kills;
}

// Every item is one whole post, once: no temporary file left, no post cut short, no article
// written twice.
void expect_every_item_once(const fs::path& posts_dir, std::size_t items) {
  std::size_t posts = 0;
  std::set<std::string> articles;  // from: lines, one per article
  for (const auto& entry : fs::directory_iterator(posts_dir)) {
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(entry.path().extension(), ".md") << "left behind: " << name;
    const std::string text = read_file(entry.path());
    const auto from = text.find("\nfrom: ");
    if (from != std::string::npos)
      articles.insert(text.substr(from, text.find('\n', from + 1) - from));
    EXPECT_EQ(text.rfind("---\nlayout: post\n", 0), 0u) << name;
    ASSERT_GE(text.size(), 7u) << name;
    EXPECT_EQ(text.substr(text.size() - 7), "</div>\n") << "truncated: " << name;
    ++posts;
  }
  EXPECT_EQ(posts, items);
  EXPECT_EQ(articles.size(), items);
}

TEST(RunCli, KilledAtRandomPointsThenRerunArchivesEveryItemExactlyOnce) {
  constexpr int kItems = 2000;
  FeedServer server;
  server.set("big", rss("Big", crash_items(kItems)));
  Site site;
  site.write_feeds(feeds_json({{"Big", server.url("big")}}));
  std::mt19937 random(std::random_device{}());
  const auto posts_dir = site.out() / "_posts";
  const int kills = kill_at_random_points(
      {FEEDARCHIVER_BINARY, "run", "-q", "-c", site.feeds().string(), "-o", site.out().string()},
      posts_dir, kItems, random);
  EXPECT_GE(kills, 5);

  const auto final_run = site.run({"-q"});
  ASSERT_EQ(final_run.exit_code, 0) << final_run.err;
  expect_every_item_once(posts_dir, kItems);
  state::StateStore store(site.out() / ".feedarchiver" / "state.db");
  EXPECT_EQ(store.article_count(), kItems);
  EXPECT_EQ(site.run({}).out, "");  // a rerun writes no post
}

TEST(ArchiveCli, KilledAtRandomPointsThenRerunArchivesEveryItemExactlyOnce) {
  constexpr int kItems = 2000;
  FeedServer server;
  server.set("big", rss("Big", crash_items(kItems)));
  Site site;
  std::mt19937 random(std::random_device{}());
  const auto posts_dir = site.out() / "_posts";
  const int kills = kill_at_random_points(
      {FEEDARCHIVER_BINARY, "archive", "-q", server.url("big"), "-o", site.out().string()},
      posts_dir, kItems, random);
  EXPECT_GE(kills, 5);

  const auto final_run =
      run_feedarchiver({"archive", "-q", server.url("big"), "-o", site.out().string()});
  ASSERT_EQ(final_run.exit_code, 0) << final_run.err;
  expect_every_item_once(posts_dir, kItems);
}

TEST(RunCli, ANewStateTakesOverTheValidatorsThatArchiveSaved) {
  FeedServer server;
  server.set("a", rss("A", {{"One", "https://a.example/1", "a1"}}));
  Site site;
  site.write_feeds(feeds_json({{"A", server.url("a")}}));
  ASSERT_EQ(run_feedarchiver({"archive", server.url("a"), "-o", site.out().string()}).exit_code, 0);
  const auto result = site.run({"--json-log"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("\"status\":\"not_modified\""), std::string::npos) << result.err;
}

TEST(OpmlCli, ImportThenExportKeepsEveryFeed) {
  TempDir dir;
  write_file(dir.path() / "in.opml", R"(<?xml version="1.0"?><opml version="1.0"><body>
<outline text="Tech"><outline type="rss" text="One" xmlUrl="https://one.example/rss"/></outline>
<outline type="rss" text="Two" xmlUrl="https://two.example/atom"/></body></opml>)");
  const auto imported = run_feedarchiver({"import-opml", (dir.path() / "in.opml").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  write_file(dir.path() / "feeds.json", imported.out);
  const auto exported =
      run_feedarchiver({"export-opml", "-c", (dir.path() / "feeds.json").string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto again = run_feedarchiver({"import-opml", "-"}, exported.out);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out), nlohmann::json::parse(imported.out));
  EXPECT_EQ(nlohmann::json::parse(imported.out)["feeds"][0]["tags"][0], "Tech");
}

}  // namespace
}  // namespace feedarchiver
