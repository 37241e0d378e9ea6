#include "feedarchiver/site/site_scaffold.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <span>
#include <system_error>

#include "feedarchiver/embedded_file.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/write/yaml_scalar.hpp"

namespace feedarchiver::site {

// Generated from src/site/files/ by cmake/embed_files.cmake.
std::span<const EmbeddedFile> embedded_files();

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTitlePlaceholder = "@TITLE@";

/// Paths that would stand where `path` stands: Jekyll makes the same page of index.md and
/// index.html, the same layout of post.md and post.html, and reads _config.yaml or
/// _config.toml when there is no _config.yml.
std::vector<std::string> alternates(const std::string& path) {
  if (path == "_config.yml") return {"_config.yml", "_config.yaml", "_config.toml"};
  const fs::path as_path(path);
  const std::string extension = as_path.extension().string();
  if (extension != ".html" && extension != ".md" && extension != ".markdown") return {path};
  if (path.rfind("assets/", 0) == 0) return {path};
  std::vector<std::string> out;
  for (const char* other : {".html", ".md", ".markdown"}) {
    out.push_back(fs::path(as_path).replace_extension(other).generic_string());
  }
  return out;
}

/// Writes `text` to a new file at `path`; false when a file is already there (never replaced).
bool write_new_file(const fs::path& path, std::string_view text) {
  static std::atomic<unsigned> counter{0};
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  if (error) throw Error("cannot create " + path.parent_path().string() + ": " + error.message());
  const fs::path temporary =
      path.parent_path() /
      (".feedarchiver-init-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".tmp");
  const int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw Error("cannot write " + temporary.string() + ": " + std::strerror(errno));
  std::string_view rest = text;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      close(fd);
      unlink(temporary.c_str());
      throw Error("cannot write " + temporary.string() + ": " + std::strerror(saved));
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  if (close(fd) != 0) {
    const int saved = errno;
    unlink(temporary.c_str());
    throw Error("cannot write " + temporary.string() + ": " + std::strerror(saved));
  }
  // link() fails with EEXIST instead of replacing, unlike rename(): what is there stays.
  const int linked = link(temporary.c_str(), path.c_str());
  const int saved = errno;
  unlink(temporary.c_str());
  if (linked == 0) return true;
  if (saved == EEXIST) return false;
  throw Error("cannot write " + path.string() + ": " + std::strerror(saved));
}

}  // namespace

std::vector<ScaffoldFile> scaffold_files(std::string_view title) {
  std::vector<ScaffoldFile> files;
  for (const EmbeddedFile& file : embedded_files()) {
    ScaffoldFile out{std::string(file.path), std::string(file.text)};
    if (out.path == "_config.yml") {
      const auto at = out.text.find(kTitlePlaceholder);
      if (at != std::string::npos) {
        out.text.replace(at, kTitlePlaceholder.size(), write::yaml_double_quoted(title));
      }
    }
    files.push_back(std::move(out));
  }
  return files;
}

ScaffoldResult init_site(const fs::path& dir, std::string_view title) {
  std::error_code error;
  fs::create_directories(dir / "_posts", error);
  if (error) throw Error("cannot create " + (dir / "_posts").string() + ": " + error.message());

  ScaffoldResult result;
  for (const ScaffoldFile& file : scaffold_files(title)) {
    std::string existing;
    for (const std::string& candidate : alternates(file.path)) {
      if (fs::exists(fs::symlink_status(dir / candidate, error))) {
        existing = candidate;
        break;
      }
    }
    if (existing.empty() && write_new_file(dir / file.path, file.text)) {
      result.written.push_back(file.path);
    } else {
      result.kept.push_back({file.path, existing.empty() ? file.path : existing});
    }
  }
  return result;
}

}  // namespace feedarchiver::site
