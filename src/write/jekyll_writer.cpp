#include "feedarchiver/write/jekyll_writer.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <mutex>
#include <system_error>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/write/slug.hpp"

namespace feedarchiver::write {
namespace {

namespace fs = std::filesystem;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// "SLUG" of a post file name "YYYY-MM-DD-SLUG.md", or empty when it is not one.
std::string slug_of_name(const std::string& name) {
  constexpr std::size_t kDateLength = 11;  // "YYYY-MM-DD-"
  if (name.size() <= kDateLength + 3 || name.compare(name.size() - 3, 3, ".md") != 0) return {};
  for (std::size_t i = 0; i < 10; ++i) {
    if (i == 4 || i == 7 ? name[i] != '-' : !is_digit(name[i])) return {};
  }
  if (name[10] != '-') return {};
  return name.substr(kDateLength, name.size() - kDateLength - 3);
}

/// The index keys of a post file: "SLUG.md", and "BASE.md" when SLUG is "BASE-N" (N >= 2),
/// so that a lookup by slug finds the base name and all its numbered clashes.
std::vector<std::string> keys_of_name(const std::string& name) {
  const std::string slug = slug_of_name(name);
  if (slug.empty()) return {};
  std::vector<std::string> keys{slug + ".md"};
  const std::size_t dash = slug.rfind('-');
  if (dash != std::string::npos && dash > 0 && dash + 1 < slug.size()) {
    bool digits = true;
    for (std::size_t i = dash + 1; i < slug.size(); ++i) digits = digits && is_digit(slug[i]);
    if (digits && slug[dash + 1] != '0') keys.push_back(slug.substr(0, dash) + ".md");
  }
  return keys;
}

/// The `from: ...` line of a post's front matter, or empty.
std::string from_line_of(std::string_view text) {
  if (text.substr(0, 4) != "---\n") return {};
  std::size_t pos = 4;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    if (line == "---") break;
    if (line.substr(0, 6) == "from: ") return std::string(line);
    pos = end + 1;
  }
  return {};
}

/// `text` without its front matter's `date:` line: what stays equal when the same undated
/// article is rendered on another day.
std::string without_date_line(std::string_view text) {
  const std::size_t at = text.find("\ndate: ");
  if (at == std::string_view::npos) return std::string(text);
  const std::size_t end = text.find('\n', at + 1);
  return std::string(text.substr(0, at)) +
         std::string(end == std::string_view::npos ? "" : text.substr(end));
}

/// The front matter of a file (up to and including its closing `---`), or all of it.
std::string read_post(const fs::path& path, bool whole) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string text;
  if (whole) {
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return text;
  }
  std::string line;
  for (int count = 0; count < 64 && std::getline(in, line); ++count) {
    text += line;
    text += '\n';
    if (count > 0 && line == "---") break;
  }
  return text;
}

}  // namespace

JekyllWriter::JekyllWriter(std::filesystem::path site_dir, bool dry_run)
    : posts_dir_(std::move(site_dir) / "_posts"), dry_run_(dry_run) {
  std::error_code ec;
  if (!dry_run_) {
    fs::create_directories(posts_dir_, ec);
    if (ec) throw Error("cannot create " + posts_dir_.string() + ": " + ec.message());
  }
  if (!fs::exists(posts_dir_, ec)) {
    if (dry_run_) return;  // a dry run over a new site: nothing listed, nothing created
    throw Error("cannot read " + posts_dir_.string() + ": " + ec.message());
  }
  if (!fs::is_directory(posts_dir_, ec)) {
    throw Error("cannot read " + posts_dir_.string() + ": not a directory");
  }
  fs::directory_iterator it(posts_dir_, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    remember(it->path().filename().string());
  }
  if (ec) throw Error("cannot read " + posts_dir_.string() + ": " + ec.message());
}

void JekyllWriter::remember(const std::string& name) {
  for (const std::string& key : keys_of_name(name)) names_by_slug_file_[key].push_back(name);
}

