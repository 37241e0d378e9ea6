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

  const std::filesystem::path& posts_dir() const { return posts_dir_; }

 private:
  void remember(const std::string& name);
  bool is_taken(const std::string& name) const;
  /// The name of an indexed post with this slug that holds the same article, if any.
  std::optional<std::string> find_same_article(const std::string& slug_file,
                                               const std::string& text, bool compare_all) const;

  std::filesystem::path posts_dir_;
  bool dry_run_;
  std::map<std::string, std::vector<std::string>> names_by_slug_file_;  // "SLUG.md" → names
  std::map<std::string, std::string> dry_run_texts_;  // name → text "written" by a dry run
  std::mutex mutex_;  // guards the two maps: `run` archives feeds concurrently
};

/// Writes `content` to `path` atomically: a temporary file in the same directory, flushed,
/// then renamed over `path`. Throws feedarchiver::Error naming the path on failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// Removes the temporary files a killed writer left in `dir` (".feedarchiver-PID-X.tmp" whose
/// process is gone, or older than an hour); returns how many. Call only while no other writer
/// of the same process can be mid-write. Never throws.
std::size_t remove_stale_temporary_files(const std::filesystem::path& dir);

}  // namespace feedarchiver::write
