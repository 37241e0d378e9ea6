#pragma once
// A light pre-pass over HTML text that bounds element nesting before gumbo sees it: gumbo's
// tree building costs time proportional to the depth for every start tag, so 100k nested
// <div>s take many seconds. Only the depth bound matters here; safety is the sanitizer's.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver::normalize {

/// Removes the start tags (and their matching end tags) of elements nested deeper than
/// `max_depth`, keeping their content. nullopt when nothing had to be removed. Pure.
std::optional<std::string> limit_nesting(std::string_view html, std::size_t max_depth);

}  // namespace feedarchiver::normalize
