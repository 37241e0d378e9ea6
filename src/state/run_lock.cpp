#include "feedarchiver/state/run_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <string>
#include <system_error>

#include "feedarchiver/error.hpp"

namespace feedarchiver::state {
namespace {

int open_lock_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw Error("cannot open lock " + path.string() + ": " +
                std::generic_category().message(errno));
  }
  return fd;
}

/// Records our pid in the lock file so that the next run can say who holds it.
void write_pid(int fd) {
  const std::string pid = std::to_string(static_cast<long>(::getpid())) + "\n";
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, pid.data(), pid.size(), 0);
}

}  // namespace

std::optional<RunLock> RunLock::try_acquire(const std::filesystem::path& path) {
  const int fd = open_lock_file(path);
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) return std::nullopt;
    throw Error("cannot lock " + path.string() + ": " + std::generic_category().message(error));
  }
  write_pid(fd);
  return RunLock(fd);
}

RunLock RunLock::acquire(const std::filesystem::path& path) {
  const int fd = open_lock_file(path);
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    const int error = errno;
    ::close(fd);
    throw Error("cannot lock " + path.string() + ": " + std::generic_category().message(error));
  }
  write_pid(fd);
  return RunLock(fd);
}

long RunLock::holder_pid(const std::filesystem::path& path) {
  std::ifstream in(path);
  long pid = 0;
  if (!(in >> pid)) return 0;
  return pid;
}

RunLock::RunLock(RunLock&& other) noexcept : fd_(other.fd_) {
  other.fd_ = -1;
}

RunLock& RunLock::operator=(RunLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace feedarchiver::state
