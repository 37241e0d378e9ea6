#include "feedarchiver/parse/xml_node.hpp"

#include "feedarchiver/html_serializer.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::parse {
namespace {

struct KnownNamespace {
  std::string_view uri;  // without a trailing '/', scheme folded to http
  Ns ns;
};

constexpr std::array<KnownNamespace, 23> kNamespaces = {{
    {"", Ns::none},
    {"http://www.w3.org/2005/Atom", Ns::atom1},
    {"http://purl.org/atom/ns#", Ns::atom03},
    {"http://purl.org/rss/1.0", Ns::rss},
    {"http://purl.org/rss/2.0", Ns::rss},
    {"http://purl.org/net/rss1.1#", Ns::rss},
    {"http://my.netscape.com/rdf/simple/0.9", Ns::rss},
    {"http://channel.netscape.com/rdf/simple/0.9", Ns::rss},
    {"http://backend.userland.com/rss2", Ns::rss},
    {"http://backend.userland.com/rss", Ns::rss},
    {"http://backend.userland.com/rss2.1", Ns::rss},  // UserLand's and Harvard's RSS 2.x
    {"http://blogs.law.harvard.edu/tech/rss", Ns::rss},
    {"http://purl.org/rss/1.0/modules/content", Ns::content},
    {"http://purl.org/dc/elements/1.1", Ns::dc},
    {"http://purl.org/dc/elements/1.0", Ns::dc},
    {"http://purl.org/dc/terms", Ns::dcterms},
    {"http://search.yahoo.com/mrss", Ns::media},
    {"http://video.search.yahoo.com/mrss", Ns::media},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", Ns::rdf},
    {"http://www.w3.org/1999/xhtml", Ns::xhtml},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", Ns::itunes},
    {"http://www.itunes.com/DTDs/Podcast-1.0.dtd", Ns::itunes},
    {"http://www.w3.org/XML/1998/namespace", Ns::other},
}};

// The RSS element names read without a namespace, as RSS spells them.
constexpr std::array<std::string_view, 22> kPlainRssNames = {
    "title",    "link",    "description", "item",          "channel",   "pubDate",
    "guid",     "author",  "category",    "enclosure",     "image",     "url",
    "language", "summary", "comments",    "source",        "copyright", "lastBuildDate",
    "fullitem", "body",    "webMaster",   "managingEditor"};

// Those of them spelled with an upper-case letter: the only names an all-lower-case
// spelling can need folding to (plain_rss_spelling's fast path).
constexpr std::array<std::string_view, 4> kCamelCaseRssNames = {"pubDate", "lastBuildDate",
                                                                "webMaster", "managingEditor"};

constexpr bool has_upper_case(std::string_view name) {
  for (const char c : name) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

static_assert(
    [] {
      std::size_t camel = 0;
      for (const std::string_view name : kPlainRssNames) {
        if (!has_upper_case(name)) continue;
        ++camel;
        if (std::find(kCamelCaseRssNames.begin(), kCamelCaseRssNames.end(), name) ==
            kCamelCaseRssNames.end()) {
          return false;
        }
      }
      return camel == kCamelCaseRssNames.size();
    }(),
    "kCamelCaseRssNames must list exactly the names of kPlainRssNames with an upper-case letter");

// Prefixes so common that an undeclared one still means the usual namespace.
struct KnownPrefix {
  std::string_view prefix;
  Ns ns;
};
constexpr std::array<KnownPrefix, 8> kPrefixes = {{{"atom", Ns::atom1},
                                                   {"itunes", Ns::itunes},
                                                   {"content", Ns::content},
                                                   {"dc", Ns::dc},
                                                   {"dcterms", Ns::dcterms},
                                                   {"media", Ns::media},
                                                   {"rdf", Ns::rdf},
                                                   {"xhtml", Ns::xhtml}}};

Ns classify(std::string_view uri) {
  // Compared as "https" folded to "http" and without a trailing '/', copying nothing.
  const bool https = uri.starts_with("https://");
  std::string_view rest = https ? uri.substr(5) : uri;  // after "https": "://..."
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  for (const KnownNamespace& known : kNamespaces) {
    if (https ? known.uri.starts_with("http") && known.uri.substr(4) == rest : known.uri == rest) {
      return known.ns;
    }
  }
  return Ns::other;
}

// The URI bound to `attribute_name` ("xmlns" or "xmlns:p") nearest `element`, if any.
std::optional<std::string_view> lookup_binding(pugi::xml_node element,
                                               const std::string& attribute_name) {
  for (pugi::xml_node node = element; node; node = node.parent()) {
    if (node.type() != pugi::node_element) continue;
    if (pugi::xml_attribute attribute = node.attribute(attribute_name.c_str())) {
      return std::string_view(attribute.value());
    }
  }
  return std::nullopt;
}

std::string_view strip_prefix(std::string_view name) {
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// True when `prefix` is bound to the XLink namespace at `element` (the nearest xmlns:prefix
// declaration on it or an ancestor).
bool is_xlink_prefix(pugi::xml_node element, std::string_view prefix) {
  const std::string declaration = "xmlns:" + std::string(prefix);
  for (pugi::xml_node node = element; node; node = node.parent()) {
    if (pugi::xml_attribute bound = node.attribute(declaration.c_str())) {
      return std::string_view(bound.value()) == "http://www.w3.org/1999/xlink";
    }
  }
  return false;
}

void open_tag(std::string& out, pugi::xml_node element) {
  std::vector<HtmlAttribute> attributes;
  for (pugi::xml_attribute attribute : element.attributes()) {
    std::string_view name = attribute.name();
    if (name == "xmlns" || name.rfind("xmlns:", 0) == 0) continue;
    if (name.rfind("xml:", 0) == 0 && name != "xml:lang") continue;
    const std::string_view local = strip_prefix(name);
    // XLink attributes keep the xlink: spelling that HTML5 reads in SVG and MathML.
    if (local.size() != name.size() &&
        is_xlink_prefix(element, name.substr(0, name.size() - local.size() - 1))) {
      attributes.push_back({"xlink:" + std::string(local), attribute.value()});
      continue;
    }
    attributes.push_back({std::string(local), attribute.value()});
  }
  append_start_tag(out, local_name(element), attributes);
}

void close_tag(std::string& out, pugi::xml_node element) {
  append_end_tag(out, local_name(element));
}

bool is_text(pugi::xml_node node) {
  return node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata;
}

// Visits the descendants of `root` in document order without recursion (feeds may nest
// arbitrarily deep): `enter` for each node, `leave` after an element's children.
template <typename Enter, typename Leave>
void walk(pugi::xml_node root, Enter enter, Leave leave) {
  pugi::xml_node node = root.first_child();
  while (node) {
    enter(node);
    if (node.type() == pugi::node_element && node.first_child()) {
      node = node.first_child();
      continue;
    }
    if (node.type() == pugi::node_element) leave(node);
    while (node != root && !node.next_sibling()) {
      node = node.parent();
      if (node == root) break;
      leave(node);
    }
    if (node == root) break;
    node = node.next_sibling();
  }
}

bool declares_namespace(pugi::xml_node element) {
  for (pugi::xml_attribute attribute = element.first_attribute(); attribute;
       attribute = attribute.next_attribute()) {
    if (std::string_view(attribute.name()).substr(0, 5) == "xmlns") return true;
  }
  return false;
}

}  // namespace

Ns namespace_of(pugi::xml_node element) {
  std::string_view name = element.name();
  std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) {
    auto uri = lookup_binding(element, "xmlns");
    return uri ? classify(*uri) : Ns::none;
  }
  std::string_view prefix = name.substr(0, colon);
  if (auto uri = lookup_binding(element, "xmlns:" + std::string(prefix))) return classify(*uri);
  for (const KnownPrefix& known : kPrefixes) {
    if (known.prefix == prefix) return known.ns;
  }
  return Ns::other;
}

std::string_view local_name(pugi::xml_node element) {
  return strip_prefix(element.name());
}

std::string_view plain_rss_spelling(std::string_view local) {
  // Nearly every name is spelled right already: only one with an upper-case letter, or a
  // camel-case name written in lower case, can need folding.
  if (!has_upper_case(local) && std::none_of(kCamelCaseRssNames.begin(), kCamelCaseRssNames.end(),
                                             [&](std::string_view name) {
                                               return name.size() == local.size() &&
                                                      equals_ignoring_ascii_case(name, local);
                                             })) {
    return local;
  }
  for (const std::string_view name : kPlainRssNames) {
    if (name.size() == local.size() && equals_ignoring_ascii_case(name, local)) return name;
  }
  return local;
}

bool is_element(pugi::xml_node node, Ns ns, std::string_view local) {
  if (node.type() != pugi::node_element) return false;
  const std::string_view name = local_name(node);
  if (name == local) {
    const Ns actual = namespace_of(node);
    return actual == ns || (ns == Ns::rss && actual == Ns::none);
  }
  // RSS without a namespace, as iTunes and other readers take it: <TiTlE>, <pubdate>.
  return ns == Ns::rss && equals_ignoring_ascii_case(name, local) &&
         namespace_of(node) == Ns::none && plain_rss_spelling(name) == local;
}

pugi::xml_node child_element(pugi::xml_node parent, Ns ns, std::string_view local) {
  for (pugi::xml_node child : parent.children()) {
    if (is_element(child, ns, local)) return child;
  }
  return {};
}

ChildIndex::ChildIndex(pugi::xml_node parent) {
  std::vector<std::pair<std::string_view, Ns>> resolved;
  index(parent, resolved);
}

ChildIndex::ChildIndex(pugi::xml_node parent, PrefixCache& cache) {
  if (declares_namespace(parent)) {  // its children see bindings its siblings' do not
    std::vector<std::pair<std::string_view, Ns>> resolved;
    index(parent, resolved);
    return;
  }
  if (cache.scope_ != parent.parent()) {
    cache.scope_ = parent.parent();
    cache.resolved_.clear();
  }
  index(parent, cache.resolved_);
}

void ChildIndex::index(pugi::xml_node parent,
                       std::vector<std::pair<std::string_view, Ns>>& resolved) {
  // Siblings that declare no namespace of their own resolve a prefix the same way: once.
  std::size_t elements = 0;  // counted first: one allocation for the entries
  for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
    elements += child.type() == pugi::node_element ? 1 : 0;
  }
  entries_.reserve(elements);
  resolved.reserve(8);
  for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = child.name();
    const std::size_t colon = name.find(':');
    const std::string_view prefix =
        colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
    const bool declares = declares_namespace(child);
    Ns ns = Ns::none;
    if (declares) {
      ns = namespace_of(child);
    } else {
      auto known = std::find_if(resolved.begin(), resolved.end(),
                                [&](const auto& entry) { return entry.first == prefix; });
      if (known == resolved.end()) {
        resolved.emplace_back(prefix, namespace_of(child));
        known = resolved.end() - 1;
      }
      ns = known->second;
    }
    std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
    if (ns == Ns::none) local = plain_rss_spelling(local);
    entries_.push_back(Entry{child, ns, local});
  }
}

