#include "feedarchiver/extract/site_rules.hpp"

#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/css_to_xpath.hpp"
#include "feedarchiver/error.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::extract {

namespace {

// Hosts remembered by a SiteConfigDirectory before it starts over (a run over many hosts).
constexpr std::size_t kMaxCachedHosts = 100000;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

void replace_all(std::string& text, std::string_view find, std::string_view replacement) {
  if (find.empty()) return;
  std::size_t at = 0;
  while ((at = text.find(find, at)) != std::string::npos) {
    text.replace(at, find.size(), replacement);
    at += replacement.size();
  }
}

template <typename T>
void take_if_empty(T& field, const T& fallback) {
  if (field.empty()) field = fallback;
}

// Keys of the ftr-site-config format that we read nothing from (multi-page articles,
// logins, parser choice, ...): accepted so that the public collection loads cleanly.
bool is_ignored_key(std::string_view key) {
  for (std::string_view known : {"tidy",
                                 "autodetect_on_failure",
                                 "single_page_link",
                                 "single_page_link_in_feed",
                                 "next_page_link",
                                 "native_ad_clue",
                                 "login_uri",
                                 "login_username_field",
                                 "login_password_field",
                                 "login_extra_fields",
                                 "not_logged_in_xpath",
                                 "skip_json_ld",
                                 "parser",
                                 "insert_detected_image",
                                 "convert_double_br_tags",
                                 "dissolve",
                                 "footnotes",
                                 "if_page_contains",
                                 "strip_attr",
                                 "move_into",
                                 "wrap_in",
                                 "test_contains",
                                 "http_header",
                                 "replace_string_regex",
                                 "find_string_regex",
                                 "requires_login",
                                 "keep_src",
                                 "fix_url",
                                 "unwrap",
                                 "prune_id_or_class",
                                 "note"}) {
    if (key == known || key.substr(0, known.size() + 1) == std::string(known) + "(") {
      return true;
    }
  }
  return false;
}

}  // namespace

bool SiteRules::empty() const {
  return body.empty() && title.empty() && date.empty() && author.empty() && strip.empty() &&
         strip_id_or_class.empty() && strip_image_src.empty() && lazy_load_attributes.empty() &&
         replace_strings.empty() && !prune && test_urls.empty();
}

SiteRules rules_from_selectors(const PageSelectors& selectors, const std::string& owner) {
  const auto translate = [&](const std::string& key, const std::string& selector) {
    try {
      return selector_to_xpath(selector);
    } catch (const Error& error) {
      throw Error(owner + ": \"" + key + "\": " + error.what(), kExitUsage);
    }
  };
  SiteRules rules;
  if (selectors.content) rules.body.push_back(translate("content_selector", *selectors.content));
  for (const std::string& selector : selectors.remove)
    rules.strip.push_back(translate("remove", selector));
  if (selectors.title) rules.title.push_back(translate("title_selector", *selectors.title));
  if (selectors.date) rules.date.push_back(translate("date_selector", *selectors.date));
  return rules;
}

SiteRules merge_rules(const SiteRules& preferred, const SiteRules& fallback) {
  SiteRules merged = preferred;
  take_if_empty(merged.body, fallback.body);
  take_if_empty(merged.title, fallback.title);
  take_if_empty(merged.date, fallback.date);
  take_if_empty(merged.author, fallback.author);
  take_if_empty(merged.strip, fallback.strip);
  take_if_empty(merged.strip_id_or_class, fallback.strip_id_or_class);
  take_if_empty(merged.strip_image_src, fallback.strip_image_src);
  take_if_empty(merged.lazy_load_attributes, fallback.lazy_load_attributes);
  take_if_empty(merged.replace_strings, fallback.replace_strings);
  take_if_empty(merged.test_urls, fallback.test_urls);
  if (!merged.prune) merged.prune = fallback.prune;
  return merged;
}

std::string apply_text_rules(std::string_view html, const SiteRules& rules) {
  std::string text(html);
  for (const auto& [find, replacement] : rules.replace_strings)
    replace_all(text, find, replacement);
  for (const std::string& attribute : rules.lazy_load_attributes) {
    if (attribute.empty() || attribute == "src") continue;
    for (const char* space : {" ", "\n", "\t"}) {
      replace_all(text, std::string(space) + attribute + "=", std::string(space) + "data-src=");
    }
  }
  return text;
}

