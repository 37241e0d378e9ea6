// The sanitizer's URL policy: which address an <img> really shows (placeholders, lazy
// loading, srcset, <picture>), tracking pixels, media sources, iframe hosts, and the ids and
// url(#id) references of inline SVG.
#include "normalize/sanitize_internal.hpp"

#include "feedarchiver/normalize/image_sources.hpp"
#include "feedarchiver/normalize/safe_url.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::normalize::sanitize_internal {
namespace {

// Kept ids are prefixed: references still work, and no id names a global of the page's
// scripts (window.config), as "svg-…" is no identifier.
constexpr std::string_view kIdPrefix = "svg-";

// A size attribute of at most one pixel ("1", "0", "1px").
bool is_at_most_one_pixel(const GumboAttribute* attribute) {
  if (attribute == nullptr) return false;
  std::string_view value = attribute->value;
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (value.size() >= 2 && value.substr(value.size() - 2) == "px") value.remove_suffix(2);
  return value == "0" || value == "1";
}

// True for an element gumbo does not know whose tag name is `name` (e.g. "picture").
bool is_unknown_element_named(const GumboNode* node, std::string_view name) {
  if (!is_html_element(node, GUMBO_TAG_UNKNOWN)) return false;
  GumboStringPiece piece = node->v.element.original_tag;
  if (piece.data == nullptr || piece.length == 0) return false;
  gumbo_tag_from_original_text(&piece);  // "<picture class=x>" → "picture"
  return to_ascii_lower(std::string_view(piece.data, piece.length)) == name;
}

}  // namespace

// A src that only stands in for the real image until a script swaps it in.
bool is_placeholder_src(std::string_view src) {
  const std::string lower = to_ascii_lower(clean_url(src));
  if (lower.rfind("data:", 0) == 0) return true;
  for (std::string_view marker :
       {"placeholder", "blank", "spacer", "1x1", "pixel.gif", "transparent.gif", "transparent.png",
        "lazy", "loading.gif", "grey.gif", "gray.gif", "empty.gif"}) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  return false;
}

// <img width=1 height=1>: a tracking pixel, not a picture of the article.
bool is_tracking_pixel(const GumboElement& image) {
  return is_at_most_one_pixel(find_attribute(image, "width")) &&
         is_at_most_one_pixel(find_attribute(image, "height"));
}

// An attribute's value, or nullopt when it is absent or blank.
std::optional<std::string_view> non_blank_attribute(const GumboElement& element,
                                                    std::string_view name) {
  const GumboAttribute* attribute = find_attribute(element, name);
  if (attribute == nullptr || is_blank_url(attribute->value)) return std::nullopt;
  return std::string_view(attribute->value);
}

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

// An id made of letters, digits, '-', '_' and '.', with the prefix; nullopt otherwise.
std::optional<std::string> prefixed_id(std::string_view id) {
  if (id.empty() || id.size() > 200 || !std::all_of(id.begin(), id.end(), is_id_char)) {
    return std::nullopt;
  }
  if (id.starts_with(kIdPrefix)) return std::string(id);  // sanitized before
  return std::string(kIdPrefix) + std::string(id);
}

// "#name" → "#svg-name"; nullopt for anything but a same-document reference.
std::optional<std::string> fragment_reference(std::string_view value) {
  if (!value.starts_with('#')) return std::nullopt;
  std::optional<std::string> id = prefixed_id(value.substr(1));
  if (!id) return std::nullopt;
  return "#" + *id;
}

