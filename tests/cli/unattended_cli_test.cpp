// The binary as a cron job over a misbehaving loopback server: SIGINT mid-run, and a run over
// healthy feeds mixed with every fault kind of issue #16 under a small --budget.

#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/background_process.hpp"
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
using testing::TempDir;
using Connection = FaultServer::Connection;
using Clock = std::chrono::steady_clock;

std::string response(int status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " Whatever\r\nContent-Type: text/xml\r\n" +
         "Content-Length: " + std::to_string(body.size()) + "\r\n" + headers + "\r\n" + body;
}

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
    connection.send(response(200, "", feed_at(path, 3)));
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

}  // namespace
}  // namespace feedarchiver
