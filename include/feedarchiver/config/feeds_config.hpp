#pragma once
// The FEEDS file of `run`, `status` and `export-opml` (spec.md, "FEEDS file"): JSON with
// `defaults` and `feeds`; per-feed keys override the defaults. Strict: an unknown key or a
// wrong type is a configuration error (Error, exit 1) naming the key and the feed.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace feedarchiver::config {

/// One feed with the defaults merged in.
struct FeedConfig {
  std::string url;
  std::optional<std::string> name;  // author/tags/categories; default: the feed's title
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<std::string>> categories;
  bool full_text = false;
  std::optional<std::string> content_selector;  // CSS, or "xpath:..."
  std::vector<std::string> remove;              // selectors of page chrome to drop
  std::optional<std::string> title_selector;    // where the page's title is
  std::optional<std::string> date_selector;     // where the page's date is
  std::optional<std::string> timezone;          // for dates without a zone
  std::string images = "keep";                  // keep | download
  std::optional<std::string> user_agent;
  bool enabled = true;
  std::optional<std::string> encoding;    // overrides the detected charset
  std::vector<std::string> iframe_hosts;  // video players whose iframes bodies keep
  std::optional<long> budget;             // seconds one fetch of it may take (--budget wins)
};

struct FeedsConfig {
  std::optional<long> jobs;      // defaults.jobs
  std::optional<long> per_host;  // defaults.per_host
  std::optional<long> deadline;  // defaults.deadline: seconds the whole run may take
  std::vector<FeedConfig> feeds;
};

/// Parses the text of a FEEDS file; `origin` (its path) prefixes every error.
/// Throws Error (exit 1) naming the key and the feed on any unknown key, wrong type or value,
/// missing or non-http(s) url, or a url listed twice.
FeedsConfig parse_feeds_config(std::string_view text, const std::string& origin);

/// Reads and parses a FEEDS file. Throws Error (exit 1) when it cannot be read or is invalid.
FeedsConfig load_feeds_config(const std::filesystem::path& path);

/// How a feed is named in messages: its name when it has one, else its url.
std::string feed_label(const FeedConfig& feed);

}  // namespace feedarchiver::config
