#include "feedarchiver/decode/document.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/decode/charset.hpp"

namespace feedarchiver::decode {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// windows-1252's characters for the C1 range 0x80..0x9F (0 = undefined there), as HTML5
// reads numeric references to C1 controls and as text mislabeled Latin-1 means them.
constexpr char32_t kWindows1252C1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/// `<name` followed by the end of the name (so "<header" is not "<head").
bool starts_with_tag(std::string_view text, std::string_view lower_name) {
  if (!starts_with_ignoring_ascii_case(text, lower_name)) return false;
  if (text.size() == lower_name.size()) return true;
  const char next = text[lower_name.size()];
  return is_html_space(next) || next == '>' || next == '/';
}

void skip_blanks(std::string_view& text) {
  while (!text.empty() && is_html_space(text.front())) text.remove_prefix(1);
}

/// Length of the valid UTF-8 sequence at `s[i]`, or 0 when it is invalid. On invalid input
/// `*bad` is the length of its maximal subpart (Unicode 15, §3.9, table 3-7), at least 1.
std::size_t valid_sequence(std::string_view s, std::size_t i, std::size_t* bad) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead == 0xE0) {
    length = 3;
    low = 0xA0;  // overlong
  } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
    length = 3;
  } else if (lead == 0xED) {
    length = 3;
    high = 0x9F;  // surrogates
  } else if (lead == 0xF0) {
    length = 4;
    low = 0x90;  // overlong
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    length = 4;
  } else if (lead == 0xF4) {
    length = 4;
    high = 0x8F;  // above U+10FFFF
  } else {
    *bad = 1;  // C0, C1, F5..FF, or a stray continuation byte
    return 0;
  }
  std::size_t k = 1;
  for (; k < length && i + k < s.size(); ++k) {
    const unsigned char b = byte(k);
    const unsigned char lo = k == 1 ? low : 0x80;
    const unsigned char hi = k == 1 ? high : 0xBF;
    if (b < lo || b > hi) break;
  }
  if (k == length) return length;
  *bad = k;
  return 0;
}

/// True when the eight bytes at `p` are all ASCII.
bool is_ascii8(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return (word & 0x8080808080808080ULL) == 0;
}

/// The length of the longest valid UTF-8 prefix of `s` (what valid_sequence accepts, sequence
/// by sequence), with runs of ASCII skipped eight bytes at a time.
std::size_t valid_prefix(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  const auto continuation = [&](std::size_t k) { return (p[k] & 0xC0) == 0x80; };
  std::size_t i = 0;
  while (i < n) {
    const unsigned char lead = p[i];
    if (lead < 0x80) {
      i += i + 8 <= n && is_ascii8(s.data() + i) ? 8 : 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      if (i + 1 >= n || !continuation(i + 1)) return i;
      i += 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      if (i + 2 >= n) return i;
      const unsigned char second = p[i + 1];
      const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
      const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
      if (second < low || second > high || !continuation(i + 2)) return i;
      i += 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      if (i + 3 >= n) return i;
      const unsigned char second = p[i + 1];
      const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
      const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
      if (second < low || second > high || !continuation(i + 2) || !continuation(i + 3)) {
        return i;
      }
      i += 4;
    } else {
      return i;
    }
  }
  return n;
}

/// Replaces the value of encoding="..." in a leading XML declaration with UTF-8: the text is
/// UTF-8 now, and a parser that believed the old label would decode it a second time.
void rewrite_xml_declaration(std::string& utf8) {
  std::size_t start = 0;
  while (start < utf8.size() && is_html_space(utf8[start])) ++start;
  if (utf8.compare(start, 5, "<?xml") != 0 || start + 5 >= utf8.size() ||
      !is_html_space(utf8[start + 5])) {
    return;
  }
  const std::size_t end = utf8.find("?>", start);
  if (end == std::string::npos || end - start > 1024) return;
  std::size_t key = utf8.find("encoding", start);
  if (key == std::string::npos || key > end) return;
  std::size_t p = key + 8;
  while (p < end && is_html_space(utf8[p])) ++p;
  if (p >= end || utf8[p] != '=') return;
  ++p;
  while (p < end && is_html_space(utf8[p])) ++p;
  if (p >= end || (utf8[p] != '"' && utf8[p] != '\'')) return;
  const char quote = utf8[p];
  const std::size_t close = utf8.find(quote, p + 1);
  if (close == std::string::npos || close > end) return;
  utf8.replace(p + 1, close - p - 1, "UTF-8");
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::size_t repair_utf8(std::string& text) {
  std::size_t i = 0;
  std::size_t bad = 0;
  // Fast path: most documents are valid; copy nothing until the first bad sequence.
  i = valid_prefix(text);
  if (i == text.size()) return 0;

  std::string out;
  out.reserve(text.size() + 16);
  out.append(text, 0, i);
  std::size_t replaced = 0;
  while (i < text.size()) {
    const std::size_t n = valid_sequence(text, i, &bad);
    if (n > 0) {
      out.append(text, i, n);
      i += n;
    } else {
      out.append(kReplacement);
      ++replaced;
      i += bad;
    }
  }
  text = std::move(out);
  return replaced;
}

char32_t windows1252_c1(char32_t code_point) {
  return code_point >= 0x80 && code_point <= 0x9F ? kWindows1252C1[code_point - 0x80] : 0;
}

std::size_t replace_c1_controls(std::string& utf8) {
  std::size_t at = utf8.find('\xC2');
  if (at == std::string::npos) return 0;
  std::string out;
  out.reserve(utf8.size() + 16);
  out.append(utf8, 0, at);
  std::size_t count = 0;
  for (std::size_t i = at; i < utf8.size(); ++i) {
    const auto next = i + 1 < utf8.size() ? static_cast<unsigned char>(utf8[i + 1]) : 0u;
    const char32_t mapped = utf8[i] == '\xC2' ? windows1252_c1(next) : 0;
    if (mapped == 0) {
      out.push_back(utf8[i]);
      continue;
    }
    // Every mapped character is in U+0152..U+2122: two or three UTF-8 bytes.
    if (mapped < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (mapped >> 6)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (mapped >> 12)));
      out.push_back(static_cast<char>(0x80 | ((mapped >> 6) & 0x3F)));
    }
    out.push_back(static_cast<char>(0x80 | (mapped & 0x3F)));
    ++count;
    ++i;
  }
  if (count > 0) utf8 = std::move(out);
  return count;
}

