#pragma once
// A fresh directory under the system temp dir, removed with everything in it on destruction.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace feedarchiver::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("feedarchiver-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

/// tests/data/<relative>
inline std::filesystem::path data_path(const std::string& relative) {
  return std::filesystem::path(FEEDARCHIVER_TEST_DATA) / relative;
}

/// The post files of a site directory (SITE/_posts/*), sorted; none when there is no _posts.
inline std::vector<std::filesystem::path> posts_in(const std::filesystem::path& site) {
  std::vector<std::filesystem::path> posts;
  if (!std::filesystem::exists(site / "_posts")) return posts;
  for (const auto& entry : std::filesystem::directory_iterator(site / "_posts")) {
    posts.push_back(entry.path());
  }
  std::sort(posts.begin(), posts.end());
  return posts;
}

}  // namespace feedarchiver::testing
