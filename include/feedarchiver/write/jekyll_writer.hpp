#pragma once
// Writes posts under SITE/_posts/ atomically, one file per article, never two for the same
// article: a post whose name (date + slug, any -N suffix) and from: line already exist is
// left alone; a different article with the same name gets -2, -3, ...

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feedarchiver/write/post.hpp"

namespace feedarchiver::write {

enum class WriteStatus { written, already_present, dry_run };

struct WriteOutcome {
  WriteStatus status = WriteStatus::written;
  std::filesystem::path path;
};

class JekyllWriter {
 public:
  /// Creates SITE/_posts when missing (unless dry_run) and lists it once.
  /// Throws feedarchiver::Error when the directory cannot be created or read.
  explicit JekyllWriter(std::filesystem::path site_dir, bool dry_run = false);

  /// Writes one post (temporary file in _posts, then rename). Throws Error on I/O failure.
  /// Safe to call from several threads (calls are serialized).
  WriteOutcome write(const Post& post);

  /// Rewrites the post at `path` (a file of this site, as a previous write returned it) in
  /// place, atomically: `run --update` for a known article whose content changed. A dry run
  /// writes nothing. Throws Error on I/O failure.
  WriteOutcome rewrite(const std::filesystem::path& path, const Post& post);

  /// Makes every post written so far durable (one syncfs for the batch instead of an fsync
  /// per file). Call before recording posts or validators in any state; the destructor calls
  /// it too. Throws Error when the file system reports a failure.
  void sync();

  ~JekyllWriter();
  JekyllWriter(const JekyllWriter&) = delete;
  JekyllWriter& operator=(const JekyllWriter&) = delete;

  const std::filesystem::path& posts_dir() const { return posts_dir_; }

 private:
  void remember(const std::string& name);
  bool is_taken(const std::string& name) const;
  bool is_listed(const std::string& name) const;
  /// True for an empty post file: ours, its data lost to a power loss after the rename.
  bool is_unfinished_post(const std::string& name) const;
  /// The name of an indexed post with this slug that holds the same article, if any.
  std::optional<std::string> find_same_article(const std::string& slug_file,
                                               const std::string& text, bool compare_all) const;

  std::filesystem::path posts_dir_;
  bool dry_run_;
  std::map<std::string, std::vector<std::string>> names_by_slug_file_;  // "SLUG.md" → names
  std::map<std::string, std::string> dry_run_texts_;  // name → text "written" by a dry run
  std::mutex mutex_;       // guards the two maps: `run` archives feeds concurrently
  bool unsynced_ = false;  // posts renamed into place since the last sync()
};

enum class Durability {
  now,       // fsync the file before the rename and the directory after it
  deferred,  // the caller makes the batch durable later (sync_file_system)
};

/// Writes `content` to `path` atomically: a temporary file in the same directory, then
/// renamed over `path`, so readers and a killed process never see a partial file.
/// Throws feedarchiver::Error naming the path on failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           Durability durability = Durability::now);

/// Flushes everything written to the file system holding `dir` (syncfs). Throws Error.
void sync_file_system(const std::filesystem::path& dir);

/// Removes the temporary files a killed writer left in `dir` (".feedarchiver-PID-X.tmp" whose
/// process is gone, or older than an hour); returns how many. Call only while no other writer
/// of the same process can be mid-write. Never throws.
std::size_t remove_stale_temporary_files(const std::filesystem::path& dir);

}  // namespace feedarchiver::write
