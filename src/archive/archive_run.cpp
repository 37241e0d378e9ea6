#include "feedarchiver/archive/archive_run.hpp"

#include <chrono>
#include <deque>
#include <istream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "feedarchiver/archive/background_jobs.hpp"
#include "feedarchiver/archive/feed_commit.hpp"
#include "feedarchiver/archive/full_text.hpp"
#include "feedarchiver/archive/image_download.hpp"
#include "feedarchiver/archive/read_page.hpp"
#include "feedarchiver/archive/schedule.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/normalize/normalize_feed.hpp"
#include "feedarchiver/parse/feed_json.hpp"
#include "feedarchiver/write/image_store.hpp"

namespace feedarchiver::archive {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point from) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - from);
}

void tally(RunReport& run, const SourceReport& source) {
  ++run.sources;
  if (source.failed) ++run.failed;
  if (source.status == "deferred" && source.next_attempt) {
    run.deferred.emplace_back(source.label, *source.next_attempt);
  }
  if (source.status == "backing_off") run.backing_off.push_back(source.label);
  if (source.status == "not_reached") run.not_reached.push_back(source.label);
  if (source.status == "not_modified") ++run.not_modified;
  run.items_new += source.items_new;
  run.items_updated += source.items_updated;
  run.items_known += source.items_known;
}

void mark_not_reached(const std::string& why, ReadSource& read, SourceReport& report);

/// The first half of a source: what was fetched, read into a Feed (or why not). Pure.
void read_fetched(const PlannedSource& planned, const fetch::FetchResult& fetched,
                  const RunOptions& options, const extract::SiteConfigDirectory* site_config,
                  ReadSource& read, SourceReport& report) {
  report.http_status = fetched.http_status;
  report.bytes = fetched.body.size();
  read.validators = state::Validators{fetched.etag, fetched.last_modified};
  if (fetched.status == fetch::FetchStatus::not_modified) {
    report.status = "not_modified";
    return;
  }
  if (fetched.status == fetch::FetchStatus::cancelled) {
    mark_not_reached(fetched.error, read, report);
    return;
  }
  // A Retry-After the fetcher did not sleep (longer than it may): `run` comes back then.
  if (fetched.status == fetch::FetchStatus::http_error && fetched.retry_after &&
      *fetched.retry_after > planned.limits.max_retry_after_sleep) {
    // Longer than a run may sleep: `run` comes back then; `archive` has failed.
    const std::string wait = std::to_string(fetched.retry_after->count()) + " s";
    report.error = fetch::describe(fetched) + "; the server asks to retry after " + wait;
    if (options.scheduled) {
      report.status = "deferred";
      report.next_attempt = options.now + *fetched.retry_after;
    } else {
      report.status = fetch::to_string(fetched.status);
      report.failed = true;
    }
    return;
  }
  if (fetched.status != fetch::FetchStatus::ok) {
    report.status = fetch::to_string(fetched.status);
    report.failed = true;
    report.error = fetch::describe(fetched);
    return;
  }
  LoadedFeed loaded = planned.pages_too
                          ? feed_or_page_from_fetch(planned.source, fetched, site_config)
                          : feed_from_fetch(planned.source, fetched, planned.read);
  if (!loaded.feed) {
    report.status = "parse_error";
    report.failed = true;
    report.error = std::move(loaded.error);
    return;
  }
  report.status = "ok";
  report.warnings = std::move(loaded.feed->warnings);
  loaded.feed->warnings.clear();
  if (loaded.feed->items.empty()) report.warnings.push_back("the feed has no items");
  read.from_page = loaded.from_page;
  read.feed = std::move(loaded.feed);
}

/// A source a stop (deadline, signal) left incomplete: nothing of it is committed, so the next
/// run fetches it again in full.
void mark_not_reached(const std::string& why, ReadSource& read, SourceReport& report) {
  read = ReadSource{};
  report.status = "not_reached";
  report.attempted = false;
  report.failed = true;
  report.error = "not reached: " + why;
  report.written.clear();
}

class ArchiveRun {
 public:
  ArchiveRun(const Plan& plan, Site& site, fetch::Fetcher& fetcher, RunEvents& events)
      : plan_(plan),
        site_(site),
        fetcher_(fetcher),
        events_(events),
        committer_(site, plan.options),
        slots_(plan.sources.size()) {}

  RunReport run(std::istream& stdin_in) {
    events_.started(plan_.sources.size());
    for (const std::string& warning : plan_.warnings) events_.warning(warning);
    // The run's start, for the estimate of the cron interval that backoff waits are made of.
    if (plan_.options.scheduled && site_.state() != nullptr) {
      site_.state()->record_run(plan_.options.now);
    }
    read(stdin_in);
    enrich();
    commit_ready();
    site_.finish();
    report_.stopped = stop_requested();
    report_.elapsed = since(started_);
    return report_;
  }