pugi::xml_node ChildIndex::first(Ns ns, std::string_view local) const {
  for (const Entry& entry : entries_) {
    if (is(entry, ns, local)) return entry.node;
  }
  return {};
}

std::string own_text(pugi::xml_node element) {
  std::string out;
  for (pugi::xml_node child : element.children()) {
    if (is_text(child)) out += child.value();
  }
  return out;
}

std::string all_text(pugi::xml_node element) {
  std::string out;
  walk(
      element,
      [&](pugi::xml_node node) {
        if (is_text(node)) out += node.value();
      },
      [](pugi::xml_node) {});
  return out;
}

std::string inner_html(pugi::xml_node element) {
  std::string out;
  walk(
      element,
      [&](pugi::xml_node node) {
        if (node.type() == pugi::node_element) {
          open_tag(out, node);
        } else if (is_text(node)) {
          append_escaped_text(out, node.value());
        }
      },
      [&](pugi::xml_node node) { close_tag(out, node); });
  return out;
}

std::string element_html(pugi::xml_node element) {
  for (pugi::xml_node child : element.children()) {
    if (child.type() == pugi::node_element) return inner_html(element);
  }
  return own_text(element);
}

std::optional<std::string> xml_base_at(pugi::xml_node node, const std::string& document_base) {
  std::vector<std::string_view> bases;  // innermost first
  for (; node; node = node.parent()) {
    if (node.type() != pugi::node_element) continue;
    if (pugi::xml_attribute base = node.attribute("xml:base")) bases.push_back(base.value());
  }
  if (bases.empty()) return std::nullopt;
  // An xml:base that gives no http(s) URL (`https://host'`, or a relative one with nothing
  // to resolve it against) is skipped: the links under it resolve against the base outside
  // it, so they still become absolute, never stay relative to a base no one can use.
  std::string resolved = document_base;
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) {
    auto next = resolve_url(resolved, *it);
    if (next && is_http_url(*next)) resolved = std::move(*next);
  }
  return resolved;
}

std::string xml_lang_at(pugi::xml_node node) {
  for (; node; node = node.parent()) {
    if (node.type() != pugi::node_element) continue;
    if (pugi::xml_attribute lang = node.attribute("xml:lang")) return lang.value();
  }
  return {};
}

}  // namespace feedarchiver::parse
