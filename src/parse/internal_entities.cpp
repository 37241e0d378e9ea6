#include "feedarchiver/parse/internal_entities.hpp"

#include <algorithm>
#include <map>

#include "feedarchiver/ascii.hpp"

namespace feedarchiver::parse {
namespace {

constexpr std::size_t kMaxDeclarations = 64;
constexpr std::size_t kMaxDoctypeOffset = 64 * 1024;

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':' || (static_cast<unsigned char>(c) >= 0x80);
}

std::size_t skip_space(std::string_view text, std::size_t at) {
  while (at < text.size() && is_xml_space(text[at])) ++at;
  return at;
}

// Where "<!DOCTYPE" starts, looked for only in the prolog (before the root element: past
// the XML declaration, processing instructions, comments and white space) and in its first
// kMaxDoctypeOffset bytes; npos when there is none. A document without a DOCTYPE costs a
// look at its first few tags, not a search of 64 KiB.
std::size_t find_doctype(std::string_view xml) {
  std::size_t at = 0;
  const std::size_t limit = std::min(xml.size(), kMaxDoctypeOffset);
  while (at < limit) {
    at = xml.find('<', at);
    if (at == std::string_view::npos || at >= limit || at + 1 >= xml.size()) break;
    if (xml.compare(at, 9, "<!DOCTYPE") == 0) return at;
    std::string_view terminator;
    if (xml[at + 1] == '?') {
      terminator = "?>";
    } else if (xml.compare(at, 4, "<!--") == 0) {
      terminator = "-->";
    } else {
      break;  // the root element (or garbage before it): no DOCTYPE follows
    }
    const std::size_t stop = xml.find(terminator, at + 2);
    if (stop == std::string_view::npos) break;
    at = stop + terminator.size();
  }
  return std::string_view::npos;
}

// The internal subset's declarations, text-only ones kept; `end` set past the DOCTYPE's '>'.
std::map<std::string, std::string, std::less<>> read_declarations(std::string_view xml,
                                                                  std::size_t& end) {
  std::map<std::string, std::string, std::less<>> entities;
  const std::size_t doctype = find_doctype(xml);
  if (doctype == std::string_view::npos) return entities;
  const std::size_t open = xml.find_first_of("[>", doctype);
  if (open == std::string_view::npos || xml[open] != '[') return entities;
  std::size_t at = open + 1;
  while (at < xml.size()) {
    at = skip_space(xml, at);
    if (at >= xml.size()) return {};
    if (xml[at] == ']') {
      const std::size_t close = skip_space(xml, at + 1);
      if (close >= xml.size() || xml[close] != '>') return {};
      end = close + 1;
      return entities;
    }
    if (xml.compare(at, 4, "<!--") == 0) {
      const std::size_t stop = xml.find("-->", at + 4);
      if (stop == std::string_view::npos) return {};
      at = stop + 3;
      continue;
    }
    if (xml[at] != '<') {  // a parameter-entity reference (%name;) or garbage: skip it
      const std::size_t next = xml.find_first_of("<]", at + 1);
      if (next == std::string_view::npos) return {};
      at = next;
      continue;
    }
    // One markup declaration: find its end, honouring quoted literals.
    std::size_t stop = at + 2;
    char quote = 0;
    for (; stop < xml.size(); ++stop) {
      const char c = xml[stop];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    if (stop >= xml.size()) return {};
    const std::string_view declaration = xml.substr(at, stop - at);
    at = stop + 1;
    if (!declaration.starts_with("<!ENTITY")) continue;
    std::size_t k = skip_space(declaration, 8);
    if (k == 8 || k >= declaration.size() || declaration[k] == '%') continue;  // parameter
    const std::size_t name_start = k;
    while (k < declaration.size() && is_name_char(declaration[k])) ++k;
    const std::string_view name = declaration.substr(name_start, k - name_start);
    k = skip_space(declaration, k);
    if (name.empty() || k >= declaration.size()) continue;
    const char q = declaration[k];
    if (q != '"' && q != '\'') continue;  // SYSTEM / PUBLIC: external, never read
    const std::size_t value_end = declaration.find(q, k + 1);
    if (value_end == std::string_view::npos ||
        skip_space(declaration, value_end + 1) != declaration.size()) {
      continue;
    }
    const std::string_view value = declaration.substr(k + 1, value_end - k - 1);
    if (value.find_first_of("&%<") != std::string_view::npos) continue;     // nested: never
    if (entities.size() < kMaxDeclarations) entities.emplace(name, value);  // first one wins
  }
  return {};
}

void append_escaped(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

std::optional<EntityExpansion> expand_internal_entities(std::string_view xml) {
  std::size_t body = 0;
  const auto entities = read_declarations(xml, body);
  if (entities.empty()) return std::nullopt;
  EntityExpansion out;
  out.text.reserve(xml.size());
  out.text.append(xml.substr(0, body));
  std::size_t added = 0;
  std::size_t i = body;
  while (i < xml.size()) {
    const std::size_t next = xml.find_first_of("&<", i);
    if (next == std::string_view::npos) break;
    out.text.append(xml.substr(i, next - i));
    i = next;
    if (xml[i] == '<') {
      std::string_view terminator;
      if (xml.compare(i, 9, "<![CDATA[") == 0) terminator = "]]>";
      if (xml.compare(i, 4, "<!--") == 0) terminator = "-->";
      std::size_t stop = i + 1;
      if (!terminator.empty()) {
        stop = xml.find(terminator, i);
        stop = stop == std::string_view::npos ? xml.size() : stop + terminator.size();
      }
      out.text.append(xml.substr(i, stop - i));
      i = stop;
      continue;
    }
    std::size_t k = i + 1;
    while (k < xml.size() && k - i <= 64 && is_name_char(xml[k])) ++k;
    const auto found = k < xml.size() && xml[k] == ';' ? entities.find(xml.substr(i + 1, k - i - 1))
                                                       : entities.end();
    if (found == entities.end() || out.capped) {
      out.text += '&';
      ++i;
      continue;
    }
    if (added + found->second.size() > kMaxEntityExpansionBytes) {
      out.capped = true;
      out.text += '&';
      ++i;
      continue;
    }
    append_escaped(out.text, found->second);
    added += found->second.size();
    ++out.count;
    i = k + 1;
  }
  if (i < xml.size()) out.text.append(xml.substr(i));
  if (out.count == 0) return std::nullopt;
  return out;
}

}  // namespace feedarchiver::parse
