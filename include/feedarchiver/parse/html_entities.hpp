#pragma once
// The HTML named character references feeds use most (Latin-1, typography, arrows), shared by
// the XML repair pass and the HTML-to-text decoder. Private to parse/.

#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver::parse {

/// The code point of the HTML entity `name` (without `&` and `;`), case-sensitive; nullopt
/// when the name is not in our table.
std::optional<char32_t> lookup_html_entity(std::string_view name);

/// Appends `code_point` as UTF-8; surrogates, 0 and values above U+10FFFF become U+FFFD.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace feedarchiver::parse
