#pragma once
// Site rules: what to take from a page when the scorer is not enough. They come from FEEDS
// (`content_selector`, `remove`, `title_selector`, `date_selector`: CSS of spec.md's subset
// or `xpath:…`) or from a directory of ftr-site-config rule files (`--site-config DIR`).
// Every selector is held as XPath 1.0: CSS is translated once, when the rules are read, and
// run by pugixml's XPath engine over a pugixml copy of gumbo's tree.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "feedarchiver/config/feeds_config.hpp"

namespace feedarchiver::extract {

struct SiteRules {
  std::vector<std::string> body;    // XPath; the first that matches gives the article
  std::vector<std::string> title;   // XPath; the first non-empty match is the title
  std::vector<std::string> date;    // XPath; the first match that parses as a date
  std::vector<std::string> author;  // XPath
  std::vector<std::string> strip;   // XPath; matching elements removed before anything else
  std::vector<std::string> strip_id_or_class;     // substrings of an id or class to remove
  std::vector<std::string> strip_image_src;       // substrings of an <img src> to remove
  std::vector<std::string> lazy_load_attributes;  // src_lazy_load_attr: attributes holding src
  std::vector<std::pair<std::string, std::string>> replace_strings;  // on the raw HTML first
  std::optional<bool> prune;                                         // ftr `prune:` (default: yes)
  std::vector<std::string> test_urls;                                // ftr `test_url:`

  bool empty() const;
};

/// The rules of one FEEDS feed: `content_selector` → body, `remove` → strip,
/// `title_selector` → title, `date_selector` → date. Throws Error (exit 1) naming the feed
/// and the selector when a selector is not in the supported CSS subset or not valid XPath.
SiteRules rules_from_feed(const config::FeedConfig& feed);

}  // namespace feedarchiver::extract
