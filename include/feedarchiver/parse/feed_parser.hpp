#pragma once
// parse_feed: a UTF-8 document → Feed (RSS 2.0, RSS 0.9x, RSS 1.0, Atom 1.0/0.3 via pugixml;
// JSON Feed via nlohmann). Pure: no network, no clock, no filesystem.

#include <optional>
#include <string>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/model.hpp"

namespace feedarchiver::parse {

struct ParseResult {
  std::optional<Feed> feed;  // set when the document is a feed
  std::string error;         // else one line: what the input looks like instead
};

/// Per-feed reading choices (FEEDS: "timezone"; the encoding override is decode_document's).
struct ParseOptions {
  TimeZone timezone;          // zone-less dates are wall-clock times here (default UTC)
  bool cst_is_china = false;  // "CST" is +08:00; also set by itself for feeds in zh*
};

/// Parses a feed document. Relative links are resolved against xml:base and
/// `document.base_url`. Recoverable damage becomes entries in Feed::warnings.
ParseResult parse_feed(const decode::Document& document, const ParseOptions& options = {});

}  // namespace feedarchiver::parse
