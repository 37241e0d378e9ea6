#pragma once
// A site directory opened for a run: the lock, the temporary files a killed run left, the
// state (or, for `archive` into a DIR without one, the interim validators file) and the post
// writer. Every command that writes under DIR opens it here, so they all dedupe, lock and
// clean up alike.

#include <filesystem>
#include <memory>
#include <optional>

#include "feedarchiver/archive/json_validator_store.hpp"
#include "feedarchiver/archive/run_events.hpp"
#include "feedarchiver/state/run_lock.hpp"
#include "feedarchiver/state/state_store.hpp"
#include "feedarchiver/write/jekyll_writer.hpp"

namespace feedarchiver::archive {

enum class StateUse {
  create,      // `run`: the state is made when missing
  if_present,  // `archive`, `render`: DIR's state when it has one, else none
};

struct SiteOptions {
  std::filesystem::path dir;
  std::filesystem::path state_path;  // empty: DIR/.feedarchiver/state.db
  StateUse state_use = StateUse::if_present;
  bool dry_run = false;  // no lock, no file created, the state only copied into memory
  bool wait = false;     // wait for a run holding the lock instead of refusing
};

class Site {
 public:
  /// Opens `options.dir`: takes the lock when a state is used (Error, exit 1, when another
  /// run holds it and `wait` is off), removes stale temporary files, opens the state. Tells
  /// what it did through `events`. Throws Error when DIR or the state cannot be used.
  Site(const SiteOptions& options, RunEvents& events);
  ~Site();
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  bool dry_run() const { return dry_run_; }
  write::JekyllWriter& writer() { return *writer_; }
  /// The state; null when the site has none (archive or render into a DIR without one).
  state::StateStore* state() { return state_.get(); }
  /// Where validators are kept: the state, else the interim JSON file.
  state::ValidatorStore& validators();

  /// Makes what was written durable: posts synced, then the interim validators written.
  /// Call once the run's posts are all written (the state commits per feed by itself).
  void finish();

 private:
  std::filesystem::path dir_;
  bool dry_run_;
  std::optional<state::RunLock> lock_;
  std::unique_ptr<write::JekyllWriter> writer_;
  std::unique_ptr<state::StateStore> state_;
  std::unique_ptr<JsonValidatorStore> interim_;
};

/// The state file of a site: `state_path` when given, else DIR/.feedarchiver/state.db.
std::filesystem::path state_path_for(const std::filesystem::path& dir,
                                     const std::filesystem::path& state_path);

}  // namespace feedarchiver::archive
