#include "feedarchiver/parse/html_text.hpp"

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/html_serializer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "feedarchiver/html_entities.hpp"
#include "feedarchiver/utf8.hpp"

namespace feedarchiver::parse {
namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Where `needle` (lower case) next occurs in `text` from `from`, ignoring case; npos if never.
std::size_t find_ci(std::string_view text, std::string_view needle, std::size_t from) {
  for (std::size_t i = from; i + needle.size() <= text.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && ascii_lower(text[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// Tags after which the text reads as a new word ("a<br>b" → "a b", "<b>a</b>b" → "ab").
bool breaks_words(std::string_view name) {
  static constexpr std::array<std::string_view, 24> kBlocks = {
      "address",    "article", "blockquote", "br", "dd", "div", "dl", "dt",
      "figcaption", "figure",  "footer",     "h1", "h2", "h3",  "h4", "h5",
      "h6",         "header",  "hr",         "li", "p",  "pre", "td", "tr"};
  for (std::string_view block : kBlocks) {
    if (name == block) return true;
  }
  return false;
}

// The names of HTML's elements, current and obsolete, sorted: a tag with any other plain
// name in a title ("std::vector<int>", "List<T>") is text, not markup.
constexpr std::array<std::string_view, 144> kHtmlElements = {
    "a",          "abbr",     "acronym",  "address",    "applet",   "area",     "article",
    "aside",      "audio",    "b",        "base",       "basefont", "bdi",      "bdo",
    "bgsound",    "big",      "blink",    "blockquote", "body",     "br",       "button",
    "canvas",     "caption",  "center",   "cite",       "code",     "col",      "colgroup",
    "data",       "datalist", "dd",       "del",        "details",  "dfn",      "dialog",
    "dir",        "div",      "dl",       "dt",         "em",       "embed",    "fieldset",
    "figcaption", "figure",   "font",     "footer",     "form",     "frame",    "frameset",
    "h1",         "h2",       "h3",       "h4",         "h5",       "h6",       "head",
    "header",     "hgroup",   "hr",       "html",       "i",        "iframe",   "image",
    "img",        "input",    "ins",      "isindex",    "kbd",      "keygen",   "label",
    "legend",     "li",       "link",     "listing",    "main",     "map",      "mark",
    "marquee",    "math",     "menu",     "menuitem",   "meta",     "meter",    "multicol",
    "nav",        "nextid",   "nobr",     "noembed",    "noframes", "noscript", "object",
    "ol",         "optgroup", "option",   "output",     "p",        "param",    "picture",
    "plaintext",  "pre",      "progress", "q",          "rb",       "rp",       "rt",
    "rtc",        "ruby",     "s",        "samp",       "script",   "search",   "section",
    "select",     "slot",     "small",    "source",     "spacer",   "span",     "strike",
    "strong",     "style",    "sub",      "summary",    "sup",      "svg",      "table",
    "tbody",      "td",       "template", "textarea",   "tfoot",    "th",       "thead",
    "time",       "title",    "tr",       "track",      "tt",       "u",        "ul",
    "var",        "video",    "wbr",      "xmp"};

bool is_html_element(std::string_view lower_name) {
  return std::binary_search(kHtmlElements.begin(), kHtmlElements.end(), lower_name);
}

// Decodes the reference starting at text[at] == '&'; returns the bytes consumed (0 if none).
std::size_t decode_reference(std::string_view text, std::size_t at, std::string& out) {
  // References are short: looking further than 40 bytes would make "&&&&…" quadratic.
  std::size_t end = text.substr(0, at + 42).find(';', at + 1);
  if (end == std::string_view::npos) return 0;
  std::string_view body = text.substr(at + 1, end - at - 1);
  if (body.size() >= 2 && body[0] == '#') {
    char32_t value = 0;
    const bool hex = body[1] == 'x' || body[1] == 'X';
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return 0;
    for (char c : digits) {
      int digit = -1;
      if (is_digit(c)) {
        digit = c - '0';
      } else if (hex && c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (hex && c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      }
      if (digit < 0) return 0;
      value = value * (hex ? 16 : 10) + static_cast<char32_t>(digit);
    }
    append_utf8(out, value);
    return end - at + 1;
  }
  if (auto entity = lookup_html_entity(body)) {
    append_utf8(out, entity->first);
    if (entity->second != 0) append_utf8(out, entity->second);
    return end - at + 1;
  }
  return 0;
}

// Where the tag that starts at html[at] == '<' ends (its '>'), reading quoted attribute
// values as HTML does: the '>' in alt="a<br>b" is not the end. A quote never closed
// falls back to the first '>'. `last_quote` holds the last '"', '\'' and '>' of `html`, so
// that an unmatched quote costs no scan and the whole text stays linear.
std::size_t tag_end(std::string_view html, std::size_t at,
                    const std::array<std::size_t, 3>& last_quote) {
  const std::size_t first = html.find('>', at);
  if (first == std::string_view::npos) return first;
  bool after_equals = false;
  for (std::size_t i = at + 1; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '>') return i;
    if (c == '=') {
      after_equals = true;
      continue;
    }
    if (is_html_space(c)) continue;
    if (after_equals && (c == '"' || c == '\'')) {
      const std::size_t last = last_quote[c == '"' ? 0 : 1];
      if (last == std::string_view::npos || last <= i) return first;
      i = html.find(c, i + 1);
      if (i > last_quote[2]) return first;  // no '>' after the value: not a tag end either
    }
    after_equals = false;
  }
  return first;
}

}  // namespace

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    if (is_html_space(text[i])) {
      pending_space = !out.empty();
      ++i;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    std::size_t end = i + 1;  // a run of non-space bytes, appended at once
    while (end < text.size() && !is_html_space(text[end])) ++end;
    out.append(text.substr(i, end - i));
    i = end;
  }
  return out;
}

std::string decode_html_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      if (std::size_t used = decode_reference(text, i, out)) {
        i += used;
        continue;
      }
      out += text[i++];
      continue;
    }
    const std::size_t amp = std::min(text.find('&', i), text.size());
    out.append(text.substr(i, amp - i));
    i = amp;
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  std::string text;  // tags removed, references still encoded
  text.reserve(html.size());
  const std::size_t last_close = html.rfind('>');  // past it no '<' can start a tag
  const std::array<std::size_t, 3> last_quote = {html.rfind('"'), html.rfind('\''), last_close};
  for (std::size_t i = 0; i < html.size();) {
    const char c = html[i];
    const char next = i + 1 < html.size() ? html[i + 1] : '\0';
    if (c != '<') {  // a run of text up to the next '<', appended at once
      const std::size_t lt = std::min(html.find('<', i), html.size());
      text.append(html.substr(i, lt - i));
      i = lt;
      continue;
    }
    if (!(is_alpha(next) || next == '/' || next == '!' || next == '?')) {
      text += c;
      ++i;
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      std::size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    std::size_t close = last_close == std::string_view::npos || i > last_close
                            ? std::string_view::npos
                            : tag_end(html, i, last_quote);
    if (close == std::string_view::npos) {  // not a tag after all: keep the text
      text += c;
      ++i;
      continue;
    }
    std::size_t name_start = i + 1 + (next == '/' ? 1 : 0);
    std::size_t name_end = name_start;
    while (name_end < close && (is_alpha(html[name_end]) || is_digit(html[name_end]))) ++name_end;
    const std::string name = to_ascii_lower(html.substr(name_start, name_end - name_start));
    // A plain name that is no HTML element ("vector<int>", "List<T>") is text; a prefixed or
    // custom one (<o:p>, <my-widget>) is markup all the same.
    const bool custom = name_end < close && (html[name_end] == ':' || html[name_end] == '-');
    if (next != '!' && next != '?' && !name.empty() && !custom && !is_html_element(name)) {
      text.append(html.substr(i, close + 1 - i));
      i = close + 1;
      continue;
    }
    i = close + 1;
    if (next != '/' && (name == "script" || name == "style")) {
      std::size_t end = find_ci(html, "</" + name, i);
      i = end == std::string_view::npos ? html.size() : end;
      continue;
    }
    if (breaks_words(name)) text += ' ';
  }
  return collapse_whitespace(decode_html_entities(text));
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_escaped_text(out, text);
  return out;
}

std::string plain_text_html(std::string_view text) {
  if (text.find_first_of("\n\r") == std::string_view::npos) return escape_html(text);
  const std::size_t size = text.size();
  // Lines (CR LF, CR or LF), grouped into paragraphs at blank lines.
  std::vector<std::vector<std::string_view>> paragraphs(1);
  while (true) {
    const std::size_t end = text.find_first_of("\n\r");
    std::string_view line = text.substr(0, end);
    // Spaces around a line mean nothing in HTML: they go (the indentation of the XML).
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.find_first_not_of(" \t\f\v") == std::string_view::npos) {
      if (!paragraphs.back().empty()) paragraphs.emplace_back();
    } else {
      paragraphs.back().push_back(line);
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1));
  }
  if (paragraphs.back().empty()) paragraphs.pop_back();
  std::string out;
  out.reserve(size + size / 8 + 64);
  const bool several = paragraphs.size() > 1;
  for (const std::vector<std::string_view>& lines : paragraphs) {
    if (!out.empty()) out += '\n';
    if (several) out += "<p>";
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) out += "<br>\n";
      append_escaped_text(out, lines[i]);
    }
    if (several) out += "</p>";
  }
  return out;
}

