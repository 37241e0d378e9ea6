// The writer on a real directory: names, clashes, the from:-line dedupe, dry runs and
// atomic writes.

#include "feedarchiver/write/jekyll_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "feedarchiver/error.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::write {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

// 2023-11-26T19:34:51.128Z
const Timestamp kDay1 = Timestamp(std::chrono::milliseconds(1701027291128LL));

Post make_post(const std::string& title, const std::string& url, Timestamp date,
               bool dated = true) {
  Post post;
  post.title = title;
  post.date = date;
  if (dated) post.published = date;
  post.author = "自由亚洲电台";
  post.url = url;
  post.tags = {post.author};
  post.categories = {post.author};
  post.body_html = "<p>" + title + "</p>";
  return post;
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(JekyllWriter, WritesThePostUnderPostsWithADateAndSlugName) {
  TempDir site;
  JekyllWriter writer(site.path());
  EXPECT_EQ(writer.posts_dir(), site.path() / "_posts");
  const Post post = make_post("中、日、韩外长会晤 寻求三国首脑峰会", "https://x.org/1", kDay1);
  const WriteOutcome outcome = writer.write(post);
  EXPECT_EQ(outcome.status, WriteStatus::written);
  EXPECT_EQ(outcome.path,
            site.path() / "_posts" / "2023-11-26-中-日-韩外长会晤-寻求三国首脑峰会.md");
  EXPECT_EQ(read_file(outcome.path), render_post(post));
}

TEST(JekyllWriter, UsesTheUtcDateInTheName) {
  TempDir site;
  JekyllWriter writer(site.path());
  const Timestamp late =
      Timestamp(std::chrono::sys_days(std::chrono::year{2023} / std::chrono::December / 31)) + 23h +
      59min;
  EXPECT_EQ(writer.write(make_post("Late", "https://x.org/late", late)).path.filename(),
            "2023-12-31-Late.md");
}

TEST(JekyllWriter, SameArticleTwiceIsWrittenOnce) {
  TempDir site;
  JekyllWriter writer(site.path());
  const Post post = make_post("Title", "https://x.org/1", kDay1);
  const WriteOutcome first = writer.write(post);
  const WriteOutcome second = writer.write(post);
  EXPECT_EQ(second.status, WriteStatus::already_present);
  EXPECT_EQ(second.path, first.path);
  EXPECT_EQ(names_in(writer.posts_dir()).size(), 1u);

  // A new writer (the next run) finds it through its listing of _posts.
  JekyllWriter rerun(site.path());
  EXPECT_EQ(rerun.write(post).status, WriteStatus::already_present);
  EXPECT_EQ(names_in(writer.posts_dir()).size(), 1u);
}

TEST(JekyllWriter, DifferentArticleWithTheSameNameGetsANumberSuffix) {
  TempDir site;
  JekyllWriter writer(site.path());
  EXPECT_EQ(writer.write(make_post("Title", "https://x.org/1", kDay1)).path.filename(),
            "2023-11-26-Title.md");
  EXPECT_EQ(writer.write(make_post("Title", "https://x.org/2", kDay1)).path.filename(),
            "2023-11-26-Title-2.md");
  EXPECT_EQ(writer.write(make_post("Title", "https://x.org/3", kDay1 + 1h)).path.filename(),
            "2023-11-26-Title-3.md");
  // The suffixed ones are recognised again, by this writer and by the next run.
  EXPECT_EQ(writer.write(make_post("Title", "https://x.org/3", kDay1)).status,
            WriteStatus::already_present);
  JekyllWriter rerun(site.path());
  const WriteOutcome again = rerun.write(make_post("Title", "https://x.org/2", kDay1));
  EXPECT_EQ(again.status, WriteStatus::already_present);
  EXPECT_EQ(again.path.filename(), "2023-11-26-Title-2.md");
  EXPECT_EQ(rerun.write(make_post("Title", "https://x.org/4", kDay1)).path.filename(),
            "2023-11-26-Title-4.md");
}

TEST(JekyllWriter, SameUndatedArticleOnAnotherDayIsAlreadyPresent) {
  TempDir site;
  JekyllWriter writer(site.path());
  const Post monday = make_post("Undated", "https://x.org/u", kDay1, /*dated=*/false);
  ASSERT_EQ(writer.write(monday).status, WriteStatus::written);
  JekyllWriter next_day(site.path());
  const Post tuesday = make_post("Undated", "https://x.org/u", kDay1 + 25h, /*dated=*/false);
  const WriteOutcome outcome = next_day.write(tuesday);
  EXPECT_EQ(outcome.status, WriteStatus::already_present);
  EXPECT_EQ(outcome.path.filename(), "2023-11-26-Undated.md");
  EXPECT_EQ(names_in(next_day.posts_dir()).size(), 1u);
}

TEST(JekyllWriter, WithoutUrlComparesTheWholePostButItsDate) {
  TempDir site;
  JekyllWriter writer(site.path());
  ASSERT_EQ(writer.write(make_post("No URL", "", kDay1, false)).status, WriteStatus::written);
  JekyllWriter next_day(site.path());
  EXPECT_EQ(next_day.write(make_post("No URL", "", kDay1 + 25h, false)).status,
            WriteStatus::already_present);
  Post other = make_post("No URL", "", kDay1, false);
  other.body_html = "<p>another article</p>";
  const WriteOutcome outcome = next_day.write(other);
  EXPECT_EQ(outcome.status, WriteStatus::written);
  EXPECT_EQ(outcome.path.filename(), "2023-11-26-No-URL-2.md");
}

TEST(JekyllWriter, IgnoresOtherFilesAndTitlesEndingInNumbers) {
  TempDir site;
  fs::create_directories(site.path() / "_posts");
  write_file(site.path() / "_posts" / "notes.txt", "from: https://x.org/1\n");
  write_file(site.path() / "_posts" / "2023-11-26-Top-10.md",
             "---\nlayout: post\nfrom: https://x.org/top10\n---\n");
  JekyllWriter writer(site.path());
  EXPECT_EQ(writer.write(make_post("Top 10", "https://x.org/top10", kDay1)).status,
            WriteStatus::already_present);
  EXPECT_EQ(writer.write(make_post("Top", "https://x.org/top", kDay1)).path.filename(),
            "2023-11-26-Top.md");
  EXPECT_EQ(writer.write(make_post("Top 10", "https://x.org/other", kDay1)).path.filename(),
            "2023-11-26-Top-10-2.md");
}

TEST(JekyllWriter, DryRunWritesNothing) {
  TempDir site;
  JekyllWriter writer(site.path(), /*dry_run=*/true);
  const WriteOutcome first = writer.write(make_post("Title", "https://x.org/1", kDay1));
  EXPECT_EQ(first.status, WriteStatus::dry_run);
  EXPECT_EQ(first.path, site.path() / "_posts" / "2023-11-26-Title.md");
  EXPECT_FALSE(fs::exists(site.path() / "_posts"));
  // Within one dry run, clashes and repeats come out as a real run would have them.
  EXPECT_EQ(writer.write(make_post("Title", "https://x.org/1", kDay1)).status,
            WriteStatus::already_present);
  EXPECT_EQ(writer.write(make_post("Title", "https://x.org/2", kDay1)).path.filename(),
            "2023-11-26-Title-2.md");
  EXPECT_FALSE(fs::exists(site.path() / "_posts"));
}

TEST(JekyllWriter, DryRunSeesExistingPosts) {
  TempDir site;
  JekyllWriter(site.path()).write(make_post("Title", "https://x.org/1", kDay1));
  JekyllWriter writer(site.path(), /*dry_run=*/true);
  EXPECT_EQ(writer.write(make_post("Title", "https://x.org/1", kDay1)).status,
            WriteStatus::already_present);
  EXPECT_EQ(writer.write(make_post("Title", "https://x.org/2", kDay1)).status,
            WriteStatus::dry_run);
  EXPECT_EQ(names_in(writer.posts_dir()).size(), 1u);
}

TEST(JekyllWriter, LeavesNoTemporaryFiles) {
  TempDir site;
  JekyllWriter writer(site.path());
  for (int i = 0; i < 20; ++i) {
    writer.write(
        make_post("Post " + std::to_string(i % 5), "https://x.org/" + std::to_string(i), kDay1));
  }
  const auto names = names_in(writer.posts_dir());
  EXPECT_EQ(names.size(), 20u);
  for (const auto& name : names) {
    EXPECT_NE(name.front(), '.') << name;
    EXPECT_EQ(name.substr(0, 11), "2023-11-26-") << name;
  }
}

TEST(JekyllWriter, ConcurrentWritesNeitherCollideNorDuplicate) {
  TempDir site;
  JekyllWriter writer(site.path());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&writer] {
      // Every thread writes the same 30 articles: each must land exactly once.
      for (int i = 0; i < 30; ++i) {
        writer.write(make_post("Same title", "https://x.org/" + std::to_string(i), kDay1));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(names_in(writer.posts_dir()).size(), 30u);
}

TEST(JekyllWriter, HostileTitlesStayInsidePosts) {
  TempDir site;
  JekyllWriter writer(site.path());
  for (const char* title : {"../../etc/passwd", "/abs/path", ".hidden", "_draft", "...", "🎉",
                            "a\0b", "CON", "x/../../y"}) {
    const WriteOutcome outcome = writer.write(make_post(title, "https://x.org/h", kDay1));
    EXPECT_EQ(outcome.path.parent_path(), writer.posts_dir()) << title;
    const std::string name = outcome.path.filename().string();
    EXPECT_EQ(name.find('/'), std::string::npos);
    EXPECT_NE(name[11], '.');
    EXPECT_NE(name[11], '_');
    EXPECT_NE(name[11], '-');
  }
}

TEST(JekyllWriter, ThrowsWhenPostsCannotBeCreated) {
  TempDir site;
  write_file(site.path() / "_posts", "a file where the directory should be");
  try {
    JekyllWriter writer(site.path());
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("_posts"), std::string::npos) << error.what();
  }
}

TEST(JekyllWriter, ThrowsOnAnUnwritableDirectory) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  TempDir site;
  JekyllWriter writer(site.path());
  fs::permissions(writer.posts_dir(), fs::perms::owner_read | fs::perms::owner_exec);
  try {
    writer.write(make_post("Title", "https://x.org/1", kDay1));
    ADD_FAILURE() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("2023-11-26-Title.md"), std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("Permission denied"), std::string::npos)
        << error.what();
  }
  fs::permissions(writer.posts_dir(), fs::perms::owner_all);
}

