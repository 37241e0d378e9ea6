#pragma once

#include <string>
#include <string_view>

/// The small byte-level text helpers every stage needs, in one place, named for which
/// standard's meaning they carry. All of them look at ASCII bytes only: a UTF-8 byte
/// (0x80 and above) is never a letter to fold nor a space to trim here.
namespace feedarchiver {

/// 'A'..'Z' to 'a'..'z'; every other byte unchanged (UTF-8 included).
constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// 'a'..'z' to 'A'..'Z'; every other byte unchanged.
constexpr char ascii_upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

/// A copy with every ASCII letter lower-cased: tag names, media types, host names.
inline std::string to_ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

/// Equal but for the case of ASCII letters: header names, tag names, RSS's element names.
constexpr bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

/// `text` begins with `prefix`, ignoring the case of ASCII letters.
constexpr bool starts_with_ignoring_ascii_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         equals_ignoring_ascii_case(text.substr(0, prefix.size()), prefix);
}

/// WHATWG's "ASCII whitespace" (HTML, CSS, URLs, MIME types): space, tab, LF, FF, CR.
constexpr bool is_html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/// XML's `S` production: space, tab, LF, CR (no form feed).
constexpr bool is_xml_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// C's `isspace` in the "C" locale: the HTML spaces and vertical tab. For free text written
/// by people (dates, titles, front matter values), where any of them may turn up.
constexpr bool is_c_space(char c) {
  return is_html_space(c) || c == '\v';
}

/// `text` without the leading and trailing bytes `is_space` accepts.
template <typename IsSpace>
constexpr std::string_view trim_if(std::string_view text, IsSpace is_space) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

constexpr std::string_view trim_html_space(std::string_view text) {
  return trim_if(text, is_html_space);
}
constexpr std::string_view trim_xml_space(std::string_view text) {
  return trim_if(text, is_xml_space);
}
constexpr std::string_view trim_c_space(std::string_view text) {
  return trim_if(text, is_c_space);
}

}  // namespace feedarchiver
