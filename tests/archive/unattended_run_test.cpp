// `run` as a cron job, driven as a library with a fake fetcher and an injected clock:
// deadlines and signals (a StopSignal), Retry-After deferral, backoff of failing feeds.

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "feedarchiver/archive/archive_run.hpp"
#include "feedarchiver/archive/plan.hpp"
#include "feedarchiver/archive/schedule.hpp"
#include "feedarchiver/archive/site.hpp"
#include "feedarchiver/state/state_store.hpp"
#include "support/fake_fetcher.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::archive {
namespace {

namespace fs = std::filesystem;
using std::chrono::minutes;
using testing::FakeFetcher;
using testing::TempDir;

std::string rss(const std::string& title, int items) {
  std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + title +
                    "</title><link>https://example.com/</link>";
  for (int i = 0; i < items; ++i) {
    const std::string link = "https://news.example.com/" + title + "/" + std::to_string(i);
    xml += "<item><title>" + title + " story " + std::to_string(i) + "</title><link>" + link +
           "</link><guid>" + link +
           "</guid><pubDate>Mon, 06 Nov 2023 08:00:00 GMT</pubDate><description>&lt;p&gt;Body "
           "&lt;/p&gt;</description></item>";
  }
  return xml + "</channel></rss>";
}

class RecordingEvents final : public RunEvents {
 public:
  void source_finished(const SourceReport& report) override { finished.push_back(report); }
  void info(const std::string&) override {}
  void warning(const std::string&) override {}
  std::vector<SourceReport> finished;
};

const Timestamp kStart{std::chrono::milliseconds(1800000000000LL)};

struct Runner {
  TempDir dir;
  FakeFetcher fetcher;
  std::vector<config::FeedConfig> feeds;

  void add(const std::string& name, bool full_text = false) {
    config::FeedConfig feed;
    feed.url = "https://" + name + ".example.com/rss";
    feed.name = name;
    feed.full_text = full_text;
    feeds.push_back(feed);
  }
  std::string url(const std::string& name) const { return "https://" + name + ".example.com/rss"; }

  RunReport run(Timestamp now, RecordingEvents& events, bool all = false, bool scheduled = true) {
    config::FeedsConfig config;
    config.feeds = feeds;
    RunOptions options;
    options.now = now;
    options.scheduled = scheduled;
    options.ignore_schedules = all;
    const Plan plan = plan_feeds(config, config::Shard{}, options);
    Site site({dir.path(), "", StateUse::create, false, false}, events);
    std::istringstream no_input;
    return archive_sources(plan, site, fetcher, no_input, events);
  }
  std::size_t posts() const {
    std::size_t count = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir.path() / "_posts", ec)) {
      (void)entry;
      ++count;
    }
    return count;
  }
  std::optional<state::FeedRecord> record(const std::string& name) {
    state::StateStore store(dir.path() / ".feedarchiver" / "state.db");
    return store.feed(url(name));
  }
};

TEST(UnattendedRun, AStopCommitsTheCompleteFeedsAndReportsTheRestNotReached) {
  Runner runner;
  for (const char* name : {"a", "b", "c"}) {
    runner.add(name);
    runner.fetcher.serve(runner.url(name), rss(name, 2), "application/rss+xml", "\"v1\"");
  }
  fetch::StopSignal stop;
  runner.fetcher.set_stop(&stop);
  runner.fetcher.stop_after(1, stop);
  RecordingEvents events;
  const RunReport report = runner.run(kStart, events);
  EXPECT_TRUE(report.stopped);
  EXPECT_EQ(report.items_new, 2u);
  EXPECT_EQ(report.failed, 2u);
  EXPECT_EQ(report.not_reached, (std::vector<std::string>{"b", "c"}));
  ASSERT_EQ(events.finished.size(), 3u);
  EXPECT_EQ(events.finished[1].status, "not_reached");
  EXPECT_EQ(events.finished[1].error, "not reached: stopped by a signal");
  // Nothing of b or c is in the state: the next run fetches them in full.
  EXPECT_FALSE(runner.record("b").has_value());
  EXPECT_EQ(runner.posts(), 2u);

  fetch::StopSignal fresh;
  runner.fetcher.set_stop(&fresh);
  runner.fetcher.stop_after(1000, fresh);
  RecordingEvents again;
  const RunReport rerun = runner.run(kStart + minutes(15), again);
  EXPECT_EQ(rerun.failed, 0u);
  EXPECT_EQ(rerun.items_new, 4u);
  EXPECT_EQ(rerun.not_modified, 1u);
  EXPECT_EQ(runner.posts(), 6u);
}

TEST(UnattendedRun, AFeedWaitingForItsPagesWhenStoppedIsNotCommitted) {
  Runner runner;
  runner.add("full", true);
  runner.fetcher.serve(runner.url("full"), rss("full", 2), "application/rss+xml", "\"v1\"");
  fetch::StopSignal stop;
  runner.fetcher.set_stop(&stop);
  runner.fetcher.stop_after(1, stop);  // the feed is read, its pages are not
  RecordingEvents events;
  const RunReport report = runner.run(kStart, events);
  EXPECT_EQ(report.not_reached, std::vector<std::string>{"full"});
  EXPECT_EQ(report.items_new, 0u);
  EXPECT_EQ(runner.posts(), 0u);
  EXPECT_EQ(runner.fetcher.requested.size(), 1u);  // no page was asked for after the stop
  // No validators saved: the next run gets the feed again, not a 304.
  EXPECT_FALSE(runner.record("full").has_value());
}

