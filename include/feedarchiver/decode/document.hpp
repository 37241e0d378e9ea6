#pragma once
// Bytes as read become a Document: UTF-8 text, what kind of text it is, and its base URL.

#include <string>
#include <string_view>
#include <vector>

namespace feedarchiver::decode {

enum class DocumentKind { xml, json, html, unknown };

struct Document {
  std::string utf8;
  DocumentKind kind = DocumentKind::unknown;
  std::string base_url;               // final URL of the fetch, empty for local files
  std::vector<std::string> warnings;  // charset repairs
};

/// Converts `bytes` to UTF-8. Charset from `encoding_override` (FEEDS "encoding") when set,
/// else the BOM, then the Content-Type header, then the XML declaration / HTML meta. A label
/// the bytes contradict is overridden with a warning (declared UTF-8 but GB18030/Big5/
/// windows-1252 bytes; declared legacy but valid UTF-8). Invalid sequences become U+FFFD with
/// a warning. Pure: no I/O.
Document decode_document(std::string_view bytes, std::string_view content_type,
                         std::string base_url, std::string_view encoding_override = {});

/// Guesses xml / json / html from the first non-blank characters of UTF-8 text.
DocumentKind sniff_kind(std::string_view utf8);

/// Replaces every invalid UTF-8 sequence with U+FFFD; returns how many were replaced.
std::size_t repair_utf8(std::string& text);

/// Replaces the C1 control characters U+0080..U+009F (never meant in a feed: Latin-1-labeled
/// windows-1252) with the windows-1252 characters for those bytes; returns how many.
std::size_t replace_c1_controls(std::string& utf8);

/// The windows-1252 character for a C1 code point (0x80..0x9F), or 0 when it has none.
char32_t windows1252_c1(char32_t code_point);

const char* to_string(DocumentKind kind);

}  // namespace feedarchiver::decode
