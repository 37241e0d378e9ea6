#include "feedarchiver/state/state_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <system_error>
#include <vector>

#include "feedarchiver/error.hpp"
#include "feedarchiver/normalize/canonical_url.hpp"
#include "feedarchiver/state/sqlite.hpp"

namespace feedarchiver::state {
namespace {

constexpr int kBusyTimeoutMs = 10000;

std::int64_t to_ms(Timestamp t) {
  return t.time_since_epoch().count();
}
Timestamp from_ms(std::int64_t ms) {
  return Timestamp(std::chrono::milliseconds(ms));
}

int read_user_version(Database& db) {
  Statement query(db, "PRAGMA user_version");
  return query.step() ? static_cast<int>(query.integer(0)) : 0;
}

/// Version 1: the first released layout (feeds with validators; articles by guid).
void migrate_to_1(Database& db) {
  db.exec(
      "CREATE TABLE feeds(url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"
      " last_status TEXT, last_fetch INTEGER, failures INTEGER NOT NULL DEFAULT 0);"
      "CREATE TABLE articles(id INTEGER PRIMARY KEY, feed_url TEXT NOT NULL,"
      " guid TEXT NOT NULL, url TEXT, post_path TEXT NOT NULL, first_seen INTEGER NOT NULL,"
      " UNIQUE(feed_url, guid));");
}

/// Version 2: canonical URLs (cross-feed dedupe), content hashes (--update), last seen,
/// the HTTP status and a running count of items per feed.
void migrate_to_2(Database& db) {
  db.exec(
      "ALTER TABLE feeds ADD COLUMN http_status INTEGER NOT NULL DEFAULT 0;"
      "ALTER TABLE feeds ADD COLUMN items_archived INTEGER NOT NULL DEFAULT 0;"
      "ALTER TABLE articles ADD COLUMN canonical_url TEXT;"
      "ALTER TABLE articles ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';"
      "ALTER TABLE articles ADD COLUMN last_seen INTEGER;"
      "UPDATE articles SET last_seen = first_seen;"
      "UPDATE feeds SET items_archived ="
      " (SELECT count(*) FROM articles WHERE articles.feed_url = feeds.url);");
  std::vector<std::pair<std::int64_t, std::string>> rows;
  {
    Statement select(db, "SELECT id, url FROM articles WHERE url IS NOT NULL AND url != ''");
    while (select.step()) rows.emplace_back(select.integer(0), select.text(1));
  }
  Statement update(db, "UPDATE articles SET canonical_url = ?1 WHERE id = ?2");
  for (const auto& [id, url] : rows) {
    update.bind(1, normalize::canonical_url(url)).bind(2, id).run();
  }
  db.exec("CREATE INDEX articles_by_canonical ON articles(canonical_url);");
}

/// Version 3: schedules of `run` (a Retry-After deferral or a backoff of a failing feed), the
/// last error, and the start times of the last runs (the cron interval is estimated from them).
void migrate_to_3(Database& db) {
  db.exec(
      "ALTER TABLE feeds ADD COLUMN last_error TEXT;"
      "ALTER TABLE feeds ADD COLUMN next_attempt INTEGER;"
      "ALTER TABLE feeds ADD COLUMN next_attempt_reason TEXT;"
      "CREATE TABLE runs(started INTEGER NOT NULL);");
}

using Migration = void (*)(Database&);
constexpr Migration kMigrations[] = {migrate_to_1, migrate_to_2,
                                     migrate_to_3};  // [v] takes v to v+1
static_assert(sizeof kMigrations / sizeof kMigrations[0] == kSchemaVersion);

constexpr const char* kArticleColumns =
    "SELECT id, feed_url, guid, coalesce(canonical_url, ''), content_hash, post_path,"
    " first_seen, coalesce(last_seen, first_seen) FROM articles ";

ArticleRecord article_from(const Statement& row) {
  ArticleRecord article;
  article.id = row.integer(0);
  article.feed_url = row.text(1);
  article.guid = row.text(2);
  article.canonical_url = row.text(3);
  article.content_hash = row.text(4);
  article.post_path = row.text(5);
  article.first_seen = from_ms(row.integer(6));
  article.last_seen = from_ms(row.integer(7));
  return article;
}

}  // namespace

StateStore::StateStore(const std::filesystem::path& path) : StateStore(path, Open::file) {}

std::unique_ptr<StateStore> StateStore::copy_in_memory(const std::filesystem::path& path) {
  return std::unique_ptr<StateStore>(new StateStore(path, Open::copy));
}

StateStore::StateStore(const std::filesystem::path& path, Open open) {
  const bool memory = path == ":memory:" || open == Open::copy;
  if (open == Open::copy) {
    db_ = std::make_unique<Database>(":memory:", true);
    Database source(path, false);
    sqlite3_busy_timeout(source.handle(), kBusyTimeoutMs);
    sqlite3_backup* backup = sqlite3_backup_init(db_->handle(), "main", source.handle(), "main");
    if (backup == nullptr) db_->fail("copy " + path.string());
    const int stepped = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE) source.fail("copy into memory");
  } else {
    if (!memory && path.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
      if (ec) throw Error("cannot create " + path.parent_path().string() + ": " + ec.message());
    }
    db_ = std::make_unique<Database>(path, true);
  }
  sqlite3_busy_timeout(db_->handle(), kBusyTimeoutMs);
  if (!memory) {
    Statement wal(*db_, "PRAGMA journal_mode=WAL");
    wal.step();
  }
  // WAL + NORMAL: a commit survives a killed process; after a power loss the last commits
  // may be lost, which the writer's own check (same slug and from: line) absorbs.
  db_->exec("PRAGMA synchronous=NORMAL");
  migrate();

