#pragma once
// Finds the main content of a page: a readability-style scorer over the flattened DOM.
// Paragraph text and commas score their ancestors; link density, class/id hints and tags
// adjust; the best candidate is widened to its siblings that look like article text; then
// navigation, share, related and other chrome inside it are left out: boxes named as chrome
// (bylines, author, newsletter and related boxes, captions outside a figure, credits), and
// short lines that lead away from the article (related/read-more lines and the links listed
// under them, calls to action, date lines, advertisement labels). See chrome_test.cpp.

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

/// What site rules say about a page's content (see extract/site_rules.hpp).
struct ContentRules {
  std::vector<std::uint8_t> left_out;  // per node (may be shorter): subtrees removed before
                                       // scoring (strip rules)
  std::vector<NodeId> roots;           // not empty: the article is these subtrees (body rules)
  bool prune = true;                   // with roots: still drop chrome inside them (share
                                       // boxes, link lists, forms, empty paragraphs)
};

/// Selects the article of a page under site rules. Without roots: as above, the left-out
/// subtrees never scored nor written. With roots: they are the article; pruned like the
/// scorer's own choice (no unlikely-candidate stripping; the lighter cleaning when the full
/// one leaves too little), or, without prune, kept whole but for the left-out subtrees. Pure.
ContentSelection select_content(const Dom& dom, std::string_view title, const ContentRules& rules);

/// Similarity of two titles in [0, 1]: the share of `b`'s word characters also in `a`.
double title_similarity(std::string_view a, std::string_view b);

}  // namespace feedarchiver::extract
