#pragma once
// A whole HTML page parsed by gumbo, flattened into a vector of nodes in document order so
// that the extractor can keep per-node data (scores, removals) in plain arrays and walk any
// subtree as a contiguous range, without recursion.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct GumboInternalNode;
struct GumboInternalOutput;

namespace feedarchiver::extract {

using NodeId = std::int32_t;
constexpr NodeId kNoNode = -1;

struct DomNode {
  enum class Kind : std::uint8_t { element, text, comment };
  Kind kind = Kind::element;
  std::string_view tag;   // lower-case element name ("div", "picture"); empty for text
  std::string_view text;  // text and comment nodes: the decoded text
  NodeId parent = kNoNode;
  NodeId first_child = kNoNode;
  NodeId next_sibling = kNoNode;
  NodeId end = 0;  // one past the last node of this subtree (pre-order)
  const GumboInternalNode* gumbo = nullptr;
};

class Dom {
 public:
  /// Parses a whole document (UTF-8). Never fails: any input gives some tree. Keeps a copy
  /// of `html` alive for gumbo.
  explicit Dom(std::string_view html);
  ~Dom();
  Dom(const Dom&) = delete;
  Dom& operator=(const Dom&) = delete;

  const std::vector<DomNode>& nodes() const { return nodes_; }
  const DomNode& node(NodeId id) const { return nodes_[static_cast<std::size_t>(id)]; }
  NodeId size() const { return static_cast<NodeId>(nodes_.size()); }
  /// The <html>, <head> and <body> elements (kNoNode when missing).
  NodeId html() const { return html_; }
  NodeId head() const { return head_; }
  NodeId body() const { return body_; }

  /// An attribute's value (names are lower-case), nullopt when absent.
  std::optional<std::string_view> attribute(NodeId id, std::string_view name) const;
  /// Every attribute of an element, in source order.
  std::vector<std::pair<std::string_view, std::string_view>> attributes(NodeId id) const;
  bool is_element(NodeId id, std::string_view tag) const;
  /// The text of a subtree (script, style, template and comments left out), whitespace
  /// collapsed to single spaces and trimmed.
  std::string text_of(NodeId id) const;

 private:
  void flatten(const GumboInternalNode* root);

  std::string source_;
  GumboInternalOutput* output_ = nullptr;
  std::vector<DomNode> nodes_;
  std::deque<std::string> unknown_tags_;  // owned names of elements gumbo does not know
  NodeId html_ = kNoNode;
  NodeId head_ = kNoNode;
  NodeId body_ = kNoNode;
};

/// Appends `text` to `out`, runs of whitespace as one space (none at the start of `out`).
void append_collapsed(std::string& out, std::string_view text);

}  // namespace feedarchiver::extract
