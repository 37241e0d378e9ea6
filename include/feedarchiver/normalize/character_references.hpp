#pragma once
// gumbo 0.10 mis-decodes a numeric character reference whose value overflows an int
// ("&#11111111111111111111"): it emits bytes that are not UTF-8 (a fuzz finding). HTML5 reads
// any reference beyond U+10FFFF as U+FFFD, so that is written in its place before gumbo
// parses the text.

#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver::normalize {

/// `html` with every numeric character reference above U+10FFFF (decimal or hex, with or
/// without its ';') replaced by U+FFFD; nullopt when there is none. Pure.
std::optional<std::string> replace_out_of_range_references(std::string_view html);

}  // namespace feedarchiver::normalize
