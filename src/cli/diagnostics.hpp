#pragma once
// One line per problem on stderr, naming the source; quiet hides warnings, never errors.

#include <ctime>
#include <ostream>
#include <string>
#include <vector>

namespace feedarchiver::cli {

class Diagnostics {
 public:
  /// `log_time`: every line starts with the ISO-8601 UTC time (--log-time).
  Diagnostics(std::ostream& err, bool quiet, bool verbose, bool log_time = false)
      : err_(err), quiet_(quiet), verbose_(verbose), log_time_(log_time) {}

  void error(const std::string& source, const std::string& message) {
    line() << "feedarchiver: error: " << source << ": " << message << '\n';
  }
  void warning(const std::string& source, const std::string& message) {
    if (!quiet_) line() << "feedarchiver: warning: " << source << ": " << message << '\n';
  }
  void warnings(const std::string& source, const std::vector<std::string>& messages) {
    for (const auto& m : messages) warning(source, m);
  }
  void info(const std::string& message) {
    if (verbose_) line() << "feedarchiver: " << message << '\n';
  }
  void summary(const std::string& message) {
    if (!quiet_) line() << "feedarchiver: " << message << '\n';
  }
  /// The stream, after the time when lines carry one.
  std::ostream& line() {
    if (log_time_) err_ << utc_now() << ' ';
    return err_;
  }
  /// Now, as "2026-12-05T22:49:15Z".
  static std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
  }

 private:
  std::ostream& err_;
  bool quiet_;
  bool verbose_;
  bool log_time_;
};

}  // namespace feedarchiver::cli
