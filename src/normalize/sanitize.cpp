#include "feedarchiver/normalize/sanitize.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>
#include <optional>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/html_serializer.hpp"
#include "feedarchiver/limits.hpp"
#include "feedarchiver/normalize/character_references.hpp"
#include "feedarchiver/normalize/nesting_limit.hpp"
#include "feedarchiver/normalize/safe_url.hpp"
#include "feedarchiver/normalize/simple_fragment.hpp"
#include "feedarchiver/url.hpp"
#include "normalize/sanitize_internal.hpp"

namespace feedarchiver::normalize {

namespace {

using namespace sanitize_internal;

// Elements nested deeper than kMaxNestingDepth are unwrapped (their content kept): browsers,
// Markdown processors and gumbo itself slow down or give up on deeper trees.
constexpr std::size_t kMaxDepth = kMaxNestingDepth;
// Gumbo counts positions in unsigned ints; no post body comes near this.
constexpr std::size_t kMaxInputBytes = 1u << 30;
// A caption longer than this is not a caption.
constexpr std::size_t kMaxCaptionBytes = 2000;

// True when an element has an alt attribute with something besides spaces in it.
bool has_alt_text(const GumboElement& element) {
  const GumboAttribute* alt = find_attribute(element, "alt");
  if (alt == nullptr) return false;
  const std::string_view value = alt->value;
  return value.find_first_not_of(" \t\n\r\f") != std::string_view::npos;
}

// True when an ancestor of `node` is a <noscript>.
bool is_inside_noscript(const GumboNode& node) {
  for (const GumboNode* parent = node.parent; parent != nullptr; parent = parent->parent) {
    if (is_html_element(parent, GUMBO_TAG_NOSCRIPT)) return true;
  }
  return false;
}

// True when an HTML <form> holds `node` (the sanitizer unwraps forms, keeping their content).
bool inside_form(const GumboNode& node) {
  for (const GumboNode* up = node.parent; up != nullptr; up = up->parent) {
    if (is_html_element(up, GUMBO_TAG_FORM)) return true;
  }
  return false;
}

// The text of a subtree, whitespace collapsed, at most kMaxCaptionBytes (iterative).
std::string text_content(const GumboNode& root) {
  std::string text;
  std::vector<std::pair<const GumboNode*, unsigned>> stack{{&root, 0}};
  while (!stack.empty() && text.size() < kMaxCaptionBytes) {
    auto& [node, next] = stack.back();
    if (node->type != GUMBO_NODE_ELEMENT || next >= node->v.element.children.length) {
      stack.pop_back();
      continue;
    }
    const GumboNode* child = child_at(node->v.element.children, next++);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
      for (const char* p = child->v.text.text; *p != '\0'; ++p) {
        const bool space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f';
        if (!space) {
          text += *p;
        } else if (!text.empty() && text.back() != ' ') {
          text += ' ';
        }
      }
    } else if (child->type == GUMBO_NODE_ELEMENT &&
               child->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
               policy_for(child->v.element.tag) != Policy::drop) {
      stack.emplace_back(child, 0);
    }
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// The tag name of a foreign element as written in the source ("linearGradient").
std::string_view foreign_tag_name(const GumboElement& element) {
  GumboStringPiece piece = element.original_tag;
  if (piece.data != nullptr && piece.length > 0) {
    gumbo_tag_from_original_text(&piece);
    if (piece.length > 0) return std::string_view(piece.data, piece.length);
  }
  return element.tag == GUMBO_TAG_UNKNOWN ? std::string_view()
                                          : gumbo_normalized_tagname(element.tag);
}

// False for an SVG or MathML element that cannot hold HTML: HTML5's integration points
// (those the sanitizer keeps: title, desc, mi, mo, mn, ms, mtext) can.
bool may_hold_html(const GumboNode* parent) {
  if (parent == nullptr || parent->type != GUMBO_NODE_ELEMENT ||
      parent->v.element.tag_namespace == GUMBO_NAMESPACE_HTML) {
    return true;
  }
  const std::string_view name = foreign_tag_name(parent->v.element);
  return parent->v.element.tag_namespace == GUMBO_NAMESPACE_SVG
             ? listed(std::array<std::string_view, 2>{"title", "desc"}, name).size() > 0
             : listed(std::array<std::string_view, 5>{"mi", "mo", "mn", "ms", "mtext"}, name)
                       .size() > 0;
}

// An SVG or MathML element whose parent is not of its namespace: where a drawing or a
// formula starts.
bool is_foreign_root(const GumboNode& node) {
  const GumboNode* parent = node.parent;
  return parent == nullptr || parent->type != GUMBO_NODE_ELEMENT ||
         parent->v.element.tag_namespace != node.v.element.tag_namespace;
}

// The caption of the <figure> an image sits in (at most three levels up), if any.
std::optional<std::string> figure_caption(const GumboNode& image) {
  const GumboNode* node = image.parent;
  for (int level = 0; level < 3 && node != nullptr; ++level, node = node->parent) {
    if (!is_html_element(node, GUMBO_TAG_FIGURE)) continue;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      if (!is_html_element(child_at(children, i), GUMBO_TAG_FIGCAPTION)) continue;
      std::string caption = text_content(*child_at(children, i));
      if (caption.empty()) return std::nullopt;
      return caption;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// gumbo 0.10 (built with assertions in Debian) aborts on some fragments holding a <body> or
// <frameset> tag after table or MathML content (a fuzz finding: parser.c handle_in_body), or
// a <head> tag in MathML before nested tables (another: handle_after_head, on
// "<math><head><mtext><table><table><mtext><link>"). In a fragment those tags do nothing but
// merge attributes or are ignored, so they are renamed to an unknown element, which the
// sanitizer unwraps, keeping the content.
std::optional<std::string> rename_document_tags(std::string_view html) {
  std::optional<std::string> out;
  std::size_t copied = 0;
  for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
    std::size_t name = i + 1;
    if (name < html.size() && html[name] == '/') ++name;
    for (std::string_view tag :
         {std::string_view("body"), std::string_view("frameset"), std::string_view("head")}) {
      if (html.size() - name < tag.size()) continue;
      const bool same = equals_ignoring_ascii_case(html.substr(name, tag.size()), tag);
      const std::size_t after = name + tag.size();
      if (!same || (after < html.size() && html[after] != '>' && html[after] != '/' &&
                    html[after] != ' ' && html[after] != '\t' && html[after] != '\n' &&
                    html[after] != '\r' && html[after] != '\f')) {
        continue;
      }
      if (!out) out.emplace().reserve(html.size() + 16);
      out->append(html.substr(copied, name - copied));
      out->append("x-");
      copied = name;
    }
  }
  if (out) out->append(html.substr(copied));
  return out;
}

// A fragment that starts with a table part (a feed carrying rows, cells or a caption cut
// from a table) would lose its structure in a <div>: HTML5 ignores those tags outside a
// table and keeps only their text. Such a fragment is parsed inside a <table>, which is
// written with it, so the cells stay cells. Table parts later in a fragment are left to
// HTML5, as a browser would read them.
std::optional<std::string> open_table_for_leading_part(std::string_view html) {
  std::size_t i = 0;
  while (i < html.size() && (html[i] == ' ' || html[i] == '\t' || html[i] == '\n' ||
                             html[i] == '\r' || html[i] == '\f')) {
    ++i;
  }
  if (i >= html.size() || html[i] != '<') return std::nullopt;
  std::size_t end = i + 1;
  std::string name;
  while (end < html.size() && name.size() <= 8 &&
         ((html[end] >= 'a' && html[end] <= 'z') || (html[end] >= 'A' && html[end] <= 'Z'))) {
    name += static_cast<char>(html[end] | 0x20);
    ++end;
  }
  if (end < html.size() && html[end] != '>' && html[end] != '/' && html[end] != ' ' &&
      html[end] != '\t' && html[end] != '\n' && html[end] != '\r' && html[end] != '\f') {
    return std::nullopt;
  }
  if (!is_one_of(name,
                 {"caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th"})) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(html.size() + 7);
  out.append(html.substr(0, i)).append("<table>").append(html.substr(i));
  return out;
}

// The input gumbo gets: references beyond U+10FFFF replaced, a leading table part put in a
// <table>, <body>/<frameset>/<head> tags renamed, nesting limited, at most kMaxInputBytes. Neither
// copyable nor movable: `input` may point into the strings it owns.
class PreparedInput {
 public:
  explicit PreparedInput(std::string_view html) : input(html) {
    referenced_ = replace_out_of_range_references(input);
    if (referenced_) input = *referenced_;
    tabled_ = open_table_for_leading_part(input);
    if (tabled_) input = *tabled_;
    renamed_ = rename_document_tags(input);
    if (renamed_) input = *renamed_;
    limited_ = limit_nesting(input, kMaxDepth);
    nesting_limited = limited_.has_value();
    if (limited_) input = *limited_;
    if (input.size() > kMaxInputBytes) input = input.substr(0, kMaxInputBytes);
  }
  PreparedInput(const PreparedInput&) = delete;
  PreparedInput& operator=(const PreparedInput&) = delete;

  std::string_view input;
  bool nesting_limited = false;

 private:
  std::optional<std::string> referenced_;
  std::optional<std::string> tabled_;
  std::optional<std::string> renamed_;
  std::optional<std::string> limited_;
};

// Owns gumbo's tree of one fragment parsed in the context of a <div>. The input buffer
// must outlive this object (gumbo points into it).
class ParsedFragment {
 public:
  explicit ParsedFragment(std::string_view html) : options_(kGumboDefaultOptions) {
    options_.fragment_context = GUMBO_TAG_DIV;
    options_.fragment_namespace = GUMBO_NAMESPACE_HTML;
    options_.max_errors = 0;  // we never read them; unbounded they cost memory
    output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
  }
  ~ParsedFragment() {
    if (output_ != nullptr) gumbo_destroy_output(&options_, output_);
  }
  ParsedFragment(const ParsedFragment&) = delete;
  ParsedFragment& operator=(const ParsedFragment&) = delete;

  const GumboNode* root() const { return output_ != nullptr ? output_->root : nullptr; }

 private:
  GumboOptions options_;
  GumboOutput* output_ = nullptr;
};

// Walks gumbo's tree with an explicit stack (no recursion, whatever the depth) and writes
// what the allow-list keeps.
class Sanitizer {
 public:
  Sanitizer(std::string_view base_url, const SanitizeOptions& options, SanitizeResult& result)
      : base_url_(base_url), options_(options), result_(result) {}

  void run(const GumboNode& root) {
    if (root.type != GUMBO_NODE_ELEMENT) return;
    stack_.push_back(Frame{&root.v.element.children, 0, nullptr});
    while (!stack_.empty()) {
      Frame& frame = stack_.back();
      if (frame.next >= frame.children->length) {
        if (frame.end_tag != nullptr) {
          append_end_tag(result_.html, frame.end_tag);
          --depth_;
        }
        if (pending_mtext_ == stack_.size() - 1) pending_mtext_.reset();  // no word in it
        stack_.pop_back();
        continue;
      }
      const GumboNode& node = *child_at(*frame.children, frame.next++);
      if (frame.text_only) {
        visit_as_text(node);
        continue;
      }
      switch (node.type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA:
          append_escaped_text(result_.html, node.v.text.text);
          break;
        case GUMBO_NODE_ELEMENT:
          visit_element(node);
          break;
        case GUMBO_NODE_TEMPLATE:
          ++result_.removed_elements;
          break;
        case GUMBO_NODE_COMMENT:
        case GUMBO_NODE_DOCUMENT:
          break;
      }
    }
  }

 private:
  struct Frame {
    const GumboVector* children;
    unsigned next;
    const char* end_tag;     // written when the frame is left; nullptr for unwrapped elements
    bool text_only = false;  // only the text of these children is written (visit_as_text)
  };

  // Writes the words of an element that cannot be written where it is, as text: inside an
  // <mtext> (MathML's element for text in a formula) when its parent is a MathML element
  // that holds no text itself. Nothing for an element the allow-list drops with its content.
  void keep_text_of(const GumboNode& node) {
    const GumboElement& element = node.v.element;
    if (policy_for(element.tag) == Policy::drop) return;
    const GumboNode* parent = node.parent;
    const bool mtext = parent != nullptr && parent->type == GUMBO_NODE_ELEMENT &&
                       parent->v.element.tag_namespace == GUMBO_NAMESPACE_MATHML &&
                       !may_hold_html(parent) && depth_ < kMaxDepth;
    if (mtext) pending_mtext_ = stack_.size();  // opened by the first word (write_word)
    stack_.push_back(Frame{&element.children, 0, nullptr, true});
  }

  // A form control inside a <form>, as what it shows: a select the text of its selected
  // option (the first one selected, else its first option, also inside an <optgroup>), a
  // textarea, option or optgroup its text; an input, datalist or keygen nothing.
  void write_control_of_form(const GumboNode& node) {
    ++result_.removed_elements;
    const GumboElement& element = node.v.element;
    if (element.tag == GUMBO_TAG_INPUT || element.tag == GUMBO_TAG_DATALIST ||
        element.tag == GUMBO_TAG_KEYGEN) {
      return;
    }
    if (element.tag != GUMBO_TAG_SELECT) {
      keep_text_of(node);
      return;
    }
    const GumboNode* shown = nullptr;
    const auto consider = [&](const GumboNode* option) {
      if (shown != nullptr && find_attribute(shown->v.element, "selected") != nullptr) return;
      if (shown == nullptr || find_attribute(option->v.element, "selected") != nullptr) {
        shown = option;
      }
    };
    for (unsigned i = 0; i < element.children.length; ++i) {
      const GumboNode* child = child_at(element.children, i);
      if (is_html_element(child, GUMBO_TAG_OPTION)) consider(child);
      if (!is_html_element(child, GUMBO_TAG_OPTGROUP)) continue;
      const GumboVector& grouped = child->v.element.children;
      for (unsigned k = 0; k < grouped.length; ++k) {
        if (is_html_element(child_at(grouped, k), GUMBO_TAG_OPTION)) {
          consider(child_at(grouped, k));
        }
      }
    }
    if (shown != nullptr) keep_text_of(*shown);
  }

  // Text of a text-only frame, after the <mtext> that waits for it, if any.
  void write_word(const char* text) {
    if (pending_mtext_) {
      append_start_tag(result_.html, "mtext", {});
      ++depth_;
      stack_[*pending_mtext_].end_tag = "mtext";
      pending_mtext_.reset();
    }
    append_escaped_text(result_.html, text);
  }

  // A node of a text-only frame: its words are written, as text, never its markup; what
  // the allow-list drops with its content (script, style) gives no text.
  void visit_as_text(const GumboNode& node) {
    switch (node.type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        write_word(node.v.text.text);
        break;
      case GUMBO_NODE_WHITESPACE:
        append_escaped_text(result_.html, node.v.text.text);
        break;
      case GUMBO_NODE_ELEMENT:
        if (policy_for(node.v.element.tag) == Policy::drop) {
          ++result_.removed_elements;
        } else {
          stack_.push_back(Frame{&node.v.element.children, 0, nullptr, true});
        }
        break;
      default:
        break;
    }
  }

  void visit_element(const GumboNode& node) {
    const GumboElement& element = node.v.element;
    if (element.tag_namespace != GUMBO_NAMESPACE_HTML) {
      visit_foreign(node);
      return;
    }
    if (!may_hold_html(node.parent)) {
      // HTML where SVG or MathML may not hold it (gumbo puts an end tag's implied <p> in
      // <math>): written there, it would be read back as another tree. Its words stay, as
      // text (keep_text_of).
      ++result_.removed_elements;
      keep_text_of(node);
      return;
    }
    if (is_form_control(element.tag) && inside_form(node)) {
      write_control_of_form(node);
      return;
    }
    Policy policy = policy_for(element.tag);
    if (policy == Policy::keep) {
      switch (element.tag) {
        case GUMBO_TAG_IMG:
          write_image(node);
          return;
        case GUMBO_TAG_SOURCE:
        case GUMBO_TAG_TRACK:
          // Inside <picture> a <source>'s srcset serves the <img> (see write_image).
          if (is_html_element(node.parent, GUMBO_TAG_VIDEO) ||
              is_html_element(node.parent, GUMBO_TAG_AUDIO)) {
            if (safe_media_src(element, base_url_)) break;
          }
          policy = Policy::drop;
          break;
        case GUMBO_TAG_VIDEO:
        case GUMBO_TAG_AUDIO:
          // Kept when it can play something, or (a video) show its poster.
          if (!has_playable_source(node) && (element.tag != GUMBO_TAG_VIDEO ||
                                             !safe_url_attribute(element, "poster", base_url_))) {
            policy = Policy::unwrap;
          }
          break;
        case GUMBO_TAG_INPUT:
          if (!is_inert_input(element)) policy = Policy::drop;
          break;
        case GUMBO_TAG_XMP:
        case GUMBO_TAG_PLAINTEXT:
          // Obsolete forms of <pre> whose content a browser shows as written, markup and
          // all (gumbo gives it as text): a <pre> with that text, escaped.
          if (depth_ >= kMaxDepth) break;
          append_start_tag(result_.html, "pre", {});
          ++depth_;
          stack_.push_back(Frame{&element.children, 0, "pre", true});
          return;
        default:
          break;
      }
    } else if (policy == Policy::drop && element.tag == GUMBO_TAG_IFRAME &&
               element.tag_namespace == GUMBO_NAMESPACE_HTML) {
      if (!write_allowed_iframe(element)) {
        ++result_.removed_elements;
        write_iframe_fallback(element);
      }
      return;
    }
    if (policy == Policy::drop) {
      ++result_.removed_elements;
      return;
    }
    const char* name = gumbo_normalized_tagname(element.tag);
    const bool is_void = is_void_element(name);
    if (policy == Policy::unwrap || (!is_void && depth_ >= kMaxDepth)) {
      stack_.push_back(Frame{&element.children, 0, nullptr});
      return;
    }
    std::vector<HtmlAttribute> attributes = filter_attributes(element);
    if ((element.tag == GUMBO_TAG_VIDEO || element.tag == GUMBO_TAG_AUDIO) &&
        find_attribute(element, "controls") == nullptr) {
      attributes.push_back(HtmlAttribute{"controls", ""});  // never autoplay, always usable
    }
    if (element.tag == GUMBO_TAG_BUTTON) {
      // Never a submit or reset button of whatever form the page puts around the post.
      std::erase_if(attributes, [](const HtmlAttribute& a) { return a.name == "type"; });
      attributes.push_back(HtmlAttribute{"type", "button"});
    }
    append_start_tag(result_.html, name, attributes);
    if (is_void) return;
    stack_.push_back(Frame{&element.children, 0, name});
    ++depth_;
  }

  // An SVG or MathML element: written when listed (a drawing only from an <svg> root with
  // a fixed width and height, a formula only from <math>), else dropped with its content.
  void visit_foreign(const GumboNode& node) {
    const GumboElement& element = node.v.element;
    const bool svg = element.tag_namespace == GUMBO_NAMESPACE_SVG;
    const std::string_view written = foreign_tag_name(element);
    const std::string_view name = svg ? svg_element_name(written) : math_element_name(written);
    const bool root = is_foreign_root(node);
    bool keep = !name.empty();
    if (keep && root) {
      const GumboAttribute* width = find_attribute(element, "width");
      const GumboAttribute* height = find_attribute(element, "height");
      keep = svg ? name == "svg" && width != nullptr && height != nullptr &&
                       is_fixed_length(width->value) && is_fixed_length(height->value)
                 : name == "math";
    }
    if (keep && name == "use") {
      // Only a reference to a drawing of this document, never another file.
      const GumboAttribute* href = find_attribute(element, "href");
      keep = href != nullptr && fragment_reference(href->value).has_value();
    }
    if (!keep) {
      ++result_.removed_elements;
      // A drawing or formula that is not kept goes whole; inside a kept one, an element
      // off the list keeps its words (`<math><b>x</b>`: gumbo 0.10 reads that <b> as
      // MathML; a <foreignObject>'s paragraphs), except data that is never shown: another
      // form of the formula, a drawing's metadata.
      if (!root && written != "annotation-xml" && written != "metadata") keep_text_of(node);
      return;
    }
    if (depth_ >= kMaxDepth) {
      stack_.push_back(Frame{&element.children, 0, nullptr});
      return;
    }
    std::vector<HtmlAttribute> attributes = foreign_attributes(element, svg, name);
    if (root) {
      attributes.insert(attributes.begin(),
                        HtmlAttribute{"xmlns", std::string(svg ? kSvgNamespace : kMathNamespace)});
    }
    append_start_tag(result_.html, name, attributes);
    if (name == "annotation") {
      // Text only (a TeX source, say); never markup.
      for (unsigned i = 0; i < element.children.length; ++i) {
        const GumboNode* child = child_at(element.children, i);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
            child->type == GUMBO_NODE_CDATA) {
          append_escaped_text(result_.html, child->v.text.text);
        } else if (child->type == GUMBO_NODE_ELEMENT) {
          ++result_.removed_elements;
        }
      }
      append_end_tag(result_.html, name);
      return;
    }
    stack_.push_back(Frame{&element.children, 0, name.data()});  // a NUL-terminated literal
    ++depth_;
  }

  std::vector<HtmlAttribute> foreign_attributes(const GumboElement& element, bool svg,
                                                std::string_view tag) {
    std::vector<HtmlAttribute> kept;
    bool xlink = false;
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      const std::string_view local = attribute->name;
      if (attribute->attr_namespace == GUMBO_ATTR_NAMESPACE_XMLNS || local == "xmlns" ||
          local.starts_with("xmlns:")) {
        continue;  // the namespaces are written where they are needed
      }
      std::optional<HtmlAttribute> written = foreign_attribute(*attribute, svg, tag);
      const bool repeated =
          written && std::any_of(kept.begin(), kept.end(), [&](const HtmlAttribute& other) {
            return other.name == written->name;  // href and xlink:href: one link
          });
      if (!written || repeated) {
        ++result_.removed_attributes;
        continue;
      }
      xlink = xlink || written->name.starts_with("xlink:");
      kept.push_back(std::move(*written));
    }
    if (xlink) kept.push_back(HtmlAttribute{"xmlns:xlink", std::string(kXlinkNamespace)});
    return kept;
  }

  // One attribute of an SVG or MathML element as written, nullopt to drop it. An SVG link
  // is written xlink:href, which every SVG renderer reads.
  std::optional<HtmlAttribute> foreign_attribute(const GumboAttribute& attribute, bool svg,
                                                 std::string_view tag) const {
    std::string name = to_ascii_lower(attribute.name);
    if (attribute.attr_namespace == GUMBO_ATTR_NAMESPACE_XLINK) name = "xlink:" + name;
    if (attribute.attr_namespace == GUMBO_ATTR_NAMESPACE_XML) name = "xml:" + name;
    const std::string_view value = attribute.value;
    if (name == "href" || name == "xlink:href") {
      if (!svg) {
        std::optional<std::string> url = safe_url(value, base_url_, UrlContext::link);
        if (!url) return std::nullopt;
        return HtmlAttribute{name, std::move(*url)};
      }
      std::optional<std::string> url;
      if (tag == "a") {
        url = safe_url(value, base_url_, UrlContext::link);
      } else if (is_one_of(tag,
                           {"textPath", "linearGradient", "radialGradient", "pattern", "use"})) {
        url = fragment_reference(value);
      }
      if (!url) return std::nullopt;
      return HtmlAttribute{"xlink:href", std::move(*url)};
    }
    // xlink:show="new" would open a window, like the target attribute dropped from <a>.
    if (name == "xlink:type") {
      if (value != "simple") return std::nullopt;
      return HtmlAttribute{name, std::string(value)};
    }
    if (name == "xlink:show") {
      if (value != "replace") return std::nullopt;
      return HtmlAttribute{name, std::string(value)};
    }
    if (name == "xlink:title") return HtmlAttribute{name, std::string(value)};
    if (name == "id") {
      std::optional<std::string> id = svg ? prefixed_id(value) : std::nullopt;
      if (!id) return std::nullopt;
      return HtmlAttribute{name, std::move(*id)};
    }
    const std::string_view spelled = svg ? svg_attribute_name(name) : math_attribute_name(name);
    if (spelled.empty()) return std::nullopt;
    std::optional<std::string> kept = presentation_value(value);
    if (!kept) return std::nullopt;
    return HtmlAttribute{std::string(spelled), std::move(*kept)};
  }

  std::vector<HtmlAttribute> filter_attributes(const GumboElement& element) {
    std::vector<HtmlAttribute> kept;
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      std::optional<std::string> value = filter_value(element.tag, *attribute);
      if (value) {
        kept.push_back(HtmlAttribute{attribute->name, std::move(*value)});
      } else {
        ++result_.removed_attributes;
      }
    }
    return kept;
  }

