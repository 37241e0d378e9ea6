#include "feedarchiver/normalize/nesting_limit.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "feedarchiver/ascii.hpp"

namespace feedarchiver::normalize {

namespace {

// How far down the stack an end tag looks for its start tag; beyond, it is a stray.
constexpr std::size_t kEndTagSearch = 64;

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never nest: void elements and those whose end tag is optional (they close
// each other implicitly, so counting them would overstate the depth).
bool never_nests(std::string_view name) {
  static constexpr std::array<std::string_view, 36> kFlat = {
      "area",  "base",  "br",     "col",   "embed",    "hr",     "img",      "input",   "link",
      "meta",  "param", "source", "track", "wbr",      "keygen", "basefont", "bgsound", "frame",
      "image", "p",     "li",     "dt",    "dd",       "option", "optgroup", "tr",      "td",
      "th",    "tbody", "thead",  "tfoot", "colgroup", "rb",     "rt",       "rtc",     "rp"};
  return contains(kFlat, name);
}

// Elements whose content the tokenizer reads as text up to their end tag.
bool is_raw_text(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kRaw = {
      "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"};
  return contains(kRaw, name);
}

bool is_foreign_root(std::string_view name) {
  return name == "svg" || name == "math";
}

// Finds "</name" (case-insensitive) at or after `from`; npos when absent.
std::size_t find_end_tag(std::string_view html, std::string_view name, std::size_t from) {
  for (std::size_t i = html.find("</", from); i != std::string_view::npos;
       i = html.find("</", i + 2)) {
    std::size_t k = 0;
    while (k < name.size() && i + 2 + k < html.size() && ascii_lower(html[i + 2 + k]) == name[k]) {
      ++k;
    }
    if (k == name.size()) return i;
  }
  return std::string_view::npos;
}

// Reads a tag name starting at `i`, lower-cased; advances `i` past it.
std::string read_name(std::string_view html, std::size_t& i) {
  std::string name;
  while (i < html.size() && !is_html_space(html[i]) && html[i] != '>' && html[i] != '/') {
    name += ascii_lower(html[i]);
    ++i;
  }
  return name;
}

// Skips the attributes of a tag from `i` to just past its '>' (or the end of the text).
// Returns true when the tag ends with "/>" (which closes the element only in SVG/MathML).
bool skip_tag_rest(std::string_view html, std::size_t& i) {
  bool after_equals = false;
  char previous = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '>') {
      ++i;
      return previous == '/';
    }
    if (after_equals && (c == '"' || c == '\'')) {
      const std::size_t close = html.find(c, i + 1);
      i = close == std::string_view::npos ? html.size() : close + 1;
      after_equals = false;
      previous = c;
      continue;
    }
    if (c == '=') {
      after_equals = true;
    } else if (!is_html_space(c)) {
      after_equals = false;
    }
    previous = c;
    ++i;
  }
  return false;
}

struct OpenElement {
  std::string name;
  bool removed = false;
};

// True when a start tag's text mentions JSON (type="application/ld+json", "application/json").
bool mentions_json(std::string_view tag) {
  for (std::size_t i = 0; i + 4 <= tag.size(); ++i) {
    if (ascii_lower(tag[i]) == 'j' && ascii_lower(tag[i + 1]) == 's' &&
        ascii_lower(tag[i + 2]) == 'o' && ascii_lower(tag[i + 3]) == 'n') {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> limit_nesting(std::string_view html, std::size_t max_depth,
                                         ScriptText scripts) {
  std::vector<OpenElement> stack;
  std::size_t kept_depth = 0;
  std::size_t foreign_depth = 0;  // open <svg>/<math>: there "<x/>" really closes
  std::string out;
  std::size_t copied = 0;  // html[0, copied) is already in `out` (or deliberately cut)
  bool changed = false;
  const auto cut = [&](std::size_t begin, std::size_t end) {
    out.append(html.substr(copied, begin - copied));
    copied = end;
    changed = true;
  };

  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    const std::size_t tag_start = i;
    const char next = i + 1 < html.size() ? html[i + 1] : '\0';
    if (html.substr(i, 4) == "<!--") {
      const std::size_t close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? html.size() : close + 3;
    } else if (next == '!' || next == '?') {
      const std::size_t close = html.find('>', i);
      i = close == std::string_view::npos ? html.size() : close + 1;
    } else if (next == '/' && i + 2 < html.size() && is_ascii_alpha(html[i + 2])) {
      i += 2;
      const std::string name = read_name(html, i);
      skip_tag_rest(html, i);
      const std::size_t limit = std::min(stack.size(), kEndTagSearch);
      for (std::size_t k = 1; k <= limit; ++k) {
        if (stack[stack.size() - k].name != name) continue;
        const bool removed = stack[stack.size() - k].removed;
        for (std::size_t pop = 0; pop < k; ++pop) {
          if (!stack.back().removed) --kept_depth;
          if (is_foreign_root(stack.back().name)) --foreign_depth;
          stack.pop_back();
        }
        if (removed) cut(tag_start, i);
        break;
      }
    } else if (is_ascii_alpha(next)) {
      i += 1;
      const std::string name = read_name(html, i);
      const bool self_closing = skip_tag_rest(html, i);
      if (name == "plaintext") break;
      if (is_raw_text(name)) {
        const std::size_t text_start = i;
        i = find_end_tag(html, name, i);
        if (i == std::string_view::npos) break;
        const bool drop =
            scripts == ScriptText::drop &&
            (name == "style" ||
             (name == "script" && !mentions_json(html.substr(tag_start, text_start - tag_start))));
        if (drop && i > text_start) cut(text_start, i);
      } else if (!(self_closing && (foreign_depth > 0 || is_foreign_root(name))) &&
                 !never_nests(name)) {
        const bool remove = kept_depth >= max_depth;
        if (remove) {
          cut(tag_start, i);
        } else {
          ++kept_depth;
        }
        if (is_foreign_root(name)) ++foreign_depth;
        stack.push_back(OpenElement{name, remove});
      }
    } else {
      ++i;
    }
  }
  if (!changed) return std::nullopt;
  out.append(html.substr(copied));
  return out;
}

}  // namespace feedarchiver::normalize
