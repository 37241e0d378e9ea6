#pragma once
// The lock that keeps two `run`s on the same state from interleaving: flock() on a file next
// to the state. The kernel releases it when the process dies, so a killed run never leaves a
// stale lock behind.

#include <filesystem>
#include <optional>

namespace feedarchiver::state {

class RunLock {
 public:
  /// Takes the lock on `path` (created when missing) without waiting; nullopt when another
  /// process holds it. Throws Error when the file cannot be created.
  static std::optional<RunLock> try_acquire(const std::filesystem::path& path);
  /// Takes the lock, waiting as long as another process holds it. Throws Error on failure.
  static RunLock acquire(const std::filesystem::path& path);
  /// The pid written in the lock file by its holder, or 0 when unknown.
  static long holder_pid(const std::filesystem::path& path);

  ~RunLock();
  RunLock(RunLock&& other) noexcept;
  RunLock& operator=(RunLock&& other) noexcept;
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  explicit RunLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace feedarchiver::state
