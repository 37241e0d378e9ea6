#include "feedarchiver/normalize/simple_fragment.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/byte_scan.hpp"
#include "feedarchiver/html_entities.hpp"
#include "feedarchiver/utf8.hpp"

namespace feedarchiver::normalize {

namespace {

// Deeper fragments go to gumbo (and the sanitizer's own depth limit).
constexpr std::size_t kMaxDepth = 100;

// How an element's start tag may change the tree beyond inserting it (HTML5 "in body").
enum class Kind : std::uint8_t {
  unsupported,  // anything else: leave it to gumbo
  phrasing,     // inserted where it stands
  void_phrasing,
  anchor,          // closes an open <a> (adoption agency): only when none is open
  block,           // closes an open <p>: only when none is open
  void_block,      // <hr>
  heading,         // also closes a heading that is the current node
  list_item,       // <li>: closes an open <li>; only directly inside <ul>/<ol>
  definition_item  // <dd>/<dt>: only directly inside <dl>
};

constexpr auto kKinds = [] {
  std::array<Kind, GUMBO_TAG_LAST + 1> kinds{};  // all Kind::unsupported
  for (GumboTag tag :
       {GUMBO_TAG_B,    GUMBO_TAG_BIG,     GUMBO_TAG_CODE,  GUMBO_TAG_EM,     GUMBO_TAG_FONT,
        GUMBO_TAG_I,    GUMBO_TAG_S,       GUMBO_TAG_SMALL, GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG,
        GUMBO_TAG_TT,   GUMBO_TAG_U,       GUMBO_TAG_SPAN,  GUMBO_TAG_SUB,    GUMBO_TAG_SUP,
        GUMBO_TAG_CITE, GUMBO_TAG_Q,       GUMBO_TAG_ABBR,  GUMBO_TAG_MARK,   GUMBO_TAG_DEL,
        GUMBO_TAG_INS,  GUMBO_TAG_TIME,    GUMBO_TAG_DFN,   GUMBO_TAG_KBD,    GUMBO_TAG_SAMP,
        GUMBO_TAG_VAR,  GUMBO_TAG_ACRONYM, GUMBO_TAG_BDI,   GUMBO_TAG_BDO}) {
    kinds[tag] = Kind::phrasing;
  }
  for (GumboTag tag : {GUMBO_TAG_BR, GUMBO_TAG_IMG, GUMBO_TAG_WBR})
    kinds[tag] = Kind::void_phrasing;
  kinds[GUMBO_TAG_A] = Kind::anchor;
  for (GumboTag tag :
       {GUMBO_TAG_P, GUMBO_TAG_DIV, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_FIGURE, GUMBO_TAG_SECTION,
        GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE, GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER,
        GUMBO_TAG_FIGCAPTION, GUMBO_TAG_ADDRESS, GUMBO_TAG_CENTER, GUMBO_TAG_HGROUP, GUMBO_TAG_MAIN,
        GUMBO_TAG_UL, GUMBO_TAG_OL, GUMBO_TAG_DL, GUMBO_TAG_PRE}) {
    kinds[tag] = Kind::block;
  }
  kinds[GUMBO_TAG_HR] = Kind::void_block;
  for (GumboTag tag :
       {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6}) {
    kinds[tag] = Kind::heading;
  }
  kinds[GUMBO_TAG_LI] = Kind::list_item;
  kinds[GUMBO_TAG_DD] = Kind::definition_item;
  kinds[GUMBO_TAG_DT] = Kind::definition_item;
  return kinds;
}();

// HTML5's named references that also match without a semicolon ("&copy2" is "©2"): a
// literal `&` followed by one of these is not literal, so such input goes to gumbo.
constexpr std::array<std::string_view, 106> kLegacyReferences = {
    "AElig",  "AMP",    "Aacute", "Acirc",  "Agrave", "Aring",  "Atilde", "Auml",   "COPY",
    "Ccedil", "ETH",    "Eacute", "Ecirc",  "Egrave", "Euml",   "GT",     "Iacute", "Icirc",
    "Igrave", "Iuml",   "LT",     "Ntilde", "Oacute", "Ocirc",  "Ograve", "Oslash", "Otilde",
    "Ouml",   "QUOT",   "REG",    "THORN",  "Uacute", "Ucirc",  "Ugrave", "Uuml",   "Yacute",
    "aacute", "acirc",  "acute",  "aelig",  "agrave", "amp",    "aring",  "atilde", "auml",
    "brvbar", "ccedil", "cedil",  "cent",   "copy",   "curren", "deg",    "divide", "eacute",
    "ecirc",  "egrave", "eth",    "euml",   "frac12", "frac14", "frac34", "gt",     "iacute",
    "icirc",  "iexcl",  "igrave", "iquest", "iuml",   "laquo",  "lt",     "macr",   "micro",
    "middot", "nbsp",   "not",    "ntilde", "oacute", "ocirc",  "ograve", "ordf",   "ordm",
    "oslash", "otilde", "ouml",   "para",   "plusmn", "pound",  "quot",   "raquo",  "reg",
    "sect",   "shy",    "sup1",   "sup2",   "sup3",   "szlig",  "thorn",  "times",  "uacute",
    "ucirc",  "ugrave", "uml",    "uuml",   "yacute", "yen",    "yuml"};

bool has_legacy_prefix(std::string_view name) {
  for (std::size_t length = 2; length <= 6 && length <= name.size(); ++length) {
    if (std::binary_search(kLegacyReferences.begin(), kLegacyReferences.end(),
                           name.substr(0, length))) {
      return true;
    }
  }
  return false;
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}
// Narrower than is_html_space on purpose: a CR or FF inside a tag sends the fragment to gumbo,
// which normalizes them as HTML does; the fast path only meets the spaces it copies as-is.
bool is_plain_space(char c) {
  return c == ' ' || c == '\t' || c == '\n';
}
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A code point that gumbo passes through unchanged and without a special rule: no C0/C1
// controls (tab and newline excepted), no surrogates, no noncharacters.
bool is_plain_code_point(char32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n';
  if (cp < 0x7F) return true;
  if (cp < 0xA0 || cp > 0x10FFFF) return false;
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  if (cp >= 0xFDD0 && cp <= 0xFDEF) return false;
  return (cp & 0xFFFEu) != 0xFFFEu;
}

// The length of the valid UTF-8 sequence of a plain code point at text[pos] (lead >= 0x80),
// 0 when it is not one.
std::size_t plain_utf8_length(std::string_view text, std::size_t pos) {
  std::size_t next = pos;
  const char32_t cp = utf8::next_code_point(text, next);
  if (cp == utf8::kInvalid || !is_plain_code_point(cp)) return 0;
  return next - pos;
}

// ASCII that stands for itself in text and attribute values: printable but '&', tab, newline.
constexpr auto kPlainAscii = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7F; ++c) plain[static_cast<std::size_t>(c)] = c != '&';
  plain['\t'] = true;
  plain['\n'] = true;
  return plain;
}();

