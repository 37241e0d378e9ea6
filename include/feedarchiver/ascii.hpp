#pragma once

#include <string_view>

namespace feedarchiver {

/// 'A'..'Z' to 'a'..'z'; every other byte unchanged (UTF-8 included).
constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Equal but for the case of ASCII letters: header names, tag names, RSS's element names.
constexpr bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace feedarchiver
