#include "feedarchiver/parse/json_feed_parser.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "feedarchiver/parse/html_text.hpp"
#include "feedarchiver/parse/item_fields.hpp"
#include "feedarchiver/parse/item_limit.hpp"

namespace feedarchiver::parse {
namespace {

using nlohmann::json;

// The string at `key`, or nullopt when missing, blank or not a string.
std::optional<std::string> string_at(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return non_empty(it->get_ref<const std::string&>());
}

// A text field (title, summary, content, description): "" when present but blank.
std::optional<std::string> text_at(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return non_empty(it->get_ref<const std::string&>()).value_or(std::string());
}

std::string date_text(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();  // epoch seconds, as some generators write
  return {};
}

// JSON Feed 1.1 "authors": [{name}], 1.0 "author": {name}.
std::optional<std::string> authors(const json& object) {
  std::string names;
  auto add = [&](const json& author) {
    if (!author.is_object()) return;
    if (auto name = string_at(author, "name")) {
      if (!names.empty()) names += ", ";
      names += collapse_whitespace(*name);
    }
  };
  if (auto it = object.find("authors"); it != object.end() && it->is_array()) {
    for (const json& author : *it) add(author);
  }
  if (names.empty()) {
    if (auto it = object.find("author"); it != object.end()) add(*it);
  }
  return non_empty(names);
}

// The spec's version URL, or a version it does not name ("1.0", "1.1", missing) on an
// object shaped like a feed: an "items" array and one of the feed's own keys.
bool is_json_feed(const json& root) {
  if (!root.is_object()) return false;
  auto version = root.find("version");
  if (version != root.end() && version->is_string() &&
      version->get_ref<const std::string&>().find("jsonfeed.org/version") != std::string::npos) {
    return true;
  }
  auto items = root.find("items");
  if (items == root.end() || !items->is_array()) return false;
  for (const char* key : {"title", "home_page_url", "feed_url", "version"}) {
    if (root.contains(key)) return true;
  }
  return false;
}

bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F;
}

// A title without the control characters that XML cannot carry (NUL, U+0001..U+001F but
// tab and line ends, DEL), as the XML path drops them, with a warning naming `what` (item
// `item`, 1-based, or the feed's title for 0). Text without any is left as it is.
void strip_controls(std::optional<std::string>& text, std::size_t item,
                    std::vector<std::string>& warnings) {
  if (!text || std::none_of(text->begin(), text->end(), is_control)) return;
  const std::size_t before = text->size();
  std::erase_if(*text, is_control);
  const std::size_t removed = before - text->size();
  std::string warning = item == 0 ? "feed title" : "item " + std::to_string(item) + " title";
  warning.append(": removed ").append(std::to_string(removed)).append(" control character");
  if (removed > 1) warning.push_back('s');
  warnings.push_back(std::move(warning));
}

Item read_item(const json& object, std::size_t index, const std::string& base,
               std::vector<std::string>& warnings, const DateOptions& dates) {
  Item item;
  if (auto it = object.find("id"); it != object.end()) {
    if (it->is_string()) {
      item.id = non_empty(it->get_ref<const std::string&>());
    } else if (it->is_number()) {
      item.id = it->dump();
    }
  }
  if (auto title = text_at(object, "title")) item.title = collapse_whitespace(*title);
  strip_controls(item.title, index, warnings);
  item.url = resolve_link(base, string_at(object, "url").value_or(""));
  if (!item.url) item.url = resolve_link(base, string_at(object, "external_url").value_or(""));
  item.author = authors(object);
  if (auto it = object.find("tags"); it != object.end() && it->is_array()) {
    for (const json& tag : *it) {
      if (tag.is_string()) add_tag(item.tags, tag.get_ref<const std::string&>());
    }
  }
  item.content_html = text_at(object, "content_html");
  undo_double_escaping(item.content_html, describe_item(index, item), warnings);
  if (auto text = text_at(object, "content_text"))
    prefer(item.content_html, [&] { return plain_text_html(*text); });
  if (auto summary = text_at(object, "summary")) item.summary_html = plain_text_html(*summary);
  if (auto image = resolve_link(base, string_at(object, "image").value_or(""))) {
    item.images.push_back({*image, std::nullopt, std::nullopt});
  }
  if (auto it = object.find("attachments"); it != object.end() && it->is_array()) {
    for (const json& attachment : *it) {
      if (!attachment.is_object()) continue;
      std::string length;
      if (auto size = attachment.find("size_in_bytes");
          size != attachment.end() && size->is_number_integer()) {
        length = size->dump();
      }
      add_enclosure(item, resolve_link(base, string_at(attachment, "url").value_or("")),
                    string_at(attachment, "mime_type").value_or(""), length);
    }
  }
  const std::string who = describe_item(index, item);
  item.published = parse_date_field(date_text(object, "date_published"), who, warnings, dates);
  item.updated = parse_date_field(date_text(object, "date_modified"), who, warnings, dates);
  return item;
}

std::string without_exception_prefix(std::string what) {
  // "[json.exception.parse_error.101] parse error at line 1, ..." → "parse error at line 1, ..."
  if (!what.empty() && what.front() == '[') {
    std::size_t close = what.find("] ");
    if (close != std::string::npos) what.erase(0, close + 2);
  }
  return what;
}

}  // namespace

