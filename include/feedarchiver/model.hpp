#pragma once
// The values that flow through the pipeline: plain structs, no behaviour.
// Field names follow the JSON contract of spec.md ("parse").

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace feedarchiver {

/// A point in time with millisecond precision, always UTC.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

struct Image {
  std::string url;
  std::optional<std::string> alt;
  std::optional<std::string> caption;
};

struct Enclosure {
  std::string url;
  std::optional<std::string> type;
  std::optional<std::int64_t> length;
};

struct Item {
  std::optional<std::string> id;     // guid / atom:id / JSON Feed id
  std::optional<std::string> title;  // plain text (entities decoded, tags stripped)
  std::optional<std::string> url;    // the article's address (absolute after normalize)
  std::optional<Timestamp> published;
  std::optional<Timestamp> updated;
  std::optional<std::string> author;
  std::vector<std::string> tags;
  std::optional<std::string> summary_html;  // description / summary, as HTML
  std::optional<std::string> content_html;  // content:encoded / atom content, as HTML
  std::vector<Image> images;
  std::vector<Enclosure> enclosures;
  std::optional<std::string> base_url;  // xml:base in force for this item (not in the JSON)
};

// spec.md's enum. A CDF channel (RSS 0.90's predecessor, the same channel/item shape) is
// reported as rss09x.
enum class FeedFormat { rss2, rss1, rss09x, atom1, atom03, jsonfeed };

struct FeedMeta {
  std::optional<std::string> title;
  std::optional<std::string> url;       // the site's address (channel link / atom alternate)
  std::optional<std::string> feed_url;  // where the document was read from (final URL)
  FeedFormat format = FeedFormat::rss2;
  std::optional<std::string> language;
  std::optional<Timestamp> updated;
  std::optional<std::string> description;
  std::optional<std::string> image;
};

struct Feed {
  FeedMeta meta;
  std::vector<Item> items;
  std::vector<std::string> warnings;  // every repair or doubt, one sentence each, with position
};

/// "rss2", "atom1", ... as in the JSON contract.
const char* to_string(FeedFormat format);

}  // namespace feedarchiver
