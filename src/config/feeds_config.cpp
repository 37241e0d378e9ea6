#include "feedarchiver/config/feeds_config.hpp"
#include "feedarchiver/charset_name.hpp"
#include "feedarchiver/config/time_zone_file.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <utility>

#include "feedarchiver/css_to_xpath.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::config {
namespace {

using nlohmann::json;

/// Where a value sits, for messages: "feed 3 (https://...)" or "defaults".
struct Where {
  const std::string& origin;
  std::string what;
};

[[noreturn]] void fail(const Where& where, const std::string& key, const std::string& problem) {
  throw Error(where.origin + ": " + where.what + ": \"" + key + "\" " + problem, kExitUsage);
}

std::string as_string(const json& value, const Where& where, const std::string& key) {
  if (!value.is_string()) fail(where, key, "must be a string");
  return value.get<std::string>();
}

bool as_bool(const json& value, const Where& where, const std::string& key) {
  if (!value.is_boolean()) fail(where, key, "must be true or false");
  return value.get<bool>();
}

long as_positive(const json& value, const Where& where, const std::string& key) {
  if (!value.is_number_integer() || value.get<long>() < 1) {
    fail(where, key, "must be a positive integer");
  }
  return value.get<long>();
}

std::vector<std::string> as_strings(const json& value, const Where& where, const std::string& key) {
  if (!value.is_array()) fail(where, key, "must be an array of strings");
  std::vector<std::string> out;
  for (const json& element : value) {
    if (!element.is_string()) fail(where, key, "must be an array of strings");
    out.push_back(element.get<std::string>());
  }
  return out;
}

/// A site-rule selector must translate (CSS subset) or compile (xpath:...) now, not when the
/// first page is extracted.
void check_selector(const std::string& selector, const Where& where, const std::string& key) {
  try {
    (void)selector_to_xpath(selector);
  } catch (const Error& error) {
    fail(where, key, std::string("is not a usable selector: ") + error.what());
  }
}

std::string as_selector(const json& value, const Where& where, const std::string& key) {
  std::string selector = as_string(value, where, key);
  check_selector(selector, where, key);
  return selector;
}

/// Applies one per-feed key; false when `key` is not a per-feed key.
bool apply_feed_key(FeedConfig& feed, const std::string& key, const json& value,
                    const Where& where) {
  if (key == "name") {
    feed.name = as_string(value, where, key);
  } else if (key == "tags") {
    feed.tags = as_strings(value, where, key);
  } else if (key == "categories") {
    feed.categories = as_strings(value, where, key);
  } else if (key == "full_text") {
    feed.full_text = as_bool(value, where, key);
  } else if (key == "content_selector") {
    feed.content_selector = as_selector(value, where, key);
  } else if (key == "title_selector") {
    feed.title_selector = as_selector(value, where, key);
  } else if (key == "date_selector") {
    feed.date_selector = as_selector(value, where, key);
  } else if (key == "remove") {
    feed.remove = as_strings(value, where, key);
    for (const std::string& selector : feed.remove) check_selector(selector, where, key);
  } else if (key == "timezone") {
    feed.timezone = as_string(value, where, key);
    if (!config::load_time_zone(*feed.timezone)) {
      fail(where, key,
           "is not a known time zone (an IANA name like \"Asia/Shanghai\", or \"+08:00\")");
    }
  } else if (key == "images") {
    feed.images = as_string(value, where, key);
    if (feed.images != "keep" && feed.images != "download") {
      fail(where, key, "must be \"keep\" or \"download\"");
    }
  } else if (key == "iframe_hosts") {
    feed.iframe_hosts = as_strings(value, where, key);
    for (const std::string& host : feed.iframe_hosts) {
      if (host.empty() || host.find_first_of("/:@ ") != std::string::npos) {
        fail(where, key, "must list host names (\"player.vimeo.com\"), not \"" + host + "\"");
      }
    }
  } else if (key == "user_agent") {
    feed.user_agent = as_string(value, where, key);
  } else if (key == "budget") {
    feed.budget = as_positive(value, where, key);
  } else if (key == "enabled") {
    feed.enabled = as_bool(value, where, key);
  } else if (key == "encoding") {
    feed.encoding = as_string(value, where, key);
    if (!canonical_charset(*feed.encoding)) fail(where, key, "is not a known charset");
  } else {
    return false;
  }
  return true;
}

/// Where byte `offset` of `text` is: 1-based line and column (in characters, not bytes).
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;  // a UTF-8 continuation byte is part of the character before it
    }
  }
  return {line, column};
}

