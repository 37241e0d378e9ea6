#pragma once
// The request the fetch tests send to their loopback servers: short time-outs, so that a
// test that goes wrong fails in seconds rather than hanging.

#include <chrono>
#include <string>

#include "feedarchiver/fetch/fetcher.hpp"

namespace feedarchiver::fetch {

inline FetchRequest request_for(const std::string& url) {
  FetchRequest request;
  request.url = url;
  request.limits.connect_timeout = std::chrono::seconds(5);
  request.limits.total_timeout = std::chrono::seconds(20);
  return request;
}

}  // namespace feedarchiver::fetch
