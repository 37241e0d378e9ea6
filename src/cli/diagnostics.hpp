#pragma once
// One line per problem on stderr, naming the source; quiet hides warnings, never errors.

#include <ostream>
#include <string>
#include <vector>

namespace feedarchiver::cli {

class Diagnostics {
 public:
  Diagnostics(std::ostream& err, bool quiet, bool verbose)
      : err_(err), quiet_(quiet), verbose_(verbose) {}

  void error(const std::string& source, const std::string& message) {
    err_ << "feedarchiver: error: " << source << ": " << message << '\n';
  }
  void warning(const std::string& source, const std::string& message) {
    if (!quiet_) err_ << "feedarchiver: warning: " << source << ": " << message << '\n';
  }
  void warnings(const std::string& source, const std::vector<std::string>& messages) {
    for (const auto& m : messages) warning(source, m);
  }
  void info(const std::string& message) {
    if (verbose_) err_ << "feedarchiver: " << message << '\n';
  }
  void summary(const std::string& message) {
    if (!quiet_) err_ << "feedarchiver: " << message << '\n';
  }

 private:
  std::ostream& err_;
  bool quiet_;
  bool verbose_;
};

}  // namespace feedarchiver::cli
