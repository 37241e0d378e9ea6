#pragma once
// What a reader's subscription list (OPML, newsboat urls) becomes: a FEEDS document and the
// warnings about what was skipped or repaired on the way.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace feedarchiver::config {

struct FeedsImport {
  nlohmann::ordered_json feeds_json;  // {"feeds": [{"url", "name"?, "tags"?}, ...]}
  std::vector<std::string> warnings;  // one per entry skipped or repaired
};

}  // namespace feedarchiver::config