/// JSON with `//` and `/* */` comments; a syntax error names its line and column.
json parse_json_text(std::string_view text, const std::string& origin) {
  try {
    return json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/true,
                       /*ignore_comments=*/true);
  } catch (const json::parse_error& error) {
    // nlohmann counts the bytes read, the offending one included.
    const auto [line, column] = line_and_column(text, error.byte == 0 ? 0 : error.byte - 1);
    std::string message = error.what();
    if (const auto at = message.find(": "); at != std::string::npos) message.erase(0, at + 2);
    throw Error(origin + ":" + std::to_string(line) + ":" + std::to_string(column) +
                    ": not valid JSON: " + message,
                kExitUsage);
  }
}

}  // namespace

FeedsConfig parse_feeds_config(std::string_view text, const std::string& origin) {
  const json root = parse_json_text(text, origin);
  const Where top{origin, "top level"};
  if (!root.is_object()) throw Error(origin + ": must be a JSON object", kExitUsage);

  FeedsConfig config;
  FeedConfig defaults;
  for (const auto& [key, value] : root.items()) {
    if (key != "defaults" && key != "feeds") fail(top, key, "is not a known key");
  }
  if (const auto found = root.find("defaults"); found != root.end()) {
    const Where where{origin, "defaults"};
    if (!found->is_object()) fail(top, "defaults", "must be an object");
    for (const auto& [key, value] : found->items()) {
      if (key == "jobs") {
        config.jobs = as_positive(value, where, key);
      } else if (key == "per_host") {
        config.per_host = as_positive(value, where, key);
      } else if (key == "deadline") {
        config.deadline = as_positive(value, where, key);
      } else if (key == "url") {
        fail(where, key, "belongs to a feed, not to the defaults");
      } else if (!apply_feed_key(defaults, key, value, where)) {
        fail(where, key, "is not a known key");
      }
    }
  }
  const auto feeds = root.find("feeds");
  if (feeds == root.end()) fail(top, "feeds", "is missing");
  if (!feeds->is_array()) fail(top, "feeds", "must be an array");

  std::set<std::string> urls;
  for (std::size_t i = 0; i < feeds->size(); ++i) {
    const json& entry = (*feeds)[i];
    Where where{origin, "feed " + std::to_string(i + 1)};
    if (!entry.is_object())
      throw Error(origin + ": " + where.what + ": must be an object", kExitUsage);
    const auto url = entry.find("url");
    if (url == entry.end()) fail(where, "url", "is missing");
    FeedConfig feed = defaults;
    feed.url = as_string(*url, where, "url");
    where.what += " (" + feed.url + ")";
    if (!is_http_url(feed.url)) fail(where, "url", "must be an http:// or https:// URL");
    if (!urls.insert(feed.url).second) fail(where, "url", "is listed twice");
    for (const auto& [key, value] : entry.items()) {
      if (key == "url") continue;
      if (!apply_feed_key(feed, key, value, where)) fail(where, key, "is not a known key");
    }
    config.feeds.push_back(std::move(feed));
  }
  return config;
}

FeedsConfig load_feeds_config(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path.string(), kExitUsage);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_feeds_config(text.str(), path.string());
}

std::string feed_label(const FeedConfig& feed) {
  return feed.name && !feed.name->empty() ? *feed.name : feed.url;
}

}  // namespace feedarchiver::config
