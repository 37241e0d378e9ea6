#pragma once
// An allow-list HTML sanitizer over gumbo: the body of a post keeps text, structure, links
// and images; loses script, style, iframe, object, form, event handlers, javascript: URLs.

#include <string>
#include <string_view>
#include <vector>

#include "feedarchiver/model.hpp"

namespace feedarchiver::normalize {

struct SanitizeResult {
  std::string html;
  std::size_t removed_elements = 0;    // elements dropped with their content
  std::size_t removed_attributes = 0;  // attributes dropped (handlers, bad URLs, unknown)
  std::vector<Image> images;           // every <img> written, in document order
};

/// Sanitizes an HTML fragment: relative href/src made absolute against `base_url`, every
/// <img> gets referrerpolicy="no-referrer", lazy images (data-src, data-original) get a real
/// src. Serializes back to HTML (U+00A0 as &nbsp;). Pure.
SanitizeResult sanitize_html(std::string_view html, std::string_view base_url);

}  // namespace feedarchiver::normalize
