#pragma once
// The article described by a page's JSON-LD (<script type="application/ld+json">):
// schema.org Article, NewsArticle, BlogPosting and their kin, also inside @graph.

#include <optional>
#include <string>

#include "feedarchiver/extract/dom.hpp"

namespace feedarchiver::extract {

struct JsonLdArticle {
  std::optional<std::string> headline;
  std::optional<std::string> name;
  std::optional<std::string> date_published;
  std::optional<std::string> author;  // names joined by ", "
  std::optional<std::string> article_body;
  std::optional<std::string> image;
  std::optional<std::string> publisher;
  std::optional<std::string> url;
};

/// Reads the first article-typed JSON-LD object of the page; fields it lacks stay empty.
/// Malformed JSON is skipped. Pure.
JsonLdArticle read_json_ld(const Dom& dom);

}  // namespace feedarchiver::extract
