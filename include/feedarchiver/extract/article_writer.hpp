#pragma once
// The selected article written back out: HTML for the sanitizer and plain text (one line
// per block) for the JSON's "text". Images: 1x1 trackers dropped, a lazy <img> whose only
// real source is in the <noscript> after it takes that one.

#include <string>

#include "feedarchiver/extract/content_scorer.hpp"
#include "feedarchiver/extract/dom.hpp"

namespace feedarchiver::extract {

struct ArticleMarkup {
  std::string html;  // not yet sanitized
  std::string text;  // block elements on lines of their own, whitespace collapsed
};

/// Serializes the selection (its roots, minus removed subtrees) iteratively. Pure.
ArticleMarkup write_article(const Dom& dom, const ContentSelection& selection);

/// Collapses whitespace within lines and drops blank lines.
std::string tidy_text(std::string_view text);

}  // namespace feedarchiver::extract