TEST(UnattendedRun, ALongRetryAfterDefersTheFeedUntilThenWithoutFailingTheRun) {
  Runner runner;
  runner.add("busy");
  runner.add("fine");
  runner.fetcher.defer(runner.url("busy"), 503, std::chrono::hours(24));
  runner.fetcher.serve(runner.url("fine"), rss("fine", 1));
  RecordingEvents first;
  const RunReport report = runner.run(kStart, first);
  EXPECT_EQ(report.failed, 0u);
  ASSERT_EQ(report.deferred.size(), 1u);
  EXPECT_EQ(report.deferred[0].first, "busy");
  EXPECT_EQ(report.deferred[0].second, kStart + std::chrono::hours(24));
  const auto record = runner.record("busy");
  EXPECT_EQ(*record->next_attempt, kStart + std::chrono::hours(24));
  EXPECT_EQ(*record->next_attempt_reason, "retry-after");
  EXPECT_EQ(record->failures, 0);
  EXPECT_NE(record->last_error->find("retry after 86400 s"), std::string::npos);

  // The next runs of the day skip it (no request), and still report it deferred.
  runner.fetcher.requested.clear();
  RecordingEvents later;
  const RunReport skipped = runner.run(kStart + minutes(15), later);
  EXPECT_EQ(skipped.failed, 0u);
  EXPECT_EQ(skipped.deferred.size(), 1u);
  EXPECT_EQ(runner.fetcher.requested, std::vector<std::string>{runner.url("fine")});
  EXPECT_EQ(later.finished[0].status, "deferred");

  // --all ignores the schedule; after the day it is due again.
  runner.fetcher.serve(runner.url("busy"), rss("busy", 1));
  runner.fetcher.requested.clear();
  RecordingEvents all;
  runner.run(kStart + minutes(30), all, true);
  EXPECT_EQ(runner.fetcher.requested.size(), 2u);
  EXPECT_FALSE(runner.record("busy")->next_attempt.has_value());
}

TEST(UnattendedRun, ArchiveCountsALongRetryAfterAsAFailure) {
  Runner runner;
  runner.add("busy");
  runner.fetcher.defer(runner.url("busy"), 429, std::chrono::hours(2));
  RecordingEvents events;
  const RunReport report = runner.run(kStart, events, false, /*scheduled=*/false);
  EXPECT_EQ(report.failed, 1u);
  EXPECT_TRUE(report.deferred.empty());
  EXPECT_EQ(events.finished[0].status, "http_error");
  EXPECT_NE(events.finished[0].error.find("retry after 7200 s"), std::string::npos);
}

TEST(UnattendedRun, ADeadFeedIsTriedAtMostOncePerBackoffWindowAcross20Runs) {
  Runner runner;
  runner.add("dead");
  runner.add("alive");
  runner.fetcher.fail(runner.url("dead"), fetch::FetchStatus::network_error, 0, "refused");
  runner.fetcher.serve(runner.url("alive"), rss("alive", 1), "application/rss+xml", "\"v1\"");
  std::vector<Timestamp> attempts;
  std::size_t failed_runs = 0;
  for (int i = 0; i < 20; ++i) {
    const Timestamp now = kStart + minutes(15) * i;
    runner.fetcher.requested.clear();
    RecordingEvents events;
    const RunReport report = runner.run(now, events);
    if (report.failed > 0) ++failed_runs;
    for (const std::string& url : runner.fetcher.requested) {
      if (url == runner.url("dead")) attempts.push_back(now);
    }
  }
  // 15-minute runs: after N failures the wait is 2^N × 15 min (30, 60, 120, 240 min...).
  ASSERT_EQ(attempts.size(), 4u);
  for (std::size_t n = 1; n < attempts.size(); ++n) {
    EXPECT_GE(attempts[n] - attempts[n - 1],
              backoff_wait(static_cast<long>(n), std::chrono::milliseconds(minutes(15))));
  }
  EXPECT_EQ(failed_runs, attempts.size());  // exit 3 only when the dead feed was due
  // The schedule is in the state (committed per feed): a new process sees it.
  const auto record = runner.record("dead");
  EXPECT_EQ(record->failures, 4);
  EXPECT_EQ(*record->next_attempt_reason, "backoff");
  EXPECT_EQ(*record->last_error, "network_error: refused");
}

TEST(Backoff, DoublesWithEachFailureUpToADay) {
  const std::chrono::milliseconds quarter = minutes(15);
  EXPECT_EQ(backoff_wait(1, quarter), minutes(30));
  EXPECT_EQ(backoff_wait(3, std::nullopt), minutes(120));
  EXPECT_EQ(backoff_wait(40, quarter), std::chrono::hours(24));
}

}  // namespace
}  // namespace feedarchiver::archive
