#include "feedarchiver/parse/xml_repair.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/byte_scan.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/html_entities.hpp"

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
std::size_t numeric_reference(std::string_view xml, std::size_t at, bool& valid,
                              unsigned long& value) {
  std::size_t i = at + 2;
  const bool hex = i < xml.size() && (xml[i] == 'x');
  if (hex) ++i;
  const std::size_t digits_start = i;
  value = 0;
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

// Where repair_entities has work: a '&', a C0 control XML 1.0 forbids (all but tab, line
// feed and carriage return), or "<!" / "<?" (an opaque construct to skip whole). Any other
// '<' needs nothing.
bool is_stop(std::string_view xml, std::size_t i) {
  const auto c = static_cast<unsigned char>(xml[i]);
  if (c == '&') return true;
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
  return c == '<' && i + 1 < xml.size() && (xml[i + 1] == '!' || xml[i + 1] == '?');
}

// The first stop at or after `i`; xml.size() when there is none. Sixteen bytes at a time
// where SSE2 is there (every x86-64), comparing each byte and the one after it at once.
std::size_t next_special(std::string_view xml, std::size_t i) {
  const std::size_t size = xml.size();
#if defined(__SSE2__)
  using namespace byte_scan;
  while (i + kBlock + 1 <= size) {  // the block and the byte after its last one
    const __m128i bytes = load(xml.data() + i);
    const __m128i after = load(xml.data() + i + 1);
    const __m128i opaque =
        _mm_and_si128(equal(bytes, '<'), _mm_or_si128(equal(after, '!'), equal(after, '?')));
    const std::size_t stop = first(
        _mm_or_si128(_mm_or_si128(forbidden_controls(bytes, true), opaque), equal(bytes, '&')));
    if (stop < kBlock) return i + stop;
    i += kBlock;
  }
#endif
  while (i < size && !is_stop(xml, i)) ++i;
  return i;
}

}  // namespace

std::optional<EntityRepair> repair_entities(std::string_view xml) {
  // Lazy copy: nothing is copied until the first repair, and then whole clean runs at once.
  EntityRepair repair;
  std::size_t copied = 0;  // xml[0, copied) is already in repair.text (once copying)
  auto replace = [&](std::size_t at, std::size_t length, std::string_view with) {
    if (repair.count++ == 0) {
      repair.first_offset = at;
      repair.text.reserve(xml.size() + 64);
    }
    if (repair.offsets.size() < kMaxListedRepairs) repair.offsets.push_back(at);
    repair.text.append(xml.substr(copied, at - copied));
    repair.text.append(with);
    copied = at + length;
  };
  std::string scratch;
  for (std::size_t i = 0; i < xml.size();) {
    i = next_special(xml, i);
    if (i == xml.size()) break;
    const auto c = static_cast<unsigned char>(xml[i]);
    if (c == '<') {
      // Only "<!" and "<?" start an opaque construct (skip_opaque is 0 for any other).
      if (i + 1 < xml.size() && (xml[i + 1] == '!' || xml[i + 1] == '?')) {
        i = skip_opaque(xml, i);
        continue;
      }
      ++i;
      continue;
    }
    if (c != '&') {  // XML 1.0 forbids C0 controls
      replace(i, 1, "");
      ++i;
      continue;
    }
    if (i + 1 < xml.size() && xml[i + 1] == '#') {
      bool valid = false;
      unsigned long value = 0;
      if (std::size_t length = numeric_reference(xml, i, valid, value)) {
        if (valid && decode::windows1252_c1(static_cast<char32_t>(value)) != 0) {
          // HTML5 reads &#146; as windows-1252's 0x92 (U+2019), and so do feeds' authors.
          scratch = "&#" +
                    std::to_string(static_cast<unsigned long>(
                        decode::windows1252_c1(static_cast<char32_t>(value)))) +
                    ";";
          replace(i, length, scratch);
        } else if (!valid) {
          replace(i, length, "&#xFFFD;");
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
          i = end + 1;
          continue;
        }
        if (auto entity = lookup_html_entity(name)) {
          scratch = "&#" + std::to_string(static_cast<unsigned long>(entity->first)) + ";";
          if (entity->second != 0) {
            scratch += "&#" + std::to_string(static_cast<unsigned long>(entity->second)) + ";";
          }
          replace(i, end + 1 - i, scratch);
          i = end + 1;
          continue;
        }
      }
    }
    replace(i, 1, "&amp;");
    ++i;
  }
  if (repair.count == 0) return std::nullopt;
  repair.text.append(xml.substr(copied));
  return repair;
}

