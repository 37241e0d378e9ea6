#include "feedarchiver/extract/dom.hpp"

#include <gumbo.h>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/normalize/character_references.hpp"
#include "feedarchiver/normalize/nesting_limit.hpp"

namespace feedarchiver::extract {

namespace {

// Deeper elements are unwrapped before gumbo sees them (gumbo slows down on deep trees).
constexpr std::size_t kMaxDepth = 400;
// Gumbo counts positions in unsigned ints.
constexpr std::size_t kMaxInputBytes = 1u << 30;

}  // namespace

void append_collapsed(std::string& out, std::string_view text) {
  for (char c : text) {
    if (!is_html_space(c)) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
}

Dom::Dom(std::string_view html) {
  if (html.size() > kMaxInputBytes) html = html.substr(0, kMaxInputBytes);
  const std::optional<std::string> referenced = normalize::replace_out_of_range_references(html);
  if (referenced) html = *referenced;
  std::optional<std::string> limited =
      normalize::limit_nesting(html, kMaxDepth, normalize::ScriptText::drop);
  source_ = limited ? std::move(*limited) : std::string(html);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  output_ = gumbo_parse_with_options(&options, source_.data(), source_.size());
  if (output_ != nullptr) flatten(output_->root);
}

Dom::~Dom() {
  if (output_ != nullptr) gumbo_destroy_output(&kGumboDefaultOptions, output_);
}

void Dom::flatten(const GumboNode* root) {
  // Pre-order with an explicit stack: (gumbo node, parent id, previous sibling id slot).
  struct Pending {
    const GumboNode* node;
    NodeId parent;
  };
  std::vector<Pending> stack{{root, kNoNode}};
  std::vector<NodeId> last_child;  // per node: its last child so far
  nodes_.reserve(1024);
  while (!stack.empty()) {
    const Pending pending = stack.back();
    stack.pop_back();
    const GumboNode* gnode = pending.node;
    DomNode node;
    node.parent = pending.parent;
    node.gumbo = gnode;
    switch (gnode->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& element = gnode->v.element;
        if (element.tag == GUMBO_TAG_UNKNOWN) {
          GumboStringPiece piece = element.original_tag;
          if (piece.data != nullptr && piece.length > 0) gumbo_tag_from_original_text(&piece);
          unknown_tags_.push_back(piece.data != nullptr ? to_ascii_lower({piece.data, piece.length})
                                                        : std::string());
          node.tag = unknown_tags_.back();
        } else {
          node.tag = gumbo_normalized_tagname(element.tag);
        }
        if (element.tag_namespace == GUMBO_NAMESPACE_SVG) node.tag = "svg";
        if (element.tag_namespace == GUMBO_NAMESPACE_MATHML) node.tag = "math";
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        node.kind = DomNode::Kind::text;
        node.text = gnode->v.text.text;
        break;
      case GUMBO_NODE_COMMENT:
        node.kind = DomNode::Kind::comment;
        node.text = gnode->v.text.text;
        break;
      case GUMBO_NODE_DOCUMENT:
        node.tag = "#document";
        break;
    }
    const auto id = static_cast<NodeId>(nodes_.size());
    nodes_.push_back(node);
    last_child.push_back(kNoNode);
    if (pending.parent != kNoNode) {
      const auto parent = static_cast<std::size_t>(pending.parent);
      if (last_child[parent] == kNoNode) {
        nodes_[parent].first_child = id;
      } else {
        nodes_[static_cast<std::size_t>(last_child[parent])].next_sibling = id;
      }
      last_child[parent] = id;
    }
    if (node.tag == "html" && html_ == kNoNode) html_ = id;
    if (node.tag == "head" && head_ == kNoNode) head_ = id;
    if (node.tag == "body" && body_ == kNoNode) body_ = id;
    const GumboVector* children = nullptr;
    if (gnode->type == GUMBO_NODE_DOCUMENT) children = &gnode->v.document.children;
    if (gnode->type == GUMBO_NODE_ELEMENT || gnode->type == GUMBO_NODE_TEMPLATE) {
      children = &gnode->v.element.children;
    }
    if (children != nullptr) {
      for (unsigned i = children->length; i-- > 0;) {
        stack.push_back({static_cast<const GumboNode*>(children->data[i]), id});
      }
    }
  }
  // Subtree ends: a node's subtree ends where its next sibling (or an ancestor's) begins.
  const NodeId count = size();
  for (NodeId id = count - 1; id >= 0; --id) {
    DomNode& node = nodes_[static_cast<std::size_t>(id)];
    node.end = id + 1;
    for (NodeId child = node.first_child; child != kNoNode;) {
      const DomNode& c = nodes_[static_cast<std::size_t>(child)];
      node.end = c.end;
      child = c.next_sibling;
    }
  }
}

std::optional<std::string_view> Dom::attribute(NodeId id, std::string_view name) const {
  const DomNode& n = node(id);
  if (n.kind != DomNode::Kind::element || n.gumbo == nullptr) return std::nullopt;
  const GumboNode* gnode = n.gumbo;
  if (gnode->type != GUMBO_NODE_ELEMENT && gnode->type != GUMBO_NODE_TEMPLATE) return std::nullopt;
  const GumboVector& attributes = gnode->v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(attributes.data[i]);
    if (name == attribute->name) return std::string_view(attribute->value);
  }
  return std::nullopt;
}

std::vector<std::pair<std::string_view, std::string_view>> Dom::attributes(NodeId id) const {
  std::vector<std::pair<std::string_view, std::string_view>> result;
  const DomNode& n = node(id);
  if (n.kind != DomNode::Kind::element || n.gumbo == nullptr) return result;
  const GumboNode* gnode = n.gumbo;
  if (gnode->type != GUMBO_NODE_ELEMENT && gnode->type != GUMBO_NODE_TEMPLATE) return result;
  const GumboVector& attributes = gnode->v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(attributes.data[i]);
    result.emplace_back(attribute->name, attribute->value);
  }
  return result;
}

bool Dom::is_element(NodeId id, std::string_view tag) const {
  if (id < 0 || id >= size()) return false;
  const DomNode& n = node(id);
  return n.kind == DomNode::Kind::element && n.tag == tag;
}

std::string Dom::text_of(NodeId id) const {
  std::string text;
  for (NodeId i = id; i < node(id).end;) {
    const DomNode& n = node(i);
    if (n.kind == DomNode::Kind::element &&
        (n.tag == "script" || n.tag == "style" || n.tag == "template" || n.tag == "noscript") &&
        i != id) {
      i = n.end;
      continue;
    }
    if (n.kind == DomNode::Kind::text) append_collapsed(text, n.text);
    ++i;
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace feedarchiver::extract
