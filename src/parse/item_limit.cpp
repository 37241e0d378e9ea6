#include "feedarchiver/parse/item_limit.hpp"

#include <algorithm>
#include <string>

#include "feedarchiver/limits.hpp"

namespace feedarchiver::parse {

bool room_for_item(Feed& feed) {
  if (feed.items.size() < kMaxItemsPerFeed) return true;
  const std::string warning = "more than " + std::to_string(kMaxItemsPerFeed) +
                              " items: kept the first " + std::to_string(kMaxItemsPerFeed) +
                              ", ignored the rest";
  // Reached once per loop that reads items (at most two per document): a short search.
  if (std::find(feed.warnings.begin(), feed.warnings.end(), warning) == feed.warnings.end()) {
    feed.warnings.push_back(warning);
  }
  return false;
}

}  // namespace feedarchiver::parse
