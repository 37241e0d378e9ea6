#pragma once
// Pure work (decode → parse → normalize → build posts) on worker threads while the calling
// thread keeps the fetcher moving and does the I/O (writes, state). Results come back to the
// calling thread, in the order the jobs finish, through drain(); a job's exception is
// rethrown there. No state outside the object; the destructor waits for running jobs.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace feedarchiver::archive {

/// One worker thread per core (the caller mostly waits on the network), at least one.
inline std::size_t worker_count() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 1 ? cores : 1;
}

template <typename Result>
class BackgroundJobs {
 public:
  /// `threads` workers; at most `max_pending` jobs wait or run at once (submit blocks beyond,
  /// which bounds the memory of queued inputs).
  explicit BackgroundJobs(std::size_t threads, std::size_t max_pending)
      : max_pending_(max_pending < 1 ? 1 : max_pending) {
    if (threads < 1) threads = 1;
    workers_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }

  ~BackgroundJobs() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      jobs_.clear();
    }
    job_ready_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

  BackgroundJobs(const BackgroundJobs&) = delete;
  BackgroundJobs& operator=(const BackgroundJobs&) = delete;

  /// Queues a job; blocks while `max_pending` jobs are queued or running, handing finished
  /// results to `consume` meanwhile (in this thread).
  template <typename Consume>
  void submit(std::function<Result()> job, Consume&& consume) {
    std::unique_lock lock(mutex_);
    while (queued_or_running_ >= max_pending_) {
      if (!done_.empty()) {
        consume_all(lock, consume);
        continue;
      }
      result_ready_.wait(lock);
    }
    jobs_.push_back(std::move(job));
    ++queued_or_running_;
    lock.unlock();
    job_ready_.notify_one();
  }

  /// Hands every finished result to `consume`; with `wait`, until every submitted job has
  /// finished and been consumed.
  template <typename Consume>
  void drain(Consume&& consume, bool wait) {
    std::unique_lock lock(mutex_);
    while (true) {
      consume_all(lock, consume);
      if (!wait || (queued_or_running_ == 0 && done_.empty())) return;
      if (done_.empty()) result_ready_.wait(lock);
    }
  }

 private:
  struct Finished {
    std::optional<Result> result;
    std::exception_ptr error;
  };

  // Called with the lock held; releases it while `consume` runs.
  template <typename Consume>
  void consume_all(std::unique_lock<std::mutex>& lock, Consume& consume) {
    while (!done_.empty()) {
      Finished finished = std::move(done_.front());
      done_.pop_front();
      lock.unlock();
      if (finished.error) {
        lock.lock();
        std::rethrow_exception(finished.error);
      }
      consume(std::move(*finished.result));
      lock.lock();
    }
  }

  void work() {
    while (true) {
      std::function<Result()> job;
      {
        std::unique_lock lock(mutex_);
        job_ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (stopping_) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      Finished finished;
      try {
        finished.result.emplace(job());
      } catch (...) {
        finished.error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex_);
        done_.push_back(std::move(finished));
        --queued_or_running_;
      }
      result_ready_.notify_all();
    }
  }

  const std::size_t max_pending_;
  std::mutex mutex_;
  std::condition_variable job_ready_;
  std::condition_variable result_ready_;
  std::deque<std::function<Result()>> jobs_;
  std::deque<Finished> done_;
  std::size_t queued_or_running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace feedarchiver::archive
