#pragma once
// An article page as a source of `archive`: the page's article becomes a one-item feed, so
// the rest of the recipe (normalize → post → write) is the same as for feeds.

#include <string_view>

#include "feedarchiver/archive/read_source.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/extract/site_rules.hpp"
#include "feedarchiver/fetch/fetcher.hpp"
#include "feedarchiver/fetch/source.hpp"

namespace feedarchiver::archive {

/// The article of an HTML page as a normalized one-item feed (the feed's title is the site's
/// name); an error when the page has no credible article. `rules`: the site's, if any. Pure.
LoadedFeed page_from_document(const decode::Document& document,
                              const extract::SiteRules* rules = nullptr);

/// Feed or page, detected from the content: what parses as a feed is a feed
/// (feed_from_fetch); an HTML page becomes its article (page_from_document), with the rules
/// `site_config` has for the page's host (when given).
LoadedFeed feed_or_page_from_fetch(const fetch::Source& source, const fetch::FetchResult& fetched,
                                   const extract::SiteConfigDirectory* site_config = nullptr);

}  // namespace feedarchiver::archive