namespace {

// The element name of an escaped tag at `at` ("&lt;p&gt;", "&lt;/div&gt;", "&lt;img src=…"),
// as written; "" when there is none.
std::string_view escaped_tag_name(std::string_view html, std::size_t at) {
  constexpr std::string_view kLt = "&lt;";
  if (html.compare(at, kLt.size(), kLt) != 0) return {};
  std::size_t start = at + kLt.size();
  if (start < html.size() && html[start] == '/') ++start;
  std::size_t i = start;
  while (i < html.size() && (is_alpha(html[i]) || (i > start && is_digit(html[i])))) ++i;
  const bool ends = i < html.size() && (html[i] == ' ' || html[i] == '/' || html[i] == '\n' ||
                                        html.compare(i, 4, "&gt;") == 0);
  return ends ? html.substr(start, i - start) : std::string_view();
}

bool is_common_element(std::string_view name) {
  static constexpr std::array<std::string_view, 33> kNames = {
      "p",      "br",      "div", "span",       "a",      "b",       "i",   "em",   "strong",
      "img",    "h1",      "h2",  "h3",         "h4",     "h5",      "h6",  "ul",   "ol",
      "li",     "table",   "tr",  "td",         "figure", "section", "pre", "code", "font",
      "center", "article", "hr",  "blockquote", "u",      "small"};
  return std::find(kNames.begin(), kNames.end(), to_ascii_lower(name)) != kNames.end();
}

}  // namespace

