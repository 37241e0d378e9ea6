#pragma once
// The recipe that archives one source, read top to bottom:
// load → decode → parse → normalize → build posts → write.
// One source's failure is a value in its report, never an exception that stops the others.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "feedarchiver/fetch/fetcher.hpp"
#include "feedarchiver/fetch/source.hpp"
#include "feedarchiver/model.hpp"
#include "feedarchiver/normalize/sanitize.hpp"
#include "feedarchiver/parse/feed_parser.hpp"
#include "feedarchiver/write/jekyll_writer.hpp"

namespace feedarchiver {

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

/// Loads, decodes, parses and normalizes one source. Network, HTTP and parse failures are
/// returned in `error`; warnings of decoding and parsing land in Feed::warnings.
LoadedFeed load_feed(const fetch::Source& source, fetch::Fetcher& fetcher,
                     const fetch::FetchLimits& limits, std::istream& stdin_in);

struct PostReport {
  write::WriteOutcome outcome;
  std::vector<std::string> warnings;  // about this post (undated, future date, no title)
};

struct ArchiveReport {
  std::vector<PostReport> posts;
  std::size_t written = 0;
  std::size_t already_present = 0;
};

/// The source name used for author, tags and categories: `name` when given, else the feed's
/// title, else the host of its address, else "feedarchiver".
std::string source_name(const std::optional<std::string>& name, const FeedMeta& meta);

/// Builds and writes the post of every item of a normalized feed. `now` is the fetch time.
/// Throws feedarchiver::Error when a file cannot be written.
ArchiveReport archive_items(const std::vector<Item>& items, const std::string& name, Timestamp now,
                            write::JekyllWriter& writer);

}  // namespace feedarchiver
