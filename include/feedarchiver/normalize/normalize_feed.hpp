#pragma once
// After parsing, before writing: URLs absolute, bodies sanitized, a stable id per item.

#include "feedarchiver/model.hpp"
#include "feedarchiver/normalize/sanitize.hpp"

namespace feedarchiver::normalize {

/// Normalizes every item in place: url resolved against the item/feed base, content_html and
/// summary_html sanitized (with `sanitize`: the iframe hosts a feed allows), id = guid, else
/// url, else a hash of title and body. Pure.
void normalize_feed(Feed& feed, const SanitizeOptions& sanitize = {});

}  // namespace feedarchiver::normalize
