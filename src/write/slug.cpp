#include "feedarchiver/write/slug.hpp"

#include <cstdint>
#include <cstdio>

#include "feedarchiver/utf8.hpp"

namespace feedarchiver::write {
namespace {

bool is_ascii_alnum(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/// Non-ASCII code points that separate words (spaces, punctuation, symbols, emoji,
/// controls, invisible characters). Without ICU this is a list of blocks; every other
/// code point counts as a letter of some script.
bool is_unicode_separator(char32_t cp) {
  return (cp >= 0x0080 && cp <= 0x00BF) ||    // C1 controls, NBSP, Latin-1 punctuation
         cp == 0x00D7 || cp == 0x00F7 ||      // × ÷
         cp == 0x1680 || cp == 0x180E ||      // Ogham space, Mongolian vowel separator
         (cp >= 0x2000 && cp <= 0x206F) ||    // general punctuation, spaces, bidi controls
         (cp >= 0x20A0 && cp <= 0x20CF) ||    // currency symbols
         (cp >= 0x2190 && cp <= 0x2BFF) ||    // arrows, math, technical, boxes, dingbats
         (cp >= 0x2E00 && cp <= 0x2E7F) ||    // supplemental punctuation
         (cp >= 0x3000 && cp <= 0x303F) ||    // CJK symbols and punctuation
         (cp >= 0xD800 && cp <= 0xDFFF) ||    // surrogates (never decoded, for completeness)
         (cp >= 0xE000 && cp <= 0xF8FF) ||    // private use
         (cp >= 0xFE00 && cp <= 0xFE1F) ||    // variation selectors, vertical forms
         (cp >= 0xFE30 && cp <= 0xFE6F) ||    // CJK compatibility and small form punctuation
         cp == 0xFEFF ||                      // byte order mark
         (cp >= 0xFF00 && cp <= 0xFF0F) ||    // fullwidth ！＂＃…／
         (cp >= 0xFF1A && cp <= 0xFF20) ||    // fullwidth ：；＜＝＞？＠
         (cp >= 0xFF3B && cp <= 0xFF40) ||    // fullwidth ［＼］＾＿｀
         (cp >= 0xFF5B && cp <= 0xFF65) ||    // fullwidth ｛｜｝～ and halfwidth 「」、・
         (cp >= 0xFFF0 && cp <= 0xFFFF) ||    // specials, replacement character
         (cp >= 0x1F000 && cp <= 0x1FAFF) ||  // emoji, playing cards, symbols
         (cp >= 0xE0000 && cp <= 0xE01EF) ||  // tags, variation selectors supplement
         cp >= 0xF0000;                       // supplementary private use
}

bool is_edge_char(char c) {
  return c == '-' || c == '.' || c == '_';
}

/// First 12 hex digits of the 64-bit FNV-1a hash of `text`.
std::string short_hash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return std::string(buffer, 12);
}

/// Cuts `slug` to at most `max_bytes` on a code point boundary and trims '-', '.' and '_'
/// from both ends (no hidden or Jekyll-special names, no "foo-" or "foo.").
void trim_and_cut(std::string& slug, std::size_t max_bytes) {
  if (slug.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(slug[cut]) & 0xC0u) == 0x80u) --cut;
    slug.resize(cut);
  }
  std::size_t end = slug.size();
  while (end > 0 && is_edge_char(slug[end - 1])) --end;
  std::size_t begin = 0;
  while (begin < end && is_edge_char(slug[begin])) ++begin;
  slug = slug.substr(begin, end - begin);
}

}  // namespace

std::string make_slug(std::string_view title, std::string_view url, std::size_t max_bytes) {
  std::string slug;
  slug.reserve(title.size());
  std::size_t pos = 0;
  while (pos < title.size()) {
    const std::size_t at = pos;
    const char32_t cp = utf8::next_code_point(title, pos);
    bool keep = false;
    if (cp == utf8::kInvalid) {
      keep = false;
    } else if (cp < 0x80) {
      keep = is_ascii_alnum(cp) || cp == '_' || cp == '.';
    } else {
      keep = !is_unicode_separator(cp);
    }
    if (keep) {
      // ".." never appears: a run of dots collapses to one, like a run of dashes.
      if (cp == '.' && !slug.empty() && slug.back() == '.') continue;
      slug.append(title.substr(at, pos - at));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  trim_and_cut(slug, max_bytes);
  if (slug.empty()) slug = short_hash(url.empty() ? title : url);
  if (slug.size() > max_bytes) slug.resize(max_bytes);  // a max_bytes below 12: ASCII, safe
  return slug;
}

}  // namespace feedarchiver::write
