#include <deque>
#include <mutex>
#include <ostream>

#include <CLI/CLI.hpp>
#include "feedarchiver/background_jobs.hpp"
#include "feedarchiver/cli/app.hpp"
#include "feedarchiver/cli/commands.hpp"
#include "feedarchiver/cli/diagnostics.hpp"
#include "feedarchiver/cli/progress_bar.hpp"
#include "feedarchiver/fetch/json_validator_store.hpp"
#include "feedarchiver/fetch/source.hpp"
#include "feedarchiver/full_text.hpp"
#include "feedarchiver/image_download.hpp"
#include "feedarchiver/page_pipeline.hpp"
#include "feedarchiver/pipeline.hpp"
#include "feedarchiver/write/image_store.hpp"
#include "feedarchiver/write/jekyll_writer.hpp"

namespace feedarchiver::cli {

namespace {

// The request for a URL source, with the validators saved by an earlier run.
fetch::FetchRequest request_for(const fetch::Source& source, const fetch::FetchLimits& limits,
                                fetch::ValidatorStore& store) {
  fetch::FetchRequest request{source.location, std::nullopt, std::nullopt, limits};
  if (auto validators = store.load(source.location)) {
    request.etag = validators->etag;
    request.last_modified = validators->last_modified;
  }
  return request;
}

}  // namespace

int run_archive(const ArchiveArgs& args, const CommonOptions& common, fetch::Fetcher& fetcher,
                Streams streams) {
  Diagnostics diagnostics(streams.err, common.quiet, common.verbose);
  // Refuse a bad SOURCE (a file:// URL, say) before anything is fetched or written.
  std::vector<fetch::Source> sources;
  for (const std::string& argument : args.sources) {
    sources.push_back(fetch::classify_source(argument));
  }
  // --site-config DIR: rule files for pages (a page SOURCE, and items' pages with --full-text).
  std::optional<extract::SiteConfigDirectory> site_config;
  if (!common.site_config_dir.empty()) site_config.emplace(common.site_config_dir);
  write::JekyllWriter writer(args.output_dir, common.dry_run);
  fetch::JsonValidatorStore validators(fetch::JsonValidatorStore::path_for(args.output_dir));
  if (!validators.warning().empty()) diagnostics.warning(args.output_dir, validators.warning());
  ProgressBar progress(streams.err, common.progress, sources.size());
  // A dry run downloads no image: nothing may be written under DIR.
  const bool want_images = common.images == "download" && !common.dry_run;
  const bool enrich = common.full_text || want_images;

  std::size_t failed = 0;
  std::size_t unchanged = 0;
  std::size_t written = 0;
  std::size_t already_present = 0;
  // A source read, waiting for its items' pages and images (--full-text, --images download).
  struct Pending {
    const fetch::Source* source;
    Feed feed;
    bool from_page;
    fetch::Validators validators;
    std::size_t bytes;
  };
  std::vector<Pending> pending;
  // The writer is thread-safe; everything else below (validators, counters, streams) is
  // touched by one thread at a time, under `output`.
  std::mutex output;
  // Writes a source's posts; its validators are saved only then.
  const auto finish = [&](const fetch::Source& source, const Feed& feed,
                          const fetch::Validators& fetched_validators, std::size_t bytes) {
    const ArchiveReport report =
        archive_items(feed.items, source_name(args.name, feed.meta), common.now, writer);
    const std::lock_guard lock(output);
    progress.clear();
    const std::string& label = source.location;
    diagnostics.warnings(label, feed.warnings);
    if (feed.items.empty()) diagnostics.warning(label, "the feed has no items");
    print_posts(report, label, diagnostics, streams.out);
    written += report.written;
    already_present += report.already_present;
    // Only now that its posts are written: a crash before leaves the feed to fetch again.
    if (source.kind == fetch::Source::Kind::url && !common.dry_run) {
      validators.save(source.location, fetched_validators);
    }
    progress.finished(bytes, false);
  };
  // A source as read on a worker thread: decoded, parsed, normalized (or why not).
  struct Read {
    const fetch::Source* source;
    LoadedFeed loaded;
    fetch::Validators validators;
    std::size_t bytes;
  };
  // The rest of a source: diagnostics, then its posts (or it waits for its pages and images).
  const auto write_read = [&](Read read) {
    const fetch::Source& source = *read.source;
    if (read.loaded.feed && !enrich) {
      finish(source, *read.loaded.feed, read.validators, read.bytes);
      return;
    }
    const std::lock_guard lock(output);
    progress.clear();
    if (!read.loaded.feed) {
      diagnostics.error(source.location, read.loaded.error);
      ++failed;
      progress.finished(read.bytes, true);
      return;
    }
    pending.push_back({&source, std::move(*read.loaded.feed), read.loaded.from_page,
                       read.validators, read.bytes});
  };
  // Reading and writing a source run on worker threads, so that this thread only keeps the
  // transfers moving.
  BackgroundJobs<bool> workers(worker_count(), 2 * worker_count() + 2);
  const auto ignore = [](bool) {};
  const auto process = [&](const fetch::Source& source, fetch::FetchResult fetched) {
    if (fetched.status == fetch::FetchStatus::not_modified) {
      const std::lock_guard lock(output);
      progress.clear();
      diagnostics.info(source.location + ": unchanged (HTTP 304)");
      ++unchanged;
      progress.finished(0, false);
      return;
    }
    workers.submit(
        [&source, &write_read, &site_config, fetched = std::move(fetched)] {
          write_read(
              Read{&source,
                   feed_or_page_from_fetch(source, fetched, site_config ? &*site_config : nullptr),
                   fetch::Validators{fetched.etag, fetched.last_modified}, fetched.body.size()});
          return true;
        },
        ignore);
  };

  // Files and stdin are read directly; every URL goes through one concurrent fetch_all.
  std::vector<std::size_t> url_sources;
  std::vector<fetch::FetchRequest> requests;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (sources[i].kind == fetch::Source::Kind::url) {
      url_sources.push_back(i);
      requests.push_back(request_for(sources[i], common.limits, validators));
    } else {
      process(sources[i], fetch::load_source(sources[i], fetcher, common.limits, streams.in));
    }
  }
  fetcher.fetch_all(requests, [&](std::size_t index, fetch::FetchResult result) {
    process(sources[url_sources[index]], std::move(result));
  });
  workers.drain(ignore, true);

