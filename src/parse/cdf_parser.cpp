#include "feedarchiver/parse/cdf_parser.hpp"

#include <cctype>
#include <string_view>

#include "feedarchiver/parse/html_text.hpp"
#include "feedarchiver/parse/item_fields.hpp"
#include "feedarchiver/parse/item_limit.hpp"
#include "feedarchiver/parse/xml_node.hpp"

namespace feedarchiver::parse {
namespace {

// CDF's element and attribute names are upper case in the documents of the time; HTML-like,
// they are read in any case.
bool name_is(std::string_view name, std::string_view upper) {
  if (name.size() != upper.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(name[i])) != upper[i]) return false;
  }
  return true;
}

pugi::xml_node child_named(pugi::xml_node parent, std::string_view upper) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && name_is(child.name(), upper)) return child;
  }
  return {};
}

std::string_view attribute(pugi::xml_node node, std::string_view upper) {
  for (pugi::xml_attribute attr : node.attributes()) {
    if (name_is(attr.name(), upper)) return attr.value();
  }
  return {};
}

std::optional<std::string> title_of(pugi::xml_node node) {
  pugi::xml_node title = child_named(node, "TITLE");
  return present_text(title, html_to_text(element_html(title)));
}

// ABSTRACT is plain text.
std::optional<std::string> abstract_of(pugi::xml_node node) {
  pugi::xml_node abstract = child_named(node, "ABSTRACT");
  return present_text(abstract, collapse_whitespace(own_text(abstract)));
}

Item read_item(pugi::xml_node node, std::size_t index, const std::string& base,
               std::vector<std::string>& warnings, const DateOptions& dates) {
  Item item;
  item.title = title_of(node);
  item.url = resolve_link(base, attribute(node, "HREF"));
  if (std::optional<std::string> abstract = abstract_of(node)) {
    item.summary_html = escape_html(*abstract);
  }
  item.updated =
      parse_date_field(attribute(node, "LASTMOD"), describe_item(index, item), warnings, dates);
  return item;
}

}  // namespace

bool is_cdf_root(pugi::xml_node root) {
  if (root.type() != pugi::node_element || !name_is(root.name(), "CHANNEL")) return false;
  // <channel> in lower case is RSS without its <rss>, unless it has CDF's attributes.
  return std::string_view(root.name()) == "CHANNEL" || !attribute(root, "HREF").empty() ||
         !attribute(root, "LASTMOD").empty() || child_named(root, "ABSTRACT");
}

Feed parse_cdf(pugi::xml_node root, const std::string& base_url, const DateOptions& dates) {
  Feed feed;
  FeedMeta& meta = feed.meta;
  meta.format = FeedFormat::rss09x;  // spec.md has no cdf: the RSS 0.9x family
  meta.title = title_of(root);
  meta.description = abstract_of(root);
  meta.url = resolve_link(base_url, attribute(root, "HREF"));
  meta.updated = parse_date_field(attribute(root, "LASTMOD"), "feed", feed.warnings, dates);
  meta.image = resolve_link(base_url, attribute(child_named(root, "LOGO"), "HREF"));
  if (!base_url.empty()) meta.feed_url = base_url;

  // Items in document order, nested channels included; walked without recursion.
  pugi::xml_node node = root.first_child();
  while (node) {
    if (node.type() == pugi::node_element && name_is(node.name(), "ITEM")) {
      if (!room_for_item(feed)) return feed;
      feed.items.push_back(read_item(node, feed.items.size() + 1, base_url, feed.warnings, dates));
    } else if (node.type() == pugi::node_element && name_is(node.name(), "CHANNEL") &&
               node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (!node.next_sibling() && node.parent() != root) node = node.parent();
    node = node.next_sibling();
  }
  return feed;
}

}  // namespace feedarchiver::parse
