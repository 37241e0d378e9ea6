#pragma once
// Runs our feedarchiver binary like support/run_command.hpp, and also reports what the
// child cost: its peak resident set (getrusage via wait4) and its wall time. For the
// hostile-input tests, which bound memory and time as well as behaviour.

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

struct MeasuredResult {
  int exit_code = -1;  // -1: killed by a signal or the time limit
  int signal = 0;      // the signal that ended it, 0 when it exited
  std::string out;
  std::string err;
  long peak_rss_kib = 0;  // ru_maxrss of the child
  double seconds = 0;
};

/// Runs FEEDARCHIVER_BINARY with `args`, stdin from the file `stdin_path` (or empty).
inline MeasuredResult run_measured(std::vector<std::string> args,
                                   const std::filesystem::path& stdin_path = {},
                                   std::chrono::seconds limit = std::chrono::seconds(120)) {
  args.insert(args.begin(), FEEDARCHIVER_BINARY);
  TempDir io;
  const auto in_path = stdin_path.empty() ? io.path() / "in" : stdin_path;
  if (stdin_path.empty()) write_file(in_path, "");
  const auto out_path = io.path() / "out";
  const auto err_path = io.path() / "err";
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open(in_path.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  MeasuredResult result;
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

}  // namespace feedarchiver::testing
