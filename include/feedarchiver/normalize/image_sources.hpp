#pragma once
// The <img src> of a sanitized body (sanitize_html's output: lower-case tags, attribute
// values double-quoted and escaped, `<` in text escaped), listed and rewritten, so that
// `--images download` can point a post at its local copies.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace feedarchiver::normalize {

/// The src of every <img>, in document order, character references decoded. Pure.
std::vector<std::string> image_sources(std::string_view sanitized_html);

/// `sanitized_html` with the src of every <img> found in `replacements` (keys as
/// image_sources returns them) replaced by its value; such an <img> loses srcset and sizes,
/// which would point browsers back at the remote copies. Other text is unchanged. Pure.
std::string replace_image_sources(std::string_view sanitized_html,
                                  const std::map<std::string, std::string>& replacements);

}  // namespace feedarchiver::normalize
