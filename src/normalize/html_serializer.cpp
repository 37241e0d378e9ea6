#include "feedarchiver/normalize/html_serializer.hpp"

#include <algorithm>
#include <array>

namespace feedarchiver::normalize {

namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";

// The bytes that may need replacing: '&', '"', '<', '>' and U+00A0's lead byte. Everything
// else is copied in runs.
constexpr auto kMaybeEscaped = [] {
  std::array<bool, 256> special{};
  for (unsigned char c : {'&', '"', '<', '>', '\xC2'}) special[c] = true;
  return special;
}();

// Appends `text`, replacing each character for which `escape` returns an entity, and U+00A0.
template <typename Escape>
void append_escaped(std::string& out, std::string_view text, Escape escape) {
  out.reserve(out.size() + text.size());
  std::size_t run_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!kMaybeEscaped[static_cast<unsigned char>(text[i])]) continue;
    std::string_view entity;
    std::size_t length = 1;
    if (text[i] == kNbsp[0] && text.substr(i, 2) == kNbsp) {
      entity = "&nbsp;";
      length = 2;
    } else {
      entity = escape(text[i]);
    }
    if (entity.empty()) continue;
    out.append(text.substr(run_start, i - run_start));
    out.append(entity);
    i += length - 1;
    run_start = i + 1;
  }
  out.append(text.substr(run_start));
}

}  // namespace

bool is_void_element(std::string_view tag) {
  static constexpr std::array<std::string_view, 17> kVoid = {
      "area", "base",  "br",     "col",   "embed", "hr",     "img",      "input",  "link",
      "meta", "param", "source", "track", "wbr",   "keygen", "basefont", "bgsound"};
  return std::find(kVoid.begin(), kVoid.end(), tag) != kVoid.end();
}

void append_escaped_text(std::string& out, std::string_view text) {
  append_escaped(out, text, [](char c) -> std::string_view {
    switch (c) {
      case '&':
        return "&amp;";
      case '<':
        return "&lt;";
      case '>':
        return "&gt;";
      default:
        return {};
    }
  });
}

void append_escaped_attribute(std::string& out, std::string_view value) {
  append_escaped(out, value, [](char c) -> std::string_view {
    switch (c) {
      case '&':
        return "&amp;";
      case '"':
        return "&quot;";
      case '<':
        return "&lt;";
      case '>':
        return "&gt;";
      default:
        return {};
    }
  });
}

void append_start_tag(std::string& out, std::string_view tag,
                      const std::vector<HtmlAttribute>& attributes) {
  out += '<';
  out.append(tag);
  for (const HtmlAttribute& attribute : attributes) {
    out += ' ';
    out += attribute.name;
    out += "=\"";
    append_escaped_attribute(out, attribute.value);
    out += '"';
  }
  out += '>';
}

void append_end_tag(std::string& out, std::string_view tag) {
  if (is_void_element(tag)) return;
  out += "</";
  out.append(tag);
  out += '>';
}

}  // namespace feedarchiver::normalize