 private:
  struct Slot {
    enum class Stage { unread, wants_pages, ready, committed };
    Stage stage = Stage::unread;
    ReadSource read;
    SourceReport report;
    Clock::time_point started;
    std::unique_ptr<bool[]> kept_feed_content;  // per item: its page gave no full text
  };

  /// Pass 1: every source fetched or read, then read into a Feed on a worker thread; a source
  /// that needs nothing more is committed as soon as the sources before it are.
  void read(std::istream& stdin_in) {
    BackgroundJobs<bool> workers(worker_count(), 2 * worker_count() + 2);
    const auto ignore = [](bool) {};
    const auto submit = [&](std::size_t index, fetch::FetchResult fetched) {
      workers.submit(
          [this, index, fetched = std::move(fetched)] {
            read_one(index, fetched);
            return true;
          },
          ignore);
    };
    std::vector<std::size_t> url_sources;
    std::vector<fetch::FetchRequest> requests;
    for (std::size_t i = 0; i < plan_.sources.size(); ++i) {
      const PlannedSource& planned = plan_.sources[i];
      if (skip_if_not_due(i)) continue;
      if (planned.source.kind != fetch::Source::Kind::url) {
        submit(i, fetch::load_source(planned.source, fetcher_, planned.limits, stdin_in));
        continue;
      }
      fetch::FetchRequest request;
      request.url = planned.source.location;
      request.limits = planned.limits;
      // --update must see every item again, not a 304 for a change a plain run already saw.
      if (!plan_.options.update) {
        if (const auto validators = site_.validators().load(state_key(planned))) {
          request.etag = validators->etag;
          request.last_modified = validators->last_modified;
        }
      }
      url_sources.push_back(i);
      requests.push_back(std::move(request));
    }
    fetcher_.fetch_all(requests, [&](std::size_t index, fetch::FetchResult result) {
      submit(url_sources.at(index), std::move(result));
    });
    workers.drain(ignore, true);
  }

  bool stop_requested() const {
    return fetcher_.stop() != nullptr && fetcher_.stop()->stop_requested();
  }

  /// `run`: a feed whose next attempt (Retry-After, backoff) is still to come is not fetched;
  /// it is reported, not failed, and its state left as it is.
  bool skip_if_not_due(std::size_t index) {
    const PlannedSource& planned = plan_.sources[index];
    state::StateStore* store = site_.state();
    if (!plan_.options.scheduled || plan_.options.ignore_schedules || store == nullptr ||
        planned.source.kind != fetch::Source::Kind::url) {
      return false;
    }
    std::optional<state::FeedRecord> record = store->feed(state_key(planned));
    if (is_due(record, plan_.options.now)) return false;
    SourceReport report;
    report.index = index;
    report.label = planned.label;
    report.location = planned.source.location;
    report.attempted = false;
    report.status = record->next_attempt_reason == "retry-after" ? "deferred" : "backing_off";
    report.next_attempt = record->next_attempt;
    report.http_status = record->http_status;
    report.error = record->last_error.value_or("");
    const std::lock_guard one_at_a_time(mutex_);
    Slot& slot = slots_[index];
    slot.report = std::move(report);
    slot.started = Clock::now();
    slot.stage = Slot::Stage::ready;
    commit_ready_locked();
    return true;
  }

  // On a worker thread.
  void read_one(std::size_t index, const fetch::FetchResult& fetched) {
    const PlannedSource& planned = plan_.sources[index];
    const auto started = Clock::now();
    ReadSource read;
    SourceReport report;
    report.index = index;
    report.label = planned.label;
    report.location = planned.source.location;
    read_fetched(planned, fetched, plan_.options, plan_.site_config.get(), read, report);
    const bool wants_pages =
        read.feed && ((planned.full_text && !read.from_page) || planned.download_images);
    const std::lock_guard one_at_a_time(mutex_);
    events_.source_read(report.bytes, report.failed);
    Slot& slot = slots_[index];
    slot.read = std::move(read);
    slot.report = std::move(report);
    slot.started = started;
    slot.stage = wants_pages ? Slot::Stage::wants_pages : Slot::Stage::ready;
    commit_ready_locked();
  }