  // The value to write for one attribute, nullopt to drop it.
  std::optional<std::string> filter_value(GumboTag tag, const GumboAttribute& attribute) {
    const std::optional<ValueRule> rule = attribute_rule(tag, attribute.name);
    if (!rule) return std::nullopt;
    switch (*rule) {
      case ValueRule::text:
        return std::string(attribute.value);
      case ValueRule::link_url:
        return safe_url(attribute.value, base_url_, UrlContext::link);
      case ValueRule::media_url:
        return safe_url(attribute.value, base_url_, UrlContext::media);
      case ValueRule::fragment_ref:
        if (attribute.value[0] != '#') return std::nullopt;  // a C string: "" ends at [0]
        return std::string(attribute.value);
    }
    return std::nullopt;
  }

  // A dropped <iframe>'s content is what a browser without frames shows (HTML5 gives it as
  // text): parsed as a fragment and sanitized in its place. One level only: an iframe in
  // that fallback is just dropped (bounded work whatever the input).
  void write_iframe_fallback(const GumboElement& iframe) {
    if (in_fallback_) return;
    std::string text;
    for (unsigned i = 0; i < iframe.children.length; ++i) {
      const GumboNode* child = child_at(iframe.children, i);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
        text += child->v.text.text;
      }
    }
    if (text.empty()) return;
    const PreparedInput prepared(text);
    result_.nesting_limited = result_.nesting_limited || prepared.nesting_limited;
    if (prepared.input.empty()) return;
    const ParsedFragment fragment(prepared.input);
    if (fragment.root() == nullptr) return;
    Sanitizer fallback(base_url_, options_, result_);
    fallback.in_fallback_ = true;
    fallback.depth_ = depth_;  // the limit holds for the whole output
    fallback.run(*fragment.root());
  }

