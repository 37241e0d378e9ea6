#pragma once
// Finds the main content of a page: a readability-style scorer over the flattened DOM.
// Paragraph text and commas score their ancestors; link density, class/id hints and tags
// adjust; the best candidate is widened to its siblings that look like article text; then
// navigation, share, related and other chrome inside it are left out.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "feedarchiver/extract/dom.hpp"

namespace feedarchiver::extract {

struct ContentSelection {
  std::vector<NodeId> roots;          // the article: these subtrees, in document order
  std::vector<std::uint8_t> removed;  // per node: 1 = this subtree is left out
  std::string byline;                 // an author line found (and removed) on the way
  std::size_t chars = 0;              // weighted characters of the selection (text_measure)
};

/// Selects the article of a page. `title` (may be empty) lets a heading that repeats it be
/// left out. Never fails: a page with no credible article gives its body (chars tells how
/// much text that is). Pure.
ContentSelection select_content(const Dom& dom, std::string_view title);

/// Similarity of two titles in [0, 1]: the share of `b`'s word characters also in `a`.
double title_similarity(std::string_view a, std::string_view b);

}  // namespace feedarchiver::extract
