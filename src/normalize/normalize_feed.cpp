#include "feedarchiver/normalize/normalize_feed.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/limits.hpp"
#include "feedarchiver/normalize/sanitize.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::normalize {

namespace {

// The first of the candidates that is set and not blank, else "".
std::string first_set(std::initializer_list<const std::optional<std::string>*> candidates) {
  for (const std::optional<std::string>* candidate : candidates) {
    if (*candidate && !trim_c_space(**candidate).empty())
      return std::string(trim_c_space(**candidate));
  }
  return {};
}

// FNV-1a 64-bit as 16 lower-case hex digits: a stable id, not a cryptographic hash.
std::string fnv1a_64_hex(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i) {
    hex[static_cast<std::size_t>(i)] = kHex[hash & 0xF];
    hash >>= 4;
  }
  return hex;
}

// `url` made absolute against `base`; nullopt when the result is not http(s).
std::optional<std::string> absolute_http_url(std::string_view base, std::string_view url) {
  std::optional<std::string> resolved = resolve_url(base, trim_c_space(url));
  if (!resolved || !is_http_url(*resolved)) return std::nullopt;
  return resolved;
}

// A relative reference (a path, "//host/path", "?q"): no scheme before the first '/', '?'
// or '#'. What a feed may keep as written when nothing makes it absolute.
bool is_relative_reference(std::string_view url) {
  const std::size_t colon = url.find(':');
  return colon == std::string_view::npos || url.find_first_of("/?#") < colon;
}

std::string item_label(std::size_t index, const Item& item) {
  std::string label = "item " + std::to_string(index + 1);
  if (item.title && !trim_c_space(*item.title).empty()) label += " (\"" + *item.title + "\")";
  return label;
}

// `html` cut to kMaxBodyBytes: before a tag that would straddle the cut, else on a UTF-8
// character boundary. The sanitizer closes whatever the cut left open.
void cut_body(std::string& html) {
  std::size_t cut = kMaxBodyBytes;
  const std::size_t open = html.rfind('<', cut);
  if (open != std::string::npos && html.find('>', open) >= cut) cut = open;
  while (cut > 0 && (static_cast<unsigned char>(html[cut]) & 0xC0u) == 0x80u) --cut;
  html.resize(cut);
}

// Applies the body limits (size, nesting depth) with a warning each, then sanitizes the
// field in place; a field left blank (only an iframe, say) becomes "", not nullopt: the
// element was present (spec.md's rule), and every consumer treats "" as it treats null (the
// post falls back to the other field). Returns the images written.
std::vector<Image> sanitize_field(std::optional<std::string>& html, std::string_view base,
                                  const std::string& label, std::string_view field,
                                  const SanitizeOptions& options,
                                  std::vector<std::string>& warnings) {
  if (!html) return {};
  if (html->size() > kMaxBodyBytes) {
    warnings.push_back(label + ": " + std::string(field) + " of " + std::to_string(html->size()) +
                       " bytes cut to the limit of " + std::to_string(kMaxBodyBytes));
    cut_body(*html);
  }
  SanitizeResult result = sanitize_html(*html, base, options);
  if (result.nesting_limited) {
    warnings.push_back(label + ": " + std::string(field) + " nests elements deeper than " +
                       std::to_string(kMaxNestingDepth) + "; the deeper tags were unwrapped");
  }
  if (trim_c_space(result.html).empty()) {
    html = std::string();
  } else {
    html = std::move(result.html);
  }
  return std::move(result.images);
}

void normalize_item(Item& item, std::size_t index, const FeedMeta& meta,
                    const SanitizeOptions& options, std::vector<std::string>& warnings) {
  if (item.title) item.title = std::string(trim_c_space(*item.title));  // present: "" stays ""

  const std::string link_base = first_set({&item.base_url, &meta.feed_url, &meta.url});
  bool kept_relative = false;
  if (item.url) {
    const std::string_view written = trim_c_space(*item.url);
    std::optional<std::string> url;
    if (!written.empty()) url = absolute_http_url(link_base, written);
    if (!url && !written.empty() && !is_http_url(link_base) && is_relative_reference(written) &&
        written.find_first_of(" \t\r\n") == std::string_view::npos) {
      // A relative link with no absolute base in sight (a file read without its URL, no
      // xml:base, no self or site link): kept as written, as the feed's reader sees it, so
      // the post keeps a from: line. Never fetched (only http(s) URLs are) and never a base.
      warnings.push_back(item_label(index, item) + ": its link '" + std::string(written) +
                         "' is relative and nothing gives an absolute base; kept as written");
      url = std::string(written);
      kept_relative = true;
    } else if (!url && !written.empty()) {
      warnings.push_back(item_label(index, item) + ": dropped its link '" + std::string(written) +
                         "': not an http(s) URL");
    }
    item.url = std::move(url);
  }

  // Stable id, computed before sanitizing so that a better sanitizer keeps old ids.
  if (std::string guid = first_set({&item.id}); !guid.empty()) {
    item.id = std::move(guid);
  } else if (item.url) {
    item.id = item.url;
  } else {
    const std::string body = first_set({&item.content_html, &item.summary_html});
    item.id = "fnv1a64:" + fnv1a_64_hex(item.title.value_or("") + '\n' + body);
  }

  static const std::optional<std::string> kNone;
  const std::string body_base =
      first_set({&item.base_url, kept_relative ? &kNone : &item.url, &meta.feed_url, &meta.url});
  const std::string label = item_label(index, item);
  std::vector<Image> content_images =
      sanitize_field(item.content_html, body_base, label, "content", options, warnings);
  std::vector<Image> summary_images =
      sanitize_field(item.summary_html, body_base, label, "summary", options, warnings);

  if (item.images.empty()) {
    std::set<std::string> seen;
    for (std::vector<Image>* images : {&content_images, &summary_images}) {
      for (Image& image : *images) {
        if (is_http_url(image.url) && seen.insert(image.url).second) {
          item.images.push_back(std::move(image));
        }
      }
    }
  } else {
    std::vector<Image> kept;
    for (Image& image : item.images) {
      if (auto url = absolute_http_url(body_base, image.url)) {
        image.url = std::move(*url);
        kept.push_back(std::move(image));
      }
    }
    item.images = std::move(kept);
  }
  if (item.images.size() > kMaxImagesPerItem) {
    warnings.push_back(label + ": " + std::to_string(item.images.size()) +
                       " images; listed the first " + std::to_string(kMaxImagesPerItem));
    item.images.resize(kMaxImagesPerItem);
  }

  std::vector<Enclosure> enclosures;
  for (Enclosure& enclosure : item.enclosures) {
    if (auto url = absolute_http_url(body_base, enclosure.url)) {
      enclosure.url = std::move(*url);
      enclosures.push_back(std::move(enclosure));
    } else {
      warnings.push_back(item_label(index, item) + ": dropped enclosure '" + enclosure.url +
                         "': not an http(s) URL");
    }
  }
  item.enclosures = std::move(enclosures);
}

}  // namespace

void normalize_feed(Feed& feed, const SanitizeOptions& sanitize) {
  for (std::size_t i = 0; i < feed.items.size(); ++i) {
    normalize_item(feed.items[i], i, feed.meta, sanitize, feed.warnings);
  }
}

}  // namespace feedarchiver::normalize
