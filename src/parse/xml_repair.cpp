#include "feedarchiver/parse/xml_repair.hpp"

#include <cctype>
#include <string>

#include "feedarchiver/parse/html_entities.hpp"

namespace feedarchiver::parse {
namespace {

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// A character XML 1.0 allows in a document.
bool is_xml_char(unsigned long c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// For a numeric reference "&#...;" at `at`: its length, and whether it names a valid character.
// Length 0 when it is not a well-formed numeric reference.
std::size_t numeric_reference(std::string_view xml, std::size_t at, bool& valid) {
  std::size_t i = at + 2;
  const bool hex = i < xml.size() && (xml[i] == 'x');
  if (hex) ++i;
  const std::size_t digits_start = i;
  unsigned long value = 0;
  while (i < xml.size() && i - digits_start < 10) {
    const char c = xml[i];
    int digit = -1;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (hex && c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (hex && c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    }
    if (digit < 0) break;
    value = value * (hex ? 16 : 10) + static_cast<unsigned long>(digit);
    ++i;
  }
  if (i == digits_start || i >= xml.size() || xml[i] != ';') return 0;
  valid = i - digits_start < 10 && is_xml_char(value);
  return i + 1 - at;
}

// Where the markup construct starting at xml[at] == '<' ends (one past), if it is one whose
// content must not be touched; 0 otherwise.
std::size_t skip_opaque(std::string_view xml, std::size_t at) {
  auto skip_to = [&](std::string_view terminator, std::size_t from) {
    std::size_t end = xml.find(terminator, from);
    return end == std::string_view::npos ? xml.size() : end + terminator.size();
  };
  if (xml.compare(at, 9, "<![CDATA[") == 0) return skip_to("]]>", at + 9);
  if (xml.compare(at, 4, "<!--") == 0) return skip_to("-->", at + 4);
  if (xml.compare(at, 2, "<?") == 0) return skip_to("?>", at + 2);
  if (xml.compare(at, 2, "<!") == 0) {  // DOCTYPE, possibly with an internal subset
    int depth = 0;
    for (std::size_t i = at + 2; i < xml.size(); ++i) {
      if (xml[i] == '[') ++depth;
      if (xml[i] == ']') --depth;
      if (xml[i] == '>' && depth <= 0) return i + 1;
    }
    return xml.size();
  }
  return 0;
}

}  // namespace

std::optional<EntityRepair> repair_entities(std::string_view xml) {
  EntityRepair repair;
  repair.text.reserve(xml.size() + 64);
  auto note = [&](std::size_t offset) {
    if (repair.count++ == 0) repair.first_offset = offset;
  };
  for (std::size_t i = 0; i < xml.size();) {
    const char c = xml[i];
    if (c == '<') {
      if (std::size_t end = skip_opaque(xml, i)) {
        repair.text.append(xml.substr(i, end - i));
        i = end;
        continue;
      }
    }
    if (c != '&') {
      repair.text += c;
      ++i;
      continue;
    }
    if (i + 1 < xml.size() && xml[i + 1] == '#') {
      bool valid = false;
      if (std::size_t length = numeric_reference(xml, i, valid)) {
        if (valid) {
          repair.text.append(xml.substr(i, length));
        } else {
          repair.text += "&#xFFFD;";
          note(i);
        }
        i += length;
        continue;
      }
    } else if (i + 1 < xml.size() && is_name_start(xml[i + 1])) {
      std::size_t end = i + 1;
      while (end < xml.size() && is_name_char(xml[end]) && end - i < 40) ++end;
      if (end < xml.size() && xml[end] == ';') {
        std::string_view name = xml.substr(i + 1, end - i - 1);
        if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") {
          repair.text.append(xml.substr(i, end + 1 - i));
          i = end + 1;
          continue;
        }
        if (auto code_point = lookup_html_entity(name)) {
          repair.text += "&#" + std::to_string(static_cast<unsigned long>(*code_point)) + ";";
          note(i);
          i = end + 1;
          continue;
        }
      }
    }
    repair.text += "&amp;";
    note(i);
    ++i;
  }
  if (repair.count == 0) return std::nullopt;
  return repair;
}

TextPosition position_at(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  TextPosition position;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((byte & 0xC0) != 0x80) {  // count code points, not continuation bytes
      ++position.column;
    }
  }
  return position;
}

}  // namespace feedarchiver::parse
