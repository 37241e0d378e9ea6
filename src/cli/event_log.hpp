#pragma once
// What `run` reports as it goes: human lines (Diagnostics) by default, or with --json-log one
// JSON object per event on stderr, for log tools.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/diagnostics.hpp"

namespace feedarchiver::cli {

class EventLog {
 public:
  /// `log_time`: human lines start with the UTC time; JSON lines always carry a "time" key.
  EventLog(std::ostream& err, bool quiet, bool verbose, bool json, bool log_time = false)
      : err_(err),
        diagnostics_(err, quiet, verbose, log_time),
        quiet_(quiet),
        verbose_(verbose),
        json_(json) {}

  /// An error about one feed (always shown).
  void error(const std::string& feed, const std::string& url, const std::string& message);
  /// A warning about one feed (hidden by --quiet).
  void warning(const std::string& feed, const std::string& url, const std::string& message);
  /// A warning about the whole run (hidden by --quiet).
  void run_warning(const std::string& message);
  /// With --json-log, `event` (an object with an "event" key) as one line; else nothing.
  void event(const nlohmann::json& event);
  /// The closing summary: a human line, or an event.
  void summary(const std::string& human, const nlohmann::json& event);
  /// A verbose-only human line; an "info" event with --json-log.
  void info(const std::string& message);

  bool json() const { return json_; }

 private:
  std::ostream& err_;
  Diagnostics diagnostics_;
  bool quiet_;
  bool verbose_;
  bool json_;
};

}  // namespace feedarchiver::cli
