#pragma once
// Small text helpers over HTML strings: HTML → plain text for titles, plain text → HTML for
// bodies, whitespace collapsing. Private to parse/; not a sanitizer (see normalize/).

#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver::parse {

/// Collapses runs of ASCII whitespace to one space and trims both ends.
std::string collapse_whitespace(std::string_view text);

/// Strips tags (dropping script/style contents), decodes character references and collapses
/// whitespace. A `<` that does not start a tag is kept as text.
std::string html_to_text(std::string_view html);

/// Decodes `&name;`, `&#N;` and `&#xH;` references; unknown ones are kept verbatim.
std::string decode_html_entities(std::string_view text);

/// Escapes `&`, `<`, `>` and `"` so that plain text reads the same as HTML.
std::string escape_html(std::string_view text);

/// A plain-text body (Atom type="text", JSON Feed content_text) as HTML that reads the same:
/// escaped, and where it has line breaks, its paragraphs (split at blank lines) become <p>
/// elements and the line breaks inside them <br>, since HTML would run them all together.
/// Text on one line is just escaped.
std::string plain_text_html(std::string_view text);

/// A body of HTML that a feed escaped twice (`&lt;p&gt;Text&lt;/p&gt;` where `<p>Text</p>`
/// was meant) with one level of escaping undone; nullopt for any other body. Escaped twice
/// means: no tag of its own, it begins with an escaped tag of a common element, and it holds
/// at least two escaped tags. Text that mentions a tag ("Use the &lt;p&gt; tag", or escaped
/// code next to real markup) is left as it is.
std::optional<std::string> unescape_if_escaped_twice(std::string_view html);

/// Text whose UTF-8 was read as windows-1252 (or Latin-1) and encoded again ("CafÃ©"), with
/// that undone ("Café"); nullopt unless the repair is unambiguous: every character of
/// `text` is one windows-1252 byte, and those bytes are valid UTF-8 with multi-byte
/// sequences. A text read so twice is repaired twice.
std::optional<std::string> repair_mojibake(std::string_view text);

}  // namespace feedarchiver::parse
