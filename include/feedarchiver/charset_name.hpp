#pragma once
// Charset labels → the iconv names we convert with. At the bottom: FEEDS' "encoding" setting
// (config/) is checked with it as well as every document decode/ reads. Pure but for asking
// iconv whether it knows a name.

#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver {

/// A label without its surrounding HTML spaces and one pair of matching quotes.
std::string_view unquoted_charset_label(std::string_view label);

/// Maps a charset label to the iconv name we convert with, applying the usual corrections
/// (gb2312/gbk → GB18030, big5 → BIG5-HKSCS, latin1/us-ascii → WINDOWS-1252, ...).
/// nullopt when the label is malformed or iconv does not know it.
std::optional<std::string> canonical_charset(std::string_view label);

}  // namespace feedarchiver