#if defined(__SSE2__)
// How many of the sixteen bytes at `data` are kPlainAscii, counted from the first.
std::size_t plain_ascii_prefix(const char* data) {
  using namespace byte_scan;
  const __m128i bytes = load(data);
  const __m128i other = _mm_or_si128(equal(bytes, '&'), equal(bytes, '\x7F'));
  // The bytes themselves too: their high bit marks the non-ASCII ones.
  return first(_mm_or_si128(_mm_or_si128(forbidden_controls(bytes, false), other), bytes));
}
#endif

// The decoded text of `raw` (text or an attribute value) appended to `out`; false when it
// holds anything whose HTML5 decoding is not the plain one.
bool decode_text(std::string_view raw, std::string& out) {
  std::size_t i = 0;
  while (i < raw.size()) {
    // A run of characters that stand for themselves.
    const std::size_t start = i;
    while (i < raw.size()) {
#if defined(__SSE2__)
      if (i + byte_scan::kBlock <= raw.size()) {
        const std::size_t plain = plain_ascii_prefix(raw.data() + i);
        i += plain;
        if (plain == byte_scan::kBlock) continue;
      }
#endif
      const auto c = static_cast<unsigned char>(raw[i]);
      if (kPlainAscii[c]) {
        ++i;
      } else if (c >= 0xE1 && c <= 0xEC && i + 2 < raw.size() &&
                 (static_cast<unsigned char>(raw[i + 1]) & 0xC0u) == 0x80u &&
                 (static_cast<unsigned char>(raw[i + 2]) & 0xC0u) == 0x80u) {
        i += 3;  // U+1000..U+CFFF (CJK, Hangul): always plain, no overlong or surrogate form
      } else if (c >= 0x80) {
        const std::size_t length = plain_utf8_length(raw, i);
        if (length == 0) return false;
        i += length;
      } else if (c == '&') {
        break;
      } else {
        return false;  // a control character
      }
    }
    out.append(raw.substr(start, i - start));
    if (i == raw.size()) break;

    // A character reference, or a literal '&'.
    std::size_t j = i + 1;
    if (j < raw.size() && raw[j] == '#') {
      ++j;
      const bool hex = j < raw.size() && (raw[j] == 'x' || raw[j] == 'X');
      if (hex) ++j;
      const std::size_t digits = j;
      char32_t value = 0;
      while (j < raw.size()) {
        const int digit = hex ? hex_value(raw[j]) : (is_digit(raw[j]) ? raw[j] - '0' : -1);
        if (digit < 0) break;
        value = value * (hex ? 16 : 10) + static_cast<char32_t>(digit);
        if (value > 0x10FFFF) return false;
        ++j;
      }
      if (j == digits || j >= raw.size() || raw[j] != ';' || !is_plain_code_point(value)) {
        return false;
      }
      utf8::append_utf8(out, value);
      i = j + 1;
      continue;
    }
    std::size_t end = j;
    while (end < raw.size() && is_alnum(raw[end])) ++end;
    const std::string_view name = raw.substr(j, end - j);
    if (!name.empty() && end < raw.size() && raw[end] == ';') {
      if (const auto entity = lookup_html_entity(name)) {
        if (!is_plain_code_point(entity->first) ||
            (entity->second != 0 && !is_plain_code_point(entity->second))) {
          return false;
        }
        utf8::append_utf8(out, entity->first);
        if (entity->second != 0) utf8::append_utf8(out, entity->second);
        i = end + 1;
        continue;
      }
    }
    if (has_legacy_prefix(name)) return false;
    out += '&';
    i = j;
  }
  return true;
}

