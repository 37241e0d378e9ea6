#pragma once
// HTML5 serialization of elements, attributes and text into a string, one piece at a time.
// The sanitizer walks its tree and calls these; nothing here knows about gumbo.

#include <string>
#include <string_view>
#include <vector>

namespace feedarchiver {

struct HtmlAttribute {
  std::string name;  // lower-case, already known to be safe to write
  std::string value;
};

/// True for the void elements of HTML5 (br, img, hr, wbr, col, source, ...): no end tag.
bool is_void_element(std::string_view tag);

/// Appends text content: & < > escaped, U+00A0 written as &nbsp;.
void append_escaped_text(std::string& out, std::string_view text);

/// Appends an attribute value (without quotes): & " < > escaped, U+00A0 written as &nbsp;.
void append_escaped_attribute(std::string& out, std::string_view value);

/// Appends `<tag name="value" ...>` with the attributes in the given order.
void append_start_tag(std::string& out, std::string_view tag,
                      const std::vector<HtmlAttribute>& attributes);

/// Appends `</tag>`; nothing for a void element.
void append_end_tag(std::string& out, std::string_view tag);

}  // namespace feedarchiver
