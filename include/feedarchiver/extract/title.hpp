#pragma once
// The article's title from the document's <title>, when no metadata names it: the site
// name suffix or prefix cut ("Story - Site", "Site | Story"), or the <h1> it contains.

#include <string>
#include <string_view>
#include <vector>

namespace feedarchiver::extract {

/// Cleans `document_title` (<title> text). `h1s` are the page's <h1> texts, `headings` its
/// <h1>/<h2> texts. Returns "" when `document_title` is blank and no single <h1> helps. Pure.
std::string title_from_document(std::string_view document_title,
                                const std::vector<std::string>& h1s,
                                const std::vector<std::string>& headings);

/// Words of a title: whitespace-separated runs, a CJK character counting as one word.
std::size_t title_word_count(std::string_view text);

}  // namespace feedarchiver::extract
