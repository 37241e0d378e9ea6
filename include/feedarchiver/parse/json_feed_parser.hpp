#pragma once
// JSON Feed 1.0 / 1.1 → Feed. Private to parse/.

#include <string>
#include <string_view>

#include "feedarchiver/parse/feed_parser.hpp"

namespace feedarchiver::parse {

/// Parses `utf8` as JSON; a JSON Feed becomes a Feed, anything else an error line
/// ("JSON document, not a JSON Feed", or where the JSON breaks).
ParseResult parse_json_feed(std::string_view utf8, const std::string& base_url,
                            const DateOptions& dates = {});

}  // namespace feedarchiver::parse
