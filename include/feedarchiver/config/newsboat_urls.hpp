#pragma once
// newsboat's `urls` file → FEEDS: one feed a line, `URL tag "tag with spaces" "~Title"`;
// `#` starts a comment line (or a comment after whitespace). A `~` tag names the feed, a `!`
// tag (hidden) is dropped, every other tag becomes a FEEDS tag.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "feedarchiver/config/feeds_import.hpp"

namespace feedarchiver::config {

/// Reads the text of a newsboat urls file. Lines that are not an http(s) feed (query:,
/// exec:, filter: feeds, other schemes) and URLs listed twice are skipped with a warning
/// naming the line; an unclosed quote runs to the end of its line, with a warning. Pure.
FeedsImport import_newsboat_urls(std::string_view text);

}  // namespace feedarchiver::config
