#pragma once
// URL-valued attributes as the sanitizer keeps them: cleaned the way browsers read them,
// made absolute, and only when their scheme is harmless where they appear.

#include <optional>
#include <string>
#include <string_view>

#include "feedarchiver/url.hpp"  // clean_url, is_blank_url

namespace feedarchiver::normalize {

/// Where a URL appears; decides which schemes are allowed besides http and https.
enum class UrlContext {
  link,   // <a href>: also mailto:
  image,  // <img src>: also data:image/{png,jpeg,gif,webp}
  media,  // srcset candidates, <video src>, cite=...: http and https only
};

/// The lower-case scheme of `url` when it starts with one ("JaVa+x:" → "java+x"), else "".
std::string leading_scheme(std::string_view url);

/// The attribute value to write for `raw` in `context`: cleaned, resolved against `base`
/// when relative (left relative when `base` is empty or unusable); nullopt when the scheme
/// is not allowed or the URL cannot be resolved.
std::optional<std::string> safe_url(std::string_view raw, std::string_view base,
                                    UrlContext context);

/// A srcset with every candidate URL made safe (http/https only, absolute); candidates
/// that are not are left out; nullopt when none is left.
std::optional<std::string> safe_srcset(std::string_view srcset, std::string_view base);

/// The URL of the largest candidate of a srcset (by its w or x descriptor; the first on a
/// tie or without descriptors), as written; nullopt for an empty srcset.
std::optional<std::string> largest_srcset_candidate(std::string_view srcset);

}  // namespace feedarchiver::normalize
