#pragma once
// What a run tells as it goes, and what it found: one SourceReport per source (in plan order,
// once the source is committed or has failed) and a RunReport at the end. The CLI implements
// RunEvents for plain text, --json-log and the progress bar; tests record them.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace feedarchiver::archive {

/// An item that got no new post, and why.
struct SkippedItem {
  std::string item;       // its URL, else its title, else its id
  std::string reason;     // "seen before", "duplicate of an article of FEED", "already archived"
  std::string post_path;  // the post that holds it (relative to the site for state rows)
};

/// What came of one source.
struct SourceReport {
  std::size_t index = 0;  // in the plan
  std::string label;      // how messages name it (FEEDS name, else its location)
  std::string location;   // its URL, path or "-"
  // ok | not_modified | http_error | network_error | too_large | refused | parse_error, or
  // deferred (a long Retry-After, now or before), backing_off (failing: not due yet),
  // not_reached (a deadline or a signal stopped the run before it was complete)
  std::string status;
  bool attempted = true;  // fetched or read in this run (false: skipped, or not reached)
  long http_status = 0;
  bool failed = false;
  std::string error;                           // why it failed (one line)
  std::vector<std::string> warnings;           // feed, page and post warnings, in that order
  std::size_t items = 0;                       // items the source had
  std::size_t items_new = 0;                   // new posts written
  std::size_t items_updated = 0;               // known posts rewritten (--update)
  std::size_t items_known = 0;                 // items already archived (state or an existing post)
  std::vector<std::filesystem::path> written;  // posts written or rewritten, in item order
  std::vector<SkippedItem> skipped;            // items that got no new post
  std::uint64_t bytes = 0;                     // what was read
  std::chrono::milliseconds elapsed{0};        // from its read to its commit
  std::chrono::milliseconds since_start{0};    // from the start of the run to its commit
  std::optional<std::chrono::sys_time<std::chrono::milliseconds>> next_attempt;  // scheduled
};

/// What a whole run did.
struct RunReport {
  std::size_t sources = 0;
  std::size_t failed = 0;
  std::size_t not_modified = 0;
  std::size_t items_new = 0;
  std::size_t items_updated = 0;
  std::size_t items_known = 0;
  std::chrono::milliseconds elapsed{0};
  // Named in the summary, in plan order.
  std::vector<std::pair<std::string, std::chrono::sys_time<std::chrono::milliseconds>>>
      deferred;                          // label, until when
  std::vector<std::string> backing_off;  // labels of failing feeds not due yet
  std::vector<std::string> not_reached;  // labels of sources a stop left incomplete
  bool stopped = false;                  // a deadline or a signal stopped the run
};

class RunEvents {
 public:
  virtual ~RunEvents() = default;
  /// Before the first source is read: how many there are.
  virtual void started(std::size_t sources) { (void)sources; }
  /// A source has been read (in the order reads finish): for progress.
  virtual void source_read(std::uint64_t bytes, bool failed) {
    (void)bytes;
    (void)failed;
  }
  /// A source is done: its posts and state committed, or it failed. In plan order, one at a
  /// time.
  virtual void source_finished(const SourceReport& report) = 0;
  /// A note about the run, shown with -v ("removed 2 temporary file(s) of a killed run").
  virtual void info(const std::string& message) = 0;
  /// A warning about the whole run rather than one source.
  virtual void warning(const std::string& message) = 0;
};

}  // namespace feedarchiver::archive