std::optional<std::string> unescape_if_escaped_twice(std::string_view html) {
  html.remove_prefix(std::min(html.find_first_not_of(" \t\n\r"), html.size()));
  if (!is_common_element(escaped_tag_name(html, 0))) return std::nullopt;
  std::size_t escaped_tags = 0;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<' && i + 1 < html.size() &&
        (is_alpha(html[i + 1]) || html[i + 1] == '/' || html[i + 1] == '!')) {
      return std::nullopt;  // markup of its own: escaped tags in it are text about tags
    }
    if (html[i] == '&' && !escaped_tag_name(html, i).empty()) ++escaped_tags;
  }
  if (escaped_tags < 2) return std::nullopt;
  return decode_html_entities(html);
}

namespace {

// windows-1252's characters for bytes 0x80..0x9F (0 where it defines none).
constexpr std::array<char32_t, 32> kWindows1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The byte windows-1252 (or Latin-1, for its C1 range) writes `cp` with; -1 when none.
int single_byte_of(char32_t cp) {
  if (cp < 0x100) return static_cast<int>(cp);
  for (std::size_t i = 0; i < kWindows1252High.size(); ++i) {
    if (kWindows1252High[i] == cp) return static_cast<int>(0x80 + i);
  }
  return -1;
}

// One level of UTF-8 read as windows-1252 undone, or nullopt when `text` is not that.
std::optional<std::string> undo_one_mojibake(std::string_view text) {
  std::string bytes;
  bytes.reserve(text.size());
  bool high = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = utf8::next_code_point(text, pos);
    const int byte = cp == utf8::kInvalid ? -1 : single_byte_of(cp);
    if (byte < 0) return std::nullopt;  // a character no single byte gives: real text
    high = high || byte >= 0x80;
    bytes.push_back(static_cast<char>(byte));
  }
  if (!high || !utf8::is_valid(bytes)) return std::nullopt;
  return bytes;
}

}  // namespace

std::optional<std::string> repair_mojibake(std::string_view text) {
  // Every such text holds a lead byte read as a character U+00C2..U+00F4 (UTF-8: C3 82..
  // C3 B4), followed by a continuation byte read as a character U+0080..U+00BF (C2 80..C2
  // BF) or one of windows-1252's (C5, C6, CB or E2 first): text without that pays a search.
  bool candidate = false;
  for (std::size_t at = text.find('\xC3'); at != std::string_view::npos && at + 2 < text.size();
       at = text.find('\xC3', at + 1)) {
    const auto next = static_cast<unsigned char>(text[at + 1]);
    const auto after = static_cast<unsigned char>(text[at + 2]);
    if (next >= 0x82 && next <= 0xB4 &&
        (after == 0xC2 || after == 0xC5 || after == 0xC6 || after == 0xCB || after == 0xE2)) {
      candidate = true;
      break;
    }
  }
  if (!candidate) return std::nullopt;
  std::optional<std::string> repaired = undo_one_mojibake(text);
  if (!repaired) return std::nullopt;
  for (int level = 0; level < 2; ++level) {  // read so twice or three times: undone as often
    std::optional<std::string> again = undo_one_mojibake(*repaired);
    if (!again) break;
    repaired = std::move(again);
  }
  return repaired;
}

}  // namespace feedarchiver::parse
