#pragma once
// The interim ValidatorStore: one JSON file, DIR/.feedarchiver/http-cache.json, read once
// when opened and rewritten atomically by flush(). The state store (SQLite) replaces it.

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "feedarchiver/state/validator_store.hpp"

namespace feedarchiver::archive {

class JsonValidatorStore final : public state::ValidatorStore {
 public:
  /// Opens the store kept in `path`. A missing file is an empty store; an unreadable or
  /// malformed one too, with the reason in warning() (the next flush replaces it).
  explicit JsonValidatorStore(std::filesystem::path path);

  /// The conventional place of the store for a site directory.
  static std::filesystem::path path_for(const std::filesystem::path& site_dir);

  std::optional<state::Validators> load(const std::string& url) override;
  /// Remembers the validators in memory; flush() writes them.
  void save(const std::string& url, const state::Validators& validators) override;
  /// Writes the file atomically (creating its directory) when something was saved since the
  /// last flush. Throws feedarchiver::Error when it cannot.
  void flush() override;

  /// Every URL's validators, as loaded and saved so far.
  const std::map<std::string, state::Validators>& entries() const { return entries_; }

  /// Why the file could not be read when opened; empty when it could (or did not exist).
  const std::string& warning() const { return warning_; }

 private:
  std::filesystem::path path_;
  std::map<std::string, state::Validators> entries_;
  std::string warning_;
  bool dirty_ = false;
};

}  // namespace feedarchiver::archive
