// The progress bar appears on stderr when it is a terminal (here: a pseudo-terminal made by
// the test) and never in a pipe, as cron and shell pipelines see it.

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/loopback_server.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::cli {
namespace {

constexpr const char* kFeed =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
    "<item><title>One</title><link>http://example.org/1</link><guid>1</guid>"
    "<pubDate>Mon, 06 Nov 2023 10:00:00 GMT</pubDate></item></channel></rss>";

// Runs the binary with stdin, stdout and stderr on a new pseudo-terminal; returns all it wrote.
std::string run_on_terminal(const std::vector<std::string>& args, int& exit_code) {
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid == 0) {
    std::vector<char*> argv;
    std::string binary = FEEDARCHIVER_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies(args);
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  std::string output;
  if (pid < 0) return output;
  char buffer[4096];
  while (true) {
    const ssize_t got = read(master, buffer, sizeof buffer);
    if (got <= 0) break;  // EIO once the child has closed the terminal
    output.append(buffer, static_cast<std::size_t>(got));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(master);
  exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return output;
}

class ProgressBarCli : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.server().Get(R"(/feed\d\.xml)",
                         [](const httplib::Request&, httplib::Response& response) {
                           response.set_content(kFeed, "application/rss+xml");
                         });
    server_.server().Get("/missing.xml", [](const httplib::Request&, httplib::Response& response) {
      response.status = 404;
    });
    server_.start();
  }
  testing::LoopbackServer server_;
  testing::TempDir dir_;
};

TEST_F(ProgressBarCli, DrawsDoneTotalBytesAndFailuresOnATerminal) {
  int exit_code = -1;
  const std::string output =
      run_on_terminal({"archive", server_.url("/feed1.xml"), server_.url("/feed2.xml"),
                       server_.url("/missing.xml"), "-o", (dir_.path() / "site").string()},
                      exit_code);
  EXPECT_EQ(exit_code, 3) << output;  // one of three failed: partial
  EXPECT_NE(output.find("\r\033[K["), std::string::npos) << output;
  EXPECT_NE(output.find("] 3/3, "), std::string::npos) << output;
  EXPECT_NE(output.find("KiB"), std::string::npos) << output;
  EXPECT_NE(output.find("1 failed"), std::string::npos) << output;
}

TEST_F(ProgressBarCli, NothingInAPipe) {
  const auto archived =
      testing::run_feedarchiver({"archive", server_.url("/feed1.xml"), server_.url("/missing.xml"),
                                 "-o", (dir_.path() / "site").string()});
  EXPECT_EQ(archived.exit_code, 3) << archived.err;
  EXPECT_EQ(archived.err.find('\r'), std::string::npos) << archived.err;
  EXPECT_EQ(archived.err.find("\033["), std::string::npos) << archived.err;
}

TEST_F(ProgressBarCli, QuietOnATerminalDrawsNothing) {
  int exit_code = -1;
  const std::string output = run_on_terminal(
      {"archive", "-q", server_.url("/feed1.xml"), "-o", (dir_.path() / "site").string()},
      exit_code);
  EXPECT_EQ(exit_code, 0) << output;
  EXPECT_EQ(output.find("\033[K"), std::string::npos) << output;
}

}  // namespace
}  // namespace feedarchiver::cli