bool JekyllWriter::is_listed(const std::string& name) const {
  const auto keys = keys_of_name(name);
  if (keys.empty()) return false;
  const auto found = names_by_slug_file_.find(keys.front());
  return found != names_by_slug_file_.end() &&
         std::find(found->second.begin(), found->second.end(), name) != found->second.end();
}

bool JekyllWriter::is_unfinished_post(const std::string& name) const {
  if (dry_run_ || dry_run_texts_.count(name) > 0) return false;
  std::error_code ec;
  const auto size = fs::file_size(posts_dir_ / name, ec);
  if (ec) return false;
  // Ours are never empty: an empty post is one whose data a power loss took after the rename
  // (deferred durability). Anything else, a user's own post included, is left alone.
  return size == 0;
}

bool JekyllWriter::is_taken(const std::string& name) const {
  const auto keys = keys_of_name(name);
  if (!keys.empty()) {
    const auto found = names_by_slug_file_.find(keys.front());
    if (found != names_by_slug_file_.end()) {
      for (const std::string& known : found->second) {
        if (known == name) return true;
      }
    }
  }
  std::error_code ec;
  return fs::exists(posts_dir_ / name, ec) || dry_run_texts_.count(name) > 0;
}

std::optional<std::string> JekyllWriter::find_same_article(const std::string& slug_file,
                                                           const std::string& text,
                                                           bool compare_all) const {
  const auto candidates = names_by_slug_file_.find(slug_file);
  if (candidates == names_by_slug_file_.end()) return std::nullopt;
  const std::string ours = compare_all ? without_date_line(text) : from_line_of(text);
  for (const std::string& name : candidates->second) {
    const auto pending = dry_run_texts_.find(name);
    const std::string theirs = pending != dry_run_texts_.end()
                                   ? pending->second
                                   : read_post(posts_dir_ / name, compare_all);
    if (compare_all ? without_date_line(theirs) == ours : from_line_of(theirs) == ours) {
      return name;
    }
  }
  return std::nullopt;
}

WriteOutcome JekyllWriter::write(const Post& post) {
  const std::string text = render_post(post);
  const std::string slug = make_slug(post.title, post.url);
  const std::lock_guard<std::mutex> lock(mutex_);
  // Without a URL the from: line says nothing; then the whole post (but its date) decides.
  if (const auto same = find_same_article(slug + ".md", text, post.url.empty())) {
    return {WriteStatus::already_present, posts_dir_ / *same};
  }
  const std::string stem = format_ymd(post.date) + "-" + slug;
  std::string name = stem + ".md";
  for (int n = 2; is_taken(name) && !is_unfinished_post(name); ++n) {
    name = stem + "-" + std::to_string(n) + ".md";
  }

  const fs::path path = posts_dir_ / name;
  if (dry_run_) {
    dry_run_texts_.emplace(name, text);
  } else {
    write_file_atomically(path, text, Durability::deferred);
    unsynced_ = true;
  }
  if (!is_listed(name)) remember(name);
  return {dry_run_ ? WriteStatus::dry_run : WriteStatus::written, path};
}

WriteOutcome JekyllWriter::rewrite(const std::filesystem::path& path, const Post& post) {
  const std::string text = render_post(post);
  const std::lock_guard<std::mutex> lock(mutex_);
  if (dry_run_) return {WriteStatus::dry_run, path};
  write_file_atomically(path, text, Durability::deferred);
  unsynced_ = true;
  return {WriteStatus::written, path};
}

void JekyllWriter::sync() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!unsynced_) return;
  sync_file_system(posts_dir_);
  unsynced_ = false;
}

JekyllWriter::~JekyllWriter() {
  try {
    sync();
  } catch (const Error&) {
    // Best effort: callers that record state call sync() themselves and see the error.
  }
}

}  // namespace feedarchiver::write