namespace {

// Name characters, with any non-ASCII byte accepted (XML names may be Unicode).
bool is_tag_name_char(char c) {
  return is_name_char(c) || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::optional<StructureRepair> repair_structure(std::string_view xml) {
  StructureRepair repair;
  std::string& out = repair.text;
  out.reserve(xml.size() + 256);
  std::vector<std::string_view> open;  // element names, outermost first
  auto note = [&](std::size_t offset, std::string what) {
    repair.repairs.push_back({offset, std::move(what)});
  };
  auto read_name = [&](std::size_t i) {
    std::size_t end = i;
    while (end < xml.size() && is_tag_name_char(xml[end])) ++end;
    return end;
  };
  std::size_t i = 0;
  while (i < xml.size()) {
    const std::size_t lt = xml.find('<', i);
    if (lt == std::string_view::npos) {
      out.append(xml.substr(i));
      break;
    }
    out.append(xml.substr(i, lt - i));
    i = lt;
    if (std::size_t end = skip_opaque(xml, i)) {
      out.append(xml.substr(i, end - i));
      i = end;
      continue;
    }
    const bool closing = i + 1 < xml.size() && xml[i + 1] == '/';
    const std::size_t name_start = i + (closing ? 2 : 1);
    if (name_start >= xml.size() || !is_name_start(xml[name_start])) {
      if (static_cast<unsigned char>(xml[std::min(name_start, xml.size() - 1)]) < 0x80 ||
          name_start >= xml.size()) {
        out += "&lt;";  // "a < b", "<3": text, not markup
        note(i, "a '<' that starts no tag escaped");
        ++i;
        continue;
      }
    }
    const std::size_t name_end = read_name(name_start);
    const std::string_view name = xml.substr(name_start, name_end - name_start);
    if (closing) {
      std::size_t gt = xml.find('>', name_end);
      gt = gt == std::string_view::npos ? xml.size() : gt + 1;
      auto it = std::find(open.rbegin(), open.rend(), name);
      if (it == open.rend()) {
        note(i, "end tag </" + std::string(name) + "> without a start tag dropped");
      } else {
        while (open.back() != name) {
          note(i, "unclosed <" + std::string(open.back()) + "> closed");
          out += "</";
          out.append(open.back());
          out += '>';
          open.pop_back();
        }
        open.pop_back();
        out += "</";
        out.append(name);
        out += '>';
      }
      i = gt;
      continue;
    }
    // A start tag: copy its attributes, quoting unquoted values.
    out += '<';
    out.append(name);
    std::size_t p = name_end;
    bool self_closing = false;
    bool ended = false;
    std::vector<std::string_view> seen;
    while (p < xml.size()) {
      while (p < xml.size() && is_xml_space(xml[p])) ++p;
      if (p >= xml.size()) break;
      if (xml[p] == '>') {
        ++p;
        ended = true;
        break;
      }
      if (xml[p] == '/' && p + 1 < xml.size() && xml[p + 1] == '>') {
        p += 2;
        self_closing = ended = true;
        break;
      }
      if (!is_name_start(xml[p])) {
        note(p, "stray character in a tag dropped");
        ++p;
        continue;
      }
      const std::size_t attr_end = read_name(p);
      const std::string_view attr = xml.substr(p, attr_end - p);
      p = attr_end;
      std::size_t q = p;
      while (q < xml.size() && is_xml_space(xml[q])) ++q;
      std::string value;
      if (q < xml.size() && xml[q] == '=') {
        ++q;
        while (q < xml.size() && is_xml_space(xml[q])) ++q;
        if (q < xml.size() && (xml[q] == '"' || xml[q] == '\'')) {
          const char quote = xml[q];
          std::size_t close = xml.find(quote, q + 1);
          if (close == std::string_view::npos) close = xml.size();
          value = std::string(xml.substr(q + 1, close - q - 1));
          p = std::min(close + 1, xml.size());
        } else {
          std::size_t v = q;
          while (v < xml.size() && !is_xml_space(xml[v]) && xml[v] != '>' &&
                 !(xml[v] == '/' && v + 1 < xml.size() && xml[v + 1] == '>')) {
            ++v;
          }
          value = std::string(xml.substr(q, v - q));
          note(q, "unquoted value of attribute " + std::string(attr) + " quoted");
          p = v;
        }
      } else {
        value = std::string(attr);  // HTML's boolean attributes: <option selected>
        note(p, "attribute " + std::string(attr) + " without a value given one");
      }
      if (std::find(seen.begin(), seen.end(), attr) != seen.end()) {
        note(p, "duplicate attribute " + std::string(attr) + " dropped");
        continue;
      }
      seen.push_back(attr);
      out += ' ';
      out.append(attr);
      out += "=\"";
      for (char ch : value) {
        if (ch == '"') {
          out += "&quot;";
        } else if (ch == '<') {
          out += "&lt;";
        } else {
          out += ch;
        }
      }
      out += '"';
    }
    if (!ended) {  // the document ends inside the tag
      note(i, "tag <" + std::string(name) + "> cut off at the end");
      self_closing = true;
    }
    out += self_closing ? "/>" : ">";
    if (!self_closing) open.push_back(name);
    i = p;
  }
  while (!open.empty()) {
    repair.closed_at_end.emplace_back(open.back());
    out += "</";
    out.append(open.back());
    out += '>';
    open.pop_back();
  }
  if (!repair.closed_at_end.empty()) {
    note(xml.size(),
         std::to_string(repair.closed_at_end.size()) + " element(s) left open at the end closed");
  }
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
