#pragma once
// Site-rule selectors as XPath 1.0 (spec.md's CSS subset, translated once when rules are
// read; pugixml's XPath engine runs them). CSS: tag, *, #id, .class, [attr], [attr=v]
// (quoted or not), compounds of those ("div.story#main"), descendant (space) and child (>)
// combinators, comma lists. "xpath:" takes XPath 1.0 as written.

#include <string>
#include <string_view>

namespace feedarchiver {

/// The XPath of a CSS selector of the subset above. Throws Error (exit 1) naming the
/// selector and the position of the first thing outside the subset.
std::string css_to_xpath(std::string_view css);

/// A rule selector as XPath: "xpath:EXPR" → EXPR, anything else through css_to_xpath; the
/// result is checked by compiling it. Throws Error (exit 1) with the reason.
std::string selector_to_xpath(std::string_view selector);

/// True when `xpath` compiles as XPath 1.0; else false with pugixml's reason in `error`.
bool is_valid_xpath(const std::string& xpath, std::string& error);

}  // namespace feedarchiver