TEST(AtomicFile, ReplacesTheFileWhole) {
  TempDir dir;
  const fs::path path = dir.path() / "file.md";
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  EXPECT_EQ(read_file(path), "second");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"file.md"});
}

TEST(AtomicFile, ThrowsNamingThePathWhenTheDirectoryIsMissing) {
  TempDir dir;
  const fs::path path = dir.path() / "missing" / "file.md";
  try {
    write_file_atomically(path, "x");
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find(path.string()), std::string::npos) << what;
    EXPECT_NE(what.find("No such file or directory"), std::string::npos) << what;
  }
}

TEST(AtomicFile, RemovesTheTemporaryFileWhenTheRenameFails) {
  TempDir dir;
  const fs::path path = dir.path() / "target";
  fs::create_directories(path / "not-empty");  // rename(file, non-empty dir) fails
  EXPECT_THROW(write_file_atomically(path, "x"), Error);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"target"});
}

TEST(JekyllWriter, SyncMakesABatchDurableAndLeavesCompletePosts) {
  TempDir site;
  JekyllWriter writer(site.path());
  const auto first = writer.write(make_post("One", "https://x.org/1", kDay1));
  const auto second = writer.write(make_post("Two", "https://x.org/2", kDay1));
  writer.sync();
  writer.sync();  // nothing new: a no-op
  EXPECT_NE(read_file(first.path).find("from: https://x.org/1\n"), std::string::npos);
  EXPECT_NE(read_file(second.path).find("from: https://x.org/2\n"), std::string::npos);
}

