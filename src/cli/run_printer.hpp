#pragma once
// How a run is told on the terminal: the paths of the posts written on stdout (the data), and
// on stderr one line per problem naming the source, verbose notes, the progress bar, or with
// --json-log one JSON object per event. One RunEvents for `archive`, `run` and `render`.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/event_log.hpp"
#include "cli/progress_bar.hpp"
#include "feedarchiver/archive/run_events.hpp"

namespace feedarchiver::cli {

/// "; deferred: A (until 2026-12-06T10:00:00Z); backing off: B; not reached: C" (only the
/// parts that name a feed), for the end of a summary line.
std::string named_feeds(const archive::RunReport& report);
/// The same as JSON keys "deferred", "backing_off", "not_reached" added to `event`.
void add_named_feeds(nlohmann::json& event, const archive::RunReport& report);

class RunPrinter final : public archive::RunEvents {
 public:
  /// `json_log`: events as JSON objects (run --json-log). `progress`: draw the bar.
  RunPrinter(Streams streams, const CommonOptions& common, bool json_log);
  ~RunPrinter() override;

  void started(std::size_t sources) override;
  void source_read(std::uint64_t bytes, bool failed) override;
  void source_finished(const archive::SourceReport& report) override;
  void info(const std::string& message) override;
  void warning(const std::string& message) override;

  /// The closing line: `human` as text, or `event` with --json-log. Hidden by --quiet.
  void summary(const std::string& human, const nlohmann::json& event);

 private:
  Streams streams_;
  bool quiet_;
  EventLog log_;
  bool progress_enabled_;
  std::optional<ProgressBar> progress_;
};

}  // namespace feedarchiver::cli
