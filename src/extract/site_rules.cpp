#include "feedarchiver/extract/site_rules.hpp"

namespace feedarchiver::extract {

bool SiteRules::empty() const {
  return body.empty() && title.empty() && date.empty() && author.empty() && strip.empty() &&
         strip_id_or_class.empty() && strip_image_src.empty() && lazy_load_attributes.empty() &&
         replace_strings.empty() && !prune && test_urls.empty();
}

// Placeholder until the CSS → XPath translator lands: selectors are taken as given.
SiteRules rules_from_feed(const config::FeedConfig& feed) {
  SiteRules rules;
  if (feed.content_selector) rules.body.push_back(*feed.content_selector);
  rules.strip = feed.remove;
  return rules;
}

}  // namespace feedarchiver::extract
