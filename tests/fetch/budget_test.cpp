// Unattended runs: every fault a real server shows ends within the request's time budget
// with a clear error; Retry-After is slept only when short; a StopSignal (deadline or signal)
// ends fetch_all promptly and reports every request once. Budgets and stall times are small
// here (a few seconds) so that the tests stay fast.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "feedarchiver/fetch/curl_fetcher.hpp"
#include "feedarchiver/fetch/stop_signal.hpp"
#include "fetch/loopback_request.hpp"
#include "support/fault_kinds.hpp"
#include "support/fault_server.hpp"

namespace feedarchiver::fetch {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::FaultServer;
using testing::http_response;
using testing::serve_fault;
using Connection = FaultServer::Connection;
using Clock = std::chrono::steady_clock;

constexpr char kFeed[] = "<rss version=\"2.0\"><channel><title>fine</title></channel></rss>";

// One server, a path per fault kind of issue #16 (and a healthy feed at /ok).
void misbehave(Connection& connection, const std::string& request) {
  const std::string path = FaultServer::path_of(request);
  if (path == "/ok") {
    connection.send(http_response(200, "", kFeed));
  } else if (!serve_fault(connection, path, kFeed)) {
    connection.send(http_response(404, "", "no such fault"));
  }
}

// Small limits: a 3 s budget, a stall after 1 s below 1 KiB/s, a 1 MiB body cap.
FetchRequest quick(const std::string& url) {
  FetchRequest request = request_for(url);
  request.limits.connect_timeout = seconds(1);
  request.limits.budget = seconds(3);
  request.limits.stall_timeout = seconds(1);
  request.limits.max_bytes = 1024u * 1024u;
  return request;
}

struct Timed {
  FetchResult result;
  Clock::duration elapsed{};
};

Timed timed_fetch(CurlFetcher& fetcher, const FetchRequest& request) {
  const auto started = Clock::now();
  Timed timed;
  timed.result = fetcher.fetch(request);
  timed.elapsed = Clock::now() - started;
  return timed;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(FetchBudget, AOneDayRetryAfterReturnsAtOnceWithTheAskedWait) {
  FaultServer server(misbehave);
  CurlFetcher fetcher;  // default limits: the 90 s budget, Retry-After slept up to 30 s
  const Timed timed = timed_fetch(fetcher, request_for(server.url("/503-day")));
  EXPECT_LT(timed.elapsed, seconds(2));
  EXPECT_EQ(timed.result.status, FetchStatus::http_error);
  EXPECT_EQ(timed.result.http_status, 503);
  EXPECT_EQ(timed.result.tries, 1);
  EXPECT_EQ(timed.result.retry_after, seconds(86400));
  EXPECT_EQ(describe(timed.result),
            "http_error (HTTP 503): HTTP 503; no retry: Retry-After asks for 86400 s, more "
            "than the 30 s a fetch waits");
}

TEST(FetchBudget, AStallWithHeadersIsNotRetried) {
  FaultServer server(misbehave);
  CurlFetcher fetcher;
  const Timed timed = timed_fetch(fetcher, quick(server.url("/stall")));
  EXPECT_EQ(timed.result.status, FetchStatus::network_error);
  EXPECT_TRUE(contains(timed.result.error, "stalled")) << timed.result.error;
  EXPECT_EQ(timed.result.tries, 1);
  EXPECT_LT(timed.elapsed, milliseconds(2500));
  EXPECT_EQ(server.connections(), 1);
}

TEST(FetchBudget, ATrickleOfOneByteAtATimeIsAStallAndNotRetried) {
  FaultServer server(misbehave);
  CurlFetcher fetcher;
  const Timed timed = timed_fetch(fetcher, quick(server.url("/trickle")));
  EXPECT_EQ(timed.result.status, FetchStatus::network_error);
  EXPECT_TRUE(contains(timed.result.error, "stalled")) << timed.result.error;
  EXPECT_EQ(timed.result.tries, 1);
  EXPECT_LT(timed.elapsed, milliseconds(2500));
}

TEST(FetchBudget, ASilentServerIsRetriedOnlyWithinTheBudget) {
  FaultServer server(misbehave);
  CurlFetcher fetcher;
  // A 5 s budget: curl notices a 1 s stall after 1 to 2 s (it measures in whole seconds, later
  // on a loaded machine), and a retry starts only with 1 s of the budget left after its wait.
  FetchRequest request = quick(server.url("/silent"));
  request.limits.budget = seconds(5);
  const Timed timed = timed_fetch(fetcher, request);
  EXPECT_EQ(timed.result.status, FetchStatus::network_error);
  // Stalled, or (the last try) cut by the budget: either way no byte came.
  EXPECT_TRUE(contains(timed.result.error, "0 bytes") || contains(timed.result.error, "stalled"))
      << timed.result.error;
  EXPECT_GE(timed.result.tries, 2);  // nothing arrived: worth another try
  EXPECT_LT(timed.elapsed, milliseconds(5800));
}

TEST(FetchBudget, ABodyStillArrivingWhenTheBudgetEndsIsNotRetried) {
  FaultServer server(misbehave);
  CurlFetcher fetcher;
  FetchRequest request = quick(server.url("/endless-slow"));
  request.limits.budget = seconds(2);
  const Timed timed = timed_fetch(fetcher, request);
  EXPECT_EQ(timed.result.status, FetchStatus::network_error);
  EXPECT_TRUE(contains(timed.result.error, "time budget of 2 s used up")) << timed.result.error;
  EXPECT_EQ(timed.result.tries, 1);
  EXPECT_LT(timed.elapsed, milliseconds(2800));
}

TEST(FetchBudget, EveryFaultKindEndsWithinTheBudgetWithAClearError) {
  FaultServer server(misbehave);
  const std::map<std::string, std::pair<FetchStatus, std::string>> expected = {
      {"/stall", {FetchStatus::network_error, "stalled"}},
      {"/trickle", {FetchStatus::network_error, "stalled"}},
      // Nothing came: tried again when the budget leaves a second for it (see above).
      {"/silent", {FetchStatus::network_error, "stalled|0 bytes"}},
      {"/503-day", {FetchStatus::http_error, "Retry-After asks for 86400 s"}},
      {"/429", {FetchStatus::http_error, "HTTP 429"}},
      {"/500", {FetchStatus::http_error, "HTTP 500"}},
      {"/reset", {FetchStatus::network_error, "reset"}},
      {"/truncated", {FetchStatus::network_error, "bytes remaining"}},
      {"/lying-length", {FetchStatus::network_error, "stalled"}},
      {"/gzip-bomb", {FetchStatus::too_large, "larger than 1048576 bytes"}},
      {"/endless", {FetchStatus::too_large, "larger than 1048576 bytes"}},
      {"/endless-slow", {FetchStatus::network_error, "time budget of 3 s used up"}},
      {"/loop", {FetchStatus::network_error, "more than 10 redirects"}},
      {"/hops/35", {FetchStatus::network_error, "more than 10 redirects"}},
      {"/huge-headers", {FetchStatus::network_error, "headers larger than"}},
  };
  std::vector<FetchRequest> requests;
  std::vector<std::string> paths;
  for (int i = 0; i < 4; ++i) {
    paths.push_back("/ok");
    requests.push_back(quick(server.url("/ok")));
  }
  for (const auto& [path, outcome] : expected) {
    paths.push_back(path);
    requests.push_back(quick(server.url(path)));
  }
  CurlFetcherOptions options;
  options.jobs = 32;
  options.per_host = 32;
  CurlFetcher fetcher(options);
  std::vector<int> reported(requests.size(), 0);
  std::vector<FetchResult> results(requests.size());
  testing::gzip_bomb();  // made before the clock starts (a second of compression)
  const auto started = Clock::now();
  fetcher.fetch_all(requests, [&](std::size_t index, FetchResult result) {
    ++reported[index];
    results[index] = std::move(result);
  });
  const auto elapsed = Clock::now() - started;
  EXPECT_LT(elapsed, milliseconds(4500));  // the 3 s budget and some slack
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_EQ(reported[i], 1) << paths[i];
    const FetchResult& result = results[i];
    if (paths[i] == "/ok") {
      EXPECT_EQ(result.status, FetchStatus::ok) << describe(result);
      EXPECT_EQ(result.body, kFeed);
      continue;
    }
    const auto& [status, part] = expected.at(paths[i]);
    EXPECT_EQ(result.status, status) << paths[i] << ": " << describe(result);
    // `part` may list alternatives: "a|b".
    bool found = false;
    for (std::string_view rest = part; !found;) {
      const std::size_t bar = rest.find('|');
      found = contains(result.error, std::string(rest.substr(0, bar)));
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
    EXPECT_TRUE(found) << paths[i] << ": " << describe(result);
    EXPECT_TRUE(result.body.empty()) << paths[i];
  }
}

// The clock only moves when the fetcher sleeps; the sleeps are recorded.
struct FakeTime {
  std::vector<milliseconds> waits;
  milliseconds offset{0};
  Clock::time_point start = Clock::now();

  CurlFetcherOptions options() {
    CurlFetcherOptions options;
    options.now = [this] { return start + offset; };
    options.sleep = [this](milliseconds wait) {
      waits.push_back(wait);
      offset += wait;
    };
    options.jitter = [] { return 0.0; };
    return options;
  }
};

TEST(FetchBudget, AShortRetryAfterIsSleptWhileItFitsTheBudget) {
  FaultServer server([](Connection& connection, const std::string&) {
    connection.send(http_response(429, "Retry-After: 20\r\n", "slow down"));
  });
  FakeTime time;
  CurlFetcher fetcher(time.options());
  FetchRequest request = request_for(server.url("/feed"));
  request.limits.budget = seconds(30);
  const FetchResult result = fetcher.fetch(request);
  // 20 s fit in the 30 s budget once; after that 10 s are left, too few for 20 s more.
  EXPECT_EQ(time.waits, std::vector<milliseconds>{seconds(20)});
  EXPECT_EQ(result.status, FetchStatus::http_error);
  EXPECT_EQ(result.http_status, 429);
  EXPECT_EQ(result.tries, 2);
  EXPECT_EQ(result.retry_after, seconds(20));
  EXPECT_EQ(result.error,
            "HTTP 429 (after 2 tries); no retry: Retry-After asks for 20 s, more than is left "
            "of the 30 s time budget");
}

TEST(FetchBudget, BackOffWaitsAreCutToTheBudget) {
  FaultServer server(misbehave);
  FakeTime time;
  CurlFetcherOptions options = time.options();
  options.retry.max_tries = 5;
  CurlFetcher fetcher(options);
  FetchRequest request = request_for(server.url("/500"));
  request.limits.budget = seconds(3);
  const FetchResult result = fetcher.fetch(request);
  // Nominal back-off (jitter 0): 500, 1000, 2000 ms. Each retry keeps a second for its try:
  // 500 ms, then 1000 ms (1.5 s left after it), then 1.5 s - 1 s = 500 ms, then none left.
  EXPECT_EQ(time.waits,
            (std::vector<milliseconds>{milliseconds(500), milliseconds(1000), milliseconds(500)}));
  EXPECT_EQ(result.tries, 4);
  EXPECT_EQ(result.status, FetchStatus::http_error);
  EXPECT_EQ(result.error, "HTTP 500 (after 4 tries); no retry: the time budget of 3 s is used up");
  EXPECT_EQ(result.retry_after, std::nullopt);
}

TEST(FetchBudget, ALongBackOffNeverOutlastsTheDefaultBudget) {
  FaultServer server(misbehave);
  FakeTime time;
  CurlFetcherOptions options = time.options();
  options.retry.base_delay = seconds(60);  // nominal waits of 30 s and 60 s
  CurlFetcher fetcher(options);
  const FetchResult result = fetcher.fetch(request_for(server.url("/500")));
  EXPECT_EQ(result.tries, 3);
  // 30 s, then 60 s cut to the 90 s budget less the 30 s gone and a second for the try.
  EXPECT_EQ(time.waits, (std::vector<milliseconds>{seconds(30), seconds(59)}));
}

// Fetches `paths` concurrently; stop is requested by `trigger` in another thread.
struct StoppedRun {
  std::vector<FetchResult> results;
  std::vector<int> reported;
  Clock::duration elapsed{};
};

StoppedRun run_until_stopped(const FaultServer& server, const std::vector<std::string>& paths,
                             StopSignal& stop, const std::function<void()>& trigger) {
  std::vector<FetchRequest> requests;
  for (const std::string& path : paths) requests.push_back(request_for(server.url(path)));
  CurlFetcherOptions options;
  options.stop = &stop;
  options.jobs = 2;  // some requests never start
  options.per_host = 2;
  CurlFetcher fetcher(options);
  StoppedRun run;
  run.results.resize(paths.size());
  run.reported.assign(paths.size(), 0);
  std::thread stopper(trigger);
  const auto started = Clock::now();
  fetcher.fetch_all(requests, [&](std::size_t index, FetchResult result) {
    ++run.reported[index];
    run.results[index] = std::move(result);
  });
  run.elapsed = Clock::now() - started;
  stopper.join();
  return run;
}

TEST(FetchStop, ADeadlineAbortsTransfersInFlightAndCancelsTheRest) {
  FaultServer server(misbehave);
  StopSignal stop;
  stop.set_deadline(Clock::now() + milliseconds(400));
  const StoppedRun run =
      run_until_stopped(server, {"/ok", "/stall", "/silent", "/stall", "/ok"}, stop, [] {});
  EXPECT_LT(run.elapsed, milliseconds(1000));
  EXPECT_EQ(run.results[0].status, FetchStatus::ok) << describe(run.results[0]);
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    EXPECT_EQ(run.reported[i], 1) << i;
    if (i == 0) continue;
    EXPECT_EQ(run.results[i].status, FetchStatus::cancelled) << i << describe(run.results[i]);
    EXPECT_EQ(run.results[i].error, "stopped: deadline reached") << i;
    EXPECT_EQ(describe(run.results[i]), "cancelled: stopped: deadline reached");
  }
}

TEST(FetchStop, RequestStopFromAnotherThreadEndsTheRunWithin200Ms) {
  FaultServer server(misbehave);
  StopSignal stop;
  Clock::time_point stopped_at;
  const StoppedRun run = run_until_stopped(server, {"/trickle", "/stall", "/ok"}, stop, [&] {
    std::this_thread::sleep_for(milliseconds(300));
    stopped_at = Clock::now();
    stop.request_stop();
  });
  const auto after_stop = Clock::now() - stopped_at;
  EXPECT_LT(after_stop, milliseconds(300));  // 200 ms, and slack for a loaded machine
  EXPECT_EQ(run.results[0].status, FetchStatus::cancelled);
  EXPECT_EQ(run.results[0].error, "stopped by a signal");
  EXPECT_EQ(run.results[0].tries, 1);
  EXPECT_EQ(run.results[1].status, FetchStatus::cancelled);
  EXPECT_EQ(run.results[2].status, FetchStatus::cancelled);  // never started
  EXPECT_EQ(run.results[2].tries, 0);
  for (int count : run.reported) EXPECT_EQ(count, 1);
}

StopSignal* g_stop_for_handler = nullptr;  // only the signal handler below reads it
extern "C" void stop_on_signal(int) {
  g_stop_for_handler->request_stop();
}

TEST(FetchStop, ASignalHandlerStopsTheRun) {
  FaultServer server(misbehave);
  StopSignal stop;
  g_stop_for_handler = &stop;
  struct sigaction action {};
  struct sigaction previous {};
  action.sa_handler = stop_on_signal;
  sigemptyset(&action.sa_mask);
  ASSERT_EQ(sigaction(SIGUSR1, &action, &previous), 0);
  const StoppedRun run = run_until_stopped(server, {"/stall", "/silent"}, stop, [] {
    std::this_thread::sleep_for(milliseconds(200));
    std::raise(SIGUSR1);
  });
  sigaction(SIGUSR1, &previous, nullptr);
  g_stop_for_handler = nullptr;
  EXPECT_LT(run.elapsed, milliseconds(800));
  for (const FetchResult& result : run.results) {
    EXPECT_EQ(result.status, FetchStatus::cancelled);
    EXPECT_EQ(result.error, "stopped by a signal");
  }
}

TEST(FetchStop, AStopCutsARetryAfterWaitShortAndNamesTheFailedTry) {
  FaultServer server([](Connection& connection, const std::string&) {
    connection.send(http_response(503, "Retry-After: 20\r\n", "busy"));
  });
  StopSignal stop;
  CurlFetcherOptions options;
  options.stop = &stop;
  CurlFetcher fetcher(options);
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(300));
    stop.request_stop();
  });
  const Timed timed = timed_fetch(fetcher, request_for(server.url("/feed")));
  stopper.join();
  EXPECT_LT(timed.elapsed, milliseconds(900));
  EXPECT_EQ(timed.result.status, FetchStatus::cancelled);
  EXPECT_EQ(timed.result.tries, 1);
  EXPECT_EQ(timed.result.error,
            "stopped by a signal (the previous try: http_error (HTTP 503): HTTP 503)");
}

