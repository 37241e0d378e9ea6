#include "feedarchiver/archive/feed_commit.hpp"

#include <system_error>

#include "feedarchiver/archive/schedule.hpp"
#include "feedarchiver/normalize/canonical_url.hpp"
#include "feedarchiver/url.hpp"
#include "feedarchiver/write/content_hash.hpp"
#include "feedarchiver/write/post.hpp"

namespace feedarchiver::archive {
namespace fs = std::filesystem;
namespace {

/// The canonical URL that finds an article in any feed; none for a link that is not an
/// absolute http(s) URL (a relative link kept as written would match another site's).
std::string canonical_of(const Item& item) {
  if (!item.url || !is_http_url(*item.url)) return std::string();
  return normalize::canonical_url(*item.url);
}

/// How a skipped item is named: its URL, else its title, else its id.
std::string item_name(const Item& item) {
  if (item.url) return *item.url;
  if (item.title) return "\"" + *item.title + "\"";
  return item.id.value_or("(an item without URL, title or id)");
}

write::PostOptions post_options(const PlannedSource& source, const Feed& feed) {
  return write::PostOptions{source_name(source.name, feed.meta), source.tags, source.categories};
}

}  // namespace

const std::string& state_key(const PlannedSource& source) {
  return source.source.location;
}

FeedCommitter::FeedCommitter(Site& site, const RunOptions& options)
    : site_(site), options_(options) {}

bool FeedCommitter::wants_body(const PlannedSource& source, const Item& item) {
  state::StateStore* store = site_.state();
  if (store == nullptr || options_.update) return true;
  return !store->find_article(state_key(source), item.id.value_or(""), canonical_of(item));
}

void FeedCommitter::commit(const PlannedSource& source, const ReadSource& read,
                           SourceReport& report) {
  const bool from_url = source.source.kind == fetch::Source::Kind::url;
  state::StateStore* store = site_.state();
  if (store == nullptr) {
    if (read.feed) write_items(source, *read.feed, report);
    // Only now that its posts are written: a crash before leaves the feed to fetch again.
    if (read.feed && from_url && !site_.dry_run()) {
      site_.validators().save(state_key(source), read.validators);
    }
    return;
  }
  store->begin();
  try {
    if (read.feed) write_items_with_state(source, *read.feed, read.no_update, report);
    // Validators only once the items are in: a feed whose posts failed is fetched in full
    // again.
    const bool revalidated =
        report.status == "not_modified" && (read.validators.etag || read.validators.last_modified);
    if (from_url && (read.feed || revalidated)) store->save(state_key(source), read.validators);
    if (from_url && report.attempted) record_fetch(*store, source, report);
    // A dry run commits into its private copy of the state, so the next source sees what
    // this one "wrote", as in a real run.
    if (!site_.dry_run()) site_.writer().sync();  // posts durable before the rows
    store->commit();
  } catch (...) {
    store->rollback();
    throw;
  }
}

void FeedCommitter::record_fetch(state::StateStore& store, const PlannedSource& source,
                                 SourceReport& report) {
  const std::string& key = state_key(source);
  state::FetchRecord record;
  record.status = report.status;
  record.http_status = report.http_status;
  record.when = options_.now;
  record.failed = report.failed;
  record.keeps_failures = report.status == "deferred";
  if (report.failed || report.status == "deferred") record.error = report.error;
  if (report.status == "deferred" && report.next_attempt) {
    record.next_attempt = report.next_attempt;
    record.next_attempt_reason = "retry-after";
  } else if (report.failed && options_.scheduled) {
    const auto before = store.feed(key);
    const long failures = (before ? before->failures : 0) + 1;
    record.next_attempt = options_.now + backoff_wait(failures, store.run_interval());
    record.next_attempt_reason = "backoff";
    report.next_attempt = record.next_attempt;
  }
  store.record_fetch(key, record);
}

void FeedCommitter::write_items(const PlannedSource& source, const Feed& feed,
                                SourceReport& report) {
  const write::PostOptions options = post_options(source, feed);
  for (const Item& item : feed.items) {
    ++report.items;
    const write::Post post = write::build_post(item, options, options_.now, report.warnings);
    const write::WriteOutcome written = site_.writer().write(post);
    if (written.status == write::WriteStatus::already_present) {
      ++report.items_known;
      report.skipped.push_back({item_name(item), "already archived", written.path.string()});
      continue;
    }
    ++report.items_new;
    report.written.push_back(written.path);
  }
}

void FeedCommitter::write_items_with_state(const PlannedSource& source, const Feed& feed,
                                           const std::set<const Item*>& no_update,
                                           SourceReport& report) {
  state::StateStore& store = *site_.state();
  const write::PostOptions options = post_options(source, feed);
  const std::string& key = state_key(source);
  for (const Item& item : feed.items) {
    ++report.items;
    const std::string guid = item.id.value_or("");
    const std::string canonical = canonical_of(item);
    if (const auto known = store.find_article(key, guid, canonical)) {
      if (options_.update && no_update.count(&item) == 0) {
        std::vector<std::string> ignored;  // warnings were given when the post was written
        write::Post post = write::build_post(item, options, options_.now, ignored);
        if (!item.published) post.date = known->first_seen;  // keep an undated post's date
        const std::string hash = write::content_hash(post);
        const fs::path path = site_.dir() / known->post_path;
        std::error_code ec;
        // A migrated row has no hash yet: adopt the current one without rewriting.
        if (!known->content_hash.empty() && hash != known->content_hash && fs::exists(path, ec)) {
          site_.writer().rewrite(path, post);
          ++report.items_updated;
          report.written.push_back(path);
        } else {
          ++report.items_known;
        }
        store.touch_article(known->id, options_.now, hash);
        continue;
      }
      store.touch_article(known->id, options_.now);
      ++report.items_known;
      report.skipped.push_back({item_name(item),
                                known->feed_url == key
                                    ? std::string("seen before")
                                    : "duplicate of an article of " + known->feed_url,
                                known->post_path});
      continue;
    }
    const write::Post post = write::build_post(item, options, options_.now, report.warnings);
    const write::WriteOutcome written = site_.writer().write(post);
    // Recorded after the rename: a killed run leaves at worst a post the state does not
    // know yet, which the writer recognises (same name and from:) on the next run.
    state::ArticleRecord article;
    article.feed_url = key;
    article.guid = guid;
    article.url = item.url.value_or("");
    article.canonical_url = canonical;
    article.content_hash = write::content_hash(post);
    article.post_path = (fs::path("_posts") / written.path.filename()).string();
    article.first_seen = options_.now;
    store.add_article(article);
    if (written.status == write::WriteStatus::already_present) {
      ++report.items_known;
      report.skipped.push_back({item_name(item), "already archived", article.post_path});
      continue;
    }
    ++report.items_new;
    report.written.push_back(written.path);
  }
}

}  // namespace feedarchiver::archive
