#pragma once
// A light pre-pass over HTML text that bounds element nesting before gumbo sees it: gumbo's
// tree building costs time proportional to the depth for every start tag, so 100k nested
// <div>s take many seconds. Only the depth bound matters here; safety is the sanitizer's.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver::normalize {

/// What to do with the text of <script> and <style> elements on the way.
enum class ScriptText {
  keep,
  /// Emptied, but for scripts whose start tag says JSON (JSON-LD, embedded data): a page's
  /// extractor never reads the rest, and they are close to half the bytes of a news page
  /// (all of it tokenized one character at a time by gumbo).
  drop,
};

/// Removes the start tags (and their matching end tags) of elements nested deeper than
/// `max_depth`, keeping their content. nullopt when nothing had to be removed. Pure.
std::optional<std::string> limit_nesting(std::string_view html, std::size_t max_depth,
                                         ScriptText scripts = ScriptText::keep);

}  // namespace feedarchiver::normalize
