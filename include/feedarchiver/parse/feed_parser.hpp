#pragma once
// parse_feed: a UTF-8 document → Feed (RSS 2.0, RSS 0.9x, RSS 1.0, Atom 1.0/0.3 via pugixml;
// JSON Feed via nlohmann). Pure: no network, no clock, no filesystem.

#include <optional>
#include <string>

#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/model.hpp"

namespace feedarchiver::parse {

struct ParseResult {
  std::optional<Feed> feed;  // set when the document is a feed
  std::string error;         // else one line: what the input looks like instead
};

/// Parses a feed document. Relative links are resolved against xml:base and
/// `document.base_url`. Recoverable damage becomes entries in Feed::warnings.
ParseResult parse_feed(const decode::Document& document);

}  // namespace feedarchiver::parse
