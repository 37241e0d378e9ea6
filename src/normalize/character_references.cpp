#include "feedarchiver/normalize/character_references.hpp"

namespace feedarchiver::normalize {

namespace {

int digit_value(char c, bool hex) {
  if (c >= '0' && c <= '9') return c - '0';
  if (hex && c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (hex && c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> replace_out_of_range_references(std::string_view html) {
  std::optional<std::string> out;
  std::size_t copied = 0;
  for (std::size_t i = html.find("&#"); i != std::string_view::npos; i = html.find("&#", i + 2)) {
    std::size_t j = i + 2;
    const bool hex = j < html.size() && (html[j] == 'x' || html[j] == 'X');
    if (hex) ++j;
    const std::size_t digits = j;
    unsigned long long value = 0;
    bool too_big = false;
    while (j < html.size()) {
      const int digit = digit_value(html[j], hex);
      if (digit < 0) break;
      value = value * (hex ? 16 : 10) + static_cast<unsigned>(digit);
      if (value > 0x10FFFF) {
        too_big = true;
        value = 0x110000;  // saturate: the rest of the digits only make it bigger
      }
      ++j;
    }
    if (!too_big || j == digits) continue;
    if (j < html.size() && html[j] == ';') ++j;
    if (!out) out.emplace().reserve(html.size());
    out->append(html.substr(copied, i - copied));
    out->append("\xEF\xBF\xBD");
    copied = j;
    i = j - 2;  // the search goes on after the reference
  }
  if (out) out->append(html.substr(copied));
  return out;
}

}  // namespace feedarchiver::normalize
