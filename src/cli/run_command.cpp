// `run -c FEEDS -o DIR`: the cron job. Fetches every feed of FEEDS in one fetch_all, and as
// each result arrives archives its new items and records them in the state, one transaction
// per feed committed after the feed's posts are complete on disk. A feed whose new items want
// their pages (full_text) or local images (images: download) waits: after the feeds, all
// those pages are fetched in one more fetch_all, then all the images in one more, then each
// such feed is archived in its own transaction.

#include <CLI/CLI.hpp>
#include <chrono>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <ostream>
#include <set>

#include "feedarchiver/background_jobs.hpp"
#include "feedarchiver/cli/app.hpp"
#include "feedarchiver/cli/commands.hpp"
#include "feedarchiver/cli/event_log.hpp"
#include "feedarchiver/config/feeds_config.hpp"
#include "feedarchiver/config/shard.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/extract/site_rules.hpp"
#include "feedarchiver/fetch/curl_fetcher.hpp"
#include "feedarchiver/fetch/json_validator_store.hpp"
#include "feedarchiver/fetch/source.hpp"
#include "feedarchiver/full_text.hpp"
#include "feedarchiver/image_download.hpp"
#include "feedarchiver/normalize/canonical_url.hpp"
#include "feedarchiver/normalize/dates.hpp"
#include "feedarchiver/pipeline.hpp"
#include "feedarchiver/state/content_hash.hpp"
#include "feedarchiver/state/run_lock.hpp"
#include "feedarchiver/state/state_store.hpp"
#include "feedarchiver/write/image_store.hpp"
#include "feedarchiver/write/jekyll_writer.hpp"
#include "feedarchiver/write/post.hpp"

namespace feedarchiver::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct RunArgs {
  std::string feeds_path;
  std::string output_dir;
  std::string state_path;  // empty: DIR/.feedarchiver/state.db
  std::string shard;       // "K/N", empty: all feeds
  bool update = false;
  bool wait = false;
  bool json_log = false;
};

/// What happened to one feed in this run.
struct FeedOutcome {
  std::string status;  // ok | not_modified | http_error | network_error | parse_error | ...
  long http_status = 0;
  bool failed = false;
  std::string error;
  std::vector<std::string> warnings;
  std::size_t items = 0;
  std::size_t items_new = 0;
  std::size_t items_updated = 0;
  std::vector<fs::path> written;
};

std::string describe_fetch_failure(const fetch::FetchResult& result) {
  std::string what = fetch::to_string(result.status);
  if (result.http_status != 0 && result.status == fetch::FetchStatus::http_error) {
    what += " (HTTP " + std::to_string(result.http_status) + ")";
  }
  if (!result.error.empty()) what += ": " + result.error;
  return what;
}

/// The feed's FEEDS `encoding` and `timezone` (both checked when the FEEDS file was read).
ReadSettings read_settings(const config::FeedConfig& feed) {
  ReadSettings settings;
  if (feed.encoding) settings.encoding = *feed.encoding;
  settings.sanitize.iframe_hosts = feed.iframe_hosts;
  if (feed.timezone) {
    if (auto zone = normalize::load_time_zone(*feed.timezone)) settings.parse.timezone = *zone;
  }
  return settings;
}

/// Archives the items of one fetched feed against the state: new items become posts and
/// rows; known ones are only marked seen (or rewritten in place with --update).
class FeedArchiver {
 public:
  FeedArchiver(state::StateStore& store, write::JekyllWriter& writer, fs::path site_dir,
               bool update, Timestamp now)
      : store_(store),
        writer_(writer),
        site_dir_(std::move(site_dir)),
        update_(update),
        now_(now) {}

  /// The first half of a feed: what was fetched, read and parsed (into `parsed` when ok).
  /// Writes nothing.
  FeedOutcome read(const config::FeedConfig& feed, const fetch::FetchResult& fetched,
                   std::optional<Feed>& parsed) const {
    FeedOutcome outcome;
    outcome.http_status = fetched.http_status;
    if (fetched.status == fetch::FetchStatus::not_modified) {
      outcome.status = "not_modified";
      return outcome;
    }
    if (fetched.status != fetch::FetchStatus::ok) {
      outcome.status = fetch::to_string(fetched.status);
      outcome.failed = true;
      outcome.error = describe_fetch_failure(fetched);
      return outcome;
    }
    LoadedFeed loaded = feed_from_fetch(fetch::Source{fetch::Source::Kind::url, feed.url}, fetched,
                                        read_settings(feed));
    if (!loaded.feed) {
      outcome.status = "parse_error";
      outcome.failed = true;
      outcome.error = loaded.error;
      return outcome;
    }
    outcome.status = "ok";
    outcome.warnings = std::move(loaded.feed->warnings);
    if (loaded.feed->items.empty()) outcome.warnings.push_back("the feed has no items");
    parsed = std::move(loaded.feed);
    return outcome;
  }

