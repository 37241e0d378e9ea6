#include "feedarchiver/charset_name.hpp"

#include <iconv.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "feedarchiver/ascii.hpp"

namespace feedarchiver {
namespace {

struct Alias {
  std::string_view label;
  std::string_view iconv_name;
};

// Labels that name a subset of what is actually sent get the superset (as browsers do):
// GB2312 pages contain GBK characters, Big5 pages contain HKSCS ones, "ISO-8859-1" pages are
// windows-1252 and ASCII is a subset of it.
constexpr std::array<Alias, 56> kAliases{{
    {"utf-8", "UTF-8"},
    {"utf8", "UTF-8"},
    {"unicode-1-1-utf-8", "UTF-8"},
    {"x-unicode20utf8", "UTF-8"},
    {"gb2312", "GB18030"},
    {"gbk", "GB18030"},
    {"x-gbk", "GB18030"},
    {"gb18030", "GB18030"},
    {"cp936", "GB18030"},
    {"ms936", "GB18030"},
    {"windows-936", "GB18030"},
    {"gb_2312", "GB18030"},
    {"gb_2312-80", "GB18030"},
    {"csgb2312", "GB18030"},
    {"euc-cn", "GB18030"},
    {"x-euc-cn", "GB18030"},
    {"chinese", "GB18030"},
    {"big5", "BIG5-HKSCS"},
    {"big5-hkscs", "BIG5-HKSCS"},
    {"x-x-big5", "BIG5-HKSCS"},
    {"x-big5", "BIG5-HKSCS"},
    {"cn-big5", "BIG5-HKSCS"},
    {"csbig5", "BIG5-HKSCS"},
    {"iso-8859-1", "WINDOWS-1252"},
    {"iso8859-1", "WINDOWS-1252"},
    {"iso_8859-1", "WINDOWS-1252"},
    {"latin1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"},
    {"us-ascii", "WINDOWS-1252"},
    {"ascii", "WINDOWS-1252"},
    {"ansi_x3.4-1968", "WINDOWS-1252"},
    {"cp819", "WINDOWS-1252"},
    {"ibm819", "WINDOWS-1252"},
    {"csisolatin1", "WINDOWS-1252"},
    {"windows-1252", "WINDOWS-1252"},
    {"cp1252", "WINDOWS-1252"},
    {"x-cp1252", "WINDOWS-1252"},
    {"shift_jis", "CP932"},
    {"shift-jis", "CP932"},
    {"sjis", "CP932"},
    {"x-sjis", "CP932"},
    {"ms_kanji", "CP932"},
    {"csshiftjis", "CP932"},
    {"windows-31j", "CP932"},
    {"cp932", "CP932"},
    {"euc-kr", "CP949"},
    {"ks_c_5601-1987", "CP949"},
    {"ks_c_5601-1989", "CP949"},
    {"ksc5601", "CP949"},
    {"korean", "CP949"},
    {"windows-949", "CP949"},
    {"cp949", "CP949"},
    {"iso-8859-9", "WINDOWS-1254"},
    {"latin5", "WINDOWS-1254"},
    {"tis-620", "WINDOWS-874"},
    {"iso-8859-11", "WINDOWS-874"},
}};

}  // namespace

std::string_view unquoted_charset_label(std::string_view s) {
  s = trim_html_space(s);
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    s = trim_html_space(s.substr(1, s.size() - 2));
  }
  return s;
}

std::optional<std::string> canonical_charset(std::string_view label) {
  label = unquoted_charset_label(label);
  if (label.empty() || label.size() > 40) return std::nullopt;
  std::string lower;
  for (char c : label) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
    if (!allowed) return std::nullopt;  // also keeps "//TRANSLIT" and friends away from iconv
    lower.push_back(ascii_lower(c));
  }
  std::string name;
  for (const auto& alias : kAliases) {
    if (alias.label == lower) name = std::string(alias.iconv_name);
  }
  if (name.empty()) {
    for (char c : lower) name.push_back(ascii_upper(c));
  }
  if (name == "UTF-8") return name;
  // Known to iconv: opened once to ask, closed at once.
  const iconv_t probe = iconv_open("UTF-8", name.c_str());
  if (probe == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  iconv_close(probe);
  return name;
}

}  // namespace feedarchiver
