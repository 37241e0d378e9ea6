#pragma once
// OPML (what every feed reader exports) ⇄ FEEDS. Nested outlines are tags: a feed inside
// "News" > "Asia" gets tags ["News", "Asia"], and export nests a feed by its tags.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "feedarchiver/config/feeds_import.hpp"

#include "feedarchiver/config/feeds_config.hpp"

namespace feedarchiver::config {

/// Reads an OPML document. Throws Error (exit 2) naming `origin` when it is not OPML.
FeedsImport import_opml(std::string_view text, const std::string& origin);

/// Writes the feeds of a FEEDS file as an OPML 2.0 document.
std::string export_opml(const FeedsConfig& config);

}  // namespace feedarchiver::config
