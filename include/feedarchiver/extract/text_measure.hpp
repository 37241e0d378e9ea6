#pragma once
// How much text a string holds, counted in characters rather than words so that Chinese,
// Japanese and Korean pages (no spaces between words) are not judged too short.

#include <cstddef>
#include <string_view>

namespace feedarchiver::extract {

struct TextMeasure {
  std::size_t chars = 0;   // non-space characters; a CJK character counts kCjkWeight
  std::size_t commas = 0;  // commas in any script, ideographic commas and full stops
};

/// A CJK (or Hangul, kana, fullwidth) character carries about as much as this many Latin ones.
constexpr std::size_t kCjkWeight = 3;

/// Measures UTF-8 text. Invalid bytes count as one character each. Pure.
TextMeasure measure_text(std::string_view utf8);

/// True when `code_point` is a CJK ideograph, kana, Hangul syllable or fullwidth form.
bool is_cjk(char32_t code_point);

}  // namespace feedarchiver::extract
