#include "feedarchiver/archive/site.hpp"

#include <system_error>

#include "feedarchiver/error.hpp"

namespace feedarchiver::archive {
namespace fs = std::filesystem;
namespace {

/// Takes the lock next to the state: at once, or (with `wait`) once its holder is done.
state::RunLock lock_state(const fs::path& state_path, bool wait, RunEvents& events) {
  std::error_code ec;
  if (state_path.has_parent_path()) fs::create_directories(state_path.parent_path(), ec);
  if (ec) throw Error("cannot create " + state_path.parent_path().string() + ": " + ec.message());
  const fs::path lock_path = state_path.string() + ".lock";
  if (auto lock = state::RunLock::try_acquire(lock_path)) return std::move(*lock);
  if (!wait) {
    const long pid = state::RunLock::holder_pid(lock_path);
    throw Error("another run is using " + state_path.string() +
                    (pid > 0 ? " (pid " + std::to_string(pid) + ")" : std::string()) +
                    "; not starting (pass --wait to queue behind it)",
                kExitUsage);
  }
  events.info("waiting for the run holding " + lock_path.string());
  return state::RunLock::acquire(lock_path);
}

/// A new state takes over the validators `archive` kept in the interim JSON file, once, so
/// that the first `run` after `archive` still sends conditional requests.
void import_interim_validators(const fs::path& site_dir, state::StateStore& store) {
  const fs::path interim = JsonValidatorStore::path_for(site_dir);
  std::error_code ec;
  if (!fs::exists(interim, ec)) return;
  const JsonValidatorStore json(interim);
  store.begin();
  for (const auto& [url, validators] : json.entries()) store.save(url, validators);
  store.commit();
}

}  // namespace

fs::path state_path_for(const fs::path& dir, const fs::path& state_path) {
  return state_path.empty() ? dir / ".feedarchiver" / "state.db" : state_path;
}

Site::Site(const SiteOptions& options, RunEvents& events)
    : dir_(options.dir), dry_run_(options.dry_run) {
  const fs::path state_path = state_path_for(options.dir, options.state_path);
  std::error_code ec;
  const bool state_exists = fs::exists(state_path, ec);
  const bool uses_state = options.state_use == StateUse::create || state_exists;
  // A dry run changes nothing: no lock file, no state file created, nothing committed.
  if (uses_state && !dry_run_) lock_ = lock_state(state_path, options.wait, events);

  writer_ = std::make_unique<write::JekyllWriter>(dir_, dry_run_);
  if (!dry_run_) {
    write::remove_stale_temporary_files(dir_ / "assets");
    if (const std::size_t removed = write::remove_stale_temporary_files(writer_->posts_dir())) {
      events.info("removed " + std::to_string(removed) + " temporary file(s) of a killed run");
    }
  }

  if (!uses_state) {
    interim_ = std::make_unique<JsonValidatorStore>(JsonValidatorStore::path_for(dir_));
    if (!interim_->warning().empty()) {
      events.warning(dir_.string() + ": " + interim_->warning());
    }
    return;
  }
  if (dry_run_ && state_exists) {
    state_ = state::StateStore::copy_in_memory(state_path);
  } else {
    state_ = std::make_unique<state::StateStore>(dry_run_ ? fs::path(":memory:") : state_path);
  }
  if (!state_exists) import_interim_validators(dir_, *state_);
}

Site::~Site() = default;

state::ValidatorStore& Site::validators() {
  if (state_) return *state_;
  return *interim_;
}

void Site::finish() {
  if (dry_run_) return;
  writer_->sync();  // the posts are durable before the validators that say they are archived
  if (interim_) interim_->flush();
}

}  // namespace feedarchiver::archive