// A presentation value with every url(…) a url(#id) (prefixed like the ids); nullopt when
// it holds another url(), a CSS escape (which could spell one), or a script scheme.
std::optional<std::string> presentation_value(std::string_view value) {
  const std::string lower = to_ascii_lower(value);
  std::string squeezed;  // as a browser reads a scheme: spaces and controls skipped
  for (const char c : lower) {
    if (static_cast<unsigned char>(c) > 0x20) squeezed += c;
  }
  if (squeezed.find('\\') != std::string::npos ||
      squeezed.find("javascript:") != std::string::npos ||
      squeezed.find("vbscript:") != std::string::npos ||
      squeezed.find("expression(") != std::string::npos) {
    return std::nullopt;
  }
  const auto count_urls = [](std::string_view text) {
    std::size_t n = 0;
    for (std::size_t at = text.find("url("); at != std::string_view::npos;
         at = text.find("url(", at + 1)) {
      ++n;
    }
    return n;
  };
  if (count_urls(squeezed) != count_urls(lower)) return std::nullopt;  // "ur l(" and the like
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = lower.find("url("); at != std::string::npos;
       at = lower.find("url(", at + 1)) {
    std::size_t i = at + 4;
    const auto skip_space = [&] {
      while (i < value.size() && (value[i] == ' ' || value[i] == '\t' || value[i] == '\n')) ++i;
    };
    skip_space();
    const char quote = i < value.size() && (value[i] == '"' || value[i] == '\'') ? value[i] : 0;
    if (quote != 0) ++i;
    if (i >= value.size() || value[i] != '#') return std::nullopt;
    const std::size_t start = ++i;
    while (i < value.size() && is_id_char(value[i])) ++i;
    const std::optional<std::string> id = prefixed_id(value.substr(start, i - start));
    if (!id) return std::nullopt;
    if (quote != 0) {
      if (i >= value.size() || value[i] != quote) return std::nullopt;
      ++i;
    }
    skip_space();
    if (i >= value.size() || value[i] != ')') return std::nullopt;
    out.append(value.substr(copied, at - copied));
    out += "url(#" + *id + ")";
    copied = i + 1;
    at = i;
  }
  out.append(value.substr(copied));
  return out;
}

std::optional<std::string> safe_url_attribute(const GumboElement& element, std::string_view name,
                                              std::string_view base_url) {
  std::optional<std::string_view> value = non_blank_attribute(element, name);
  if (!value) return std::nullopt;
  return safe_url(*value, base_url, UrlContext::media);
}

std::optional<std::string> safe_media_src(const GumboElement& element, std::string_view base_url) {
  return safe_url_attribute(element, "src", base_url);
}

// The srcset an element offers: srcset, else a lazy-loading data-srcset.
std::optional<std::string_view> offered_srcset(const GumboElement& element) {
  if (auto srcset = non_blank_attribute(element, "srcset")) return srcset;
  for (std::string_view name : kLazySrcset) {
    if (auto srcset = non_blank_attribute(element, name)) return srcset;
  }
  return std::nullopt;
}

std::optional<std::string> image_from_srcset(std::string_view srcset, std::string_view base_url) {
  std::optional<std::string> candidate = largest_srcset_candidate(srcset);
  if (!candidate) return std::nullopt;
  return safe_url(*candidate, base_url, UrlContext::media);
}

// The real address of an image: src unless it is a placeholder, else the lazy-loading
// attributes, else the largest srcset candidate (the img's, then its <picture>'s
// <source>s), else the placeholder after all.
std::optional<std::string> image_src(const GumboNode& node, std::string_view base_url) {
  const GumboElement& element = node.v.element;
  const std::optional<std::string_view> src = non_blank_attribute(element, "src");
  std::optional<std::string> url;
  if (src && !is_placeholder_src(*src)) url = safe_url(*src, base_url, UrlContext::image);
  for (std::size_t i = 0; !url && i < kLazySrc.size(); ++i) {
    if (auto lazy = non_blank_attribute(element, kLazySrc[i])) {
      url = safe_url(*lazy, base_url, UrlContext::image);
    }
  }
  if (!url) {
    if (auto srcset = offered_srcset(element)) url = image_from_srcset(*srcset, base_url);
  }
  if (!url && is_unknown_element_named(node.parent, "picture")) {
    const GumboVector& siblings = node.parent->v.element.children;
    for (unsigned i = 0; !url && i < node.index_within_parent && i < siblings.length; ++i) {
      const GumboNode* sibling = child_at(siblings, i);
      if (!is_html_element(sibling, GUMBO_TAG_SOURCE)) continue;
      if (auto srcset = offered_srcset(sibling->v.element))
        url = image_from_srcset(*srcset, base_url);
    }
  }
  if (!url && src) url = safe_url(*src, base_url, UrlContext::image);
  if (url && url->empty()) url.reset();
  return url;
}

// `host` (lower case, from url_host) is one of `hosts` or a subdomain of one.
bool is_allowed_iframe_host(std::string_view host, const std::vector<std::string>& hosts) {
  return std::any_of(hosts.begin(), hosts.end(), [&](const std::string& want) {
    const std::string lower = to_ascii_lower(want);
    return host == lower || (host.size() > lower.size() &&
                             host.compare(host.size() - lower.size(), lower.size(), lower) == 0 &&
                             host[host.size() - lower.size() - 1] == '.');
  });
}

}  // namespace feedarchiver::normalize::sanitize_internal
