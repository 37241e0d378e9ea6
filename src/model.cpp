#include "feedarchiver/model.hpp"

namespace feedarchiver {

const char* to_string(FeedFormat format) {
  switch (format) {
    case FeedFormat::rss2:
      return "rss2";
    case FeedFormat::rss1:
      return "rss1";
    case FeedFormat::rss09x:
      return "rss09x";
    case FeedFormat::atom1:
      return "atom1";
    case FeedFormat::atom03:
      return "atom03";
    case FeedFormat::jsonfeed:
      return "jsonfeed";
  }
  return "unknown";
}

}  // namespace feedarchiver
