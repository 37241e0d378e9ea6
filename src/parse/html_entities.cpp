#include "feedarchiver/parse/html_entities.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace feedarchiver::parse {
namespace {

struct Entity {
  std::string_view name;
  char32_t code_point;
};

// Sorted by name (byte order) for binary search.
constexpr Entity kEntities[] = {
    {"AElig", 198},  {"Aacute", 193},  {"Acirc", 194},   {"Agrave", 192},  {"Aring", 197},
    {"Atilde", 195}, {"Auml", 196},    {"Ccedil", 199},  {"Dagger", 8225}, {"ETH", 208},
    {"Eacute", 201}, {"Ecirc", 202},   {"Egrave", 200},  {"Euml", 203},    {"Iacute", 205},
    {"Icirc", 206},  {"Igrave", 204},  {"Iuml", 207},    {"Ntilde", 209},  {"OElig", 338},
    {"Oacute", 211}, {"Ocirc", 212},   {"Ograve", 210},  {"Oslash", 216},  {"Otilde", 213},
    {"Ouml", 214},   {"Prime", 8243},  {"Scaron", 352},  {"THORN", 222},   {"Uacute", 218},
    {"Ucirc", 219},  {"Ugrave", 217},  {"Uuml", 220},    {"Yacute", 221},  {"Yuml", 376},
    {"aacute", 225}, {"acirc", 226},   {"acute", 180},   {"aelig", 230},   {"agrave", 224},
    {"amp", 38},     {"apos", 39},     {"aring", 229},   {"atilde", 227},  {"auml", 228},
    {"bdquo", 8222}, {"brvbar", 166},  {"bull", 8226},   {"ccedil", 231},  {"cedil", 184},
    {"cent", 162},   {"circ", 710},    {"copy", 169},    {"curren", 164},  {"dagger", 8224},
    {"darr", 8595},  {"deg", 176},     {"divide", 247},  {"eacute", 233},  {"ecirc", 234},
    {"egrave", 232}, {"emsp", 8195},   {"ensp", 8194},   {"eth", 240},     {"euml", 235},
    {"euro", 8364},  {"fnof", 402},    {"frac12", 189},  {"frac14", 188},  {"frac34", 190},
    {"ge", 8805},    {"gt", 62},       {"hearts", 9829}, {"hellip", 8230}, {"iacute", 237},
    {"icirc", 238},  {"iexcl", 161},   {"igrave", 236},  {"infin", 8734},  {"iquest", 191},
    {"iuml", 239},   {"laquo", 171},   {"larr", 8592},   {"ldquo", 8220},  {"le", 8804},
    {"lrm", 8206},   {"lsaquo", 8249}, {"lsquo", 8216},  {"lt", 60},       {"macr", 175},
    {"mdash", 8212}, {"micro", 181},   {"middot", 183},  {"minus", 8722},  {"nbsp", 160},
    {"ndash", 8211}, {"ne", 8800},     {"not", 172},     {"ntilde", 241},  {"oacute", 243},
    {"ocirc", 244},  {"oelig", 339},   {"ograve", 242},  {"ordf", 170},    {"ordm", 186},
    {"oslash", 248}, {"otilde", 245},  {"ouml", 246},    {"para", 182},    {"permil", 8240},
    {"plusmn", 177}, {"pound", 163},   {"prime", 8242},  {"quot", 34},     {"raquo", 187},
    {"rarr", 8594},  {"rdquo", 8221},  {"reg", 174},     {"rlm", 8207},    {"rsaquo", 8250},
    {"rsquo", 8217}, {"sbquo", 8218},  {"scaron", 353},  {"sect", 167},    {"shy", 173},
    {"sup1", 185},   {"sup2", 178},    {"sup3", 179},    {"szlig", 223},   {"thinsp", 8201},
    {"thorn", 254},  {"tilde", 732},   {"times", 215},   {"trade", 8482},  {"uacute", 250},
    {"uarr", 8593},  {"ucirc", 251},   {"ugrave", 249},  {"uml", 168},     {"uuml", 252},
    {"yacute", 253}, {"yen", 165},     {"yuml", 255},    {"zwj", 8205},    {"zwnj", 8204},
};
static_assert(std::is_sorted(std::begin(kEntities), std::end(kEntities),
                             [](const Entity& a, const Entity& b) { return a.name < b.name; }));

}  // namespace

std::optional<char32_t> lookup_html_entity(std::string_view name) {
  const auto* found = std::lower_bound(
      std::begin(kEntities), std::end(kEntities), name,
      [](const Entity& entity, std::string_view key) { return entity.name < key; });
  if (found == std::end(kEntities) || found->name != name) return std::nullopt;
  return found->code_point;
}

void append_utf8(std::string& out, char32_t code_point) {
  if (code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    code_point = 0xFFFD;
  }
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

}  // namespace feedarchiver::parse
