#pragma once
// Runs a real program (our feedarchiver binary, jekyll) with arguments, stdin and a time
// limit, and captures what it printed, how it exited and what it cost (peak RSS, wall time).
// Uses temp files, so no pipe deadlock.

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
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
  int exit_code = -1;  // -1: killed (signal or time limit) or could not start
  int signal = 0;      // the signal that ended it, 0 when it exited
  std::string out;
  std::string err;
  long peak_rss_kib = 0;  // ru_maxrss of the child (wait4)
  double seconds = 0;     // wall time
};

/// Runs `argv` (argv[0] looked up in PATH) with stdin from the file `stdin_path`, stdout and
/// stderr into temp files, in `workdir` when given; killed after `limit`.
inline CommandResult run_process(const std::vector<std::string>& argv,
                                 const std::filesystem::path& stdin_path,
                                 std::chrono::seconds limit,
                                 const std::filesystem::path& workdir = {}) {
  TempDir io;
  const auto out_path = io.path() / "out";
  const auto err_path = io.path() / "err";
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open(stdin_path.c_str(), O_RDONLY);
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
  int status = 0;
  rusage usage{};
  bool killed = false;
  while (wait4(pid, &status, WNOHANG, &usage) == 0) {
    if (std::chrono::steady_clock::now() - start > limit) {
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      killed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.exit_code = !killed && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  result.peak_rss_kib = usage.ru_maxrss;
  result.out = read_file(out_path);
  result.err = read_file(err_path) + (killed ? "\n[killed: time limit]" : "");
  return result;
}

/// Runs `argv` with `stdin_text` on its stdin.
inline CommandResult run_command(const std::vector<std::string>& argv,
                                 const std::string& stdin_text = "",
                                 std::chrono::seconds limit = std::chrono::seconds(60),
                                 const std::filesystem::path& workdir = {}) {
  TempDir io;
  const auto in_path = io.path() / "in";
  write_file(in_path, stdin_text);
  return run_process(argv, in_path, limit, workdir);
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
