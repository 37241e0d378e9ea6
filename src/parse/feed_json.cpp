#include "feedarchiver/parse/feed_json.hpp"

#include <array>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/error.hpp"

namespace feedarchiver::parse {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// --- Feed → JSON ---------------------------------------------------------------------------

ordered_json or_null(const std::optional<std::string>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json or_null(const std::optional<Timestamp>& value) {
  return value ? ordered_json(format_iso_seconds(*value)) : ordered_json(nullptr);
}

ordered_json meta_to_json(const FeedMeta& meta) {
  ordered_json out = ordered_json::object();
  out["title"] = or_null(meta.title);
  out["url"] = or_null(meta.url);
  out["feed_url"] = or_null(meta.feed_url);
  out["format"] = to_string(meta.format);
  out["language"] = or_null(meta.language);
  out["updated"] = or_null(meta.updated);
  out["description"] = or_null(meta.description);
  out["image"] = or_null(meta.image);
  return out;
}

void add_item_fields(ordered_json& out, const Item& item) {
  out["id"] = or_null(item.id);
  out["title"] = or_null(item.title);
  out["url"] = or_null(item.url);
  out["published"] = or_null(item.published);
  out["updated"] = or_null(item.updated);
  out["author"] = or_null(item.author);
  out["tags"] = item.tags;
  out["summary_html"] = or_null(item.summary_html);
  out["content_html"] = or_null(item.content_html);
  ordered_json images = ordered_json::array();
  for (const Image& image : item.images) {
    images.push_back(
        {{"url", image.url}, {"alt", or_null(image.alt)}, {"caption", or_null(image.caption)}});
  }
  out["images"] = std::move(images);
  ordered_json enclosures = ordered_json::array();
  for (const Enclosure& enclosure : item.enclosures) {
    enclosures.push_back(
        {{"url", enclosure.url},
         {"type", or_null(enclosure.type)},
         {"length", enclosure.length ? ordered_json(*enclosure.length) : ordered_json(nullptr)}});
  }
  out["enclosures"] = std::move(enclosures);
}

// --- JSON → Item ---------------------------------------------------------------------------

[[noreturn]] void wrong_type(const std::string& key, const std::string& expected) {
  throw Error("render: key '" + key + "' must be " + expected);
}

// The value at `key`, or nullptr when it is missing or null.
const json* value_at(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string path_of(const std::string& prefix, const char* key) {
  return prefix.empty() ? std::string(key) : prefix + "." + key;
}

std::optional<std::string> read_string(const json& object, const char* key,
                                       const std::string& prefix = {}) {
  const json* value = value_at(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) wrong_type(path_of(prefix, key), "a string or null");
  return value->get<std::string>();
}

std::optional<Timestamp> read_time(const json& object, const char* key,
                                   const std::string& prefix = {}) {
  std::optional<std::string> text = read_string(object, key, prefix);
  if (!text) return std::nullopt;
  std::optional<Timestamp> time = parse_date(*text);
  if (!time) wrong_type(path_of(prefix, key), "an ISO-8601 time or null, not '" + *text + "'");
  return time;
}

const json* read_array(const json& object, const char* key) {
  const json* value = value_at(object, key);
  if (value != nullptr && !value->is_array()) wrong_type(key, "an array or null");
  return value;
}

/// Calls `add(entry, "key[i]", url)` for each object of the array at `key` (images,
/// enclosures): each must be an object with a string "url"; a wrong type throws naming it.
template <typename Add>
void for_each_entry(const json& line, const char* key, Add add) {
  const json* entries = read_array(line, key);
  if (entries == nullptr) return;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const json& entry = (*entries)[i];
    const std::string prefix = std::string(key) + "[" + std::to_string(i) + "]";
    if (!entry.is_object()) wrong_type(prefix, "an object");
    std::optional<std::string> url = read_string(entry, "url", prefix);
    if (!url) wrong_type(prefix + ".url", "a string");
    add(entry, prefix, std::move(*url));
  }
}

FeedFormat read_format(const json& object, const std::string& prefix) {
  std::optional<std::string> name = read_string(object, "format", prefix);
  if (!name) return FeedFormat::rss2;
  constexpr std::array<FeedFormat, 6> kFormats = {FeedFormat::rss2,   FeedFormat::rss1,
                                                  FeedFormat::rss09x, FeedFormat::atom1,
                                                  FeedFormat::atom03, FeedFormat::jsonfeed};
  for (FeedFormat format : kFormats) {
    if (*name == to_string(format)) return format;
  }
  wrong_type(path_of(prefix, "format"), "one of rss2, rss1, rss09x, atom1, atom03, jsonfeed");
}

FeedMeta read_meta(const json& line) {
  FeedMeta meta;
  const json* feed = value_at(line, "feed");
  if (feed == nullptr) return meta;
  if (!feed->is_object()) wrong_type("feed", "an object or null");
  const std::string prefix = "feed";
  meta.title = read_string(*feed, "title", prefix);
  meta.url = read_string(*feed, "url", prefix);
  meta.feed_url = read_string(*feed, "feed_url", prefix);
  meta.format = read_format(*feed, prefix);
  meta.language = read_string(*feed, "language", prefix);
  meta.updated = read_time(*feed, "updated", prefix);
  meta.description = read_string(*feed, "description", prefix);
  meta.image = read_string(*feed, "image", prefix);
  return meta;
}

Item read_item(const json& line) {
  Item item;
  item.id = read_string(line, "id");
  item.title = read_string(line, "title");
  item.url = read_string(line, "url");
  item.published = read_time(line, "published");
  item.updated = read_time(line, "updated");
  item.author = read_string(line, "author");
  if (const json* tags = read_array(line, "tags")) {
    for (const json& tag : *tags) {
      if (!tag.is_string()) wrong_type("tags", "an array of strings");
      item.tags.push_back(tag.get<std::string>());
    }
  }
  item.summary_html = read_string(line, "summary_html");
  item.content_html = read_string(line, "content_html");
  for_each_entry(line, "images",
                 [&](const json& image, const std::string& prefix, std::string url) {
                   item.images.push_back({std::move(url), read_string(image, "alt", prefix),
                                          read_string(image, "caption", prefix)});
                 });
  for_each_entry(
      line, "enclosures", [&](const json& enclosure, const std::string& prefix, std::string url) {
        Enclosure out{std::move(url), read_string(enclosure, "type", prefix), std::nullopt};
        if (const json* length = value_at(enclosure, "length")) {
          if (!length->is_number_integer()) {
            wrong_type(prefix + ".length", "an integer or null");
          }
          out.length = length->get<std::int64_t>();
        }
        item.enclosures.push_back(std::move(out));
      });
  return item;
}

}  // namespace

ordered_json feed_to_json(const Feed& feed) {
  ordered_json out = ordered_json::object();
  out["feed"] = meta_to_json(feed.meta);
  ordered_json items = ordered_json::array();
  for (const Item& item : feed.items) {
    ordered_json entry = ordered_json::object();
    add_item_fields(entry, item);
    items.push_back(std::move(entry));
  }
  out["items"] = std::move(items);
  out["warnings"] = feed.warnings;
  return out;
}

ordered_json item_to_jsonl(const Item& item, const FeedMeta& meta, const std::string& source) {
  ordered_json out = ordered_json::object();
  add_item_fields(out, item);
  out["source"] = source;
  out["feed"] = meta_to_json(meta);
  return out;
}

JsonlItem item_from_jsonl(const json& line) {
  if (!line.is_object()) throw Error("render: a jsonl line must be a JSON object");
  JsonlItem read;
  read.item = read_item(line);
  read.feed = read_meta(line);
  read.source = read_string(line, "source").value_or("");
  return read;
}

}  // namespace feedarchiver::parse
