#include "feedarchiver/html_entities.hpp"

#include "feedarchiver/utf8.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace feedarchiver {
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
    code_point = utf8::kReplacement;
  }
  utf8::append_utf8(out, code_point);
}

}  // namespace feedarchiver
