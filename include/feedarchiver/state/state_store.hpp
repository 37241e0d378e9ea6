#pragma once
// What `run` remembers between runs, in one SQLite file (WAL, busy_timeout, forward
// migrations): per feed the HTTP validators, last fetch and status, consecutive failures and
// items archived; per article its feed, guid, canonical URL, content hash, post path, first
// and last seen. Callers group a feed's changes in one transaction (begin/commit) that they
// commit only after the feed's posts are complete on disk.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "feedarchiver/model.hpp"
#include "feedarchiver/state/validator_store.hpp"

namespace feedarchiver::state {

class Database;
class Statement;

/// The schema version this build writes; older files are migrated forward on open.
inline constexpr int kSchemaVersion = 3;

struct FeedRecord {
  std::string url;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::string> last_status;  // "ok", "not_modified", "http_error", "parse_error"...
  long http_status = 0;
  std::optional<Timestamp> last_fetch;
  long failures = 0;  // consecutive
  long items_archived = 0;
  std::optional<std::string> last_error;           // why the last fetch failed (one line)
  std::optional<Timestamp> next_attempt;           // `run` skips the feed until then
  std::optional<std::string> next_attempt_reason;  // "retry-after" or "backoff"
};

/// One fetch of a feed, as record_fetch keeps it.
struct FetchRecord {
  std::string status;  // "ok", "not_modified", "http_error", ...
  long http_status = 0;
  Timestamp when{};
  bool failed = false;          // counts in the consecutive failures (else they reset to 0)
  bool keeps_failures = false;  // neither: the count stays (a deferral is neither)
  std::string error;            // kept as last_error when failed or deferred
  std::optional<Timestamp> next_attempt;  // nullopt: due at every run
  std::string next_attempt_reason;        // "retry-after" or "backoff"
};

struct ArticleRecord {
  std::int64_t id = 0;
  std::string feed_url;
  std::string guid;
  std::string url;            // as the feed gave it
  std::string canonical_url;  // empty when the item has no URL
  std::string content_hash;
  std::string post_path;  // relative to the site directory: "_posts/....md"
  Timestamp first_seen{};
  Timestamp last_seen{};
};

class StateStore final : public ValidatorStore {
 public:
  /// Opens or creates the state at `path` (":memory:" for a private one), creating its
  /// directory, switching to WAL and migrating an older schema forward. Throws Error when it
  /// cannot, or when the file was written by a newer feedarchiver.
  explicit StateStore(const std::filesystem::path& path);
  ~StateStore() override;

  /// A private copy, in memory, of the state at `path` (the file is only read, and migrated
  /// forward in the copy): a dry run takes every decision a real run takes against it and
  /// changes nothing on disk. Throws Error when the file cannot be read.
  static std::unique_ptr<StateStore> copy_in_memory(const std::filesystem::path& path);
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  /// The schema version of the open file (kSchemaVersion once opened).
  int schema_version();

  void begin();     ///< Starts a write transaction (BEGIN IMMEDIATE).
  void commit();    ///< Commits it.
  void rollback();  ///< Abandons it; harmless when none is open.

  // ValidatorStore: validators live in the feeds table.
  std::optional<Validators> load(const std::string& url) override;
  void save(const std::string& url, const Validators& validators) override;

  /// The record of a feed, or nullopt when it was never fetched.
  std::optional<FeedRecord> feed(const std::string& url);

  /// Records a fetch of `url` at `when`: its status, and the failure count reset (success) or
  /// incremented (failure).
  void record_fetch(const std::string& url, const std::string& status, long http_status,
                    Timestamp when, bool failed);
  /// Records a fetch with its error and its next attempt (replacing the one before).
  void record_fetch(const std::string& url, const FetchRecord& fetch);

  /// Remembers that a `run` started at `when` (the last 20 are kept).
  void record_run(Timestamp when);
  /// The usual time between runs: the median gap between the remembered run starts;
  /// nullopt with fewer than two.
  std::optional<std::chrono::milliseconds> run_interval();

  /// The article already archived as `guid` in `feed_url`, else as `canonical_url` in any
  /// feed (an empty canonical URL matches nothing).
  std::optional<ArticleRecord> find_article(const std::string& feed_url, const std::string& guid,
                                            const std::string& canonical_url);

  /// Records a newly archived article (first and last seen = article.first_seen) and counts it
  /// in its feed's items archived.
  void add_article(const ArticleRecord& article);

  /// Marks an article seen at `when`; a non-empty `content_hash`/`post_path` replaces the old.
  void touch_article(std::int64_t id, Timestamp when, const std::string& content_hash = {},
                     const std::string& post_path = {});

  /// How many articles are recorded (all feeds).
  std::int64_t article_count();

 private:
  enum class Open { file, copy };
  StateStore(const std::filesystem::path& path, Open open);
  void migrate();
  void ensure_feed(const std::string& url);

  std::unique_ptr<Database> db_;
  std::unique_ptr<Statement> find_by_guid_;
  std::unique_ptr<Statement> find_by_canonical_;
  std::unique_ptr<Statement> insert_article_;
  std::unique_ptr<Statement> touch_article_;
  std::unique_ptr<Statement> ensure_feed_;
  std::unique_ptr<Statement> count_item_;
  bool in_transaction_ = false;
};

}  // namespace feedarchiver::state