TEST(FetchStop, NothingStartsOnceTheStopIsRequested) {
  FaultServer server(misbehave);
  StopSignal stop;
  stop.request_stop();
  CurlFetcher fetcher;
  fetcher.set_stop(&stop);
  std::vector<int> reported(3, 0);
  fetcher.fetch_all({request_for(server.url("/ok")), request_for(server.url("/ok")),
                     request_for(server.url("/ok"))},
                    [&](std::size_t index, FetchResult result) {
                      ++reported[index];
                      EXPECT_EQ(result.status, FetchStatus::cancelled);
                      EXPECT_EQ(result.tries, 0);
                    });
  EXPECT_EQ(reported, (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(server.connections(), 0);
}

// A fake that answers at once and stops its run after the first request.
class StoppingFetcher final : public Fetcher {
 public:
  explicit StoppingFetcher(StopSignal& stop) : stop_signal_(stop) {}
  FetchResult fetch(const FetchRequest& request) override {
    ++fetched;
    stop_signal_.request_stop();
    FetchResult result;
    result.status = FetchStatus::ok;
    result.final_url = request.url;
    return result;
  }
  int fetched = 0;

 private:
  StopSignal& stop_signal_;
};

TEST(FetchStop, TheSequentialDefaultHonoursTheStop) {
  StopSignal stop;
  StoppingFetcher fetcher(stop);
  fetcher.set_stop(&stop);
  std::vector<FetchStatus> statuses;
  fetcher.fetch_all(
      {request_for("http://a.test/"), request_for("http://b.test/"), request_for("http://c.test/")},
      [&](std::size_t, FetchResult result) { statuses.push_back(result.status); });
  EXPECT_EQ(fetcher.fetched, 1);
  EXPECT_EQ(statuses, (std::vector<FetchStatus>{FetchStatus::ok, FetchStatus::cancelled,
                                                FetchStatus::cancelled}));
}

TEST(StopSignal, HoldsOnceRequestedOrPastItsDeadline) {
  StopSignal stop;
  EXPECT_FALSE(stop.stop_requested());
  EXPECT_EQ(stop.reason(), "");
  EXPECT_EQ(stop.deadline(), std::nullopt);
  const auto now = Clock::now();
  stop.set_deadline(now + seconds(10));
  EXPECT_EQ(stop.deadline(), now + seconds(10));
  EXPECT_FALSE(stop.stop_requested(now + seconds(9)));
  EXPECT_TRUE(stop.stop_requested(now + seconds(10)));
  EXPECT_FALSE(stop.stop_requested());
  stop.set_deadline(now - milliseconds(1));
  EXPECT_TRUE(stop.stop_requested());
  EXPECT_EQ(stop.reason(), "stopped: deadline reached");
  stop.clear_deadline();
  EXPECT_FALSE(stop.stop_requested());
  stop.request_stop();
  EXPECT_TRUE(stop.stop_requested());
  EXPECT_TRUE(stop.signalled());
  EXPECT_EQ(stop.reason(), "stopped by a signal");
}

TEST(FetchDescribe, NamesTheStatusTheHttpCodeAndAlwaysTheError) {
  FetchResult result;
  result.status = FetchStatus::http_error;
  result.http_status = 404;
  result.error = "HTTP 404";
  EXPECT_EQ(describe(result), "http_error (HTTP 404): HTTP 404");
  result.status = FetchStatus::network_error;
  result.http_status = 0;
  result.error = "stalled: Operation too slow";
  EXPECT_EQ(describe(result), "network_error: stalled: Operation too slow");
  result.status = FetchStatus::too_large;
  result.http_status = 200;  // only an http_error shows its code
  result.error = "response larger than 10 bytes";
  EXPECT_EQ(describe(result), "too_large: response larger than 10 bytes");
  result.status = FetchStatus::not_modified;
  result.http_status = 304;
  result.error.clear();
  EXPECT_EQ(describe(result), "not_modified");
  EXPECT_STREQ(to_string(FetchStatus::cancelled), "cancelled");
}

}  // namespace
}  // namespace feedarchiver::fetch
