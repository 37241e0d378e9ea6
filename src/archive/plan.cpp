#include "feedarchiver/archive/plan.hpp"

#include <set>

#include "feedarchiver/config/time_zone_file.hpp"

namespace feedarchiver::archive {
namespace {

/// The feed's FEEDS `encoding` and `timezone` (both checked when the FEEDS file was read).
ReadSettings read_settings(const config::FeedConfig& feed) {
  ReadSettings settings;
  if (feed.encoding) settings.encoding = *feed.encoding;
  settings.sanitize.iframe_hosts = feed.iframe_hosts;
  if (feed.timezone) {
    if (auto zone = config::load_time_zone(*feed.timezone)) settings.parse.timezone = *zone;
  }
  return settings;
}

/// One warning per FEEDS feature that is accepted but has no effect in this run.
std::vector<std::string> unsupported_features(const std::vector<PlannedSource>& sources,
                                              const std::vector<const config::FeedConfig*>& feeds) {
  std::set<std::string> features;
  for (std::size_t i = 0; i < feeds.size(); ++i) {
    const bool has_rules = feeds[i]->content_selector || !feeds[i]->remove.empty();
    if (has_rules && !sources[i].full_text) features.insert("content_selector/remove");
  }
  std::vector<std::string> warnings;
  for (const std::string& feature : features) {
    warnings.push_back(feature +
                       " apply only to the pages of full_text feeds and are ignored for feeds "
                       "archived from their own content");
  }
  return warnings;
}

std::shared_ptr<const extract::SiteConfigDirectory> site_config_of(const RunOptions& options) {
  if (options.site_config_dir.empty()) return nullptr;
  return std::make_shared<const extract::SiteConfigDirectory>(options.site_config_dir);
}

}  // namespace

extract::SiteRules rules_from_feed(const config::FeedConfig& feed) {
  extract::PageSelectors selectors;
  selectors.content = feed.content_selector;
  selectors.remove = feed.remove;
  selectors.title = feed.title_selector;
  selectors.date = feed.date_selector;
  return extract::rules_from_selectors(selectors, "feed " + config::feed_label(feed));
}

Plan plan_feeds(const config::FeedsConfig& feeds, const config::Shard& shard,
                const RunOptions& options) {
  Plan plan;
  plan.options = options;
  std::vector<const config::FeedConfig*> planned;
  for (const config::FeedConfig& feed : feeds.feeds) {
    if (!feed.enabled || !config::in_shard(feed.url, shard)) continue;
    planned.push_back(&feed);
    PlannedSource source;
    source.source = fetch::Source{fetch::Source::Kind::url, feed.url};
    source.label = config::feed_label(feed);
    source.name = feed.name;
    source.tags = feed.tags;
    source.categories = feed.categories;
    source.read = read_settings(feed);
    source.full_text = feed.full_text || options.full_text;
    // Read before anything is fetched: a bad selector is a configuration error (exit 1),
    // not a surprise halfway through the run.
    if (source.full_text) source.rules = rules_from_feed(feed);
    // A dry run writes nothing under DIR, so it downloads no image.
    source.download_images = options.images.value_or(feed.images) == "download" && !options.dry_run;
    source.limits = options.limits;
    if (feed.budget && !options.budget) source.limits.budget = std::chrono::seconds(*feed.budget);
    if (feed.user_agent) source.limits.user_agent = *feed.user_agent;
    plan.sources.push_back(std::move(source));
  }
  plan.warnings = unsupported_features(plan.sources, planned);
  plan.site_config = site_config_of(options);
  return plan;
}

Plan plan_sources(const std::vector<std::string>& arguments, const std::optional<std::string>& name,
                  const RunOptions& options) {
  Plan plan;
  plan.options = options;
  for (const std::string& argument : arguments) {
    PlannedSource source;
    source.source = fetch::classify_source(argument);
    source.label = source.source.location;
    source.name = name;
    source.pages_too = true;
    source.full_text = options.full_text;
    source.download_images = options.images.value_or("keep") == "download" && !options.dry_run;
    source.limits = options.limits;
    plan.sources.push_back(std::move(source));
  }
  plan.site_config = site_config_of(options);
  return plan;
}

}  // namespace feedarchiver::archive
