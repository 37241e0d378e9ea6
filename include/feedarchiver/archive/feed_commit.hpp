#pragma once
// The last pass of a source: its new items become posts, and what it did is recorded. With a
// state, one transaction per source, committed after its posts are durable: an item already
// archived (same guid in the feed, or same canonical URL in any feed) gets no second post, a
// changed one is rewritten only with --update. Without a state (`archive` into a DIR that has
// none) every item is written and the writer recognises a post already on disk.

#include <set>

#include "feedarchiver/archive/plan.hpp"
#include "feedarchiver/archive/run_events.hpp"
#include "feedarchiver/archive/site.hpp"
#include "feedarchiver/model.hpp"
#include "feedarchiver/state/state_store.hpp"
#include "feedarchiver/state/validator_store.hpp"

namespace feedarchiver::archive {

/// A source as read, waiting for its commit.
struct ReadSource {
  std::optional<Feed> feed;         // parsed and normalized; empty when it failed or was a 304
  bool from_page = false;           // the feed is an article page's
  state::Validators validators;     // what the server sent
  std::set<const Item*> no_update;  // items whose page gave no full text: --update leaves them
};

class FeedCommitter {
 public:
  FeedCommitter(Site& site, const RunOptions& options);

  /// True when the item is new to the state (or --update looks at every item again): the
  /// items whose pages and images are worth fetching. Without a state, every item.
  bool wants_body(const PlannedSource& source, const Item& item);

  /// Writes the posts of `read` and records the source in the state (validators, fetch
  /// status, articles), filling `report`. Throws Error when a post or the state cannot be
  /// written (the source's transaction is then rolled back).
  void commit(const PlannedSource& source, const ReadSource& read, SourceReport& report);

 private:
  void write_items(const PlannedSource& source, const Feed& feed, SourceReport& report);
  void write_items_with_state(const PlannedSource& source, const Feed& feed,
                              const std::set<const Item*>& no_update, SourceReport& report);
  /// The fetch in the state: status, error, and with `run` its next attempt (a Retry-After
  /// deferral, or the backoff of a failing feed, also put in report.next_attempt).
  void record_fetch(state::StateStore& store, const PlannedSource& source, SourceReport& report);

  Site& site_;
  const RunOptions& options_;
};

/// The key of a source in the state: its URL (FEEDS' spelling), its path, or "-".
const std::string& state_key(const PlannedSource& source);

}  // namespace feedarchiver::archive
