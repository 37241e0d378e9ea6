#pragma once
// Environment failures (cannot write DIR, cannot read a file named on the command line)
// throw Error; main() catches it once and maps it to an exit code. Expected outcomes
// (a 404, a malformed feed, an undated item) are values, never exceptions.

#include <stdexcept>
#include <string>

namespace feedarchiver {

/// Exit codes of spec.md.
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,
  kExitAllFailed = 2,
  kExitPartial = 3,
};

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, int exit_code = kExitAllFailed)
      : std::runtime_error(what), exit_code_(exit_code) {}
  int exit_code() const noexcept { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace feedarchiver
