#pragma once
// Reading one source: what was fetched (or read from a file or stdin), decoded, parsed and
// normalized into a Feed. Pure: no network, no clock, no files. A source's failure is a value
// (the one-line reason), never an exception that stops the others.

#include <iosfwd>
#include <optional>
#include <string>

#include "feedarchiver/fetch/fetcher.hpp"
#include "feedarchiver/fetch/source.hpp"
#include "feedarchiver/model.hpp"
#include "feedarchiver/normalize/sanitize.hpp"
#include "feedarchiver/parse/feed_parser.hpp"

namespace feedarchiver::archive {

/// A feed read from a source, or the one-line reason it could not be.
struct LoadedFeed {
  std::optional<Feed> feed;  // parsed and normalized
  std::string error;         // set when feed is empty
  bool from_page = false;    // an article page made a one-item feed (no page to fetch again)
};

/// Per-feed reading rules (FEEDS `encoding` and `timezone`).
struct ReadSettings {
  std::string encoding;                 // empty: detect (BOM, Content-Type, declaration)
  parse::ParseOptions parse;            // zone for zone-less dates, CST as China
  normalize::SanitizeOptions sanitize;  // iframe hosts the feed allows
};

/// Decodes, parses and normalizes what was read from `source` (a FetchResult with status ok;
/// any other status becomes the error).
LoadedFeed feed_from_fetch(const fetch::Source& source, const fetch::FetchResult& fetched,
                           const ReadSettings& settings = {});

/// The source name used for author, tags and categories: `name` when given, else the feed's
/// title, else the host of its address, else "feedarchiver".
std::string source_name(const std::optional<std::string>& name, const FeedMeta& meta);

}  // namespace feedarchiver::archive
