#include "feedarchiver/extract/xpath_dom.hpp"

#include <algorithm>

namespace feedarchiver::extract {

namespace {

std::string trimmed(std::string text) {
  std::string out;
  append_collapsed(out, text);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

XPathDom::XPathDom(const Dom& dom) : dom_(dom) {
  std::vector<pugi::xml_node> copies(static_cast<std::size_t>(dom.size()));
  for (NodeId id = 0; id < dom.size(); ++id) {
    const DomNode& node = dom.node(id);
    pugi::xml_node parent = document_;
    if (node.parent != kNoNode) {
      parent = copies[static_cast<std::size_t>(node.parent)];
      if (!parent) continue;  // inside something not copied
    }
    if (node.kind == DomNode::Kind::element && node.tag == "#document") {
      copies[static_cast<std::size_t>(id)] = document_;  // "/html/body" starts here
    } else if (node.kind == DomNode::Kind::element) {
      const std::string tag = node.tag.empty() ? std::string("unknown") : std::string(node.tag);
      pugi::xml_node element = parent.append_child(tag.c_str());
      for (const auto& [name, value] : dom.attributes(id)) {
        element.append_attribute(std::string(name).c_str()).set_value(std::string(value).c_str());
      }
      copies[static_cast<std::size_t>(id)] = element;
      ids_.emplace(element.internal_object(), id);
    } else if (node.kind == DomNode::Kind::text) {
      parent.append_child(pugi::node_pcdata).set_value(std::string(node.text).c_str());
    }
  }
}

std::optional<NodeId> XPathDom::id_of(pugi::xml_node node) const {
  while (node && node.type() != pugi::node_element) node = node.parent();
  if (!node) return std::nullopt;
  const auto found = ids_.find(node.internal_object());
  if (found == ids_.end()) return std::nullopt;
  return found->second;
}

std::vector<NodeId> XPathDom::select(const std::string& xpath) const {
  std::vector<NodeId> ids;
  try {
    for (const pugi::xpath_node& found : document_.select_nodes(xpath.c_str())) {
      const pugi::xml_node node = found.attribute() ? found.parent() : found.node();
      if (const auto id = id_of(node)) ids.push_back(*id);
    }
  } catch (const pugi::xpath_exception&) {
    return {};
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::optional<std::string> XPathDom::first_text(const std::string& xpath) const {
  try {
    const pugi::xpath_query query(xpath.c_str());
    if (!query) return std::nullopt;
    if (query.return_type() != pugi::xpath_type_node_set) {
      // substring-before(//title, ' - '), concat(...), normalize-space(...): a value.
      std::string text = trimmed(query.evaluate_string(document_));
      if (text.empty()) return std::nullopt;
      return text;
    }
    for (const pugi::xpath_node& found : document_.select_nodes(query)) {
      std::string text;
      if (found.attribute()) {
        text = trimmed(found.attribute().value());
      } else if (found.node().type() == pugi::node_element) {
        if (const auto id = id_of(found.node())) text = dom_.text_of(*id);
      } else {
        text = trimmed(found.node().value());
      }
      if (!text.empty()) return text;
    }
  } catch (const pugi::xpath_exception&) {
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace feedarchiver::extract
