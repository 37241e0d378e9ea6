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

/// Converts `bytes` to UTF-8. Charset from the BOM, then the Content-Type header, then the
/// XML declaration / HTML meta; invalid sequences become U+FFFD with a warning.
/// Pure: no I/O.
Document decode_document(std::string_view bytes, std::string_view content_type,
                         std::string base_url);

/// Guesses xml / json / html from the first non-blank characters of UTF-8 text.
DocumentKind sniff_kind(std::string_view utf8);

/// Replaces every invalid UTF-8 sequence with U+FFFD; returns how many were replaced.
std::size_t repair_utf8(std::string& text);

const char* to_string(DocumentKind kind);

}  // namespace feedarchiver::decode