ParseResult parse_json_feed(std::string_view utf8, const std::string& base_url,
                            const DateOptions& feed_dates) {
  json root;
  try {
    root = json::parse(utf8.begin(), utf8.end());
  } catch (const json::exception& e) {
    return {std::nullopt, "malformed JSON: " + without_exception_prefix(e.what())};
  }
  if (!is_json_feed(root)) return {std::nullopt, "JSON document, not a JSON Feed"};

  Feed feed;
  FeedMeta& meta = feed.meta;
  meta.format = FeedFormat::jsonfeed;
  if (auto version = root.find("version");
      version != root.end() &&
      (!version->is_string() ||
       version->get_ref<const std::string&>().find("jsonfeed.org/version") == std::string::npos)) {
    feed.warnings.push_back("\"version\" " + version->dump() +
                            " is not a JSON Feed version URL; read as a JSON Feed");
  }
  if (auto title = text_at(root, "title")) meta.title = collapse_whitespace(*title);
  strip_controls(meta.title, 0, feed.warnings);
  meta.url = string_at(root, "home_page_url");
  meta.feed_url = base_url.empty() ? string_at(root, "feed_url") : non_empty(base_url);
  meta.description = text_at(root, "description");
  meta.language = string_at(root, "language");
  std::string sample;
  if (!meta.language) {  // what the feed is written in: its title and first item titles
    sample = meta.title.value_or("");
    if (auto items = root.find("items"); items != root.end() && items->is_array()) {
      for (std::size_t i = 0; i < items->size() && i < 10; ++i) {
        if ((*items)[i].is_object()) sample += ' ' + text_at((*items)[i], "title").value_or("");
      }
    }
  }
  const DateOptions dates = dates_for_feed(feed_dates, meta.language, sample);
  meta.image = string_at(root, "icon");
  if (!meta.image) meta.image = string_at(root, "favicon");

  const std::optional<std::string> feed_author = authors(root);
  if (auto items = root.find("items"); items != root.end() && items->is_array()) {
    std::size_t index = 0;
    for (const json& object : *items) {
      ++index;
      if (!room_for_item(feed)) break;
      if (!object.is_object()) {
        feed.warnings.push_back("item " + std::to_string(index) + ": not a JSON object, skipped");
        continue;
      }
      feed.items.push_back(read_item(object, index, base_url, feed.warnings, dates));
      if (!feed.items.back().author) feed.items.back().author = feed_author;
    }
  } else {
    feed.warnings.push_back("no \"items\" array");
  }
  return {std::move(feed), {}};
}

}  // namespace feedarchiver::parse
