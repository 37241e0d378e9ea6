#pragma once
// Namespace-aware access to pugixml elements (pugixml itself only sees prefixed names):
// prefixes are resolved through the xmlns attributes in scope, with the usual prefixes as a
// fallback when a feed forgets to declare them. Private to parse/.

#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace feedarchiver::parse {

/// The namespaces feeds use, with their historical spellings folded together.
enum class Ns { none, rss, atom1, atom03, content, dc, dcterms, media, rdf, xhtml, itunes, other };

/// The namespace of `element`'s name.
Ns namespace_of(pugi::xml_node element);

/// The name without its prefix.
std::string_view local_name(pugi::xml_node element);

/// An element name of RSS without a namespace spelled as RSS spells it ("TiTlE" → "title",
/// "pubdate" → "pubDate"), as iTunes and feed readers take those names whatever their
/// case; any other name unchanged. The result views static storage or `local`.
std::string_view plain_rss_spelling(std::string_view local);

/// True when `node` is an element named `local` in namespace `ns`. Ns::rss matches the RSS
/// 1.0 / 0.90 / userland namespaces and no namespace at all (plain RSS 2.0), where the
/// names of plain_rss_spelling match whatever their case.
bool is_element(pugi::xml_node node, Ns ns, std::string_view local);

/// The first child element named `local` in `ns`, or an empty node.
pugi::xml_node child_element(pugi::xml_node parent, Ns ns, std::string_view local);

/// Prefixes already resolved for the children of sibling elements that declare no namespace
/// of their own (the items of one channel, the entries of one feed): those children see the
/// same bindings, so each prefix is looked up once for all of them (see ChildIndex).
class PrefixCache {
 private:
  friend class ChildIndex;
  pugi::xml_node scope_;  // the parent of the elements indexed through this cache
  std::vector<std::pair<std::string_view, Ns>> resolved_;
};

/// The element children of one element with their namespace and local name worked out once,
/// for readers that ask one item for many fields (child_element per field costs a scan of
/// every child and a namespace lookup per match; this is a third of parsing a big feed).
class ChildIndex {
 public:
  struct Entry {
    pugi::xml_node node;
    Ns ns;
    std::string_view local;
  };

  ChildIndex() = default;
  explicit ChildIndex(pugi::xml_node parent);
  /// As above, resolving prefixes through `cache`, shared by the siblings of `parent`.
  ChildIndex(pugi::xml_node parent, PrefixCache& cache);

  /// True when `entry` is named `local` in `ns` (Ns::rss also matching no namespace), as
  /// is_element. The local name of an entry without a namespace is its plain_rss_spelling.
  static bool is(const Entry& entry, Ns ns, std::string_view local) {
    return entry.local == local && (entry.ns == ns || (ns == Ns::rss && entry.ns == Ns::none));
  }
  /// The first child named `local` in `ns`, or an empty node (as child_element).
  pugi::xml_node first(Ns ns, std::string_view local) const;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  void index(pugi::xml_node parent, std::vector<std::pair<std::string_view, Ns>>& resolved);

  std::vector<Entry> entries_;
};

/// The text and CDATA children of `element` concatenated (not descendants).
std::string own_text(pugi::xml_node element);

/// Every text and CDATA descendant of `element` concatenated.
std::string all_text(pugi::xml_node element);

/// The children of `element` serialized as HTML: prefixes and xmlns attributes dropped, text
/// escaped, void elements without end tags.
std::string inner_html(pugi::xml_node element);

/// The body of an RSS text element as HTML: its text when it holds only text (escaped or
/// CDATA HTML), else its children serialized (unescaped markup inside the element).
std::string element_html(pugi::xml_node element);

/// The xml:base in force at `node`, resolved against `document_base` (one that gives no
/// http(s) URL is skipped); nullopt without any xml:base.
std::optional<std::string> xml_base_at(pugi::xml_node node, const std::string& document_base);

/// The xml:lang in force at `node`, empty without any.
std::string xml_lang_at(pugi::xml_node node);

}  // namespace feedarchiver::parse
