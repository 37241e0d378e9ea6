#pragma once
// An allow-list HTML sanitizer over gumbo: the body of a post keeps text, structure, links
// and images; loses script, style, iframe, object, form, event handlers, javascript: URLs
// (the fallback content of iframe, object and noscript stays, sanitized like the rest).
// Inline SVG (with a fixed width and height) and MathML pass an allow-list of their own.

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
  bool nesting_limited = false;        // elements deeper than kMaxNestingDepth were unwrapped
};

struct SanitizeOptions {
  /// Hosts whose <iframe>s are kept (video players: "www.youtube-nocookie.com",
  /// "player.vimeo.com"); a host also allows its subdomains. Empty (the default): every
  /// iframe is removed, as spec.md promises. A kept iframe has only its http(s) src, size,
  /// title and allowfullscreen, plus sandbox, loading="lazy" and referrerpolicy.
  std::vector<std::string> iframe_hosts;
  /// Parse well-nested simple fragments without gumbo (simple_fragment.hpp). Off only to
  /// compare both paths in tests and benchmarks: the output is the same.
  bool simple_fast_path = true;
};

/// Sanitizes an HTML fragment: relative href/src made absolute against `base_url`, every
/// <img> gets referrerpolicy="no-referrer", lazy images (data-src, data-original) get a real
/// src; style, class and id attributes are dropped. Serializes back to HTML (U+00A0 as
/// &nbsp;). Pure.
SanitizeResult sanitize_html(std::string_view html, std::string_view base_url,
                             const SanitizeOptions& options = {});

}  // namespace feedarchiver::normalize
