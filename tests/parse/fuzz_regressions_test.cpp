// Replays every input the fuzzers ever found (tests/data/fuzz_regressions/<target>/*): each
// must go through without a crash, a hang or a sanitizer report.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/normalize/dates.hpp"
#include "feedarchiver/normalize/normalize_feed.hpp"
#include "feedarchiver/parse/feed_parser.hpp"

namespace feedarchiver {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

template <typename Replay>
std::size_t replay_dir(const std::string& name, Replay replay) {
  const auto dir = std::filesystem::path(FEEDARCHIVER_TEST_DATA) / "fuzz_regressions" / name;
  std::size_t count = 0;
  if (!std::filesystem::is_directory(dir)) return 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README") continue;
    SCOPED_TRACE(entry.path().string());
    replay(read_all(entry.path()));
    ++count;
  }
  return count;
}

TEST(FuzzRegressions, ParseFeedSurvivesEveryFoundInput) {
  replay_dir("parse_feed", [](const std::string& bytes) {
    const auto document = decode::decode_document(bytes, "", "https://example.org/feed/");
    auto result = parse::parse_feed(document);
    if (result.feed) normalize::normalize_feed(*result.feed);
  });
}

TEST(FuzzRegressions, ParseDateSurvivesEveryFoundInput) {
  replay_dir("parse_date", [](const std::string& text) {
    if (auto t = normalize::parse_date(text)) (void)normalize::format_iso_millis(*t);
  });
}

}  // namespace
}  // namespace feedarchiver
