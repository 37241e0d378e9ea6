#include "feedarchiver/extract/metadata.hpp"

#include <array>
#include <initializer_list>
#include <utility>
#include <vector>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/dates.hpp"
#include "feedarchiver/extract/content_scorer.hpp"
#include "feedarchiver/extract/title.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::extract {

namespace {

std::string collapse_copy(std::string_view text) {
  std::string out;
  append_collapsed(out, text);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string meta_key(std::string_view raw) {
  std::string key;
  for (char c : raw) {
    if (is_html_space(c)) continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    key += c == '.' ? ':' : c;
  }
  return key;
}

// <meta> values by normalized key ("og:title", "dc:date", "author"); first one wins.
class MetaTags {
 public:
  explicit MetaTags(const Dom& dom) {
    for (NodeId id = 0; id < dom.size(); ++id) {
      if (!dom.is_element(id, "meta")) continue;
      const auto content = dom.attribute(id, "content");
      if (!content) continue;
      const std::string value(trim_html_space(*content));
      if (value.empty()) continue;
      if (auto property = dom.attribute(id, "property")) {
        // "og:title twitter:title": several properties share one content.
        std::string_view rest = *property;
        while (!rest.empty()) {
          const std::size_t space = rest.find_first_of(" \t\n");
          add(meta_key(rest.substr(0, space)), value, true);
          if (space == std::string_view::npos) break;
          rest.remove_prefix(space + 1);
        }
      }
      for (const char* attribute : {"name", "itemprop"}) {
        if (auto name = dom.attribute(id, attribute)) add(meta_key(*name), value, false);
      }
    }
  }

  std::optional<std::string> first(std::initializer_list<std::string_view> keys) const {
    for (std::string_view key : keys) {
      for (const auto& [k, v] : values_) {
        if (k == key) return v;
      }
    }
    return std::nullopt;
  }

 private:
  // A property="..." value wins over a name="..." one with the same key.
  void add(std::string key, const std::string& value, bool property) {
    if (key.empty()) return;
    for (std::size_t i = 0; i < values_.size(); ++i) {
      if (values_[i].first != key) continue;
      if (property && !from_property_[i]) {
        values_[i].second = value;
        from_property_[i] = true;
      }
      return;
    }
    values_.emplace_back(std::move(key), value);
    from_property_.push_back(property);
  }
  std::vector<std::pair<std::string, std::string>> values_;
  std::vector<bool> from_property_;
};

std::optional<std::string> absolute(std::string_view base, const std::optional<std::string>& url) {
  if (!url || url->empty()) return std::nullopt;
  auto resolved = resolve_url(base, trim_html_space(*url));
  if (!resolved || !is_http_url(*resolved)) return std::nullopt;
  return resolved;
}

std::optional<std::string> non_empty(std::optional<std::string> value) {
  if (value) *value = std::string(trim_html_space(*value));
  if (value && value->empty()) return std::nullopt;
  return value;
}

bool looks_like_url(std::string_view text) {
  return text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0;
}

// Dates before the web or past 2100 are page furniture, not publication times.
std::optional<Timestamp> plausible(std::optional<Timestamp> t) {
  using namespace std::chrono;
  if (!t) return t;
  const auto ymd = year_month_day(floor<days>(*t));
  if (ymd.year() < year(1990) || ymd.year() > year(2100)) return std::nullopt;
  return t;
}

int digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<Timestamp> make_date(int y, int m, int d) {
  using namespace std::chrono;
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const year_month_day ymd{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return time_point_cast<milliseconds>(sys_days(ymd));
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<Timestamp> date_from_url(std::string_view url) {
  const std::size_t scheme = url.find("://");
  const std::size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return std::nullopt;
  url = url.substr(path, url.find_first_of("?#", path) - path);
  for (std::size_t i = 0; i + 8 <= url.size(); ++i) {
    if (!is_digit(url[i]) || (i > 0 && is_digit(url[i - 1]))) continue;
    const int y = digits(url, i, 4);
    if (y < 1990 || y > 2100) continue;
    const char sep = i + 4 < url.size() ? url[i + 4] : '\0';
    if ((sep == '/' || sep == '-' || sep == '_') && digits(url, i + 5, 2) >= 0 &&
        i + 7 < url.size() && url[i + 7] == sep && digits(url, i + 8, 2) >= 0 &&
        (i + 10 >= url.size() || !is_digit(url[i + 10]))) {
      if (auto t = make_date(y, digits(url, i + 5, 2), digits(url, i + 8, 2))) return t;
    }
    if (digits(url, i, 8) >= 0 && (i + 8 >= url.size() || !is_digit(url[i + 8]))) {
      if (auto t = make_date(y, digits(url, i + 4, 2), digits(url, i + 6, 2))) return t;
    }
  }
  return std::nullopt;
}

std::optional<Timestamp> date_from_text(std::string_view text) {
  text = text.substr(0, std::min<std::size_t>(text.size(), 600));
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (i > 0 && is_digit(text[i - 1])) continue;
    const int y = digits(text, i, 4);
    if (y >= 1990 && y <= 2100) {
      // ISO-like or CJK: hand parse_date the longest run of date characters from here.
      std::size_t end = i;
      while (end < text.size() && end - i < 40) {
        const char c = text[end];
        if (is_digit(c) || c == '-' || c == '/' || c == ':' || c == 'T' || c == ' ' || c == '+' ||
            c == 'Z') {
          ++end;
        } else if (static_cast<unsigned char>(c) >= 0x80 && end + 3 <= text.size() &&
                   (text.substr(end, 3) == "\xE5\xB9\xB4" ||
                    text.substr(end, 3) == "\xE6\x9C\x88" ||
                    text.substr(end, 3) == "\xE6\x97\xA5")) {  // 年 月 日
          end += 3;
        } else {
          break;
        }
      }
      for (std::size_t stop = end; stop > i + 7; --stop) {
        const std::string_view candidate = text.substr(i, stop - i);
        if (candidate.back() == ' ') continue;
        if (auto t = plausible(parse_date(candidate))) return t;
      }
    }
  }
  // "November 26, 2023" / "Nov 26, 2023"
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    for (const std::string_view name : {kMonths[m], kMonths[m].substr(0, 3)}) {
      for (std::size_t at = lower.find(name); at != std::string::npos;
           at = lower.find(name, at + 1)) {
        std::size_t p = at + name.size();
        while (p < lower.size() && (lower[p] == '.' || lower[p] == ' ')) ++p;
        int d = 0;
        while (p < lower.size() && is_digit(lower[p]) && d < 100) d = d * 10 + (lower[p++] - '0');
        while (p < lower.size() && (lower[p] == ',' || lower[p] == ' ')) ++p;
        const int y = digits(lower, p, 4);
        if (d > 0 && y > 0) {
          if (auto t = make_date(y, static_cast<int>(m) + 1, d)) return t;
        }
      }
    }
  }
  return std::nullopt;
}

PageMetadata read_metadata(const Dom& dom, const JsonLdArticle& json_ld,
                           std::string_view page_url) {
  PageMetadata meta;
  const MetaTags tags(dom);

  meta.base_url = std::string(page_url);
  for (NodeId id = 0; id < dom.size(); ++id) {
    if (!dom.is_element(id, "base")) continue;
    if (auto href = dom.attribute(id, "href")) {
      if (auto resolved = absolute(page_url, std::string(*href))) meta.base_url = *resolved;
    }
    break;
  }

  // Canonical address first: it is also the base for the page read from a file.
  std::optional<std::string> canonical;
  for (NodeId id = 0; id < dom.size() && !canonical; ++id) {
    if (!dom.is_element(id, "link")) continue;
    const auto rel = dom.attribute(id, "rel");
    const auto href = dom.attribute(id, "href");
    if (rel && href && meta_key(*rel) == "canonical") canonical = std::string(*href);
  }
  meta.canonical_url = absolute(meta.base_url, canonical);
  if (!meta.canonical_url) meta.canonical_url = absolute(meta.base_url, tags.first({"og:url"}));
  if (!meta.canonical_url && json_ld.url) meta.canonical_url = absolute(meta.base_url, json_ld.url);
  if (meta.base_url.empty() && meta.canonical_url) meta.base_url = *meta.canonical_url;

  // Title: JSON-LD, then meta tags, then <title> cleaned of the site's name.
  std::vector<std::string> h1s;
  std::vector<std::string> headings;
  std::string document_title;
  for (NodeId id = 0; id < dom.size(); ++id) {
    const DomNode& node = dom.node(id);
    if (node.kind != DomNode::Kind::element) continue;
    if (node.tag == "title" && document_title.empty()) document_title = dom.text_of(id);
    if (node.tag == "h1") h1s.push_back(dom.text_of(id));
    if (node.tag == "h1" || node.tag == "h2") headings.push_back(dom.text_of(id));
  }
  // JSON-LD: its name, unless only its headline resembles the <title>.
  meta.title = non_empty(json_ld.name ? json_ld.name : json_ld.headline);
  if (json_ld.headline && json_ld.name && *json_ld.headline != *json_ld.name &&
      title_similarity(collapse_copy(document_title), *json_ld.headline) > 0.75 &&
      !(title_similarity(collapse_copy(document_title), *json_ld.name) > 0.75)) {
    meta.title = non_empty(json_ld.headline);
  }
  if (!meta.title) {
    meta.title =
        non_empty(tags.first({"dc:title", "dcterm:title", "og:title", "weibo:article:title",
                              "weibo:webpage:title", "title", "twitter:title", "parsely-title"}));
  }
  if (!meta.title) meta.title = non_empty(title_from_document(document_title, h1s, headings));

  // Published time.
  const auto parse = [](const std::optional<std::string>& text) -> std::optional<Timestamp> {
    if (!text) return std::nullopt;
    return plausible(parse_date(trim_html_space(*text)));
  };
  meta.published = parse(json_ld.date_published);
  if (!meta.published) {
    meta.published = parse(tags.first({"article:published_time",
                                       "parsely-pub-date",
                                       "og:published_time",
                                       "article:published",
                                       "datepublished",
                                       "pubdate",
                                       "publishdate",
                                       "publish-date",
                                       "publish_date",
                                       "dc:date:issued",
                                       "dcterms:issued",
                                       "dc:date",
                                       "dcterms:date",
                                       "dcterms:created",
                                       "dc:created",
                                       "sailthru:date",
                                       "citation_publication_date",
                                       "date",
                                       "originalpublicationdate",
                                       "article_date_original"}));
  }
  if (!meta.published) {
    NodeId first_time = kNoNode;
    for (NodeId id = dom.body() == kNoNode ? 0 : dom.body(); id < dom.size(); ++id) {
      if (!dom.is_element(id, "time") || !dom.attribute(id, "datetime")) continue;
      const auto prop = dom.attribute(id, "itemprop");
      if ((prop && *prop == "datePublished") || dom.attribute(id, "pubdate")) {
        first_time = id;
        break;
      }
      if (first_time == kNoNode) first_time = id;
    }
    if (first_time != kNoNode) {
      meta.published = parse(std::string(*dom.attribute(first_time, "datetime")));
    }
  }

  // Author, site, lead image.
  meta.author = non_empty(json_ld.author);
  if (!meta.author) {
    auto author = non_empty(tags.first(
        {"dc:creator", "dcterm:creator", "author", "parsely-author", "article:author", "byl"}));
    if (author && !looks_like_url(*author)) meta.author = author;
  }
  meta.site_name = non_empty(tags.first({"og:site_name"}));
  if (!meta.site_name) meta.site_name = non_empty(json_ld.publisher);
  if (!meta.site_name) meta.site_name = non_empty(tags.first({"application-name"}));
  meta.lead_image =
      absolute(meta.base_url, tags.first({"og:image", "og:image:url", "og:image:secure_url",
                                          "twitter:image", "twitter:image:src"}));
  if (!meta.lead_image) meta.lead_image = absolute(meta.base_url, json_ld.image);
  return meta;
}

}  // namespace feedarchiver::extract
