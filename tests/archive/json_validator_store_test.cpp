#include "feedarchiver/archive/json_validator_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/temp_dir.hpp"

namespace feedarchiver::archive {
namespace {

using testing::read_file;
using testing::TempDir;
using testing::write_file;

TEST(JsonValidatorStore, KeepsValidatorsAcrossRunsInTheSiteDirectory) {
  TempDir site;
  const auto path = JsonValidatorStore::path_for(site.path());
  EXPECT_EQ(path, site.path() / ".feedarchiver" / "http-cache.json");
  {
    JsonValidatorStore store(path);
    EXPECT_TRUE(store.warning().empty());
    EXPECT_EQ(store.load("https://a.example/rss"), std::nullopt);
    store.save("https://a.example/rss", {"\"v1\"", std::nullopt});
    store.save("https://b.example/atom", {std::nullopt, "Sun, 26 Nov 2023 19:34:51 GMT"});
    EXPECT_FALSE(std::filesystem::exists(path));  // written by flush, once
    store.flush();
  }
  JsonValidatorStore again(path);
  const auto a = again.load("https://a.example/rss");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->etag, "\"v1\"");
  EXPECT_EQ(a->last_modified, std::nullopt);
  const auto b = again.load("https://b.example/atom");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->last_modified, "Sun, 26 Nov 2023 19:34:51 GMT");

  again.save("https://a.example/rss", {});  // a 200 without validators forgets the old ones
  again.flush();
  EXPECT_EQ(JsonValidatorStore(path).load("https://a.example/rss"), std::nullopt);
}

TEST(JsonValidatorStore, AMalformedFileIsAWarningAndAnEmptyStore) {
  TempDir site;
  const auto path = JsonValidatorStore::path_for(site.path());
  std::filesystem::create_directories(path.parent_path());
  for (const char* text : {"{not json", "[1,2]", "{\"feeds\": 3}"}) {
    write_file(path, text);
    JsonValidatorStore store(path);
    EXPECT_FALSE(store.warning().empty()) << text;
    EXPECT_EQ(store.load("https://a.example/rss"), std::nullopt);
  }
  write_file(path, R"({"version": 1, "feeds": {"u": {"etag": 5}, "v": {"etag": "\"x\""}}})");
  JsonValidatorStore mixed(path);
  EXPECT_TRUE(mixed.warning().empty());
  EXPECT_EQ(mixed.load("u"), std::nullopt);
  ASSERT_TRUE(mixed.load("v"));
}

TEST(JsonValidatorStore, FlushWithoutChangesWritesNothing) {
  TempDir site;
  const auto path = JsonValidatorStore::path_for(site.path());
  JsonValidatorStore store(path);
  store.flush();
  EXPECT_FALSE(std::filesystem::exists(path.parent_path()));
}

}  // namespace
}  // namespace feedarchiver::archive
