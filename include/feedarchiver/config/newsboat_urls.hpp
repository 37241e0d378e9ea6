#pragma once
// newsboat's `urls` file → FEEDS: one feed a line, `URL tag "tag with spaces" "~Title"`;
// `#` starts a comment line (or a comment after whitespace). A `~` tag names the feed, a `!`
// tag (hidden) is dropped, every other tag becomes a FEEDS tag.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace feedarchiver::config {

struct UrlsImport {
  nlohmann::ordered_json feeds_json;  // {"feeds": [{"url", "name"?, "tags"?}, ...]}
  std::vector<std::string> warnings;  // "line N: ..." for each line skipped or repaired
};

/// Reads the text of a newsboat urls file. Lines that are not an http(s) feed (query:,
/// exec:, filter: feeds, other schemes) and URLs listed twice are skipped with a warning
/// naming the line; an unclosed quote runs to the end of its line, with a warning. Pure.
UrlsImport import_newsboat_urls(std::string_view text);

}  // namespace feedarchiver::config
