#pragma once
// An article page → its article: metadata, the main content (scored, cleaned, sanitized),
// its images and its text. The entry point of extract/.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/extract/site_rules.hpp"
#include "feedarchiver/model.hpp"

namespace feedarchiver::extract {

struct Article {
  std::optional<std::string> title;
  std::optional<Timestamp> published;
  std::optional<std::string> author;
  std::optional<std::string> url;  // canonical address, else the page's
  std::optional<std::string> site_name;
  std::optional<std::string> lead_image;
  std::vector<Image> images;
  std::string content_html;  // sanitized
  std::string text;          // plain text, one line per block
  bool credible = false;     // enough text to be an article (not a list or an error page)
};

/// Extracts the article of an HTML page. `document.base_url` (or `page_url` when given) is
/// the page's address; relative URLs resolve against it (or <base>, or the canonical URL).
/// `rules` (when given and not empty) run before the scorer: replace_strings on the raw HTML,
/// strip, then body/title/date/author selectors override what the scorer and metadata find.
/// Never throws on any input. Pure.
Article extract_article(const decode::Document& document, std::string_view page_url = {},
                        const SiteRules* rules = nullptr);

/// The extract JSON of spec.md: title, published, author, url, site_name, lead_image,
/// images [{url, alt, caption}], content_html, text (absent values null).
nlohmann::json article_to_json(const Article& article);

}  // namespace feedarchiver::extract
