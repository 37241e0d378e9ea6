#include "feedarchiver/fetch/source.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "feedarchiver/error.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::fetch {
namespace {

using testing::TempDir;

// Records the request it was given and answers with a fixed body.
class RecordingFetcher final : public Fetcher {
 public:
  FetchResult fetch(const FetchRequest& request) override {
    requests.push_back(request);
    FetchResult result;
    result.status = FetchStatus::ok;
    result.body = "from the network";
    result.final_url = request.url;
    return result;
  }
  std::vector<FetchRequest> requests;
};

TEST(Source, ClassifiesHttpAndHttpsUrlsInAnyCase) {
  EXPECT_EQ(classify_source("http://example.com/rss").kind, Source::Kind::url);
  EXPECT_EQ(classify_source("HTTPS://EXAMPLE.COM/RSS").kind, Source::Kind::url);
  EXPECT_EQ(classify_source("HtTp://example.com/").location, "HtTp://example.com/");
}

TEST(Source, ClassifiesDashAsStandardInput) {
  EXPECT_EQ(classify_source("-").kind, Source::Kind::stdin_stream);
}

TEST(Source, ClassifiesEverythingElseAsAPath) {
  for (const char* path : {"feed.xml", "./-", "/tmp/x.xml", "dir/notes:2023.xml", "a b.xml",
                           "C:\\feeds\\x.xml", "weird:name.xml"}) {
    const Source source = classify_source(path);
    EXPECT_EQ(source.kind, Source::Kind::file) << path;
    EXPECT_EQ(source.location, path);
  }
}

TEST(Source, RefusesOtherSchemesWithAUsageError) {
  for (const char* url : {"file:///etc/passwd", "FILE:/etc/passwd", "gopher://x/", "ftp://x/",
                          "javascript:alert(1)", "data:text/xml,<rss/>", "svn+ssh://x/y"}) {
    try {
      classify_source(url);
      ADD_FAILURE() << url << " was accepted";
    } catch (const Error& error) {
      EXPECT_EQ(error.exit_code(), kExitUsage) << url;
      EXPECT_EQ(std::string(error.what()),
                std::string("refusing to fetch '") + url + "': only http and https are supported");
    }
  }
}

TEST(Source, LoadsAUrlThroughTheFetcher) {
  RecordingFetcher fetcher;
  FetchLimits limits;
  limits.max_bytes = 1234;
  std::istringstream no_input;
  const FetchResult result =
      load_source(classify_source("https://example.com/rss"), fetcher, limits, no_input);
  EXPECT_EQ(result.body, "from the network");
  ASSERT_EQ(fetcher.requests.size(), 1u);
  EXPECT_EQ(fetcher.requests[0].url, "https://example.com/rss");
  EXPECT_EQ(fetcher.requests[0].limits.max_bytes, 1234u);
  EXPECT_FALSE(fetcher.requests[0].etag);
}

TEST(Source, LoadsARealFile) {
  TempDir dir;
  const std::string bytes = std::string("<rss>\0\xff 中文</rss>", 17);
  testing::write_file(dir.path() / "feed.xml", bytes);
  RecordingFetcher fetcher;
  std::istringstream no_input;
  const FetchResult result = load_source(classify_source((dir.path() / "feed.xml").string()),
                                         fetcher, FetchLimits{}, no_input);
  EXPECT_EQ(result.status, FetchStatus::ok) << result.error;
  EXPECT_EQ(result.body, bytes);
  EXPECT_TRUE(result.final_url.empty());
  EXPECT_TRUE(fetcher.requests.empty());
}

TEST(Source, LoadsAFileLargerThanOneReadChunk) {
  TempDir dir;
  std::string bytes(300000, 'a');
  bytes.back() = 'z';
  testing::write_file(dir.path() / "big.xml", bytes);
  RecordingFetcher fetcher;
  std::istringstream no_input;
  const FetchResult result = load_source(classify_source((dir.path() / "big.xml").string()),
                                         fetcher, FetchLimits{}, no_input);
  EXPECT_EQ(result.status, FetchStatus::ok);
  EXPECT_EQ(result.body, bytes);
}

TEST(Source, ReportsAMissingFileWithItsPath) {
  TempDir dir;
  const std::string path = (dir.path() / "missing.xml").string();
  RecordingFetcher fetcher;
  std::istringstream no_input;
  const FetchResult result = load_source(classify_source(path), fetcher, FetchLimits{}, no_input);
  EXPECT_EQ(result.status, FetchStatus::network_error);
  EXPECT_EQ(result.error, "cannot read " + path + ": No such file or directory");
}

TEST(Source, ReportsADirectoryAsUnreadable) {
  TempDir dir;
  RecordingFetcher fetcher;
  std::istringstream no_input;
  const FetchResult result =
      load_source(classify_source(dir.path().string()), fetcher, FetchLimits{}, no_input);
  EXPECT_EQ(result.status, FetchStatus::network_error);
  EXPECT_NE(result.error.find(dir.path().string()), std::string::npos) << result.error;
}

TEST(Source, EnforcesTheSizeCapOnFilesAndStandardInput) {
  TempDir dir;
  testing::write_file(dir.path() / "big.xml", std::string(5000, 'x'));
  RecordingFetcher fetcher;
  FetchLimits limits;
  limits.max_bytes = 4999;
  std::istringstream input(std::string(5000, 'y'));
  EXPECT_EQ(load_source(classify_source((dir.path() / "big.xml").string()), fetcher, limits, input)
                .status,
            FetchStatus::too_large);
  EXPECT_EQ(load_source(classify_source("-"), fetcher, limits, input).status,
            FetchStatus::too_large);
  limits.max_bytes = 5000;
  std::istringstream exact(std::string(5000, 'y'));
  EXPECT_EQ(load_source(classify_source("-"), fetcher, limits, exact).status, FetchStatus::ok);
}

TEST(Source, ReadsStandardInputFromTheGivenStream) {
  RecordingFetcher fetcher;
  std::istringstream input("<rss version=\"2.0\">stdin 中文</rss>\n");
  const FetchResult result = load_source(classify_source("-"), fetcher, FetchLimits{}, input);
  EXPECT_EQ(result.status, FetchStatus::ok);
  EXPECT_EQ(result.body, "<rss version=\"2.0\">stdin 中文</rss>\n");
  EXPECT_TRUE(result.final_url.empty());
}

}  // namespace
}  // namespace feedarchiver::fetch
