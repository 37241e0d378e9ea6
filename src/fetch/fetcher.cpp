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
    case FetchStatus::cancelled:
      return "cancelled";
  }
  return "unknown";
}

std::string describe(const FetchResult& result) {
  std::string what = to_string(result.status);
  if (result.status == FetchStatus::http_error && result.http_status != 0) {
    what += " (HTTP " + std::to_string(result.http_status) + ")";
  }
  if (!result.error.empty()) what += ": " + result.error;
  return what;
}

FetchResult cancelled_result(const StopSignal& stop, int tries) {
  FetchResult result;
  result.status = FetchStatus::cancelled;
  result.error = stop.reason();
  if (result.error.empty()) result.error = "stopped";
  result.tries = tries;
  return result;
}

void Fetcher::fetch_all(const std::vector<FetchRequest>& requests, const OnFetched& on_fetched) {
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (stop_requested()) {
      on_fetched(i, cancelled_result(*stop_));
    } else {
      on_fetched(i, fetch(requests[i]));
    }
  }
}

}  // namespace feedarchiver::fetch
