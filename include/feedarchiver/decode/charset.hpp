#pragma once
// Which charset a document is in, and its conversion to UTF-8 (glibc iconv). Pure: no I/O.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "feedarchiver/charset_name.hpp"  // canonical_charset, which decode uses throughout

namespace feedarchiver::decode {

/// Where the chosen charset came from, most trusted first.
enum class CharsetSource { bom, content_type, declaration, fallback };

struct CharsetChoice {
  std::string charset;  // an iconv name: "UTF-8", "GB18030", "UTF-16LE", "WINDOWS-1252", ...
  CharsetSource source = CharsetSource::fallback;
  std::size_t bom_length = 0;  // bytes of byte-order mark to skip before converting
  std::string ignored_label;   // a label we could not use (unknown to iconv), for a warning
};

/// The raw charset= parameter of a Content-Type header value; empty when absent.
std::string charset_from_content_type(std::string_view content_type);

/// The raw encoding="..." of a leading XML declaration; empty when absent.
std::string charset_from_xml_declaration(std::string_view bytes);

/// The raw charset of the first `<meta charset>` / `<meta http-equiv content="...charset=">`
/// in the first 1024 bytes; empty when absent.
std::string charset_from_html_meta(std::string_view bytes);

/// Picks the charset: BOM, then Content-Type, then XML declaration / HTML meta, then UTF-8.
CharsetChoice sniff_charset(std::string_view bytes, std::string_view content_type);

/// Counts over raw bytes that tell UTF-8 from legacy encodings.
struct BytesProfile {
  std::size_t utf8_multibyte = 0;   // valid UTF-8 sequences of 2-4 bytes
  std::size_t utf8_invalid = 0;     // runs of high bytes that are not UTF-8
  std::size_t lone_high = 0;        // of those, single high bytes between ASCII (windows-125x)
  std::size_t in_word_pairs = 0;    // of those, two high bytes inside a word ("educa\xE7\xE3o")
  std::size_t pairs = 0;            // double-byte pairs in the invalid runs
  std::size_t low_trail_pairs = 0;  // of those, with a trail byte 0x40..0x7E (Big5 more than GB)
};
BytesProfile profile_bytes(std::string_view bytes);

/// What bytes that are not UTF-8 (and contain no valid multi-byte UTF-8 at all) most likely
/// are: WINDOWS-1252 (isolated high bytes: next to a letter, or before a byte no double-byte
/// trail can be; or two between letters, as Portuguese "ção" and French "éé" write), BIG5-HKSCS or
/// GB18030 (pairs). nullopt for valid UTF-8, for UTF-8 with a few damaged sequences and for high
/// bytes that show no pattern (those become U+FFFD).
std::optional<std::string> guess_legacy_charset(std::string_view bytes);

/// True when `bytes` hold at least one multi-byte UTF-8 sequence and no invalid one: a
/// legacy label on such a document is wrong.
bool looks_like_utf8(std::string_view bytes);

struct Conversion {
  std::string utf8;
  std::size_t replaced = 0;  // invalid or truncated sequences written as U+FFFD
};

/// Converts `bytes` from `charset` (an iconv name) to UTF-8, replacing each invalid sequence
/// with U+FFFD. nullopt only when iconv cannot open the charset.
std::optional<Conversion> convert_to_utf8(std::string_view bytes, const std::string& charset);

}  // namespace feedarchiver::decode
