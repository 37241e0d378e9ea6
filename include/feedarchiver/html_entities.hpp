#pragma once
// All of HTML5's named character references (generated from the WHATWG table), shared by
// the XML repair pass and the HTML-to-text decoder (parse/) and the simple fragment reader
// (normalize/). Internal to the library.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver {

/// The one or two code points an HTML5 named reference stands for (`second` 0 when one).
struct HtmlEntity {
  char32_t first;
  char32_t second;
};

/// One row of the generated table (src/normalize/html_entities_table.cpp).
struct HtmlEntityEntry {
  std::string_view name;
  char32_t first;
  char32_t second;
};
extern const HtmlEntityEntry kHtmlEntities[];
extern const std::size_t kHtmlEntityCount;

/// The HTML5 named character reference `name` (without `&` and `;`), case-sensitive; nullopt
/// when HTML5 has no such name.
std::optional<HtmlEntity> lookup_html_entity(std::string_view name);

/// Appends `code_point` as UTF-8; surrogates, 0 and values above U+10FFFF become U+FFFD.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace feedarchiver
