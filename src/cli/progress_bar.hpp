#pragma once
// A one-line progress bar on stderr while feeds are fetched: done/total, bytes, failures.
// Drawn only when enabled (stderr is a terminal); diagnostics clear it before they print.

#include <cstddef>
#include <cstdint>
#include <ostream>

namespace feedarchiver::cli {

class ProgressBar {
 public:
  ProgressBar(std::ostream& err, bool enabled, std::size_t total)
      : err_(err), enabled_(enabled && total > 0), total_(total) {}
  ~ProgressBar() { clear(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// Counts one finished source of `bytes` bytes and redraws.
  void finished(std::uint64_t bytes, bool failed);
  /// Erases the bar (before a diagnostic line, and at the end).
  void clear();
  /// Draws the bar with the current counts.
  void draw();

 private:
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
  std::size_t total_;
  std::size_t done_ = 0;
  std::size_t failures_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace feedarchiver::cli
