// The binary as a cron job over a misbehaving loopback server: SIGINT mid-run, and a run over
// healthy feeds mixed with every fault kind of issue #16 under a small --budget.

#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/background_process.hpp"
#include "support/fault_kinds.hpp"
#include "support/fault_server.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::BackgroundProcess;
using testing::FaultServer;
using testing::http_response;
using testing::serve_fault;
using testing::TempDir;
using Connection = FaultServer::Connection;
using Clock = std::chrono::steady_clock;

/// A feed named after `path` with `items` items of its own.
std::string feed_at(const std::string& path, int items) {
  std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed " + path +
                    "</title><link>https://site.example/</link>";
  for (int i = 0; i < items; ++i) {
    const std::string link = "https://site.example" + path + "/" + std::to_string(i);
    xml += "<item><title>Story " + std::to_string(i) + " of " + path + "</title><link>" + link +
           "</link><guid>" + link +
           "</guid><pubDate>Mon, 06 Nov 2023 08:00:00 GMT</pubDate><description>&lt;p&gt;Body "
           "&lt;/p&gt;</description></item>";
  }
  return xml + "</channel></rss>";
}

std::size_t count_posts(const fs::path& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir / "_posts", ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    n += it->path().extension() == ".md";
  }
  return n;
}

std::string feeds_file(const std::vector<std::pair<std::string, std::string>>& feeds) {
  std::string json = "{\"feeds\": [";
  for (std::size_t i = 0; i < feeds.size(); ++i) {
    json += std::string(i ? "," : "") + "{\"name\": \"" + feeds[i].first + "\", \"url\": \"" +
            feeds[i].second + "\"}";
  }
  return json + "]}";
}

TEST(UnattendedCli, SigintMidRunCommitsWhatIsCompleteExits130AndTheRerunWritesTheRestOnce) {
  std::atomic<bool> slow{true};
  FaultServer server([&](Connection& connection, const std::string& request) {
    const std::string path = FaultServer::path_of(request);
    if (path.rfind("/slow", 0) == 0 && slow) connection.wait(seconds(30));
    connection.send(http_response(200, "", feed_at(path, 3)));
  });
  TempDir dir;
  std::vector<std::pair<std::string, std::string>> feeds;
  for (const char* path : {"/fast1", "/slow1", "/fast2", "/slow2"}) {
    feeds.emplace_back(std::string(path + 1), server.url(path));
  }
  testing::write_file(dir.path() / "feeds.json", feeds_file(feeds));
  const std::vector<std::string> argv = {
      FEEDARCHIVER_BINARY,           "run", "-c", (dir.path() / "feeds.json").string(), "-o",
      (dir.path() / "site").string()};
  BackgroundProcess run(argv);
  // fast1 is committed at once; fast2 waits behind slow1 (plan order).
  const auto give_up = Clock::now() + seconds(20);
  while (!run.finished() && count_posts(dir.path() / "site") < 3 && Clock::now() < give_up) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  std::this_thread::sleep_for(milliseconds(200));  // fast2 read too
  ASSERT_FALSE(run.finished()) << run.err();
  const auto interrupted = Clock::now();
  kill(run.pid(), SIGINT);
  EXPECT_EQ(run.wait(), 130) << run.err();
  EXPECT_LT(Clock::now() - interrupted, seconds(5));
  EXPECT_NE(run.err().find("not reached: slow1, slow2"), std::string::npos) << run.err();
  EXPECT_NE(run.err().find("wrote 6 new post(s)"), std::string::npos) << run.err();
  EXPECT_EQ(count_posts(dir.path() / "site"), 6u);  // fast1 and fast2: complete, committed
  std::size_t lines = 0;
  for (char c : run.out()) lines += c == '\n';
  EXPECT_EQ(lines, 6u) << run.out();  // the paths written reach stdout

  slow = false;
  const auto rerun =
      testing::run_feedarchiver({"run", "-q", "-c", (dir.path() / "feeds.json").string(), "-o",
                                 (dir.path() / "site").string()});
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(count_posts(dir.path() / "site"), 12u);
}