bool is_heading(GumboTag tag) {
  return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6;
}

struct BuildNode {
  GumboNodeType type;
  GumboTag tag;
  std::uint32_t parent;
  std::uint32_t text;             // arena offset of the NUL-terminated text (text nodes)
  std::uint32_t first_attribute;  // index into attributes_
  std::uint32_t attribute_count;
};

struct BuildAttribute {
  std::uint32_t name;  // arena offsets of NUL-terminated strings
  std::uint32_t value;
};

class Tree final : public SimpleFragment {
 public:
  const GumboInternalNode* root() const override { return &nodes[0]; }

  std::string arena;
  std::vector<GumboNode> nodes;
  std::vector<void*> children;
  std::vector<GumboAttribute> attributes;
  std::vector<void*> attribute_pointers;
};

class Builder {
 public:
  explicit Builder(std::string_view input) : in_(input) {
    // Typical bodies: a node per ~40 bytes, an attribute per ~100; text about the input.
    nodes_.reserve(input.size() / 32 + 8);
    attributes_.reserve(input.size() / 64 + 4);
    arena_.reserve(input.size() + 64);
    nodes_.push_back(BuildNode{GUMBO_NODE_ELEMENT, GUMBO_TAG_HTML, 0, 0, 0, 0});
  }

  bool build() {
    std::size_t i = 0;
    while (i < in_.size()) {
      if (in_[i] == '<') {
        if (!markup(i)) return false;
        continue;
      }
      std::size_t end = in_.find('<', i);
      if (end == std::string_view::npos) end = in_.size();
      if (!text(in_.substr(i, end - i))) return false;
      i = end;
    }
    return true;
  }

  std::unique_ptr<SimpleFragment> finish() {
    close_text();
    auto tree = std::make_unique<Tree>();
    tree->arena = std::move(arena_);
    const char* arena = tree->arena.data();
    const std::size_t count = nodes_.size();

    // Children of each element are contiguous in one array, in document order.
    std::vector<std::uint32_t> first_child(count + 1, 0);
    for (std::size_t i = 1; i < count; ++i) ++first_child[nodes_[i].parent + 1];
    for (std::size_t i = 1; i <= count; ++i) first_child[i] += first_child[i - 1];
    std::vector<std::uint32_t> filled(count, 0);

    tree->nodes.resize(count);
    tree->children.resize(count == 0 ? 0 : count - 1);
    tree->attributes.resize(attributes_.size());
    tree->attribute_pointers.resize(attributes_.size());
    for (std::size_t i = 0; i < attributes_.size(); ++i) {
      GumboAttribute& attribute = tree->attributes[i];
      attribute.attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
      attribute.name = arena + attributes_[i].name;
      attribute.value = arena + attributes_[i].value;
      tree->attribute_pointers[i] = &attribute;
    }
    for (std::size_t i = 0; i < count; ++i) {
      const BuildNode& built = nodes_[i];
      GumboNode& node = tree->nodes[i];
      node.type = built.type;
      if (i != 0) {
        node.parent = &tree->nodes[built.parent];
        const std::uint32_t slot = first_child[built.parent] + filled[built.parent]++;
        node.index_within_parent = filled[built.parent] - 1;
        tree->children[slot] = &node;
      }
      if (built.type == GUMBO_NODE_TEXT) {
        node.v.text.text = arena + built.text;
        continue;
      }
      GumboElement& element = node.v.element;
      element.tag = built.tag;
      element.tag_namespace = GUMBO_NAMESPACE_HTML;
      const unsigned children = first_child[i + 1] - first_child[i];
      element.children.data = children == 0 ? nullptr : tree->children.data() + first_child[i];
      element.children.length = children;
      element.children.capacity = children;
      element.attributes.data = built.attribute_count == 0
                                    ? nullptr
                                    : tree->attribute_pointers.data() + built.first_attribute;
      element.attributes.length = built.attribute_count;
      element.attributes.capacity = built.attribute_count;
    }
    return tree;
  }

