#pragma once
// How `archive` and `run` stop early: one StopSignal per command, given to the fetcher, with
// --deadline set on it and SIGINT/SIGTERM handlers that request it. Once stopped, no transfer
// starts, those in flight end, complete feeds are committed and the summary is printed; the
// exit code then says which signal (130 SIGINT, 143 SIGTERM). A second signal ends the
// process at once with that code (commits are atomic, so that too is crash-safe).
//
// The handlers need a pointer to the StopSignal: run_stop.cpp holds that one static pointer
// (and the number of the signal received), the only process-global state of feedarchiver.
// One RunStop at a time; it restores the previous handlers and the fetcher when destroyed.

#include <chrono>
#include <optional>

#include "feedarchiver/fetch/fetcher.hpp"
#include "feedarchiver/fetch/stop_signal.hpp"

namespace feedarchiver::cli {

class RunStop {
 public:
  /// Watches `fetcher`; stops it `deadline` from now (nullopt: no deadline) or on a signal.
  RunStop(fetch::Fetcher& fetcher, std::optional<std::chrono::seconds> deadline);
  ~RunStop();
  RunStop(const RunStop&) = delete;
  RunStop& operator=(const RunStop&) = delete;

  const fetch::StopSignal& signal() const { return stop_; }
  /// 130 after SIGINT, 143 after SIGTERM, else `code`.
  int exit_code(int code) const;

 private:
  fetch::StopSignal stop_;
  fetch::Fetcher& fetcher_;
};

}  // namespace feedarchiver::cli
