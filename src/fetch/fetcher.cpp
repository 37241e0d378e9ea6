#include "feedarchiver/fetch/fetcher.hpp"

namespace feedarchiver::fetch {

const char* to_string(FetchStatus status) {
  switch (status) {
    case FetchStatus::ok:
      return "ok";
    case FetchStatus::not_modified:
      return "not_modified";
    case FetchStatus::http_error:
      return "http_error";
    case FetchStatus::network_error:
      return "network_error";
    case FetchStatus::too_large:
      return "too_large";
    case FetchStatus::refused:
      return "refused";
  }
  return "unknown";
}

std::string describe(const FetchResult& result) {
  std::string what = to_string(result.status);
  if (result.http_status != 0 && result.status == FetchStatus::http_error) {
    what += " (HTTP " + std::to_string(result.http_status) + ")";
  }
  if (!result.error.empty()) what += ": " + result.error;
  return what;
}

void Fetcher::fetch_all(const std::vector<FetchRequest>& requests, const OnFetched& on_fetched) {
  for (std::size_t i = 0; i < requests.size(); ++i) on_fetched(i, fetch(requests[i]));
}

}  // namespace feedarchiver::fetch
