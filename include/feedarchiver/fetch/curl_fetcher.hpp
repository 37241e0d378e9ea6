#pragma once
// A plain blocking libcurl fetch (easy interface), one transfer at a time.
// http and https only, on redirects too; TLS verified unless limits.insecure.

#include "feedarchiver/fetch/fetcher.hpp"

namespace feedarchiver::fetch {

class CurlFetcher final : public Fetcher {
 public:
  CurlFetcher();
  ~CurlFetcher() override;
  CurlFetcher(const CurlFetcher&) = delete;
  CurlFetcher& operator=(const CurlFetcher&) = delete;

  FetchResult fetch(const FetchRequest& request) override;
};

}  // namespace feedarchiver::fetch