  /// The second half, inside the feed's transaction: the posts of `parsed` (when the feed was
  /// read) written and recorded, then the validators saved.
  /// `no_update` (items whose page gave no full text this time): known posts left as they are
  /// by --update, rather than rewritten with the feed's summary.
  void archive(const config::FeedConfig& feed, const Feed* parsed,
               const fetch::Validators& validators, FeedOutcome& outcome,
               const std::set<const Item*>& no_update = {}) {
    if (parsed != nullptr) archive_items_of(feed, *parsed, no_update, outcome);
    // Validators only once the items are in: a feed whose posts failed is fetched in full again.
    const bool revalidated =
        outcome.status == "not_modified" && (validators.etag || validators.last_modified);
    if (parsed != nullptr || revalidated) {
      store_.save(feed.url, validators);
    }
  }

  /// True when the item is new to the state (or --update looks at every item again): the
  /// items whose pages and images are worth fetching.
  bool wants_body(const config::FeedConfig& feed, const Item& item) {
    if (update_) return true;
    const std::string canonical = item.url ? normalize::canonical_url(*item.url) : "";
    return !store_.find_article(feed.url, item.id.value_or(""), canonical);
  }

 private:
  void archive_items_of(const config::FeedConfig& feed, const Feed& parsed,
                        const std::set<const Item*>& no_update, FeedOutcome& outcome) {
    const write::PostOptions options{source_name(feed.name, parsed.meta), feed.tags,
                                     feed.categories};
    for (const Item& item : parsed.items) {
      ++outcome.items;
      const std::string guid = item.id.value_or("");
      const std::string canonical = item.url ? normalize::canonical_url(*item.url) : "";
      if (const auto known = store_.find_article(feed.url, guid, canonical)) {
        if (update_ && no_update.count(&item) == 0) {
          update_known(*known, item, options, outcome);
        } else {
          store_.touch_article(known->id, now_);
        }
        continue;
      }
      const write::Post post = write::build_post(item, options, now_, outcome.warnings);
      const write::WriteOutcome written = writer_.write(post);
      // Recorded after the rename: a killed run leaves at worst a post the state does not
      // know yet, which the writer recognises (same name and from:) on the next run.
      state::ArticleRecord article;
      article.feed_url = feed.url;
      article.guid = guid;
      article.url = item.url.value_or("");
      article.canonical_url = canonical;
      article.content_hash = state::content_hash(post);
      article.post_path = (fs::path("_posts") / written.path.filename()).string();
      article.first_seen = now_;
      store_.add_article(article);
      if (written.status != write::WriteStatus::already_present) {
        ++outcome.items_new;
        outcome.written.push_back(written.path);
      }
    }
  }

  void update_known(const state::ArticleRecord& known, const Item& item,
                    const write::PostOptions& options, FeedOutcome& outcome) {
    std::vector<std::string> ignored;  // warnings were given when the post was first written
    write::Post post = write::build_post(item, options, now_, ignored);
    if (!item.published) post.date = known.first_seen;  // keep an undated post's date
    const std::string hash = state::content_hash(post);
    const fs::path path = site_dir_ / known.post_path;
    std::error_code ec;
    // A migrated row has no hash yet: adopt the current one without rewriting.
    if (known.content_hash.empty() || hash == known.content_hash || !fs::exists(path, ec)) {
      store_.touch_article(known.id, now_, hash);
      return;
    }
    writer_.rewrite(path, post);
    store_.touch_article(known.id, now_, hash);
    ++outcome.items_updated;
    outcome.written.push_back(path);
  }

  state::StateStore& store_;
  write::JekyllWriter& writer_;
  fs::path site_dir_;
  bool update_;
  Timestamp now_;
};

/// One warning per FEEDS feature that is accepted but has no effect in this run.
void warn_unsupported(const std::vector<const config::FeedConfig*>& feeds, bool full_text,
                      EventLog& log) {
  std::set<std::string> features;
  for (const config::FeedConfig* feed : feeds) {
    const bool has_rules = feed->content_selector || !feed->remove.empty();
    if (has_rules && !feed->full_text && !full_text) features.insert("content_selector/remove");
  }
  for (const std::string& feature : features) {
    log.run_warning(feature +
                    " apply only to the pages of full_text feeds and are ignored for feeds "
                    "archived from their own content");
  }
}

