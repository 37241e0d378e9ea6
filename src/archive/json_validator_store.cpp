#include "feedarchiver/archive/json_validator_store.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>
#include <utility>

#include "feedarchiver/error.hpp"
#include "feedarchiver/write/jekyll_writer.hpp"

namespace feedarchiver::archive {

namespace {

// File format: {"version": 1, "feeds": {"URL": {"etag": "...", "last_modified": "..."}}}
constexpr int kVersion = 1;

std::optional<std::string> string_field(const nlohmann::json& object, const char* name) {
  const auto found = object.find(name);
  if (found == object.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

}  // namespace

std::filesystem::path JsonValidatorStore::path_for(const std::filesystem::path& site_dir) {
  return site_dir / ".feedarchiver" / "http-cache.json";
}

JsonValidatorStore::JsonValidatorStore(std::filesystem::path path) : path_(std::move(path)) {
  std::error_code error;
  if (!std::filesystem::exists(path_, error)) return;
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    warning_ = "cannot read " + path_.string() + "; validators start empty";
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const nlohmann::json document = nlohmann::json::parse(text.str(), nullptr, false);
  const auto feeds = document.is_object() ? document.find("feeds") : document.end();
  if (!document.is_object() || feeds == document.end() || !feeds->is_object()) {
    warning_ = path_.string() + " is not a validator cache; validators start empty";
    return;
  }
  for (const auto& [url, entry] : feeds->items()) {
    if (!entry.is_object()) continue;
    state::Validators validators{string_field(entry, "etag"), string_field(entry, "last_modified")};
    if (validators.etag || validators.last_modified) entries_[url] = std::move(validators);
  }
}

std::optional<state::Validators> JsonValidatorStore::load(const std::string& url) {
  const auto found = entries_.find(url);
  if (found == entries_.end()) return std::nullopt;
  return found->second;
}

void JsonValidatorStore::save(const std::string& url, const state::Validators& validators) {
  if (!validators.etag && !validators.last_modified) {
    dirty_ = entries_.erase(url) > 0 || dirty_;
    return;
  }
  entries_[url] = validators;
  dirty_ = true;
}

void JsonValidatorStore::flush() {
  if (!dirty_) return;
  nlohmann::json feeds = nlohmann::json::object();
  for (const auto& [url, validators] : entries_) {
    nlohmann::json entry = nlohmann::json::object();
    if (validators.etag) entry["etag"] = *validators.etag;
    if (validators.last_modified) entry["last_modified"] = *validators.last_modified;
    feeds[url] = std::move(entry);
  }
  const nlohmann::json document = {{"version", kVersion}, {"feeds", std::move(feeds)}};
  std::error_code error;
  std::filesystem::create_directories(path_.parent_path(), error);
  if (error) {
    throw Error("cannot create " + path_.parent_path().string() + ": " + error.message());
  }
  // Replacement characters for invalid UTF-8 in a server's header: the file stays JSON.
  write::write_file_atomically(
      path_, document.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  dirty_ = false;
}

}  // namespace feedarchiver::archive
