#pragma once
// Internal to the sanitizer (src/normalize/sanitize*.cpp): what the three parts share.
//   sanitize_tables.cpp  the element and attribute allow-lists (HTML, SVG, MathML) and policies
//   sanitize_urls.cpp    the URL, <img>/srcset, lazy-loading, iframe-host and id policy
//   sanitize.cpp         the walker: gumbo's tree in, the kept HTML out (sanitize_html)
// Not part of the public API (include/feedarchiver/normalize/sanitize.hpp is).

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feedarchiver/ascii.hpp"

namespace feedarchiver::normalize::sanitize_internal {

// ---- Small shared helpers ----------------------------------------------------------------

inline bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

inline const GumboAttribute* find_attribute(const GumboElement& element, std::string_view name) {
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    // Compared without measuring gumbo's C string first: most names differ at once.
    const char* candidate = attribute->name;
    if (std::strncmp(candidate, name.data(), name.size()) == 0 && candidate[name.size()] == '\0') {
      return attribute;
    }
  }
  return nullptr;
}

inline bool is_html_element(const GumboNode* node, GumboTag tag) {
  return node != nullptr && node->type == GUMBO_NODE_ELEMENT &&
         node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML && node->v.element.tag == tag;
}

inline const GumboNode* child_at(const GumboVector& children, unsigned index) {
  return static_cast<const GumboNode*>(children.data[index]);
}

// The listed spelling of `name` (compared without case), or "" when it is not listed.
template <std::size_t N>
constexpr std::string_view listed(const std::array<std::string_view, N>& list,
                                  std::string_view name) {
  for (std::string_view entry : list) {
    if (equals_ignoring_ascii_case(entry, name)) return entry;
  }
  return {};
}

// ---- Tables (sanitize_tables.cpp) ----------------------------------------------------------

// Unknown (gumbo 0.10 does not know <picture>), custom (<share-button>) and obsolete
// elements are unwrapped: their content stays, the tag goes.
enum class Policy { unwrap, keep, drop };

Policy policy_for(GumboTag tag);

// fragment_ref: a same-document reference ("#name"), nothing else.
enum class ValueRule { text, link_url, media_url, fragment_ref };

/// The rule for attribute `name` on HTML element `tag`; nullopt: the attribute is dropped.
std::optional<ValueRule> attribute_rule(GumboTag tag, std::string_view name);

/// An <input> that only shows something (see sanitize_tables.cpp).
bool is_inert_input(const GumboElement& input);
bool is_form_control(GumboTag tag);

/// The listed spelling of an SVG / MathML element or attribute name (compared without
/// case), or "" when the allow-list does not have it.
std::string_view svg_element_name(std::string_view name);
std::string_view math_element_name(std::string_view name);
std::string_view svg_attribute_name(std::string_view name);
std::string_view math_attribute_name(std::string_view name);

/// A length for the root <svg>'s width or height (see sanitize_tables.cpp).
bool is_fixed_length(std::string_view value);

inline constexpr std::string_view kSvgNamespace = "http://www.w3.org/2000/svg";
inline constexpr std::string_view kMathNamespace = "http://www.w3.org/1998/Math/MathML";
inline constexpr std::string_view kXlinkNamespace = "http://www.w3.org/1999/xlink";

// ---- URL, image and iframe policy (sanitize_urls.cpp) --------------------------------------

// Attributes naming the real image of a lazy-loaded <img>, most trusted first.
inline constexpr std::array<std::string_view, 4> kLazySrc = {"data-src", "data-original",
                                                             "data-lazy-src", "data-original-src"};
inline constexpr std::array<std::string_view, 2> kLazySrcset = {"data-srcset", "data-lazy-srcset"};

bool is_placeholder_src(std::string_view src);
/// <img width=1 height=1>: a tracking pixel, not a picture of the article.
bool is_tracking_pixel(const GumboElement& image);
/// An attribute's value, or nullopt when it is absent or blank.
std::optional<std::string_view> non_blank_attribute(const GumboElement& element,
                                                    std::string_view name);
bool is_id_char(char c);
/// An id made of letters, digits, '-', '_' and '.', with the prefix; nullopt otherwise.
std::optional<std::string> prefixed_id(std::string_view id);
/// "#name" -> "#svg-name"; nullopt for anything but a same-document reference.
std::optional<std::string> fragment_reference(std::string_view value);
/// A presentation value whose url(...)s are all url(#id); nullopt otherwise.
std::optional<std::string> presentation_value(std::string_view value);
std::optional<std::string> safe_url_attribute(const GumboElement& element, std::string_view name,
                                              std::string_view base_url);
std::optional<std::string> safe_media_src(const GumboElement& element, std::string_view base_url);
/// The srcset an element offers: srcset, else a lazy-loading data-srcset.
std::optional<std::string_view> offered_srcset(const GumboElement& element);
/// The largest candidate of a srcset, made safe as a media URL.
std::optional<std::string> image_from_srcset(std::string_view srcset, std::string_view base_url);
/// The real address of an image (see sanitize_urls.cpp).
std::optional<std::string> image_src(const GumboNode& node, std::string_view base_url);
/// `host` (lower case, from url_host) is one of `hosts` or a subdomain of one.
bool is_allowed_iframe_host(std::string_view host, const std::vector<std::string>& hosts);

}  // namespace feedarchiver::normalize::sanitize_internal