 private:
  std::uint32_t current() const { return stack_.empty() ? 0 : stack_.back(); }
  GumboTag current_tag() const { return nodes_[current()].tag; }

  // Ends the open text node: its text gets its NUL and the arena is free for other strings.
  void close_text() {
    if (!text_open_) return;
    arena_ += '\0';
    text_open_ = false;
  }

  bool text(std::string_view raw) {
    if (raw.empty()) return true;
    if (!text_open_) {
      nodes_.push_back(BuildNode{GUMBO_NODE_TEXT, GUMBO_TAG_UNKNOWN, current(),
                                 static_cast<std::uint32_t>(arena_.size()), 0, 0});
      text_open_ = true;
    }
    return decode_text(raw, arena_);
  }

  bool markup(std::size_t& i) {
    if (i + 1 >= in_.size()) {  // '<' at the end is text
      ++i;
      return text("<");
    }
    const char next = in_[i + 1];
    if (next == '!') return comment(i);
    if (next == '/') return end_tag(i);
    if (is_alpha(next)) return start_tag(i);
    if (next == '?') return false;  // a bogus comment
    ++i;                            // "< " or "<3": the '<' is text
    return text("<");
  }

  // A comment is dropped by the sanitizer: skipped, the text around it continues.
  bool comment(std::size_t& i) {
    if (in_.substr(i, 4) != "<!--") return false;
    const std::size_t body = i + 4;
    const std::string_view rest = in_.substr(body);
    if (rest.substr(0, 1) == ">" || rest.substr(0, 2) == "->") return false;
    const std::size_t end = rest.find("-->");
    if (end == std::string_view::npos) return false;
    if (rest.substr(0, end).find("--!") != std::string_view::npos) return false;
    i = body + end + 3;
    return true;
  }

  // Reads a tag name at `j` (lower-cased into `name`), up to whitespace, '/' or '>'.
  bool tag_name(std::size_t& j, GumboTag& tag) {
    const std::size_t start = j;
    name_.clear();
    while (j < in_.size() && is_alnum(in_[j])) name_ += ascii_lower(in_[j++]);
    if (j >= in_.size() || j == start) return false;
    const char c = in_[j];
    if (!is_plain_space(c) && c != '/' && c != '>') return false;
    tag = gumbo_tagn_enum(name_.data(), static_cast<unsigned>(name_.size()));
    return tag != GUMBO_TAG_UNKNOWN && static_cast<std::size_t>(tag) < kKinds.size();
  }

  void skip_space(std::size_t& j) const {
    while (j < in_.size() && is_plain_space(in_[j])) ++j;
  }

  bool end_tag(std::size_t& i) {
    std::size_t j = i + 2;
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    if (!tag_name(j, tag)) return false;
    skip_space(j);
    if (j >= in_.size() || in_[j] != '>') return false;
    if (stack_.empty() || current_tag() != tag) return false;
    close_text();
    if (tag == GUMBO_TAG_P) --open_paragraphs_;
    if (tag == GUMBO_TAG_A) --open_anchors_;
    stack_.pop_back();
    i = j + 1;
    return true;
  }

