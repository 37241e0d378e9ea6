#pragma once
// Site rules: what to take from a page when the scorer is not enough. They come from FEEDS
// (`content_selector`, `remove`, `title_selector`, `date_selector`: CSS of spec.md's subset
// or `xpath:…`) or from a directory of ftr-site-config rule files (`--site-config DIR`).
// Every selector is held as XPath 1.0: CSS is translated once, when the rules are read, and
// run by pugixml's XPath engine over a pugixml copy of gumbo's tree.

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace feedarchiver::extract {

struct SiteRules {
  std::vector<std::string> body;    // XPath; the first that matches gives the article
  std::vector<std::string> title;   // XPath; the first non-empty match is the title
  std::vector<std::string> date;    // XPath; the first match that parses as a date
  std::vector<std::string> author;  // XPath
  std::vector<std::string> strip;   // XPath; matching elements removed before anything else
  std::vector<std::string> strip_id_or_class;     // substrings of an id or class to remove
  std::vector<std::string> strip_image_src;       // substrings of an <img src> to remove
  std::vector<std::string> lazy_load_attributes;  // src_lazy_load_attr: attributes holding src
  std::vector<std::pair<std::string, std::string>> replace_strings;  // on the raw HTML first
  std::optional<bool> prune;                                         // ftr `prune:` (default: yes)
  std::vector<std::string> test_urls;                                // ftr `test_url:`

  bool empty() const;
};

/// The page selectors a feed gives (FEEDS `content_selector`, `remove`, `title_selector`,
/// `date_selector`): CSS of spec.md's subset or "xpath:...".
struct PageSelectors {
  std::optional<std::string> content;
  std::vector<std::string> remove;
  std::optional<std::string> title;
  std::optional<std::string> date;
};

/// The rules of a feed's selectors: content → body, remove → strip, title → title, date →
/// date. Throws Error (exit 1) naming `owner` ("feed NAME") and the selector when a selector
/// is not in the supported CSS subset or not valid XPath.
SiteRules rules_from_selectors(const PageSelectors& selectors, const std::string& owner);

/// `preferred` with every field it leaves empty taken from `fallback` (FEEDS rules over a
/// site-config file's).
SiteRules merge_rules(const SiteRules& preferred, const SiteRules& fallback);

/// The text-level rules, on the raw HTML before it is parsed: find/replace strings in order,
/// and each src_lazy_load_attr attribute renamed to data-src (which the sanitizer reads
/// when src is missing or a placeholder).
std::string apply_text_rules(std::string_view html, const SiteRules& rules);

/// A site-config file (the ftr-site-config text format) read into rules, with its problems.
struct SiteConfigFile {
  SiteRules rules;
  std::vector<std::string> errors;  // "LINE: message", one per malformed line
};

/// Reads the text of one rule file: `key: value` lines, `#` comments; body, title, date,
/// author, strip, strip_id_or_class, strip_image_src, src_lazy_load_attr, find_string +
/// replace_string (paired in order) and replace_string(find): replace, prune (yes/no),
/// test_url; the format's other keys (tidy, single_page_link, next_page_link,
/// http_header(...), login_*, ...) are accepted and ignored. Every XPath is checked. Pure.
SiteConfigFile parse_site_config(std::string_view text);

/// The rule file that applies to a page, as read.
struct SiteConfigMatch {
  std::string file;                 // its name in the directory ("example.com.txt")
  SiteRules rules;                  // what its good lines say
  std::vector<std::string> errors;  // "LINE: message" for its malformed lines (ignored)
};

/// A directory of rule files, as the public ftr-site-config collection lays them out:
/// `example.com.txt` for example.com and www.example.com, `.example.com.txt` for
/// example.com and any subdomain of it (the nearest parent wins). The directory is listed
/// once; a page's host only picks among the listed names (it never builds a path). Each
/// file is read once and each host looked up once (thread-safe).
class SiteConfigDirectory {
 public:
  /// Throws Error (exit 1) when `dir` is not a readable directory.
  explicit SiteConfigDirectory(std::filesystem::path dir);
  ~SiteConfigDirectory();
  SiteConfigDirectory(SiteConfigDirectory&&) noexcept;
  SiteConfigDirectory& operator=(SiteConfigDirectory&&) noexcept;

  /// The rules for a page's URL; nullopt when no file matches (or the file has no rules).
  std::optional<SiteRules> rules_for_url(std::string_view url) const;
  /// The file for a page's URL, with its problems; null when no file matches.
  std::shared_ptr<const SiteConfigMatch> lookup(std::string_view url) const;
  /// The rules file names tried for `host`, most specific first.
  static std::vector<std::string> candidate_files(std::string_view host);

 private:
  struct Cache;
  std::filesystem::path dir_;
  std::set<std::string> files_;   // the *.txt names in dir_
  std::unique_ptr<Cache> cache_;  // per host and per file, under a mutex
};

}  // namespace feedarchiver::extract
