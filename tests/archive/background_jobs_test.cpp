#include "feedarchiver/archive/background_jobs.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace feedarchiver::archive {
namespace {

TEST(BackgroundJobs, EveryResultReachesTheCallingThreadOnce) {
  BackgroundJobs<int> jobs(2, 4);
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<int> seen;
  const auto consume = [&](int value) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    seen.push_back(value);
  };
  for (int i = 0; i < 200; ++i) {
    jobs.submit([i] { return i * i; }, consume);
  }
  jobs.drain(consume, true);
  ASSERT_EQ(seen.size(), 200u);
  std::sort(seen.begin(), seen.end());
  for (int i = 0; i < 200; ++i) EXPECT_EQ(seen[static_cast<std::size_t>(i)], i * i);
}

TEST(BackgroundJobs, JobsRunOffTheCallingThread) {
  BackgroundJobs<std::thread::id> jobs(1, 2);
  std::vector<std::thread::id> ids;
  jobs.submit([] { return std::this_thread::get_id(); },
              [&](std::thread::id id) { ids.push_back(id); });
  jobs.drain([&](std::thread::id id) { ids.push_back(id); }, true);
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_NE(ids[0], std::this_thread::get_id());
}

TEST(BackgroundJobs, AJobsExceptionIsRethrownByDrain) {
  BackgroundJobs<int> jobs(1, 2);
  const auto ignore = [](int) {};
  jobs.submit([]() -> int { throw std::runtime_error("feed 7: cannot parse"); }, ignore);
  try {
    jobs.drain(ignore, true);
    FAIL() << "no exception";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "feed 7: cannot parse");
  }
}

TEST(BackgroundJobs, SubmitWaitsWhileTooManyJobsArePending) {
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  BackgroundJobs<int> jobs(2, 2);
  std::size_t consumed = 0;
  const auto consume = [&](int) { ++consumed; };
  for (int i = 0; i < 20; ++i) {
    jobs.submit(
        [&] {
          const int now = ++running;
          int seen = most.load();
          while (now > seen && !most.compare_exchange_weak(seen, now)) {
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
          --running;
          return 0;
        },
        consume);
  }
  jobs.drain(consume, true);
  EXPECT_EQ(consumed, 20u);
  EXPECT_LE(most.load(), 2);
}

TEST(BackgroundJobs, DestroyingWithQueuedJobsDoesNotHang) {
  std::atomic<int> ran{0};
  {
    BackgroundJobs<int> jobs(1, 100);
    for (int i = 0; i < 50; ++i) {
      jobs.submit(
          [&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return ++ran;
          },
          [](int) {});
    }
  }
  EXPECT_LE(ran.load(), 50);
}

}  // namespace
}  // namespace feedarchiver::archive