  // Every item's page in one more fetch_all, then every image in one more, then the posts.
  if (!pending.empty()) {
    std::deque<extract::SiteRules> page_rules;
    std::vector<FullTextTarget> pages;
    std::vector<ImageTarget> images;
    for (Pending& source : pending) {
      for (Item& item : source.feed.items) {
        // A page source's item is already the page's article.
        if (common.full_text && !source.from_page) {
          pages.push_back(
              {&item,
               rules_for_page(nullptr, site_config ? &*site_config : nullptr, item, page_rules),
               common.limits, &source.feed.warnings});
        }
        images.push_back({&item, common.limits, &source.feed.warnings});
      }
    }
    if (!pages.empty()) fetch_full_text(pages, fetcher);
    if (want_images) {
      write::ImageStore store(args.output_dir);
      download_images(images, fetcher, store);
    }
    for (const Pending& source : pending) {
      finish(*source.source, source.feed, source.validators, source.bytes);
    }
  }
  progress.clear();
  if (!common.dry_run) {
    writer.sync();  // the posts are durable before the validators that say they are archived
    validators.flush();
  }

  streams.out.flush();
  diagnostics.summary(std::string(common.dry_run ? "would write " : "wrote ") +
                      std::to_string(written) + " new post(s), " + std::to_string(already_present) +
                      " already archived, " + std::to_string(unchanged) + " feed(s) unchanged, " +
                      std::to_string(failed) + " of " + std::to_string(sources.size()) +
                      " source(s) failed");
  return exit_code_for(sources.size(), failed);
}

void add_archive_command(CLI::App& app, AppState& state) {
  auto args = std::make_shared<ArchiveArgs>();
  CLI::App* command = app.add_subcommand("archive", "Archive feeds (URL, file or -) as posts");
  command->add_option("SOURCE", args->sources, "Feed URL, file, or - for stdin")->required();
  add_output_options(*command, state, args->output_dir, args->name);
  add_common_options(*command, state);
  add_article_options(*command, state.common);
  command->callback([&state, args] {
    state.action = [args](RunContext& context) {
      return run_archive(*args, context.common, context.fetcher, context.streams);
    };
  });
}

}  // namespace feedarchiver::cli