DocumentKind sniff_kind(std::string_view utf8) {
  if (utf8.starts_with(kBom)) utf8.remove_prefix(kBom.size());
  bool saw_xml_declaration = false;
  while (true) {
    skip_blanks(utf8);
    if (utf8.empty()) return saw_xml_declaration ? DocumentKind::xml : DocumentKind::unknown;
    if (utf8.starts_with("<!--")) {
      const std::size_t end = utf8.find("-->", 4);
      if (end == std::string_view::npos) return DocumentKind::unknown;
      utf8.remove_prefix(end + 3);
      continue;
    }
    if (utf8.starts_with("<?")) {  // the XML declaration or another processing instruction
      if (starts_with_ignoring_ascii_case(utf8, "<?xml")) saw_xml_declaration = true;
      const std::size_t end = utf8.find("?>", 2);
      if (end == std::string_view::npos) return DocumentKind::xml;
      utf8.remove_prefix(end + 2);
      continue;
    }
    break;
  }
  if (starts_with_ignoring_ascii_case(utf8, "<!doctype")) {
    std::string_view rest = utf8.substr(9);
    skip_blanks(rest);
    return starts_with_tag(rest, "html") ? DocumentKind::html : DocumentKind::xml;
  }
  if (starts_with_tag(utf8, "<html") || starts_with_tag(utf8, "<head") ||
      starts_with_tag(utf8, "<body")) {
    return DocumentKind::html;
  }
  if (utf8.front() == '<') return DocumentKind::xml;  // <rss, <feed, <rdf:RDF and the rest
  if (utf8.front() == '{') return DocumentKind::json;
  return DocumentKind::unknown;
}

Document decode_document(std::string_view bytes, std::string_view content_type,
                         std::string base_url, std::string_view encoding_override) {
  Document doc;
  doc.base_url = std::move(base_url);
  CharsetChoice choice = sniff_charset(bytes, content_type);
  if (!choice.ignored_label.empty()) {
    doc.warnings.push_back("unknown charset \"" + choice.ignored_label + "\" ignored; read as " +
                           choice.charset);
  }
  bool overridden = false;
  if (!encoding_override.empty()) {
    if (auto name = canonical_charset(encoding_override)) {
      choice.charset = *name;
      overridden = true;
    } else {
      doc.warnings.push_back("unknown encoding override \"" + std::string(encoding_override) +
                             "\" ignored; read as " + choice.charset);
    }
  }
  const bool may_guess = !overridden && choice.source != CharsetSource::bom;
  if (may_guess && choice.charset != "UTF-8" &&
      choice.charset.find("UTF-16") == std::string::npos &&
      choice.charset.find("UTF-32") == std::string::npos &&
      looks_like_utf8(bytes.substr(choice.bom_length))) {
    doc.warnings.push_back("declared " + choice.charset +
                           " but the bytes are UTF-8; read as UTF-8");
    choice.charset = "UTF-8";
  }
  const std::string_view body = bytes.substr(choice.bom_length);
  auto converted = convert_to_utf8(body, choice.charset);
  std::string charset = choice.charset;
  // Declared (or defaulted to) UTF-8 but not UTF-8: look at the bytes. Only then, so that
  // valid documents pay nothing for it.
  if (may_guess && charset == "UTF-8" && converted && converted->replaced > 0) {
    if (auto guess = guess_legacy_charset(body)) {
      doc.warnings.push_back(std::string(choice.source == CharsetSource::fallback
                                             ? "no charset declared"
                                             : "declared UTF-8") +
                             " but the bytes are not UTF-8; read as " + *guess);
      charset = *guess;
      converted = convert_to_utf8(body, charset);
    }
  }
  if (!converted) {  // iconv knew the name when it was chosen; this should not happen
    doc.warnings.push_back("cannot convert from " + charset + "; read as UTF-8");
    charset = "UTF-8";
    converted = convert_to_utf8(body, charset);
  }
  doc.utf8 = std::move(converted->utf8);
  if (converted->replaced > 0) {
    doc.warnings.push_back(
        plural(converted->replaced, "invalid byte sequence", "invalid byte sequences") + " in " +
        charset + " replaced with U+FFFD");
  }
  while (doc.utf8.starts_with(kBom)) doc.utf8.erase(0, kBom.size());
  if (const std::size_t c1 = replace_c1_controls(doc.utf8)) {
    doc.warnings.push_back(plural(c1, "C1 control character", "C1 control characters") +
                           " read as windows-1252 (curly quotes, dashes, euro sign)");
  }
  rewrite_xml_declaration(doc.utf8);
  doc.kind = sniff_kind(doc.utf8);
  return doc;
}

const char* to_string(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::xml:
      return "xml";
    case DocumentKind::json:
      return "json";
    case DocumentKind::html:
      return "html";
    case DocumentKind::unknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace feedarchiver::decode
