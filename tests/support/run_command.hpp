#pragma once
// Runs a real program (our feedarchiver binary, jekyll) with arguments, stdin text and a time
// limit, and captures what it printed and how it exited. Uses temp files, so no pipe deadlock.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"

namespace feedarchiver::testing {

struct CommandResult {
  int exit_code = -1;  // -1: killed (time limit) or could not start
  std::string out;
  std::string err;
};

inline CommandResult run_command(const std::vector<std::string>& argv,
                                 const std::string& stdin_text = "",
                                 std::chrono::seconds limit = std::chrono::seconds(60),
                                 const std::filesystem::path& workdir = {}) {
  TempDir io;
  const auto in_path = io.path() / "in";
  const auto out_path = io.path() / "out";
  const auto err_path = io.path() / "err";
  write_file(in_path, stdin_text);

  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open(in_path.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (!workdir.empty() && chdir(workdir.c_str()) != 0) _exit(127);
    execvp(args[0], args.data());
    _exit(127);
  }
  CommandResult result;
  if (pid < 0) return result;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      result.out = read_file(out_path);
      result.err = read_file(err_path) + "\n[killed: time limit]";
      return result;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

/// Runs our own feedarchiver binary with `args`.
inline CommandResult run_feedarchiver(std::vector<std::string> args,
                                      const std::string& stdin_text = "") {
  args.insert(args.begin(), FEEDARCHIVER_BINARY);
  return run_command(args, stdin_text);
}

/// The lines of `text`, without their '\n'.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace feedarchiver::testing