TEST(JekyllWriter, ReusesTheNameOfAnEmptyPostLeftByAPowerLoss) {
  TempDir site;
  fs::create_directories(site.path() / "_posts");
  const fs::path empty = site.path() / "_posts" / "2023-11-26-Title.md";
  write_file(empty, "");
  JekyllWriter writer(site.path());
  const auto outcome = writer.write(make_post("Title", "https://x.org/1", kDay1));
  EXPECT_EQ(outcome.status, WriteStatus::written);
  EXPECT_EQ(outcome.path, empty);
  EXPECT_NE(read_file(empty).find("from: https://x.org/1\n"), std::string::npos);
}

TEST(JekyllWriter, NeverOverwritesAUsersOwnPostWithTheSameName) {
  TempDir site;
  fs::create_directories(site.path() / "_posts");
  const fs::path mine = site.path() / "_posts" / "2023-11-26-Title.md";
  write_file(mine, "---\nlayout: post\ntitle: mine\n---\nmy words\n");
  JekyllWriter writer(site.path());
  const auto outcome = writer.write(make_post("Title", "https://x.org/1", kDay1));
  EXPECT_EQ(outcome.path.filename().string(), "2023-11-26-Title-2.md");
  EXPECT_EQ(read_file(mine), "---\nlayout: post\ntitle: mine\n---\nmy words\n");
}

}  // namespace
}  // namespace feedarchiver::write
