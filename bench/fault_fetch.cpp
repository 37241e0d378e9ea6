// One CurlFetcher::fetch_all over the URLs given, with the default FetchLimits (90 s budget,
// stall below 1 KiB/s for 20 s, Retry-After slept up to 30 s): prints each result as it
// completes (seconds since the start, the URL, describe()) and the wall time of the whole
// run. For bench/fault_bench.sh.
//
//   fault_fetch [--jobs N] [--per-host N] [--deadline SECONDS] URL...

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "feedarchiver/fetch/curl_fetcher.hpp"
#include "feedarchiver/fetch/stop_signal.hpp"

int main(int argc, char** argv) {
  using namespace feedarchiver::fetch;
  using Clock = std::chrono::steady_clock;
  CurlFetcherOptions options;
  StopSignal stop;
  std::vector<FetchRequest> requests;
  const auto start = Clock::now();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--jobs" || arg == "--per-host" || arg == "--deadline") && i + 1 < argc) {
      const long value = std::strtol(argv[++i], nullptr, 10);
      if (arg == "--jobs") options.jobs = static_cast<std::size_t>(value);
      if (arg == "--per-host") options.per_host = static_cast<std::size_t>(value);
      if (arg == "--deadline") {
        stop.set_deadline(start + std::chrono::seconds(value));
        options.stop = &stop;
      }
      continue;
    }
    FetchRequest request;
    request.url = arg;
    requests.push_back(std::move(request));
  }
  CurlFetcher fetcher(options);
  std::size_t failed = 0;
  fetcher.fetch_all(requests, [&](std::size_t index, FetchResult result) {
    const double at = std::chrono::duration<double>(Clock::now() - start).count();
    if (result.status != FetchStatus::ok && result.status != FetchStatus::not_modified) ++failed;
    std::printf("%7.2f s  %-40s %s%s\n", at, requests[index].url.c_str(), describe(result).c_str(),
                result.status == FetchStatus::ok
                    ? (" (" + std::to_string(result.body.size()) + " bytes)").c_str()
                    : "");
    std::fflush(stdout);
  });
  const double wall = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("fetch_all: %zu URLs, %zu failed, wall %.2f s\n", requests.size(), failed, wall);
  return 0;
}
