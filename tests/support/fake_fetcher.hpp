#pragma once
// A Fetcher with no network: each URL answers what the test put in its table (a body with
// validators, a 304 when the request carries the ETag it gave, or a failure), and fetch_all
// answers in the order the test asks (reversed, say), so a run can be driven as a library.

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "feedarchiver/fetch/fetcher.hpp"

namespace feedarchiver::testing {

class FakeFetcher final : public fetch::Fetcher {
 public:
  /// `url` answers 200 with `body` (and `etag`; a request sending it back gets a 304).
  void serve(const std::string& url, std::string body,
             std::string content_type = "application/rss+xml",
             std::optional<std::string> etag = std::nullopt) {
    fetch::FetchResult result;
    result.status = fetch::FetchStatus::ok;
    result.http_status = 200;
    result.final_url = url;
    result.content_type = std::move(content_type);
    result.body = std::move(body);
    result.etag = std::move(etag);
    table_[url] = std::move(result);
  }
  /// `url` fails as `status` with `http_status` and `error`.
  void fail(const std::string& url, fetch::FetchStatus status, long http_status,
            std::string error) {
    fetch::FetchResult result;
    result.status = status;
    result.http_status = http_status;
    result.final_url = url;
    result.error = std::move(error);
    table_[url] = std::move(result);
  }
  /// `url` answers `http_status` with a Retry-After of `wait` (longer than a run sleeps).
  void defer(const std::string& url, long http_status, std::chrono::seconds wait) {
    fail(url, fetch::FetchStatus::http_error, http_status,
         "HTTP " + std::to_string(http_status) + " (Retry-After not slept)");
    table_[url].retry_after = wait;
  }
  /// After `requests` answered requests, `stop` is requested (as a deadline or a signal
  /// would); fetch_all then answers every request left as cancelled.
  void stop_after(std::size_t requests, fetch::StopSignal& stop) {
    stop_after_ = requests;
    stop_to_request_ = &stop;
  }
  /// fetch_all answers in reverse request order (the last request first).
  void answer_in_reverse(bool reverse) { reverse_ = reverse; }

  fetch::FetchResult fetch(const fetch::FetchRequest& request) override {
    {
      const std::lock_guard lock(mutex_);
      requested.push_back(request.url);
    }
    const auto found = table_.find(request.url);
    if (found == table_.end()) {
      fetch::FetchResult missing;
      missing.status = fetch::FetchStatus::http_error;
      missing.http_status = 404;
      missing.final_url = request.url;
      missing.error = "HTTP 404";
      return missing;
    }
    fetch::FetchResult result = found->second;
    if (result.etag && request.etag == result.etag) {
      result.status = fetch::FetchStatus::not_modified;
      result.http_status = 304;
      result.body.clear();
    }
    return result;
  }

  void fetch_all(const std::vector<fetch::FetchRequest>& requests,
                 const OnFetched& on_fetched) override {
    std::vector<std::size_t> order(requests.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (reverse_) std::reverse(order.begin(), order.end());
    for (const std::size_t i : order) {
      if (this->stop() != nullptr && this->stop()->stop_requested()) {
        on_fetched(i, fetch::cancelled_result(*this->stop()));
        continue;
      }
      on_fetched(i, fetch(requests[i]));
      if (stop_to_request_ != nullptr && requested.size() >= stop_after_) {
        stop_to_request_->request_stop();
      }
    }
  }

  std::vector<std::string> requested;  // every URL asked for, in order

 private:
  std::map<std::string, fetch::FetchResult> table_;
  bool reverse_ = false;
  std::size_t stop_after_ = 0;
  fetch::StopSignal* stop_to_request_ = nullptr;
  std::mutex mutex_;
};

}  // namespace feedarchiver::testing
