#include "feedarchiver/extract/article_writer.hpp"

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/html_serializer.hpp"

namespace feedarchiver::extract {

namespace {

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), text) != names.end();
}

bool is_block(std::string_view tag) {
  return is_one_of(
      tag,
      {"address", "article", "aside",   "blockquote", "br",       "caption",    "dd",     "details",
       "dialog",  "div",     "dl",      "dt",         "fieldset", "figcaption", "figure", "footer",
       "form",    "h1",      "h2",      "h3",         "h4",       "h5",         "h6",     "header",
       "hgroup",  "hr",      "legend",  "li",         "main",     "nav",        "ol",     "p",
       "pre",     "section", "summary", "table",      "tbody",    "td",         "tfoot",  "th",
       "thead",   "tr",      "ul",      "body"});
}

// Names we are willing to write as they are (the sanitizer decides what stays).
bool is_plain_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':';
    if (!ok) return false;
  }
  return true;
}

int pixels(const Dom& dom, NodeId id, std::string_view name) {
  const auto value = dom.attribute(id, name);
  if (!value || value->empty() || value->size() > 6) return -1;
  int number = 0;
  for (char c : *value) {
    if (c < '0' || c > '9') break;
    number = number * 10 + (c - '0');
  }
  return number;
}

bool is_tracker(const Dom& dom, NodeId img) {
  const int width = pixels(dom, img, "width");
  const int height = pixels(dom, img, "height");
  return (width >= 0 && width <= 1 && height >= 0 && height <= 1) ||
         (width >= 0 && width <= 1 && height < 0) || (height >= 0 && height <= 1 && width < 0);
}

// A src that only stands in until a script swaps the real image in.
bool is_placeholder(std::string_view src) {
  std::string lower(src);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (lower.rfind("data:", 0) == 0) return true;
  for (std::string_view marker :
       {"placeholder", "blank.", "spacer", "1x1", "pixel.gif", "transparent.", "lazy", "loading.",
        "grey.gif", "gray.gif", "empty.gif"}) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  return false;
}

bool has_real_src(const Dom& dom, NodeId img) {
  for (const char* name :
       {"src", "data-src", "data-original", "data-lazy-src", "srcset", "data-srcset"}) {
    const auto value = dom.attribute(img, name);
    if (value && !value->empty() && !is_placeholder(*value)) return true;
  }
  return false;
}

// The <img> inside the <noscript> right after `img`, if any.
NodeId noscript_fallback(const Dom& dom, NodeId img) {
  for (NodeId next = dom.node(img).next_sibling; next != kNoNode;
       next = dom.node(next).next_sibling) {
    const DomNode& node = dom.node(next);
    if (node.kind == DomNode::Kind::text) {
      if (trim_xml_space(node.text).empty()) continue;
      return kNoNode;
    }
    if (node.kind != DomNode::Kind::element || node.tag != "noscript") return kNoNode;
    for (NodeId inner = next + 1; inner < node.end; ++inner) {
      if (dom.is_element(inner, "img")) return inner;
    }
    return kNoNode;
  }
  return kNoNode;
}

void write_start_tag(std::string& out, const Dom& dom, NodeId id, std::string_view tag) {
  std::vector<HtmlAttribute> attributes;
  for (const auto& [name, value] : dom.attributes(id)) {
    if (is_plain_name(name)) attributes.push_back({std::string(name), std::string(value)});
  }
  append_start_tag(out, tag, attributes);
}

}  // namespace

std::string tidy_text(std::string_view text) {
  std::string out;
  std::string line;
  const auto flush = [&] {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (!line.empty()) {
      if (!out.empty()) out += '\n';
      out += line;
    }
    line.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t newline = text.find('\n', start);
    append_collapsed(line, text.substr(start, newline - start));
    flush();
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  return out;
}

ArticleMarkup write_article(const Dom& dom, const ContentSelection& selection) {
  ArticleMarkup markup;
  std::string& html = markup.html;
  std::string text;
  const bool wrap = selection.roots.size() != 1;
  if (wrap) html += "<div>";
  struct Frame {
    NodeId next;               // next child to visit
    std::string_view end_tag;  // written when the frame is done ("" for none)
    bool block;
  };
  const auto removed = [&](NodeId id) {
    return static_cast<std::size_t>(id) < selection.removed.size() &&
           selection.removed[static_cast<std::size_t>(id)] != 0;
  };
  for (NodeId root : selection.roots) {
    std::vector<Frame> stack;
    const DomNode& root_node = dom.node(root);
    const bool root_is_body =
        root_node.tag == "body" || root_node.tag == "html" || root_node.tag == "#document";
    if (root_node.kind == DomNode::Kind::text) {
      append_escaped_text(html, root_node.text);
      text += root_node.text;
      continue;
    }
    if (root_is_body) {
      stack.push_back({root_node.first_child, {}, true});
    } else {
      write_start_tag(html, dom, root, root_node.tag);
      stack.push_back({root_node.first_child, root_node.tag, true});
      text += '\n';
    }
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next == kNoNode) {
        if (!frame.end_tag.empty()) append_end_tag(html, frame.end_tag);
        if (frame.block) text += '\n';
        stack.pop_back();
        continue;
      }
      const NodeId id = frame.next;
      frame.next = dom.node(id).next_sibling;
      const DomNode& node = dom.node(id);
      if (node.kind == DomNode::Kind::text) {
        append_escaped_text(html, node.text);
        text += node.text;
        continue;
      }
      if (node.kind != DomNode::Kind::element || removed(id)) continue;
      if (node.tag == "img") {
        if (is_tracker(dom, id)) continue;
        NodeId source = id;
        if (!has_real_src(dom, id)) {
          if (const NodeId fallback = noscript_fallback(dom, id); fallback != kNoNode) {
            source = fallback;
          }
        }
        write_start_tag(html, dom, source, "img");
        continue;
      }
      const bool block = is_block(node.tag);
      if (block) text += '\n';
      if (!is_plain_name(node.tag)) {  // write its content only
        stack.push_back({node.first_child, {}, block});
        continue;
      }
      write_start_tag(html, dom, id, node.tag);
      if (is_void_element(node.tag)) {
        if (block) text += '\n';
        continue;
      }
      stack.push_back({node.first_child, node.tag, block});
    }
  }
  if (wrap) html += "</div>";
  markup.text = tidy_text(text);
  return markup;
}

}  // namespace feedarchiver::extract
