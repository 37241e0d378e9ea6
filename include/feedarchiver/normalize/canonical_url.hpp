#pragma once
// The canonical form of an article URL, the key that dedupes the same article across feeds.

#include <string>
#include <string_view>

namespace feedarchiver::normalize {

/// The canonical form of an http(s) URL: scheme and host lower-cased, http treated as https,
/// default port, fragment and tracking parameters (utm_*, fbclid, gclid, ...) dropped, an empty
/// path written "/". Anything that is not an http(s) URL comes back trimmed but unchanged.
std::string canonical_url(std::string_view url);

/// True for a query parameter name that only tracks the reader (utm_*, fbclid, gclid, ...).
bool is_tracking_parameter(std::string_view name);

}  // namespace feedarchiver::normalize