  // A <video>/<audio> is kept only when it can play something over http(s).
  bool has_playable_source(const GumboNode& media) const {
    if (safe_media_src(media.v.element, base_url_)) return true;
    const GumboVector& children = media.v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const GumboNode* child = child_at(children, i);
      if (is_html_element(child, GUMBO_TAG_SOURCE) && safe_media_src(child->v.element, base_url_)) {
        return true;
      }
    }
    return false;
  }

  // An <iframe> from an allowed host, written with a fixed set of attributes and no
  // content; false (nothing written) for any other.
  bool write_allowed_iframe(const GumboElement& element) {
    if (options_.iframe_hosts.empty()) return false;
    const std::optional<std::string> src = safe_media_src(element, base_url_);
    if (!src) return false;
    const std::optional<std::string> host = url_host(*src);
    if (!host) return false;
    if (!is_allowed_iframe_host(*host, options_.iframe_hosts)) return false;
    std::vector<HtmlAttribute> attributes{{"src", *src}};
    for (const char* name : {"width", "height", "title"}) {
      if (const GumboAttribute* attribute = find_attribute(element, name)) {
        attributes.push_back({name, attribute->value});
      }
    }
    if (find_attribute(element, "allowfullscreen") != nullptr) {
      attributes.push_back({"allowfullscreen", ""});
    }
    attributes.push_back({"sandbox", "allow-scripts allow-same-origin allow-presentation"});
    attributes.push_back({"loading", "lazy"});
    attributes.push_back({"referrerpolicy", "strict-origin-when-cross-origin"});
    append_start_tag(result_.html, "iframe", attributes);
    append_end_tag(result_.html, "iframe");
    return true;
  }

  // <img>: src chosen by image_src (written first when the source had no src), srcset made
  // safe, the lazy-loading attributes consumed, referrerpolicy="no-referrer" last. An <img>
  // with no usable src but an alt text is kept without a src, since HTML5 reads it as that
  // text (not listed in `images`); with no alt text either it stands for nothing and goes.
  void write_image(const GumboNode& node) {
    const GumboElement& element = node.v.element;
    const std::optional<std::string> src = image_src(node, base_url_);
    if ((src && is_tracking_pixel(element)) || (!src && !has_alt_text(element))) {
      ++result_.removed_elements;
      return;
    }
    // <img data-src=x …><noscript><img src=x></noscript>: the same picture once.
    if (src && is_inside_noscript(node) &&
        std::any_of(result_.images.begin(), result_.images.end(),
                    [&](const Image& image) { return image.url == *src; })) {
      ++result_.removed_elements;
      return;
    }
    std::optional<std::string> srcset;
    if (auto offered = offered_srcset(element)) srcset = safe_srcset(*offered, base_url_);
    const bool has_srcset_attribute = find_attribute(element, "srcset") != nullptr;
    const bool writes_srcset = srcset.has_value();

    std::vector<HtmlAttribute> attributes;
    if (src && find_attribute(element, "src") == nullptr) attributes.push_back({"src", *src});
    std::optional<std::string> alt;
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      const std::string_view name = attribute->name;
      const bool is_lazy_srcset = is_one_of(name, {kLazySrcset[0], kLazySrcset[1]});
      if (name == "src") {
        if (src) {
          attributes.push_back({"src", *src});
        } else {
          ++result_.removed_attributes;
        }
      } else if (name == "srcset" || (is_lazy_srcset && !has_srcset_attribute)) {
        if (srcset) {
          attributes.push_back({"srcset", *srcset});
          srcset.reset();  // written once, where it first appears
        } else if (name == "srcset") {
          ++result_.removed_attributes;
        }
      } else if (name == "sizes") {
        if (writes_srcset) attributes.push_back({"sizes", attribute->value});
      } else if (is_lazy_srcset || name == "referrerpolicy" ||
                 std::find(kLazySrc.begin(), kLazySrc.end(), name) != kLazySrc.end()) {
        // Consumed above or replaced below.
      } else if (std::optional<std::string> value = filter_value(element.tag, *attribute)) {
        if (name == "alt" && !value->empty()) alt = *value;
        attributes.push_back({attribute->name, std::move(*value)});
      } else {
        ++result_.removed_attributes;
      }
    }
    attributes.push_back({"referrerpolicy", "no-referrer"});
    append_start_tag(result_.html, "img", attributes);
    if (src) result_.images.push_back(Image{*src, std::move(alt), figure_caption(node)});
  }

  std::string_view base_url_;
  const SanitizeOptions& options_;
  SanitizeResult& result_;
  std::vector<Frame> stack_;
  std::optional<std::size_t> pending_mtext_;  // the text-only frame whose <mtext> waits for a word
  std::size_t depth_ = 0;                     // elements written and not yet closed
  bool in_fallback_ = false;                  // sanitizing an iframe's fallback content
};

}  // namespace

SanitizeResult sanitize_html(std::string_view html, std::string_view base_url,
                             const SanitizeOptions& options) {
  SanitizeResult result;
  if (html.empty()) return result;
  result.html.reserve(html.size() + html.size() / 8);
  if (options.simple_fast_path) {
    if (const auto simple = parse_simple_fragment(html)) {
      Sanitizer(base_url, options, result).run(*simple->root());
      return result;
    }
  }
  const PreparedInput prepared(html);
  result.nesting_limited = prepared.nesting_limited;
  if (prepared.input.empty()) return result;
  const ParsedFragment fragment(prepared.input);
  if (fragment.root() == nullptr) return result;
  Sanitizer(base_url, options, result).run(*fragment.root());
  return result;
}

}  // namespace feedarchiver::normalize
