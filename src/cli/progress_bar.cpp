#include "cli/progress_bar.hpp"

#include <cstdio>
#include <string>

namespace feedarchiver::cli {

namespace {

constexpr std::size_t kWidth = 30;

std::string human_bytes(std::uint64_t bytes) {
  char text[32];
  if (bytes >= 1024u * 1024u) {
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else {
    std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  }
  return text;
}

}  // namespace

void ProgressBar::finished(std::uint64_t bytes, bool failed) {
  ++done_;
  bytes_ += bytes;
  if (failed) ++failures_;
  draw();
}

void ProgressBar::clear() {
  if (!enabled_ || !shown_) return;
  err_ << "\r\033[K" << std::flush;
  shown_ = false;
}

void ProgressBar::draw() {
  if (!enabled_) return;
  const std::size_t filled = total_ == 0 ? kWidth : done_ * kWidth / total_;
  std::string bar(filled, '#');
  bar.resize(kWidth, '-');
  err_ << "\r\033[K[" << bar << "] " << done_ << '/' << total_ << ", " << human_bytes(bytes_);
  if (failures_ > 0) err_ << ", " << failures_ << " failed";
  err_ << std::flush;
  shown_ = true;
}

}  // namespace feedarchiver::cli
