#include "feedarchiver/state/state_store.hpp"

#include <gtest/gtest.h>

#include "feedarchiver/error.hpp"
#include "feedarchiver/state/run_lock.hpp"
#include "feedarchiver/state/sqlite.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::state {
namespace {

using testing::TempDir;

Timestamp at(std::int64_t ms) {
  return Timestamp(std::chrono::milliseconds(ms));
}

ArticleRecord article(const std::string& feed, const std::string& guid, const std::string& url) {
  ArticleRecord a;
  a.feed_url = feed;
  a.guid = guid;
  a.url = url;
  a.canonical_url = url;
  a.content_hash = "h1";
  a.post_path = "_posts/2023-01-01-" + guid + ".md";
  a.first_seen = at(1000);
  return a;
}

TEST(StateStore, CreatesTheFileItsDirectoryAndTheCurrentSchema) {
  TempDir dir;
  const auto path = dir.path() / "site" / ".feedarchiver" / "state.db";
  StateStore store(path);
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(store.schema_version(), kSchemaVersion);
  Database raw(path, false);
  Statement mode(raw, "PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.text(0), "wal");
}

TEST(StateStore, KeepsValidatorsPerFeedAcrossReopening) {
  TempDir dir;
  const auto path = dir.path() / "state.db";
  {
    StateStore store(path);
    EXPECT_FALSE(store.load("https://a/").has_value());
    store.save("https://a/", {std::string("\"v1\""), std::string("Mon, 06 Nov 2023 08:00:00 GMT")});
  }
  StateStore store(path);
  const auto validators = store.load("https://a/");
  ASSERT_TRUE(validators.has_value());
  EXPECT_EQ(*validators->etag, "\"v1\"");
  EXPECT_EQ(*validators->last_modified, "Mon, 06 Nov 2023 08:00:00 GMT");
}

TEST(StateStore, CountsConsecutiveFailuresAndResetsThemOnSuccess) {
  TempDir dir;
  StateStore store(dir.path() / "state.db");
  store.record_fetch("https://a/", "http_error", 500, at(1), true);
  store.record_fetch("https://a/", "network_error", 0, at(2), true);
  EXPECT_EQ(store.feed("https://a/")->failures, 2);
  EXPECT_EQ(*store.feed("https://a/")->last_status, "network_error");
  store.record_fetch("https://a/", "ok", 200, at(3), false);
  const auto record = store.feed("https://a/");
  EXPECT_EQ(record->failures, 0);
  EXPECT_EQ(record->http_status, 200);
  EXPECT_EQ(*record->last_fetch, at(3));
}

TEST(StateStore, FindsAnArticleByGuidInItsFeedOrByCanonicalUrlInAnyFeed) {
  TempDir dir;
  StateStore store(dir.path() / "state.db");
  store.add_article(article("https://a/", "g1", "https://x.example/1"));
  EXPECT_TRUE(store.find_article("https://a/", "g1", "").has_value());
  EXPECT_FALSE(store.find_article("https://b/", "g1", "").has_value());  // guids are per feed
  const auto across = store.find_article("https://b/", "other", "https://x.example/1");
  ASSERT_TRUE(across.has_value());
  EXPECT_EQ(across->feed_url, "https://a/");
  EXPECT_EQ(store.feed("https://a/")->items_archived, 1);
  EXPECT_EQ(store.article_count(), 1);
}

TEST(StateStore, RollsBackAFeedTransactionThatWasNotCommitted) {
  TempDir dir;
  const auto path = dir.path() / "state.db";
  {
    StateStore store(path);
    store.begin();
    store.add_article(article("https://a/", "g1", "https://x/1"));
    store.commit();
    store.begin();
    store.add_article(article("https://a/", "g2", "https://x/2"));
    // destroyed without commit, as a killed run would leave it
  }
  StateStore store(path);
  EXPECT_EQ(store.article_count(), 1);
}

TEST(StateStore, TouchUpdatesLastSeenAndTheHash) {
  TempDir dir;
  StateStore store(dir.path() / "state.db");
  store.add_article(article("https://a/", "g1", "https://x/1"));
  const auto before = *store.find_article("https://a/", "g1", "");
  store.touch_article(before.id, at(5000), "h2");
  const auto after = *store.find_article("https://a/", "g1", "");
  EXPECT_EQ(after.last_seen, at(5000));
  EXPECT_EQ(after.first_seen, at(1000));
  EXPECT_EQ(after.content_hash, "h2");
  EXPECT_EQ(after.post_path, before.post_path);
}

TEST(StateStore, MigratesAVersion1FileForward) {
  TempDir dir;
  const auto path = dir.path() / "state.db";
  {
    Database old(path, true);
    old.exec(
        "CREATE TABLE feeds(url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"
        " last_status TEXT, last_fetch INTEGER, failures INTEGER NOT NULL DEFAULT 0);"
        "CREATE TABLE articles(id INTEGER PRIMARY KEY, feed_url TEXT NOT NULL,"
        " guid TEXT NOT NULL, url TEXT, post_path TEXT NOT NULL, first_seen INTEGER NOT NULL,"
        " UNIQUE(feed_url, guid));"
        "INSERT INTO feeds VALUES('https://a/', '\"e\"', NULL, 'ok', 77, 1);"
        "INSERT INTO articles VALUES(1, 'https://a/', 'g1', 'HTTP://X.example/1?utm_source=r',"
        " '_posts/2023-01-01-one.md', 500);"
        "PRAGMA user_version = 1;");
  }
  StateStore store(path);
  EXPECT_EQ(store.schema_version(), kSchemaVersion);
  EXPECT_EQ(*store.load("https://a/")->etag, "\"e\"");
  const auto feed = store.feed("https://a/");
  EXPECT_EQ(feed->items_archived, 1);
  EXPECT_EQ(feed->failures, 1);
  // The old row gained a canonical URL: another feed's http/https copy is known.
  const auto found = store.find_article("https://b/", "zzz", "https://x.example/1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->post_path, "_posts/2023-01-01-one.md");
  EXPECT_EQ(found->last_seen, at(500));
  EXPECT_EQ(found->content_hash, "");
}

TEST(StateStore, MigratesAVersion2FileForwardWithNoScheduleYet) {
  TempDir dir;
  const auto path = dir.path() / "state.db";
  {
    StateStore current(path);  // the v3 layout, taken back to v2 by hand
  }
  {
    Database old(path, true);
    old.exec(
        "DROP TABLE runs; ALTER TABLE feeds DROP COLUMN last_error;"
        "ALTER TABLE feeds DROP COLUMN next_attempt;"
        "ALTER TABLE feeds DROP COLUMN next_attempt_reason;"
        "INSERT INTO feeds(url, last_status, failures) VALUES('https://a/', 'http_error', 4);"
        "PRAGMA user_version = 2;");
  }
  StateStore store(path);
  EXPECT_EQ(store.schema_version(), 3);
  const auto feed = store.feed("https://a/");
  EXPECT_EQ(feed->failures, 4);
  EXPECT_FALSE(feed->next_attempt.has_value());
  EXPECT_FALSE(feed->last_error.has_value());
  EXPECT_FALSE(store.run_interval().has_value());
}

TEST(StateStore, KeepsTheLastErrorAndTheNextAttemptOfAFeed) {
  TempDir dir;
  StateStore store(dir.path() / "state.db");
  FetchRecord failed{"http_error", 503, at(1000), true, false, "HTTP 503", at(5000), "backoff"};
  store.record_fetch("https://a/", failed);
  auto feed = store.feed("https://a/");
  EXPECT_EQ(feed->failures, 1);
  EXPECT_EQ(*feed->last_error, "HTTP 503");
  EXPECT_EQ(*feed->next_attempt, at(5000));
  EXPECT_EQ(*feed->next_attempt_reason, "backoff");
  store.record_fetch("https://a/", FetchRecord{"ok", 200, at(6000), false, false, "", {}, ""});
  feed = store.feed("https://a/");
  EXPECT_EQ(feed->failures, 0);
  EXPECT_FALSE(feed->last_error.has_value());
  EXPECT_FALSE(feed->next_attempt.has_value());
}

TEST(StateStore, EstimatesTheRunIntervalAsTheMedianGapBetweenRunStarts) {
  TempDir dir;
  StateStore store(dir.path() / "state.db");
  store.record_run(at(0));
  EXPECT_FALSE(store.run_interval().has_value());
  const std::int64_t minute = 60000;
  for (std::int64_t start : {15, 30, 45, 200, 215}) store.record_run(at(start * minute));
  EXPECT_EQ(store.run_interval(), std::chrono::milliseconds(15 * minute));
  for (int i = 0; i < 40; ++i) store.record_run(at((300 + i * 60) * minute));
  EXPECT_EQ(store.run_interval(), std::chrono::milliseconds(60 * minute));
}

TEST(StateStore, RefusesAFileFromANewerFeedarchiver) {
  TempDir dir;
  const auto path = dir.path() / "state.db";
  {
    Database future(path, true);
    future.exec("PRAGMA user_version = 99;");
  }
  try {
    StateStore store(path);
    FAIL() << "opened";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
}

TEST(RunLock, AllowsOneHolderAtATime) {
  TempDir dir;
  const auto path = dir.path() / "state.db.lock";
  auto first = RunLock::try_acquire(path);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(RunLock::holder_pid(path), static_cast<long>(::getpid()));
  EXPECT_FALSE(RunLock::try_acquire(path).has_value());  // flock is per open file
  first.reset();
  EXPECT_TRUE(RunLock::try_acquire(path).has_value());
}

}  // namespace
}  // namespace feedarchiver::state
