#pragma once
// The items-per-feed limit as the parsers apply it while reading. Private to parse/.

#include "feedarchiver/model.hpp"

namespace feedarchiver::parse {

/// True while `feed` has room for one more item (kMaxItemsPerFeed). When it is
/// full, adds the warning that says so (once) and returns false: the caller stops reading.
bool room_for_item(Feed& feed);

}  // namespace feedarchiver::parse
