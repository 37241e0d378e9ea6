#pragma once
// RSS 0.9x / 2.0 (<rss>) and RSS 1.0 / 0.90 (<rdf:RDF>) documents → Feed. Private to parse/.

#include <pugixml.hpp>
#include <string>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/model.hpp"

namespace feedarchiver::parse {

/// Reads an <rss> root (format rss2 or rss09x as given). `base_url` is the document's URL.
Feed parse_rss(pugi::xml_node root, FeedFormat format, const std::string& base_url,
               const DateOptions& dates = {});

/// Reads an <rdf:RDF> root: channel, image and items are siblings.
Feed parse_rdf(pugi::xml_node root, FeedFormat format, const std::string& base_url,
               const DateOptions& dates = {});

}  // namespace feedarchiver::parse