  bool start_tag(std::size_t& i) {
    std::size_t j = i + 1;
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    if (!tag_name(j, tag)) return false;
    const Kind kind = kKinds[tag];
    switch (kind) {
      case Kind::unsupported:
        return false;
      case Kind::phrasing:
      case Kind::void_phrasing:
        break;
      case Kind::anchor:
        if (open_anchors_ > 0) return false;
        break;
      case Kind::block:
      case Kind::void_block:
        if (open_paragraphs_ > 0) return false;
        break;
      case Kind::heading:
        if (open_paragraphs_ > 0 || is_heading(current_tag())) return false;
        break;
      case Kind::list_item:
        if (current_tag() != GUMBO_TAG_UL && current_tag() != GUMBO_TAG_OL) return false;
        break;
      case Kind::definition_item:
        if (current_tag() != GUMBO_TAG_DL) return false;
        break;
    }
    const bool is_void = kind == Kind::void_phrasing || kind == Kind::void_block;
    if (!is_void && stack_.size() >= kMaxDepth) return false;

    close_text();
    const auto first_attribute = static_cast<std::uint32_t>(attributes_.size());
    bool self_closing = false;
    if (!attributes(j, first_attribute, self_closing)) return false;
    if (self_closing && !is_void) return false;  // "<div/>" opens a div

    nodes_.push_back(BuildNode{GUMBO_NODE_ELEMENT, tag, current(), 0, first_attribute,
                               static_cast<std::uint32_t>(attributes_.size()) - first_attribute});
    if (!is_void) {
      stack_.push_back(static_cast<std::uint32_t>(nodes_.size() - 1));
      if (tag == GUMBO_TAG_P) ++open_paragraphs_;
      if (tag == GUMBO_TAG_A) ++open_anchors_;
    }
    // HTML5 drops a newline right after <pre>; a newline written as a reference is left
    // to gumbo.
    if (tag == GUMBO_TAG_PRE && j < in_.size()) {
      if (in_[j] == '&') return false;
      if (in_[j] == '\n') ++j;
    }
    i = j;
    return true;
  }

  static bool is_attribute_name_char(char c) {
    return is_alnum(c) || c == '-' || c == '_' || c == ':' || c == '.';
  }

  // Reads the attributes of a start tag up to and including its '>'.
  bool attributes(std::size_t& j, std::uint32_t first, bool& self_closing) {
    while (true) {
      skip_space(j);
      if (j >= in_.size()) return false;
      if (in_[j] == '>') {
        ++j;
        return true;
      }
      if (in_[j] == '/') {
        if (j + 1 >= in_.size() || in_[j + 1] != '>') return false;
        self_closing = true;
        j += 2;
        return true;
      }
      const std::size_t name_start = j;
      while (j < in_.size() && is_attribute_name_char(in_[j])) ++j;
      if (j == name_start || j >= in_.size()) return false;
      if (!is_plain_space(in_[j]) && in_[j] != '=' && in_[j] != '>' && in_[j] != '/') return false;
      name_.clear();
      for (std::size_t k = name_start; k < j; ++k) name_ += ascii_lower(in_[k]);
      for (std::size_t k = first; k < attributes_.size(); ++k) {
        if (name_ == arena_.c_str() + attributes_[k].name) return false;  // duplicate
      }
      skip_space(j);
      if (j >= in_.size()) return false;

      BuildAttribute attribute{static_cast<std::uint32_t>(arena_.size()), 0};
      arena_.append(name_);
      arena_ += '\0';
      attribute.value = static_cast<std::uint32_t>(arena_.size());
      if (in_[j] == '=') {
        ++j;
        skip_space(j);
        if (j >= in_.size()) return false;
        const char quote = in_[j];
        std::string_view raw;
        if (quote == '"' || quote == '\'') {
          const std::size_t close = in_.find(quote, j + 1);
          if (close == std::string_view::npos) return false;
          raw = in_.substr(j + 1, close - j - 1);
          j = close + 1;
          if (j < in_.size() && !is_plain_space(in_[j]) && in_[j] != '>' && in_[j] != '/')
            return false;
        } else {
          const std::size_t start = j;
          while (j < in_.size() && !is_plain_space(in_[j]) && in_[j] != '>') {
            const char c = in_[j];
            if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`') return false;
            ++j;
          }
          if (j == start || j >= in_.size()) return false;
          raw = in_.substr(start, j - start);
        }
        if (!decode_text(raw, arena_)) return false;
      }
      arena_ += '\0';
      attributes_.push_back(attribute);
    }
  }

  std::string_view in_;
  std::vector<BuildNode> nodes_;
  std::vector<BuildAttribute> attributes_;
  std::vector<std::uint32_t> stack_;  // open elements (the root is implied below them)
  std::string arena_;
  std::string name_;
  std::size_t open_paragraphs_ = 0;
  std::size_t open_anchors_ = 0;
  bool text_open_ = false;
};

}  // namespace

std::unique_ptr<SimpleFragment> parse_simple_fragment(std::string_view html) {
  // Offsets are 32-bit; anything near that size goes to gumbo.
  if (html.size() > (1u << 28)) return nullptr;
  Builder builder(html);
  if (!builder.build()) return nullptr;
  return builder.finish();
}

}  // namespace feedarchiver::normalize
