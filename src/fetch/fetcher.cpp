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

}  // namespace feedarchiver::fetch
