#pragma once
// The limits on what one feed or page may make us build, in one place (README "Security").
// Past each, the result is cut to the limit with a warning naming it, never a failure.
// The response size itself is fetch::FetchLimits::max_bytes (--max-size, 50 MiB).

#include <cstddef>

namespace feedarchiver {

/// HTML elements nested deeper than this in a body are unwrapped, their text kept
/// (limit_nesting before gumbo; sanitize_html).
inline constexpr std::size_t kMaxNestingDepth = 512;

/// Items read from one feed document; the rest of the document is not read.
inline constexpr std::size_t kMaxItemsPerFeed = 10000;

/// Bytes of one item body (content_html, summary_html) kept before sanitizing; a longer
/// body is cut on a tag or character boundary and the sanitizer closes what was open.
inline constexpr std::size_t kMaxBodyBytes = 8u * 1024u * 1024u;

/// Images listed per item (what --images download fetches); the body keeps its <img>s.
inline constexpr std::size_t kMaxImagesPerItem = 200;

}  // namespace feedarchiver