SiteConfigFile parse_site_config(std::string_view text) {
  SiteConfigFile file;
  SiteRules& rules = file.rules;
  // find_string lines (line number, text) waiting for their replace_string
  std::vector<std::pair<std::size_t, std::string>> finds;
  std::size_t line_number = 0;
  const auto error = [&](const std::string& message) {
    file.errors.push_back(std::to_string(line_number) + ": " + message);
  };
  const auto xpath = [&](std::string_view value, std::vector<std::string>& into) {
    std::string reason;
    const std::string expression(value);
    if (expression.empty()) {
      error("empty XPath");
    } else if (!is_valid_xpath(expression, reason)) {
      error("not valid XPath 1.0: " + reason);
    } else {
      into.push_back(expression);
    }
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(start, end - start));
    ++line_number;
    start = end + 1;
    if (line.empty() || line.front() == '#') {
      if (end == text.size()) break;
      continue;
    }
    // "replace_string(find): replacement": the key holds a ':' only inside its parentheses.
    std::size_t colon = line.find(':');
    const std::size_t open = line.find('(');
    if (open != std::string_view::npos && open < colon) {
      const std::size_t close = line.find("):", open);
      colon = close == std::string_view::npos ? std::string_view::npos : close + 1;
    }
    if (colon == std::string_view::npos) {
      error("expected 'key: value'");
      if (end == text.size()) break;
      continue;
    }
    const std::string_view key = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (key == "body") {
      xpath(value, rules.body);
    } else if (key == "title") {
      xpath(value, rules.title);
    } else if (key == "date") {
      xpath(value, rules.date);
    } else if (key == "author") {
      xpath(value, rules.author);
    } else if (key == "strip") {
      xpath(value, rules.strip);
    } else if (key == "strip_id_or_class") {
      if (value.empty())
        error("empty strip_id_or_class");
      else
        rules.strip_id_or_class.emplace_back(value);
    } else if (key == "strip_image_src") {
      if (value.empty())
        error("empty strip_image_src");
      else
        rules.strip_image_src.emplace_back(value);
    } else if (key == "src_lazy_load_attr") {
      if (value.empty())
        error("empty src_lazy_load_attr");
      else
        rules.lazy_load_attributes.push_back(to_ascii_lower(value));
    } else if (key == "find_string") {
      if (value.empty())
        error("empty find_string");
      else
        finds.emplace_back(line_number, std::string(value));
    } else if (key == "replace_string") {
      if (finds.empty()) {
        error("replace_string without a find_string before it");
      } else {
        rules.replace_strings.emplace_back(finds.front().second, std::string(value));
        finds.erase(finds.begin());
      }
    } else if (key.substr(0, 15) == "replace_string(" && key.back() == ')') {
      const std::string_view find = key.substr(15, key.size() - 16);
      if (find.empty())
        error("empty replace_string(...)");
      else
        rules.replace_strings.emplace_back(std::string(find), std::string(value));
    } else if (key == "prune") {
      if (value == "yes")
        rules.prune = true;
      else if (value == "no")
        rules.prune = false;
      else
        error("prune is 'yes' or 'no', not '" + std::string(value) + "'");
    } else if (key == "test_url") {
      if (!is_http_url(value))
        error("test_url is not an http(s) URL");
      else
        rules.test_urls.emplace_back(value);
    } else if (!is_ignored_key(key)) {
      error("unknown key '" + std::string(key) + "'");
    }
    if (end == text.size()) break;
  }
  for (const auto& [line, find] : finds) {
    file.errors.push_back(std::to_string(line) + ": find_string without a replace_string after it");
  }
  return file;
}

struct SiteConfigDirectory::Cache {
  std::mutex mutex;
  std::unordered_map<std::string, std::shared_ptr<const SiteConfigMatch>> by_host;
  std::unordered_map<std::string, std::shared_ptr<const SiteConfigMatch>> by_file;
};

SiteConfigDirectory::SiteConfigDirectory(std::filesystem::path dir)
    : dir_(std::move(dir)), cache_(std::make_unique<Cache>()) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir_, ec)) {
    throw Error("--site-config " + dir_.string() + ": not a directory", kExitUsage);
  }
  for (std::filesystem::directory_iterator it(dir_, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) files_.insert(name);
  }
  if (ec) throw Error("--site-config " + dir_.string() + ": " + ec.message(), kExitUsage);
}

SiteConfigDirectory::~SiteConfigDirectory() = default;
SiteConfigDirectory::SiteConfigDirectory(SiteConfigDirectory&&) noexcept = default;
SiteConfigDirectory& SiteConfigDirectory::operator=(SiteConfigDirectory&&) noexcept = default;

std::vector<std::string> SiteConfigDirectory::candidate_files(std::string_view host_name) {
  std::string host = to_ascii_lower(host_name);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  std::vector<std::string> files;
  if (host.empty() || host.find('/') != std::string::npos) return files;
  files.push_back(host + ".txt");
  // ".example.com.txt" for any subdomain: the host itself, then each parent with a dot.
  std::string_view rest = host;
  while (true) {
    std::string name(1, '.');  // appended, not "." + ...: GCC 12 -Wrestrict false positive
    name.append(rest).append(".txt");
    files.push_back(std::move(name));
    const std::size_t dot = rest.find('.');
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
    if (rest.find('.') == std::string_view::npos) break;  // not ".com.txt"
  }
  return files;
}

std::shared_ptr<const SiteConfigMatch> SiteConfigDirectory::lookup(std::string_view url) const {
  const std::optional<std::string> host = url_host(url);
  if (!host) return nullptr;
  const std::lock_guard lock(cache_->mutex);
  if (const auto cached = cache_->by_host.find(*host); cached != cache_->by_host.end()) {
    return cached->second;
  }
  std::shared_ptr<const SiteConfigMatch> match;
  for (const std::string& name : candidate_files(*host)) {
    const auto listed = files_.find(name);
    if (listed == files_.end()) continue;
    auto& by_file = cache_->by_file[name];
    if (!by_file) {
      std::ifstream in(dir_ / *listed, std::ios::binary);  // a listed name, not the host
      std::stringstream text;
      text << in.rdbuf();
      SiteConfigFile parsed = parse_site_config(text.str());
      if (!in) parsed.errors.push_back("0: cannot read the file");
      by_file = std::make_shared<const SiteConfigMatch>(
          SiteConfigMatch{name, std::move(parsed.rules), std::move(parsed.errors)});
    }
    match = by_file;
    break;
  }
  if (cache_->by_host.size() >= kMaxCachedHosts) cache_->by_host.clear();
  cache_->by_host.emplace(*host, match);
  return match;
}

std::optional<SiteRules> SiteConfigDirectory::rules_for_url(std::string_view url) const {
  const std::shared_ptr<const SiteConfigMatch> match = lookup(url);
  if (!match || match->rules.empty()) return std::nullopt;
  return match->rules;
}

}  // namespace feedarchiver::extract
