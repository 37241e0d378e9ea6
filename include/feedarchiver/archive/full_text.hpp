#pragma once
// `--full-text`: an item's body from its page. Each item's page is fetched (all of them in
// one concurrent fetch_all), decoded and extracted; a credible article replaces the feed's
// body, anything else leaves the item as the feed gave it, with a warning naming the page.

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "feedarchiver/extract/site_rules.hpp"
#include "feedarchiver/fetch/fetcher.hpp"
#include "feedarchiver/model.hpp"

namespace feedarchiver::archive {

/// One item whose page is wanted.
struct FullTextTarget {
  Item* item = nullptr;
  const extract::SiteRules* rules = nullptr;     // the feed's rules; null or empty: the scorer
  fetch::FetchLimits limits;                     // the feed's (its user agent)
  std::vector<std::string>* warnings = nullptr;  // where this item's warnings go (its feed's)
  bool* kept_feed_content = nullptr;  // set true when the page gave no body (when not null)
};

/// The rules for one item's page: the feed's (FEEDS selectors) over those `site_config` has
/// for the page's host. Returns `feed_rules` itself when the directory has nothing for it;
/// merged rules are kept in `storage` (a deque: the pointers stay valid).
const extract::SiteRules* rules_for_page(const extract::SiteRules* feed_rules,
                                         const extract::SiteConfigDirectory* site_config,
                                         const Item& item, std::deque<extract::SiteRules>& storage);

/// Uses the article of `page` (what fetching the item's URL returned) as the item's body:
/// content_html and images from the article; title, published and author only when the feed
/// had none. Returns the warning (naming the item's URL and why) and leaves the item alone
/// when the fetch failed, the page is not HTML or has no credible article. Pure.
std::optional<std::string> apply_page(Item& item, const fetch::FetchResult& page,
                                      const extract::SiteRules* rules);

/// Fetches the page of every target whose item has an http(s) URL, one request per distinct
/// URL, all in one fetcher.fetch_all, and applies each (apply_page). Never throws for a page;
/// call it outside any other fetch_all of the same fetcher. Returns the pages requested.
std::size_t fetch_full_text(const std::vector<FullTextTarget>& targets, fetch::Fetcher& fetcher);

}  // namespace feedarchiver::archive