/// A new state takes over the validators `archive` kept in the interim JSON file, once, so
/// that the first `run` after `archive` still sends conditional requests.
void import_interim_validators(const config::FeedsConfig& feeds, const fs::path& site_dir,
                               state::StateStore& store) {
  const fs::path interim = fetch::JsonValidatorStore::path_for(site_dir);
  std::error_code ec;
  if (!fs::exists(interim, ec)) return;
  fetch::JsonValidatorStore json(interim);
  store.begin();
  for (const config::FeedConfig& feed : feeds.feeds) {
    if (const auto validators = json.load(feed.url)) store.save(feed.url, *validators);
  }
  store.commit();
}

int run_feeds(const RunArgs& args, const CommonOptions& common, fetch::Fetcher& given_fetcher,
              Streams streams) {
  const auto started = Clock::now();
  EventLog log(streams.err, common.quiet, common.verbose, args.json_log);
  const config::FeedsConfig feeds_config = config::load_feeds_config(args.feeds_path);
  // FEEDS defaults.jobs / per_host apply unless the command line set them.
  std::optional<fetch::CurlFetcher> configured_fetcher;
  const bool jobs_from_file = feeds_config.jobs && !common.jobs_given;
  const bool per_host_from_file = feeds_config.per_host && !common.per_host_given;
  if (jobs_from_file || per_host_from_file) {
    fetch::CurlFetcherOptions options;
    options.jobs = jobs_from_file ? static_cast<std::size_t>(*feeds_config.jobs) : common.jobs;
    options.per_host =
        per_host_from_file ? static_cast<std::size_t>(*feeds_config.per_host) : common.per_host;
    configured_fetcher.emplace(std::move(options));
  }
  fetch::Fetcher& fetcher = configured_fetcher ? *configured_fetcher : given_fetcher;
  const config::Shard shard =
      args.shard.empty() ? config::Shard{} : config::parse_shard(args.shard);

  std::vector<const config::FeedConfig*> feeds;
  for (const config::FeedConfig& feed : feeds_config.feeds) {
    if (feed.enabled && config::in_shard(feed.url, shard)) feeds.push_back(&feed);
  }
  warn_unsupported(feeds, common.full_text, log);
  // Each full-text feed's site rules, read before anything is fetched: a bad selector is a
  // configuration error (exit 1), not a surprise halfway through the run.
  std::vector<std::optional<extract::SiteRules>> rules(feeds.size());
  for (std::size_t i = 0; i < feeds.size(); ++i) {
    if (feeds[i]->full_text || common.full_text) rules[i] = extract::rules_from_feed(*feeds[i]);
  }
  // --site-config DIR: the rules of each page's host, under the feed's own selectors.
  std::optional<extract::SiteConfigDirectory> site_config;
  if (!common.site_config_dir.empty()) site_config.emplace(common.site_config_dir);
  std::deque<extract::SiteRules> page_rules;

  const fs::path site_dir(args.output_dir);
  const fs::path state_path =
      args.state_path.empty() ? site_dir / ".feedarchiver" / "state.db" : fs::path(args.state_path);
  // A dry run changes nothing: no lock file, no state file created, nothing committed.
  std::optional<state::RunLock> lock;
  if (!common.dry_run) {
    std::error_code ec;
    if (state_path.has_parent_path()) fs::create_directories(state_path.parent_path(), ec);
    if (ec) throw Error("cannot create " + state_path.parent_path().string() + ": " + ec.message());
    const fs::path lock_path = state_path.string() + ".lock";
    lock = state::RunLock::try_acquire(lock_path);
    if (!lock && !args.wait) {
      const long pid = state::RunLock::holder_pid(lock_path);
      throw Error("another run is using " + state_path.string() +
                      (pid > 0 ? " (pid " + std::to_string(pid) + ")" : std::string()) +
                      "; not starting (pass --wait to queue behind it)",
                  kExitUsage);
    }
    if (!lock) {
      log.info("waiting for the run holding " + lock_path.string());
      lock = state::RunLock::acquire(lock_path);
    }
  }
  write::JekyllWriter writer(site_dir, common.dry_run);
  if (!common.dry_run) {
    write::remove_stale_temporary_files(site_dir / "assets");
    if (const std::size_t removed = write::remove_stale_temporary_files(writer.posts_dir())) {
      log.info("removed " + std::to_string(removed) + " temporary file(s) of a killed run");
    }
  }
  std::error_code exists_ec;
  const bool new_state = !fs::exists(state_path, exists_ec);
  const bool private_state = common.dry_run && new_state;
  state::StateStore store(private_state ? fs::path(":memory:") : state_path);
  if (new_state) import_interim_validators(feeds_config, site_dir, store);

  std::vector<fetch::FetchRequest> requests;
  requests.reserve(feeds.size());
  for (const config::FeedConfig* feed : feeds) {
    fetch::FetchRequest request;
    request.url = feed->url;
    request.limits = common.limits;
    if (feed->user_agent) request.limits.user_agent = *feed->user_agent;
    // --update must see every item again, not a 304 for a change a plain run already saw.
    const auto validators = args.update ? std::nullopt : store.load(feed->url);
    if (validators) {
      request.etag = validators->etag;
      request.last_modified = validators->last_modified;
    }
    requests.push_back(std::move(request));
  }

  FeedArchiver archiver(store, writer, site_dir, args.update, common.now);
  std::size_t failed = 0, not_modified = 0, items_new = 0, items_updated = 0;
  // One feed's second half: its posts, state rows and validators in one transaction, the
  // posts durable before the commit; then its lines on stdout and stderr.
  const auto finish = [&](std::size_t index, const Feed* parsed,
                          const fetch::Validators& validators, FeedOutcome& outcome,
                          Clock::time_point feed_started,
                          const std::set<const Item*>& no_update = {}) {
    const config::FeedConfig& feed = *feeds.at(index);
    const std::string label = config::feed_label(feed);
    store.begin();
    try {
      archiver.archive(feed, parsed, validators, outcome, no_update);
      store.record_fetch(feed.url, outcome.status, outcome.http_status, common.now, outcome.failed);
      if (common.dry_run) {
        store.rollback();
      } else {
        writer.sync();  // the feed's posts are durable before the rows that record them
        store.commit();
      }
    } catch (...) {
      store.rollback();
      throw;
    }
    for (const fs::path& path : outcome.written) streams.out << path.string() << '\n';
    for (const std::string& warning : outcome.warnings) log.warning(label, feed.url, warning);
    if (outcome.failed) {
      ++failed;
      log.error(label, feed.url, outcome.error);
    }
    if (outcome.status == "not_modified") ++not_modified;
    items_new += outcome.items_new;
    items_updated += outcome.items_updated;
    const auto ms = [](Clock::time_point from) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - from).count();
    };
    log.event({{"event", "feed"},
               {"feed", label},
               {"url", feed.url},
               {"status", outcome.status},
               {"http_status", outcome.http_status},
               {"items", outcome.items},
               {"items_new", outcome.items_new},
               {"items_updated", outcome.items_updated},
               {"ms", ms(feed_started)},
               {"elapsed_ms", ms(started)}});
  };

  // A feed read whose new items wait for their pages (full_text) or images (download): the
  // fetcher is busy with the feeds, so those are fetched in their own fetch_all afterwards.
  struct Pending {
    std::size_t index;
    Feed feed;
    FeedOutcome outcome;
    fetch::Validators validators;
    Clock::time_point started;
    std::unique_ptr<bool[]> kept_feed_content;  // per item: its page gave no full text
  };
  std::vector<Pending> pending;
  const auto downloads_images = [&](const config::FeedConfig& feed) {
    // A dry run writes nothing under DIR, so it downloads no image.
    return common.images.value_or(feed.images) == "download" && !common.dry_run;
  };
  // Reading a feed (decode, parse, sanitize: most of the CPU) runs on worker threads; its
  // second half (state, posts, log lines) one feed at a time, under `output`. This thread
  // only keeps the transfers moving.
  std::mutex output;
  BackgroundJobs<bool> workers(worker_count(), 2 * worker_count() + 2);
  const auto ignore = [](bool) {};
  fetcher.fetch_all(requests, [&](std::size_t index, fetch::FetchResult fetched) {
    workers.submit(
        [&, index, fetched = std::move(fetched)] {
          const config::FeedConfig& feed = *feeds.at(index);
          const auto feed_started = Clock::now();
          std::optional<Feed> parsed;
          FeedOutcome outcome = archiver.read(feed, fetched, parsed);
          const fetch::Validators validators{fetched.etag, fetched.last_modified};
          const std::lock_guard one_at_a_time(output);
          if (parsed && (rules[index] || downloads_images(feed))) {
            pending.push_back(
                {index, std::move(*parsed), std::move(outcome), validators, feed_started, nullptr});
            return true;
          }
          finish(index, parsed ? &*parsed : nullptr, validators, outcome, feed_started);
          return true;
        },
        ignore);
  });
  workers.drain(ignore, true);

  if (!pending.empty()) {
    std::vector<FullTextTarget> pages;
    std::vector<ImageTarget> images;
    for (Pending& entry : pending) {
      const config::FeedConfig& feed = *feeds.at(entry.index);
      fetch::FetchLimits limits = common.limits;
      if (feed.user_agent) limits.user_agent = *feed.user_agent;
      entry.kept_feed_content = std::make_unique<bool[]>(entry.feed.items.size());
      for (std::size_t i = 0; i < entry.feed.items.size(); ++i) {
        Item& item = entry.feed.items[i];
        if (!archiver.wants_body(feed, item)) continue;  // known: no page, no image fetched
        if (rules[entry.index]) {
          const extract::SiteRules* item_rules = rules_for_page(
              &*rules[entry.index], site_config ? &*site_config : nullptr, item, page_rules);
          pages.push_back(
              {&item, item_rules, limits, &entry.outcome.warnings, &entry.kept_feed_content[i]});
        }
        if (downloads_images(feed)) images.push_back({&item, limits, &entry.outcome.warnings});
      }
    }
    if (!pages.empty()) {
      const auto pages_started = Clock::now();
      const std::size_t fetched_pages = fetch_full_text(pages, fetcher);
      log.info("full text: " + std::to_string(fetched_pages) + " page(s) in " +
               std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() -
                                                                                    pages_started)
                                  .count()) +
               " ms");
    }
    if (!images.empty()) {
      write::ImageStore image_store(site_dir);
      const ImageDownloadReport report = download_images(images, fetcher, image_store);
      log.info("images: " + std::to_string(report.stored) + " stored, " +
               std::to_string(report.failed) + " kept remote");
    }
    for (Pending& entry : pending) {
      std::set<const Item*> no_update;
      for (std::size_t i = 0; i < entry.feed.items.size(); ++i) {
        if (entry.kept_feed_content[i]) no_update.insert(&entry.feed.items[i]);
      }
      finish(entry.index, &entry.feed, entry.validators, entry.outcome, entry.started, no_update);
    }
  }
  streams.out.flush();

  const auto total_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  std::string human = std::string(common.dry_run ? "would write " : "wrote ") +
                      std::to_string(items_new) + " new post(s)";
  if (args.update) human += ", updated " + std::to_string(items_updated);
  human += "; " + std::to_string(not_modified) + " feed(s) unchanged, " + std::to_string(failed) +
           " of " + std::to_string(feeds.size()) + " failed";
  log.summary(human, {{"event", "run"},
                      {"feeds", feeds.size()},
                      {"failed", failed},
                      {"not_modified", not_modified},
                      {"items_new", items_new},
                      {"items_updated", items_updated},
                      {"dry_run", common.dry_run},
                      {"ms", total_ms}});
  if (feeds.empty()) return kExitOk;
  return exit_code_for(feeds.size(), failed);
}

}  // namespace

void add_run_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* command =
      app.add_subcommand("run", "Archive every feed of a FEEDS file, remembering what was seen");
  command->add_option("-c,--config", args->feeds_path, "FEEDS file (JSON)")->required();
  command->add_option("-o,--output", args->output_dir, "Site directory (posts go to DIR/_posts)")
      ->required();
  command->add_option("--state", args->state_path,
                      "State database (default DIR/.feedarchiver/state.db)");
  command->add_option("--shard", args->shard,
                      "K/N: archive only the feeds whose URL hash mod N is K");
  command->add_flag("--update", args->update,
                    "Rewrite a known post in place when its content changed");
  command->add_flag("--wait", args->wait, "Wait for a run already using the state to finish");
  command->add_flag("--json-log", args->json_log, "One JSON object per event on stderr");
  command->add_flag("--dry-run", state.common.dry_run, "Say what would be written, write nothing");
  add_common_options(*command, state);
  add_article_options(*command, state.common);
  command->callback([&state, args] {
    state.action = [args](RunContext& context) {
      return run_feeds(*args, context.common, context.fetcher, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