  find_by_guid_ = std::make_unique<Statement>(
      *db_, std::string(kArticleColumns) + "WHERE feed_url = ?1 AND guid = ?2");
  find_by_canonical_ = std::make_unique<Statement>(
      *db_, std::string(kArticleColumns) + "WHERE canonical_url = ?1 ORDER BY id LIMIT 1");
  insert_article_ = std::make_unique<Statement>(
      *db_,
      "INSERT INTO articles(feed_url, guid, url, canonical_url, content_hash, post_path,"
      " first_seen, last_seen) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
  touch_article_ = std::make_unique<Statement>(
      *db_,
      "UPDATE articles SET last_seen = ?2,"
      " content_hash = CASE WHEN ?3 = '' THEN content_hash ELSE ?3 END,"
      " post_path = CASE WHEN ?4 = '' THEN post_path ELSE ?4 END WHERE id = ?1");
  ensure_feed_ = std::make_unique<Statement>(*db_, "INSERT OR IGNORE INTO feeds(url) VALUES(?1)");
  count_item_ = std::make_unique<Statement>(
      *db_, "UPDATE feeds SET items_archived = items_archived + 1 WHERE url = ?1");
}

StateStore::~StateStore() {
  if (in_transaction_) sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  // Statements go before the connection.
  find_by_guid_.reset();
  find_by_canonical_.reset();
  insert_article_.reset();
  touch_article_.reset();
  ensure_feed_.reset();
  count_item_.reset();
}

void StateStore::migrate() {
  // Each step is its own transaction, so a crash mid-migration leaves a consistent version.
  for (;;) {
    db_->exec("BEGIN IMMEDIATE");
    const int version = read_user_version(*db_);
    if (version >= kSchemaVersion) {
      db_->exec("COMMIT");
      if (version > kSchemaVersion) {
        throw Error("state " + db_->name() + ": schema version " + std::to_string(version) +
                    " is newer than this feedarchiver understands (" +
                    std::to_string(kSchemaVersion) + ")");
      }
      return;
    }
    try {
      kMigrations[version](*db_);
      db_->exec("PRAGMA user_version = " + std::to_string(version + 1));
      db_->exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
}

int StateStore::schema_version() {
  return read_user_version(*db_);
}

void StateStore::begin() {
  db_->exec("BEGIN IMMEDIATE");
  in_transaction_ = true;
}

void StateStore::commit() {
  db_->exec("COMMIT");
  in_transaction_ = false;
}

void StateStore::rollback() {
  if (!in_transaction_) return;
  in_transaction_ = false;
  db_->exec("ROLLBACK");
}

std::optional<Validators> StateStore::load(const std::string& url) {
  Statement query(*db_, "SELECT etag, last_modified FROM feeds WHERE url = ?1");
  query.bind(1, url);
  if (!query.step()) return std::nullopt;
  Validators validators{query.optional_text(0), query.optional_text(1)};
  if (!validators.etag && !validators.last_modified) return std::nullopt;
  return validators;
}

void StateStore::save(const std::string& url, const Validators& validators) {
  ensure_feed(url);
  Statement update(*db_, "UPDATE feeds SET etag = ?2, last_modified = ?3 WHERE url = ?1");
  update.bind(1, url).bind(2, validators.etag).bind(3, validators.last_modified).run();
}

std::optional<FeedRecord> StateStore::feed(const std::string& url) {
  Statement query(*db_,
                  "SELECT etag, last_modified, last_status, http_status, last_fetch, failures,"
                  " items_archived, last_error, next_attempt, next_attempt_reason"
                  " FROM feeds WHERE url = ?1");
  query.bind(1, url);
  if (!query.step()) return std::nullopt;
  FeedRecord record;
  record.url = url;
  record.etag = query.optional_text(0);
  record.last_modified = query.optional_text(1);
  record.last_status = query.optional_text(2);
  record.http_status = static_cast<long>(query.integer(3));
  if (!query.is_null(4)) record.last_fetch = from_ms(query.integer(4));
  record.failures = static_cast<long>(query.integer(5));
  record.items_archived = static_cast<long>(query.integer(6));
  record.last_error = query.optional_text(7);
  if (!query.is_null(8)) record.next_attempt = from_ms(query.integer(8));
  record.next_attempt_reason = query.optional_text(9);
  return record;
}

void StateStore::record_fetch(const std::string& url, const std::string& status, long http_status,
                              Timestamp when, bool failed) {
  ensure_feed(url);
  Statement update(*db_,
                   "UPDATE feeds SET last_status = ?2, http_status = ?3, last_fetch = ?4,"
                   " failures = CASE WHEN ?5 THEN failures + 1 ELSE 0 END WHERE url = ?1");
  update.bind(1, url)
      .bind(2, status)
      .bind(3, static_cast<std::int64_t>(http_status))
      .bind(4, to_ms(when))
      .bind(5, static_cast<std::int64_t>(failed ? 1 : 0))
      .run();
}

void StateStore::record_fetch(const std::string& url, const FetchRecord& fetch) {
  const std::optional<FeedRecord> before = fetch.keeps_failures ? feed(url) : std::nullopt;
  record_fetch(url, fetch.status, fetch.http_status, fetch.when, fetch.failed);
  Statement update(*db_,
                   "UPDATE feeds SET last_error = ?2, next_attempt = ?3, next_attempt_reason = ?4,"
                   " failures = CASE WHEN ?5 >= 0 THEN ?5 ELSE failures END WHERE url = ?1");
  update.bind(5, static_cast<std::int64_t>(before ? before->failures : -1));
  update.bind(1, url);
  if (fetch.error.empty()) {
    update.bind_null(2);
  } else {
    update.bind(2, fetch.error);
  }
  if (fetch.next_attempt) {
    update.bind(3, to_ms(*fetch.next_attempt)).bind(4, fetch.next_attempt_reason);
  } else {
    update.bind_null(3).bind_null(4);
  }
  update.run();
}

void StateStore::record_run(Timestamp when) {
  Statement insert(*db_, "INSERT INTO runs(started) VALUES(?1)");
  insert.bind(1, to_ms(when)).run();
  db_->exec(
      "DELETE FROM runs WHERE rowid NOT IN (SELECT rowid FROM runs ORDER BY started DESC LIMIT "
      "20)");
}

std::optional<std::chrono::milliseconds> StateStore::run_interval() {
  std::vector<std::int64_t> starts;
  {
    Statement select(*db_, "SELECT started FROM runs ORDER BY started");
    while (select.step()) starts.push_back(select.integer(0));
  }
  std::vector<std::int64_t> gaps;
  for (std::size_t i = 1; i < starts.size(); ++i) {
    if (starts[i] > starts[i - 1]) gaps.push_back(starts[i] - starts[i - 1]);
  }
  if (gaps.empty()) return std::nullopt;
  std::sort(gaps.begin(), gaps.end());
  return std::chrono::milliseconds(gaps[gaps.size() / 2]);
}

std::optional<ArticleRecord> StateStore::find_article(const std::string& feed_url,
                                                      const std::string& guid,
                                                      const std::string& canonical_url) {
  std::optional<ArticleRecord> found;
  find_by_guid_->bind(1, feed_url).bind(2, guid);
  if (find_by_guid_->step()) found = article_from(*find_by_guid_);
  find_by_guid_->reset();
  if (found || canonical_url.empty()) return found;
  find_by_canonical_->bind(1, canonical_url);
  if (find_by_canonical_->step()) found = article_from(*find_by_canonical_);
  find_by_canonical_->reset();
  return found;
}

void StateStore::add_article(const ArticleRecord& article) {
  ensure_feed(article.feed_url);
  insert_article_->bind(1, article.feed_url)
      .bind(2, article.guid)
      .bind(3, article.url)
      .bind(5, article.content_hash)
      .bind(6, article.post_path)
      .bind(7, to_ms(article.first_seen));
  if (article.canonical_url.empty()) {
    insert_article_->bind_null(4);
  } else {
    insert_article_->bind(4, article.canonical_url);
  }
  insert_article_->run();
  count_item_->bind(1, article.feed_url).run();
}

void StateStore::touch_article(std::int64_t id, Timestamp when, const std::string& content_hash,
                               const std::string& post_path) {
  touch_article_->bind(1, id).bind(2, to_ms(when)).bind(3, content_hash).bind(4, post_path).run();
}

std::int64_t StateStore::article_count() {
  Statement query(*db_, "SELECT count(*) FROM articles");
  return query.step() ? query.integer(0) : 0;
}

void StateStore::ensure_feed(const std::string& url) {
  ensure_feed_->bind(1, url).run();
}

}  // namespace feedarchiver::state
