#include "feedarchiver/html_serializer.hpp"

#include <algorithm>
#include <array>

#include "feedarchiver/byte_scan.hpp"

namespace feedarchiver {

namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";

// The bytes that may need replacing: '&', '"', '<', '>' and U+00A0's lead byte. Everything
// else is copied in runs.
constexpr auto kMaybeEscaped = [] {
  std::array<bool, 256> special{};
  for (unsigned char c : {'&', '"', '<', '>', '\xC2'}) special[c] = true;
  return special;
}();

// The first position at or after `i` holding a kMaybeEscaped byte; text.size() when none
// does. Sixteen bytes at a time where SSE2 is there (every x86-64).
std::size_t next_maybe_escaped(std::string_view text, std::size_t i) {
#if defined(__SSE2__)
  using namespace byte_scan;
  while (i + kBlock <= text.size()) {
    const __m128i bytes = load(text.data() + i);
    const std::size_t hit = first(_mm_or_si128(
        _mm_or_si128(equal(bytes, '&'), equal(bytes, '"')),
        _mm_or_si128(_mm_or_si128(equal(bytes, '<'), equal(bytes, '>')), equal(bytes, kNbsp[0]))));
    if (hit < kBlock) return i + hit;
    i += kBlock;
  }
#endif
  while (i < text.size() && !kMaybeEscaped[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}

// Appends `text`, replacing each character for which `escape` returns an entity, and U+00A0.
template <typename Escape>
void append_escaped(std::string& out, std::string_view text, Escape escape) {
  out.reserve(out.size() + text.size());
  std::size_t run_start = 0;
  for (std::size_t i = next_maybe_escaped(text, 0); i < text.size();
       i = next_maybe_escaped(text, i)) {
    std::string_view entity;
    std::size_t length = 1;
    if (text[i] == kNbsp[0] && text.substr(i, 2) == kNbsp) {
      entity = "&nbsp;";
      length = 2;
    } else {
      entity = escape(text[i]);
    }
    if (entity.empty()) {
      ++i;
      continue;
    }
    out.append(text.substr(run_start, i - run_start));
    out.append(entity);
    i += length;
    run_start = i;
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

}  // namespace feedarchiver
