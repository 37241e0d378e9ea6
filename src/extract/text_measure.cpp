#include "feedarchiver/extract/text_measure.hpp"

namespace feedarchiver::extract {

bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

namespace {

bool is_comma(char32_t c) {
  switch (c) {
    case U',':
    case 0x060C:  // Arabic comma
    case 0x3001:  // ideographic comma
    case 0x3002:  // ideographic full stop
    case 0xFE50:
    case 0xFE10:
    case 0xFE11:
    case 0xFF0C:  // fullwidth comma
    case 0xFF61:  // halfwidth ideographic full stop
      return true;
    default:
      return false;
  }
}

bool is_space_code_point(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         c == 0x3000 || (c >= 0x2000 && c <= 0x200B);
}

}  // namespace

TextMeasure measure_text(std::string_view utf8) {
  TextMeasure measure;
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const unsigned char* end = p + utf8.size();
  while (p < end) {
    char32_t c = *p;
    int extra = 0;
    if (c >= 0xF0 && c < 0xF8) {
      c &= 0x07;
      extra = 3;
    } else if (c >= 0xE0) {
      c &= 0x0F;
      extra = 2;
    } else if (c >= 0xC0) {
      c &= 0x1F;
      extra = 1;
    }
    ++p;
    for (int i = 0; i < extra && p < end && (*p & 0xC0) == 0x80; ++i, ++p) {
      c = (c << 6) | (*p & 0x3F);
    }
    if (c < 0x80 && c != ',') {
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++measure.chars;
      continue;
    }
    if (is_comma(c)) ++measure.commas;
    if (is_space_code_point(c)) continue;
    measure.chars += is_cjk(c) ? kCjkWeight : 1;
  }
  return measure;
}

}  // namespace feedarchiver::extract
