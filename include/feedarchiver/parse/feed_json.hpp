#pragma once
// The JSON contract of spec.md ("parse"), both ways: Feed → JSON for `parse`, and
// `parse --format jsonl` lines → items again for `render`.

#include <nlohmann/json.hpp>
#include <string>

#include "feedarchiver/model.hpp"

namespace feedarchiver::parse {

/// {"feed": {...}, "items": [...], "warnings": [...]}; absent values are null,
/// times ISO-8601 UTC "YYYY-MM-DDTHH:MM:SSZ". Keys keep the contract's order.
nlohmann::ordered_json feed_to_json(const Feed& feed);

/// One `--format jsonl` line: the item's fields at top level plus "source" (the SOURCE
/// argument as given) and "feed" (the feed object of feed_to_json).
nlohmann::ordered_json item_to_jsonl(const Item& item, const FeedMeta& meta,
                                     const std::string& source);

/// An item read back from a jsonl line (what `render` consumes).
struct JsonlItem {
  Item item;
  FeedMeta feed;
  std::string source;
};

/// Reads one jsonl object back. Unknown keys are ignored; a wrong type (or an unreadable
/// time or format) throws feedarchiver::Error naming the key: "render: key 'title' ...".
JsonlItem item_from_jsonl(const nlohmann::json& line);

}  // namespace feedarchiver::parse
