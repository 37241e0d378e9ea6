#pragma once
// A pugixml copy of a page's Dom (elements, attributes, text) so that site rules run on
// pugixml's XPath 1.0 engine; every copied element remembers its Dom NodeId. Built only
// when a page has rules.

#include <optional>
#include <pugixml.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "feedarchiver/extract/dom.hpp"

namespace feedarchiver::extract {

class XPathDom {
 public:
  explicit XPathDom(const Dom& dom);

  /// The elements `xpath` selects, in document order, without duplicates; an attribute or a
  /// text node selects its element. An XPath that does not evaluate selects nothing.
  std::vector<NodeId> select(const std::string& xpath) const;

  /// The first non-blank value `xpath` selects: an attribute's value, a text node's text,
  /// an element's text (whitespace collapsed); nullopt when there is none.
  std::optional<std::string> first_text(const std::string& xpath) const;

 private:
  std::optional<NodeId> id_of(pugi::xml_node node) const;

  const Dom& dom_;
  pugi::xml_document document_;
  std::unordered_map<const void*, NodeId> ids_;
};

}  // namespace feedarchiver::extract
