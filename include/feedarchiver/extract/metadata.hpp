#pragma once
// What a page says about its article outside the body: <meta> tags (Open Graph, Twitter,
// Dublin Core, article:*), JSON-LD, <link rel=canonical>, <title>, <h1> and <time>.

#include <optional>
#include <string>
#include <string_view>

#include "feedarchiver/extract/dom.hpp"
#include "feedarchiver/extract/json_ld.hpp"
#include "feedarchiver/model.hpp"

namespace feedarchiver::extract {

struct PageMetadata {
  std::optional<std::string> title;
  std::optional<Timestamp> published;
  std::optional<std::string> author;
  std::optional<std::string> canonical_url;  // absolute
  std::optional<std::string> site_name;
  std::optional<std::string> lead_image;  // absolute
  std::string base_url;                   // for relative URLs: <base href> or the page's URL
};

/// Reads the metadata of a page fetched from `page_url` (may be empty for a local file).
/// The published time comes from JSON-LD, meta tags or <time datetime>; see
/// date_from_url / date_from_text for the fallbacks. Pure.
PageMetadata read_metadata(const Dom& dom, const JsonLdArticle& json_ld, std::string_view page_url);

/// A date written in a URL path: /2023/11/26/, /2023-11-26, or an 8-digit YYYYMMDD. Pure.
std::optional<Timestamp> date_from_url(std::string_view url);

/// A date in the first lines of an article's text ("2023-11-26 10:00", "2023年11月26日",
/// "November 26, 2023"). Pure.
std::optional<Timestamp> date_from_text(std::string_view text);

}  // namespace feedarchiver::extract
