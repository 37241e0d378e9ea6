#pragma once
// The plan of a run: which sources, in which order (the order decides which feed's copy of an
// article shared by two feeds is written: the first), and how each is read, enriched and
// named. `run` plans the feeds of a FEEDS file, `archive` its SOURCE arguments. Planning reads
// no network; it checks every selector, so a bad one is a configuration error before anything
// is fetched or written.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "feedarchiver/archive/read_source.hpp"
#include "feedarchiver/config/feeds_config.hpp"
#include "feedarchiver/config/shard.hpp"
#include "feedarchiver/extract/site_rules.hpp"
#include "feedarchiver/fetch/fetcher.hpp"
#include "feedarchiver/fetch/source.hpp"
#include "feedarchiver/model.hpp"

namespace feedarchiver::archive {

/// What the command line says for every source of a run.
struct RunOptions {
  bool dry_run = false;               // take every decision, write nothing
  bool update = false;                // rewrite a known post in place when its content changed
  bool full_text = false;             // --full-text: every item's body from its page
  std::optional<std::string> images;  // --images keep|download; nullopt: each feed's (keep)
  fetch::FetchLimits limits;
  /// --budget: every source's budget, over FEEDS `budget` (limits.budget is set to it too).
  std::optional<std::chrono::seconds> budget;
  /// `run`: a long Retry-After defers the feed (not a failure), a failing feed backs off, and
  /// a feed whose next attempt is still to come is skipped. `archive`: none of that.
  bool scheduled = false;
  bool ignore_schedules = false;  // run --all: every feed is due
  Timestamp now{};                // the fetch time of this run
  std::string site_config_dir;    // --site-config DIR: ftr-site-config rule files for pages
};

/// One source of a run.
struct PlannedSource {
  fetch::Source source;
  std::string label;                // how messages name it: the FEEDS name, else its location
  std::optional<std::string> name;  // author/tags/categories; default: the feed's title
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<std::string>> categories;
  ReadSettings read;
  bool pages_too = false;  // an HTML page is read as its article (archive's SOURCEs)
  bool full_text = false;  // each new item's body from its page
  std::optional<extract::SiteRules> rules;  // the feed's own page rules (FEEDS selectors)
  bool download_images = false;             // store the bodies' images under DIR/assets/
  fetch::FetchLimits limits;                // its user agent
};

struct Plan {
  std::vector<PlannedSource> sources;
  RunOptions options;
  std::shared_ptr<const extract::SiteConfigDirectory> site_config;  // null: none
  std::vector<std::string> warnings;  // about the plan, told when the run starts
};

/// The plan of `run`: every enabled feed of `feeds` in `shard`, in FEEDS order. Throws Error
/// (exit 1) for a bad selector or an unreadable --site-config directory.
Plan plan_feeds(const config::FeedsConfig& feeds, const config::Shard& shard,
                const RunOptions& options);

/// The plan of `archive SOURCE...`: each argument a URL, a file or "-", in the order given;
/// an HTML page is read as its article. Throws Error (exit 1) for a SOURCE that may not be
/// read (a file:// URL) before anything is fetched or written.
Plan plan_sources(const std::vector<std::string>& arguments, const std::optional<std::string>& name,
                  const RunOptions& options);

/// The page rules of a FEEDS feed (its selectors as XPath). Throws Error (exit 1) naming the
/// feed and the selector when one is not valid.
extract::SiteRules rules_from_feed(const config::FeedConfig& feed);

}  // namespace feedarchiver::archive