TEST(UnattendedCli, LogLinesCarryTheUtcTimeWithLogTimeAndAlwaysInJsonLog) {
  FaultServer server([](Connection& connection, const std::string& request) {
    const std::string path = FaultServer::path_of(request);
    if (path == "/ok") {
      connection.send(http_response(200, "", feed_at(path, 1)));
    } else {
      connection.send(http_response(404, "", "gone"));
    }
  });
  TempDir dir;
  testing::write_file(dir.path() / "feeds.json",
                      feeds_file({{"ok", server.url("/ok")}, {"gone", server.url("/gone")}}));
  const std::string feeds = (dir.path() / "feeds.json").string();
  const std::string site = (dir.path() / "site").string();
  const auto text = testing::run_feedarchiver({"run", "--log-time", "-c", feeds, "-o", site});
  EXPECT_EQ(text.exit_code, 3) << text.err;
  const std::regex stamped(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ feedarchiver: .*)");
  const auto lines = testing::lines_of(text.err);
  ASSERT_GE(lines.size(), 2u) << text.err;
  for (const std::string& line : lines) EXPECT_TRUE(std::regex_match(line, stamped)) << line;

  const auto json =
      testing::run_feedarchiver({"run", "--all", "--json-log", "-c", feeds, "-o", site});
  EXPECT_EQ(json.exit_code, 3) << json.err;
  for (const std::string& line : testing::lines_of(json.err)) {
    EXPECT_NE(line.find("\"time\":\""), std::string::npos) << line;
  }
}

TEST(UnattendedCli, TwentySixSourcesOfHealthyFeedsAndEveryFaultKindEndInBoundedTime) {
  FaultServer server([](Connection& connection, const std::string& request) {
    const std::string path = FaultServer::path_of(request);
    if (path.rfind("/ok", 0) == 0) {
      connection.send(http_response(200, "", feed_at(path, 2)));
    } else if (!serve_fault(connection, path, feed_at(path, 1))) {
      connection.send(http_response(404, "", "no such fault"));
    }
  });
  const std::vector<std::string> faults = {
      "/stall",     "/trickle",      "/silent",  "/503-day", "/429",     "/500",         "/reset",
      "/truncated", "/lying-length", "/endless", "/loop",    "/hops/35", "/huge-headers"};
  std::vector<std::pair<std::string, std::string>> feeds;
  for (int i = 0; i < 13; ++i) {
    const std::string path = "/ok" + std::to_string(i);
    feeds.emplace_back("healthy" + std::to_string(i), server.url(path));
  }
  for (const std::string& fault : faults) feeds.emplace_back("fault" + fault, server.url(fault));
  ASSERT_EQ(feeds.size(), 26u);
  TempDir dir;
  testing::write_file(dir.path() / "feeds.json", feeds_file(feeds));
  const auto run = testing::run_feedarchiver({"run", "--budget", "3", "--connect-timeout", "1",
                                              "--max-size", "1MiB", "-j", "32", "--per-host", "32",
                                              "-c", (dir.path() / "feeds.json").string(), "-o",
                                              (dir.path() / "site").string()});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_LT(run.seconds, 60.0);
  for (const std::string& fault : faults) {
    if (fault == "/503-day") {
      EXPECT_NE(run.err.find("deferred: fault/503-day (until "), std::string::npos) << run.err;
      continue;
    }
    EXPECT_NE(run.err.find("error: fault" + fault + ": "), std::string::npos) << fault << "\n"
                                                                              << run.err;
  }
  EXPECT_EQ(count_posts(dir.path() / "site"), 26u);  // every healthy feed in full

  // The one-day 503 alone returns at once.
  testing::write_file(dir.path() / "one.json", feeds_file({{"busy", server.url("/503-day")}}));
  const auto busy = testing::run_feedarchiver(
      {"archive", server.url("/503-day"), "-o", (dir.path() / "other").string()});
  EXPECT_EQ(busy.exit_code, 2) << busy.err;
  EXPECT_LT(busy.seconds, 5.0);
  EXPECT_NE(busy.err.find("retry after 86400 s"), std::string::npos) << busy.err;
}

}  // namespace
}  // namespace feedarchiver