  /// Pass 2: the pages of the items that want their full text, then the images, each in one
  /// fetch_all over every source waiting for them; then those sources are ready.
  void enrich() {
    // Stopped (deadline, signal): no page or image is fetched, and the sources still waiting
    // for theirs are not committed.
    if (!stop_requested()) fetch_bodies();
    for (Slot& slot : slots_) {
      if (slot.stage != Slot::Stage::wants_pages) continue;
      if (stop_requested()) {
        mark_not_reached(fetcher_.stop()->reason(), slot.read, slot.report);
      } else {
        const std::vector<Item>& items = slot.read.feed->items;
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (slot.kept_feed_content[i]) slot.read.no_update.insert(&items[i]);
        }
      }
      slot.stage = Slot::Stage::ready;
    }
  }

  void fetch_bodies() {
    std::vector<FullTextTarget> pages;
    std::vector<ImageTarget> images;
    std::deque<extract::SiteRules> page_rules;
    for (std::size_t index = 0; index < slots_.size(); ++index) {
      Slot& slot = slots_[index];
      if (slot.stage != Slot::Stage::wants_pages) continue;
      const PlannedSource& planned = plan_.sources[index];
      Feed& feed = *slot.read.feed;
      slot.kept_feed_content = std::make_unique<bool[]>(feed.items.size());
      for (std::size_t i = 0; i < feed.items.size(); ++i) {
        Item& item = feed.items[i];
        if (!committer_.wants_body(planned, item)) continue;  // known: no page, no image
        if (planned.full_text && !slot.read.from_page) {
          const extract::SiteRules* rules = rules_for_page(
              planned.rules ? &*planned.rules : nullptr, plan_.site_config.get(), item, page_rules);
          pages.push_back(
              {&item, rules, planned.limits, &slot.report.warnings, &slot.kept_feed_content[i]});
        }
        if (planned.download_images) {
          images.push_back({&item, planned.limits, &slot.report.warnings});
        }
      }
    }
    if (!pages.empty()) {
      const auto pages_started = Clock::now();
      const std::size_t fetched = fetch_full_text(pages, fetcher_);
      events_.info("full text: " + std::to_string(fetched) + " page(s) in " +
                   std::to_string(since(pages_started).count()) + " ms");
    }
    if (!images.empty()) {
      write::ImageStore image_store(site_.dir());
      const ImageDownloadReport downloaded = download_images(images, fetcher_, image_store);
      events_.info("images: " + std::to_string(downloaded.stored) + " stored, " +
                   std::to_string(downloaded.failed) + " kept remote");
    }
  }

  /// Pass 3: every ready source whose predecessors are all committed, in plan order.
  void commit_ready() {
    const std::lock_guard one_at_a_time(mutex_);
    commit_ready_locked();
  }

  void commit_ready_locked() {
    while (next_ < slots_.size() && slots_[next_].stage == Slot::Stage::ready) {
      Slot& slot = slots_[next_];
      committer_.commit(plan_.sources[next_], slot.read, slot.report);
      slot.report.elapsed = since(slot.started);
      slot.report.since_start = since(started_);
      slot.stage = Slot::Stage::committed;
      slot.read = ReadSource{};  // its feed is done with: free it
      tally(report_, slot.report);
      events_.source_finished(slot.report);
      slot.report = SourceReport{};
      ++next_;
    }
  }

  const Plan& plan_;
  Site& site_;
  fetch::Fetcher& fetcher_;
  RunEvents& events_;
  FeedCommitter committer_;
  const Clock::time_point started_ = Clock::now();
  std::mutex mutex_;         // the slots, the commits, the report and the events
  std::vector<Slot> slots_;  // one per planned source
  std::size_t next_ = 0;     // the first source not committed yet
  RunReport report_;
};

}  // namespace

RunReport archive_sources(const Plan& plan, Site& site, fetch::Fetcher& fetcher,
                          std::istream& stdin_in, RunEvents& events) {
  return ArchiveRun(plan, site, fetcher, events).run(stdin_in);
}

RunReport render_lines(std::istream& in, const std::optional<std::string>& name,
                       const RunOptions& options, Site& site, RunEvents& events) {
  const auto started = Clock::now();
  FeedCommitter committer(site, options);
  RunReport run;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    PlannedSource planned;
    planned.label = "stdin line " + std::to_string(number);
    planned.name = name;
    SourceReport report;
    report.index = run.sources;
    report.label = planned.label;
    report.location = "-";
    ReadSource read;
    try {
      parse::JsonlItem item = parse::item_from_jsonl(nlohmann::json::parse(line));
      planned.source = fetch::Source{fetch::Source::Kind::stdin_stream, item.source};
      Feed feed;
      feed.meta = std::move(item.feed);
      feed.items.push_back(std::move(item.item));
      // The line may have been edited in the pipe: sanitize and resolve it again.
      normalize::normalize_feed(feed);
      read.feed = std::move(feed);
      report.status = "ok";
    } catch (const nlohmann::json::exception& e) {
      report.status = "parse_error";
      report.failed = true;
      report.error = std::string("not a parse --format jsonl line: ") + e.what();
    } catch (const Error& e) {
      report.status = "parse_error";
      report.failed = true;
      report.error = e.what();
    }
    const auto line_started = Clock::now();
    if (read.feed) committer.commit(planned, read, report);
    report.elapsed = since(line_started);
    report.since_start = since(started);
    tally(run, report);
    events.source_finished(report);
  }
  site.finish();
  run.elapsed = since(started);
  return run;
}

}  // namespace feedarchiver::archive
