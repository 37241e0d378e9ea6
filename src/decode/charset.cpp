#include "feedarchiver/decode/charset.hpp"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/charset_name.hpp"
#include "feedarchiver/decode/document.hpp"

namespace feedarchiver::decode {
namespace {

/// Case-insensitive search for an ASCII `needle` (given in lower case).
std::size_t find_ci(std::string_view hay, std::string_view needle, std::size_t from = 0) {
  if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && ascii_lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

/// An open iconv descriptor, closed on scope exit.
class IconvHandle {
 public:
  IconvHandle(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~IconvHandle() {
    if (ok()) iconv_close(cd_);
  }
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;

  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

bool is_utf16_or_32(std::string_view iconv_name) {
  return iconv_name.starts_with("UTF-16") || iconv_name.starts_with("UTF-32") ||
         iconv_name.starts_with("UCS-2") || iconv_name.starts_with("UCS-4");
}

/// Code unit width, so that an invalid UTF-16 unit is skipped whole and the rest stays aligned.
std::size_t unit_width(std::string_view iconv_name) {
  if (iconv_name.starts_with("UTF-32") || iconv_name.starts_with("UCS-4")) return 4;
  if (iconv_name.starts_with("UTF-16") || iconv_name.starts_with("UCS-2")) return 2;
  return 1;
}

struct Bom {
  std::string_view bytes;
  std::string_view charset;
};

// UTF-32LE before UTF-16LE: its BOM starts with UTF-16LE's.
constexpr std::array<Bom, 5> kBoms{{
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {"\xEF\xBB\xBF", "UTF-8"},
    {"\xFE\xFF", "UTF-16BE"},
    {"\xFF\xFE", "UTF-16LE"},
}};

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

}  // namespace

std::string charset_from_content_type(std::string_view content_type) {
  std::size_t semicolon = content_type.find(';');
  while (semicolon != std::string_view::npos) {
    const std::size_t next = content_type.find(';', semicolon + 1);
    const std::string_view param = trim_html_space(
        content_type.substr(semicolon + 1, next == std::string_view::npos ? std::string_view::npos
                                                                          : next - semicolon - 1));
    const std::size_t eq = param.find('=');
    if (eq != std::string_view::npos) {
      const std::string_view name = trim_html_space(param.substr(0, eq));
      if (name.size() == 7 && find_ci(name, "charset") == 0) {
        return std::string(unquoted_charset_label(param.substr(eq + 1)));
      }
    }
    semicolon = next;
  }
  return {};
}

std::string charset_from_xml_declaration(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  while (!bytes.empty() && is_html_space(bytes.front())) bytes.remove_prefix(1);
  if (!bytes.starts_with("<?xml") || bytes.size() < 6 || !is_html_space(bytes[5])) return {};
  const std::size_t end = bytes.substr(0, 1024).find("?>");
  if (end == std::string_view::npos) return {};
  const std::string_view decl = bytes.substr(0, end);
  const std::size_t key = decl.find("encoding");
  if (key == std::string_view::npos) return {};
  std::string_view rest = decl.substr(key + 8);
  while (!rest.empty() && is_html_space(rest.front())) rest.remove_prefix(1);
  if (rest.empty() || rest.front() != '=') return {};
  rest.remove_prefix(1);
  while (!rest.empty() && is_html_space(rest.front())) rest.remove_prefix(1);
  if (rest.empty() || (rest.front() != '"' && rest.front() != '\'')) return {};
  const char quote = rest.front();
  rest.remove_prefix(1);
  const std::size_t close = rest.find(quote);
  if (close == std::string_view::npos) return {};
  return std::string(trim_html_space(rest.substr(0, close)));
}

std::string charset_from_html_meta(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 1024);
  std::size_t pos = find_ci(head, "<meta");
  while (pos != std::string_view::npos) {
    const std::size_t tag_end = head.find('>', pos);
    const std::string_view tag = head.substr(
        pos, tag_end == std::string_view::npos ? std::string_view::npos : tag_end - pos);
    const std::size_t key = find_ci(tag, "charset");
    if (key != std::string_view::npos) {
      std::string_view rest = tag.substr(key + 7);
      while (!rest.empty() && is_html_space(rest.front())) rest.remove_prefix(1);
      if (!rest.empty() && rest.front() == '=') {
        rest.remove_prefix(1);
        while (!rest.empty() && is_html_space(rest.front())) rest.remove_prefix(1);
        if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) rest.remove_prefix(1);
        std::size_t len = 0;
        while (len < rest.size() && !is_html_space(rest[len]) && rest[len] != '"' &&
               rest[len] != '\'' && rest[len] != ';' && rest[len] != '/' && rest[len] != '>') {
          ++len;
        }
        if (len > 0) return std::string(rest.substr(0, len));
      }
    }
    pos = find_ci(head, "<meta", pos + 5);
  }
  return {};
}

CharsetChoice sniff_charset(std::string_view bytes, std::string_view content_type) {
  CharsetChoice choice;
  for (const auto& bom : kBoms) {
    if (bytes.starts_with(bom.bytes)) {
      choice.charset = std::string(bom.charset);
      choice.source = CharsetSource::bom;
      choice.bom_length = bom.bytes.size();
      return choice;
    }
  }

  const std::string header_label = charset_from_content_type(content_type);
  if (!header_label.empty()) {
    if (auto name = canonical_charset(header_label)) {
      if (*name == "UTF-16" || *name == "UTF-32") {
        // No BOM: pick the byte order from where the zero bytes of ASCII text sit.
        const bool little = bytes.size() >= 2 && bytes[0] != '\0' && bytes[1] == '\0';
        *name += little ? "LE" : "BE";
      }
      choice.charset = *name;
      choice.source = CharsetSource::content_type;
      return choice;
    }
    choice.ignored_label = header_label;
  }

  // XML 1.0 appendix F: "<" in UTF-32 or UTF-16 without a BOM.
  if (bytes.starts_with(std::string_view("\x3C\x00\x00\x00", 4))) {
    choice.charset = "UTF-32LE";
    choice.source = CharsetSource::declaration;
    return choice;
  }
  if (bytes.starts_with(std::string_view("\x00\x00\x00\x3C", 4))) {
    choice.charset = "UTF-32BE";
    choice.source = CharsetSource::declaration;
    return choice;
  }
  if (bytes.size() >= 4 && bytes[0] == '\x3C' && bytes[1] == '\0' && bytes[2] != '\0' &&
      bytes[3] == '\0') {
    choice.charset = "UTF-16LE";
    choice.source = CharsetSource::declaration;
    return choice;
  }
  if (bytes.size() >= 4 && bytes[0] == '\0' && bytes[1] == '\x3C' && bytes[2] == '\0' &&
      bytes[3] != '\0') {
    choice.charset = "UTF-16BE";
    choice.source = CharsetSource::declaration;
    return choice;
  }

  std::string declared = charset_from_xml_declaration(bytes);
  if (declared.empty() && sniff_kind(bytes) == DocumentKind::html) {
    declared = charset_from_html_meta(bytes);
  }
  if (!declared.empty()) {
    if (auto name = canonical_charset(declared)) {
      // A declaration we could read as ASCII cannot be in UTF-16 or UTF-32: it lies.
      choice.charset = is_utf16_or_32(*name) ? "UTF-8" : *name;
      choice.source = CharsetSource::declaration;
      return choice;
    }
    if (choice.ignored_label.empty()) choice.ignored_label = declared;
  }

  choice.charset = "UTF-8";
  choice.source = CharsetSource::fallback;
  return choice;
}

BytesProfile profile_bytes(std::string_view bytes) {
  BytesProfile p;
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  for (std::size_t i = 0; i < bytes.size();) {
    const unsigned char c = at(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // UTF-8 validity of the sequence at i (overlongs and surrogates count as invalid).
    std::size_t length = c >= 0xC2 && c <= 0xDF   ? 2
                         : c >= 0xE0 && c <= 0xEF ? 3
                         : c >= 0xF0 && c <= 0xF4 ? 4
                                                  : 0;
    bool valid = length > 0 && i + length <= bytes.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (at(i + k) & 0xC0) == 0x80;
    if (valid && length == 3) {
      valid = !(c == 0xE0 && at(i + 1) < 0xA0) && !(c == 0xED && at(i + 1) > 0x9F);
    }
    if (valid && length == 4) {
      valid = !(c == 0xF0 && at(i + 1) < 0x90) && !(c == 0xF4 && at(i + 1) > 0x8F);
    }
    if (valid) ++p.utf8_multibyte;
    // The run of high bytes starting here, for the legacy guess.
    std::size_t end = i;
    while (end < bytes.size() && at(end) >= 0x80) ++end;
    if (!valid) {
      ++p.utf8_invalid;
      // A lone high byte next to an ASCII letter: "caf\xE9", "don\x92t" (windows-125x); or
      // one that no double-byte trail follows: "\x93test.\x94<", "\xA3 5" (a trail is 0x40
      // or above, GB18030's four-byte form has a digit second).
      const auto is_letter = [](unsigned char b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; };
      const auto cannot_trail = [](unsigned char b) { return b < 0x40 && (b < '0' || b > '9'); };
      if (end - i == 1 && ((i > 0 && is_letter(at(i - 1))) || end == bytes.size() ||
                           is_letter(at(end)) || cannot_trail(at(end)))) {
        ++p.lone_high;
      }
      // Two high bytes with letters on both sides: "a\xE7\xE3o". Chinese, Japanese or
      // Korean text writes its characters in longer runs, between spaces and punctuation.
      if (end - i == 2 && i > 0 && is_letter(at(i - 1)) && end < bytes.size() &&
          is_letter(at(end))) {
        ++p.in_word_pairs;
      }
      // Double-byte pairs: lead 0x81..0xFE and the byte after it.
      for (std::size_t k = i; k + 1 < bytes.size() && k < end; k += 2) {
        if (at(k) < 0x81 || at(k) == 0xFF || at(k + 1) < 0x40) break;
        ++p.pairs;
        if (at(k + 1) >= 0x40 && at(k + 1) <= 0x7E) ++p.low_trail_pairs;
      }
    }
    i = valid ? i + length : std::max(end, i + 1);
  }
  return p;
}

std::optional<std::string> guess_legacy_charset(std::string_view bytes) {
  const BytesProfile p = profile_bytes(bytes);
  if (p.utf8_invalid == 0) return std::nullopt;   // valid UTF-8 (or plain ASCII)
  if (p.utf8_multibyte > 0) return std::nullopt;  // real UTF-8 with some damage: keep it
  // Half the runs single bytes, or two inside a word.
  if ((p.lone_high + p.in_word_pairs) * 2 >= p.utf8_invalid) return "WINDOWS-1252";
  // No double-byte pattern: a single-byte text when some byte can only be one (the
  // windows-1252 fallback of browsers and feed readers), else stray bytes: U+FFFD.
  if (p.pairs < 2)
    return p.lone_high > 0 ? std::optional<std::string>("WINDOWS-1252") : std::nullopt;
  if (p.low_trail_pairs * 10 >= p.pairs) return "BIG5-HKSCS";  // trails in 0x40..0x7E
  return "GB18030";
}

bool looks_like_utf8(std::string_view bytes) {
  const BytesProfile p = profile_bytes(bytes);
  return p.utf8_invalid == 0 && p.utf8_multibyte > 0;
}

std::optional<Conversion> convert_to_utf8(std::string_view bytes, const std::string& charset) {
  Conversion result;
  if (charset == "UTF-8") {
    result.utf8 = std::string(bytes);
    result.replaced = repair_utf8(result.utf8);
    return result;
  }
  const IconvHandle cd("UTF-8", charset.c_str());
  if (!cd.ok()) return std::nullopt;

  const std::size_t skip_width = unit_width(charset);
  std::string& out = result.utf8;
  out.resize(bytes.size() * 2 + 64);
  std::size_t used = 0;
  // glibc's iconv takes char** for the input but never writes through it.
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();

  const auto room = [&](std::size_t needed) {
    if (out.size() - used < needed) out.resize(out.size() * 2 + needed);
  };
  const auto replace = [&] {
    room(kReplacement.size());
    out.replace(used, kReplacement.size(), kReplacement);
    used += kReplacement.size();
    ++result.replaced;
  };

  while (in_left > 0) {
    room(16);
    char* out_ptr = out.data() + used;
    std::size_t out_left = out.size() - used;
    const std::size_t rc = iconv(cd.get(), &in, &in_left, &out_ptr, &out_left);
    used = static_cast<std::size_t>(out_ptr - out.data());
    if (rc != static_cast<std::size_t>(-1)) continue;
    const int err = errno;
    if (err == E2BIG) {
      out.resize(out.size() * 2);
    } else if (err == EILSEQ) {
      replace();
      const std::size_t skip = in_left < skip_width ? in_left : skip_width;
      in += skip;
      in_left -= skip;
    } else {  // EINVAL: the input ends inside a sequence; anything else: give up on the rest
      replace();
      in_left = 0;
    }
  }
  for (int attempts = 0; attempts < 8; ++attempts) {  // flush a stateful decoder's shift state
    room(64);
    char* out_ptr = out.data() + used;
    std::size_t out_left = out.size() - used;
    const std::size_t rc = iconv(cd.get(), nullptr, nullptr, &out_ptr, &out_left);
    used = static_cast<std::size_t>(out_ptr - out.data());
    if (rc != static_cast<std::size_t>(-1) || errno != E2BIG) break;
    out.resize(out.size() * 2);
  }
  out.resize(used);
  result.replaced += repair_utf8(out);  // belt and braces: iconv's output should be valid
  return result;
}

}  // namespace feedarchiver::decode
