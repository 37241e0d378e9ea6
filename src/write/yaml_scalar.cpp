#include "feedarchiver/write/yaml_scalar.hpp"

#include <array>
#include <cstdio>

#include "feedarchiver/utf8.hpp"
#include "feedarchiver/write/yaml_flow.hpp"

namespace feedarchiver::write {
namespace {

using utf8::kInvalid;

void append_hex_escape(std::string& out, char32_t cp) {
  char buffer[16];
  if (cp <= 0xFF) {
    std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(cp));
  } else if (cp <= 0xFFFF) {
    std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(cp));
  } else {
    std::snprintf(buffer, sizeof buffer, "\\U%08X", static_cast<unsigned>(cp));
  }
  out += buffer;
}

/// Code points a double-quoted scalar must not hold raw: C0 and C1 controls, DEL, the
/// characters YAML 1.1 reads as line breaks, the BOM and the non-characters U+FFFE/U+FFFF.
bool needs_escape(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
         cp == 0xFFFE || cp == 0xFFFF;
}

/// Plain scalars that a YAML 1.1 or 1.2 reader (or Ruby's Psych, which matches booleans and
/// null case-insensitively) would resolve to something other than a string. Numbers,
/// dates, .inf and .nan start with a digit, a sign or a dot and are caught before this.
bool is_reserved_word(std::string_view text) {
  static constexpr std::array<std::string_view, 9> kWords = {"null", "true", "false", "yes", "no",
                                                             "on",   "off",  "y",     "n"};
  for (const std::string_view word : kWords) {
    if (word.size() != text.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < word.size() && same; ++i) {
      char c = text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      same = c == word[i];
    }
    if (same) return true;
  }
  return false;
}

/// Characters that may not start a plain scalar: YAML indicators, plus anything that could
/// begin a number, a date, null (~), a merge key (<<) or YAML 1.1's value key (=).
constexpr std::string_view kBadFirst = "-?:,[]{}#&*!|>'\"%@` +.~=<0123456789";

bool can_be_plain(std::string_view text, bool flow) {
  if (text.empty() || kBadFirst.find(text.front()) != std::string_view::npos) return false;
  if (text.back() == ' ' || text.back() == ':') return false;
  if (is_reserved_word(text)) return false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t at = pos;
    const char32_t cp = utf8::next_code_point(text, pos);
    if (cp == kInvalid || needs_escape(cp) || utf8::is_invisible_or_space(cp)) return false;
    switch (cp) {
      case ',':
      case '[':
      case ']':
      case '{':
      case '}':
      case '?':  // yaml-cpp ends a plain scalar at any '?' inside a flow collection
        return false;
      case ':':
        // ": " ends a key everywhere; old libyaml rejects any ':' inside flow collections.
        if (flow || (at + 1 < text.size() && text[at + 1] == ' ')) return false;
        break;
      case '#':
        if (at > 0 && text[at - 1] == ' ') return false;  // " #" starts a comment
        break;
      default:
        break;
    }
  }
  return true;
}

}  // namespace

namespace detail {
std::string yaml_flow_scalar(std::string_view text) {
  return can_be_plain(text, /*flow=*/true) ? std::string(text) : yaml_double_quoted(text);
}
}  // namespace detail

std::string yaml_double_quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t at = pos;
    const char32_t cp = utf8::next_code_point(text, pos);
    if (cp == kInvalid) {
      utf8::append_utf8(out, utf8::kReplacement);
      continue;
    }
    switch (cp) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case 0x00:
        out += "\\0";
        continue;
      case 0x07:
        out += "\\a";
        continue;
      case 0x08:
        out += "\\b";
        continue;
      case 0x09:
        out += "\\t";
        continue;
      case 0x0A:
        out += "\\n";
        continue;
      case 0x0B:
        out += "\\v";
        continue;
      case 0x0C:
        out += "\\f";
        continue;
      case 0x0D:
        out += "\\r";
        continue;
      case 0x1B:
        out += "\\e";
        continue;
      default:
        break;
    }
    if (needs_escape(cp)) {
      append_hex_escape(out, cp);
    } else {
      out.append(text.substr(at, pos - at));
    }
  }
  out += '"';
  return out;
}

std::string yaml_plain_or_quoted(std::string_view text) {
  return can_be_plain(text, /*flow=*/false) ? std::string(text) : yaml_double_quoted(text);
}

}  // namespace feedarchiver::write
