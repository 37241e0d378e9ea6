#include "feedarchiver/parse/html_entities.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace feedarchiver::parse {
namespace {

bool by_name(const HtmlEntityEntry& entry, std::string_view key) {
  return entry.name < key;
}

}  // namespace

std::optional<HtmlEntity> lookup_html_entity(std::string_view name) {
  const HtmlEntityEntry* begin = kHtmlEntities;
  const HtmlEntityEntry* end = kHtmlEntities + kHtmlEntityCount;
  const auto* found = std::lower_bound(begin, end, name, by_name);
  if (found == end || found->name != name) return std::nullopt;
  return HtmlEntity{found->first, found->second};
}

void append_utf8(std::string& out, char32_t code_point) {
  if (code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    code_point = 0xFFFD;
  }
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

}  // namespace feedarchiver::parse
