// write_file_atomically (declared in jekyll_writer.hpp): one job, one file.

#include <fcntl.h>
#include <signal.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <system_error>

#include "feedarchiver/error.hpp"
#include "feedarchiver/write/jekyll_writer.hpp"

namespace feedarchiver::write {
namespace {

std::string errno_text(int error) {
  return std::generic_category().message(error);
}

/// A name no other writer uses: pid (other processes) plus 64 random bits (other threads
/// and calls); the leading dot makes Jekyll skip it if a crash leaves it behind.
std::string temporary_name() {
  std::uint64_t bits =
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  // getrandom is one cheap system call (std::random_device costs ~100 µs of set-up per
  // object, which showed at 8% of a 25,000-post run). Without entropy the clock alone
  // remains, and O_EXCL below still refuses a clash.
  std::uint64_t random = 0;
  if (::getrandom(&random, sizeof random, GRND_NONBLOCK) == static_cast<ssize_t>(sizeof random)) {
    bits ^= random;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, ".feedarchiver-%ld-%016llx.tmp",
                static_cast<long>(::getpid()), static_cast<unsigned long long>(bits));
  return buffer;
}

/// Writes all of `content` to `fd`, retrying on EINTR and short writes; false with errno set.
bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

/// Makes the rename itself durable; best effort (some file systems refuse fsync on a dir).
void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           Durability durability) {
  const std::filesystem::path dir =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::filesystem::path temp;
  int fd = -1;
  for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
    temp = dir / temporary_name();
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    throw Error("cannot write " + path.string() + ": " + errno_text(errno));
  }
  const auto fail = [&](int error) {
    if (fd >= 0) ::close(fd);
    ::unlink(temp.c_str());
    throw Error("cannot write " + path.string() + ": " + errno_text(error));
  };
  const bool now = durability == Durability::now;
  if (!write_all(fd, content) || (now && ::fsync(fd) != 0)) fail(errno);
  const int closed = ::close(fd);
  fd = -1;
  if (closed != 0) fail(errno);
  if (::rename(temp.c_str(), path.c_str()) != 0) fail(errno);
  if (now) sync_directory(dir);
}

void sync_file_system(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw Error("cannot sync " + dir.string() + ": " + errno_text(errno));
  const int result = ::syncfs(fd);
  const int error = errno;
  ::close(fd);
  if (result != 0) throw Error("cannot sync " + dir.string() + ": " + errno_text(error));
}

std::size_t remove_stale_temporary_files(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  constexpr std::string_view kPrefix = ".feedarchiver-";
  constexpr std::string_view kSuffix = ".tmp";
  std::size_t removed = 0;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= kPrefix.size() + kSuffix.size() || name.rfind(kPrefix, 0) != 0 ||
        name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
      continue;
    }
    const long pid = std::strtol(name.c_str() + kPrefix.size(), nullptr, 10);
    const bool gone = pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH);
    std::error_code time_ec;
    const auto age = fs::file_time_type::clock::now() - fs::last_write_time(it->path(), time_ec);
    const bool old = !time_ec && age > std::chrono::hours(1);
    if ((gone || old) && pid != static_cast<long>(::getpid())) {
      std::error_code remove_ec;
      if (fs::remove(it->path(), remove_ec)) ++removed;
    }
  }
  return removed;
}

}  // namespace feedarchiver::write
