#pragma once
// URL helpers over libcurl's URL API (no network): resolution and scheme checks.

#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver {

/// Resolves `reference` against `base` (RFC 3986). Returns `reference` unchanged when it is
/// already absolute or `base` is empty or unusable; nullopt when the result is not a URL.
std::optional<std::string> resolve_url(std::string_view base, std::string_view reference);

/// True for an absolute http:// or https:// URL (case-insensitive scheme).
bool is_http_url(std::string_view url);

/// The host of an absolute URL as libcurl parses it; nullopt when it has none or does not parse.
std::optional<std::string> url_host(std::string_view url);

/// The lower-case scheme of an absolute URL ("http", "javascript", ...), empty when none.
std::string url_scheme(std::string_view url);

/// The URL as a browser reads an attribute value: leading/trailing C0 controls and spaces
/// trimmed, every tab, CR and LF removed (so "java\tscript:" is seen as "javascript:").
std::string clean_url(std::string_view raw);

/// True when clean_url(raw) would be empty (only C0 controls and spaces), copying nothing.
bool is_blank_url(std::string_view raw);

/// The position of the first tab, line feed or carriage return in `text` (its size when
/// there is none), eight bytes at a time while no byte of a word is below 0x0E.
std::size_t first_tab_or_newline(std::string_view text);

}  // namespace feedarchiver
