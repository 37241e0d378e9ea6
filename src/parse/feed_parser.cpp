#include "feedarchiver/parse/feed_parser.hpp"

#include <algorithm>
#include <cctype>
#include <pugixml.hpp>
#include <string_view>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/parse/atom_parser.hpp"
#include "feedarchiver/parse/cdf_parser.hpp"
#include "feedarchiver/parse/html_text.hpp"
#include "feedarchiver/parse/internal_entities.hpp"
#include "feedarchiver/parse/json_feed_parser.hpp"
#include "feedarchiver/parse/rss_parser.hpp"
#include "feedarchiver/parse/xml_node.hpp"
#include "feedarchiver/parse/xml_repair.hpp"

namespace feedarchiver::parse {
namespace {

constexpr const char* kHtmlPage =
    "looks like an HTML page, not a feed (try `feedarchiver extract`)";

std::string_view skip_space(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_html_space(text[i])) ++i;
  return text.substr(i);
}

// True when the first markup after the prolog (XML declaration, comments) is an HTML doctype
// or an <html> start tag.
bool starts_like_html(std::string_view text) {
  for (int guard = 0; guard < 64; ++guard) {
    text = skip_space(text);
    std::string_view terminator;
    if (text.substr(0, 2) == "<?") {
      terminator = "?>";
    } else if (text.substr(0, 4) == "<!--") {
      terminator = "-->";
    } else {
      break;
    }
    std::size_t end = text.find(terminator, 2);
    if (end == std::string_view::npos) return false;
    text.remove_prefix(end + terminator.size());
  }
  if (starts_with_ignoring_ascii_case(text, "<!doctype html")) return true;
  return starts_with_ignoring_ascii_case(text, "<html") &&
         (text.size() == 5 || is_html_space(text[5]) || text[5] == '>');
}

std::string position_text(std::string_view text, std::size_t offset) {
  TextPosition position = position_at(text, offset);
  return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column);
}

std::vector<std::string> repair_warnings(std::string_view original, const EntityRepair& repair) {
  std::vector<std::string> out;
  for (std::size_t offset : repair.offsets) {
    out.push_back(position_text(original, offset) +
                  ": repaired a stray '&', an HTML-only entity reference or a control character");
  }
  if (repair.count > repair.offsets.size()) {
    out.push_back("and " + std::to_string(repair.count - repair.offsets.size()) +
                  " more such repairs");
  }
  return out;
}

bool is_item_name(std::string_view name) {
  const std::size_t colon = name.find(':');
  if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
  return name == "item" || name == "entry";
}

// What a feed document starts with, after any BOM and blanks.
bool starts_like_xml(std::string_view text) {
  for (std::string_view start :
       {"<?", "<!", "<rss", "<feed", "<rdf:RDF", "<RDF", "<channel", "<CHANNEL"}) {
    if (text.starts_with(start)) return true;
  }
  return false;
}

// Garbage before the root ("Warning: ...<?xml", a PHP notice): skipped up to the first '<'
// that starts an XML declaration, a comment or a feed root, after the first byte. npos when
// there is none.
std::size_t garbage_before_root(std::string_view text) {
  for (std::size_t at = text.find('<', 1); at != std::string_view::npos;
       at = text.find('<', at + 1)) {
    const std::string_view rest = text.substr(at);
    for (std::string_view start :
         {"<?xml", "<!--", "<rss", "<feed", "<rdf:RDF", "<RDF", "<CHANNEL"}) {
      if (rest.starts_with(start)) return at;
    }
    if (at > 4096) break;
  }
  return std::string_view::npos;
}

// The Feed of a recognized root element, nullopt for any other vocabulary.
std::optional<Feed> read_root(pugi::xml_node root, const std::string& base_url,
                              const DateOptions& dates) {
  const std::string_view name = local_name(root);
  if (name == "rss") {
    const std::string_view version = root.attribute("version").value();
    const FeedFormat format = version.substr(0, 2) == "0." ? FeedFormat::rss09x : FeedFormat::rss2;
    return parse_rss(root, format, base_url, dates);
  }
  if (name == "RDF") return parse_rdf(root, FeedFormat::rss1, base_url, dates);
  if (name == "feed") {
    const Ns ns = namespace_of(root);
    const bool atom03 =
        ns == Ns::atom03 ||
        (ns != Ns::atom1 && std::string_view(root.attribute("version").value()) == "0.3");
    return parse_atom(root, atom03 ? FeedFormat::atom03 : FeedFormat::atom1, base_url, dates);
  }
  if (namespace_of(root) == Ns::none && is_cdf_root(root)) {
    return parse_cdf(root, base_url, dates);
  }
  if (name == "channel" && namespace_of(root) == Ns::none) {  // RSS without its <rss> root
    return parse_rss(root, FeedFormat::rss2, base_url, dates);
  }
  return std::nullopt;
}

bool is_html_root(pugi::xml_node root) {
  std::string_view name = local_name(root);
  return name.size() == 4 && starts_with_ignoring_ascii_case(name, "html");
}

// A default namespace on <rss> (or its <channel>) that is no RSS namespace — a stray
// xmlns="http://example.com/" some generators write — would put every unprefixed element
// in it, and no item would be found: it is dropped, with a warning.
void drop_stray_rss_namespace(pugi::xml_node root, std::vector<std::string>& warnings) {
  if (local_name(root) != "rss" || root.name() != local_name(root)) return;
  pugi::xml_node channel;
  for (pugi::xml_node child : root.children()) {
    if (child.type() == pugi::node_element && std::string_view(child.name()) == "channel") {
      channel = child;
      break;
    }
  }
  for (pugi::xml_node element : {root, channel}) {
    if (!element) continue;
    const pugi::xml_attribute xmlns = element.attribute("xmlns");
    if (!xmlns) continue;
    const Ns ns = namespace_of(element);
    if (ns == Ns::none || ns == Ns::rss) continue;
    std::string warning = "<";
    warning.append(element.name()).append("> declares the default namespace '");
    warning.append(xmlns.value()).append("', which is not RSS's; read as plain RSS");
    warnings.push_back(std::move(warning));
    element.remove_attribute(xmlns);
  }
}

// An Atom feed saved inside an (X)HTML page: the first <feed> in the Atom namespace below
// the <html> root, breadth first and not deep; an empty node when there is none.
pugi::xml_node atom_feed_inside(pugi::xml_node html) {
  std::vector<pugi::xml_node> level{html};
  for (int depth = 0; depth < 6 && !level.empty(); ++depth) {
    std::vector<pugi::xml_node> next;
    for (pugi::xml_node node : level) {
      for (pugi::xml_node child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (local_name(child) == "feed" && namespace_of(child) == Ns::atom1) return child;
        next.push_back(child);
      }
    }
    level = std::move(next);
  }
  return {};
}

ParseResult parse_xml(std::string_view text, const decode::Document& document,
                      const DateOptions& dates) {
  std::vector<std::string> warnings;
  // Text-only entities of the internal DTD subset, expanded within a cap; never nested or
  // external ones (those stay unexpanded and become text).
  const std::optional<EntityExpansion> expanded = expand_internal_entities(text);
  if (expanded) {
    if (expanded->capped) {
      warnings.push_back("the DTD's entities expand to more than " +
                         std::to_string(kMaxEntityExpansionBytes) +
                         " bytes; the references past that were left as text");
    }
    text = expanded->text;
  }
  std::optional<EntityRepair> repair = repair_entities(text);
  if (repair) {
    for (std::string& warning : repair_warnings(text, *repair))
      warnings.push_back(std::move(warning));
  }
  std::string_view xml = repair ? std::string_view(repair->text) : text;

  // No DTD processing: pugixml never loads or expands external entities, and parse_default
  // leaves out parse_doctype. parse_ws_pcdata keeps the spaces between inline XHTML elements.
  constexpr unsigned kOptions = pugi::parse_default | pugi::parse_ws_pcdata;
  pugi::xml_document tree;
  pugi::xml_parse_result result =
      tree.load_buffer(xml.data(), xml.size(), kOptions, pugi::encoding_utf8);
  // Not well-formed: repair the tag structure the way an HTML parser would, and parse again.
  std::optional<StructureRepair> structure;
  bool last_item_cut = false;
  if (!result) {
    structure = repair_structure(xml);
    pugi::xml_document repaired;
    const pugi::xml_parse_result second = repaired.load_buffer(
        structure->text.data(), structure->text.size(), kOptions, pugi::encoding_utf8);
    if (second) {
      const std::size_t listed = std::min(structure->repairs.size(), kMaxListedRepairs);
      for (std::size_t k = 0; k < listed; ++k) {
        warnings.push_back(position_text(xml, structure->repairs[k].offset) + ": " +
                           structure->repairs[k].what);
      }
      if (structure->repairs.size() > listed) {
        warnings.push_back("and " + std::to_string(structure->repairs.size() - listed) +
                           " more structure repairs");
      }
      for (const std::string& name : structure->closed_at_end) {
        last_item_cut = last_item_cut || is_item_name(name);
      }
      tree.reset(repaired);
      result = second;
    }
  }
  pugi::xml_node root = tree.document_element();
  drop_stray_rss_namespace(root, warnings);
  if (local_name(root) == "entry" && namespace_of(root) == Ns::atom1) {
    // An Atom entry document (RFC 4287, 4.1.2): a feed of that one entry.
    pugi::xml_node feed = tree.append_child("feed");
    feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
    feed.append_move(root);
    root = feed;
    warnings.push_back("an Atom entry document; read as a feed of that one entry");
  }
  if (is_html_root(root)) {
    if (const pugi::xml_node atom = atom_feed_inside(root)) {
      warnings.push_back("an Atom feed inside an HTML page (<" + std::string(root.name()) +
                         ">); read the feed");
      root = atom;
    }
  }

  std::optional<Feed> feed = read_root(root, document.base_url, dates);
  if (!feed) {
    if (is_html_root(root) || document.kind == decode::DocumentKind::html) {
      return {std::nullopt, kHtmlPage};
    }
    if (!result) {
      return {std::nullopt, "malformed XML at " + position_text(xml, result.offset) + ": " +
                                result.description()};
    }
    return {std::nullopt, "XML document with root <" + std::string(root.name()) + ">, not a feed"};
  }
  if (!result) {
    warnings.push_back(position_text(xml, result.offset) + ": " + result.description() +
                       "; parsed what came before");
  }
  if (last_item_cut && !feed->items.empty()) {
    warnings.push_back("the document is cut off inside item " + std::to_string(feed->items.size()) +
                       "; that item was dropped");
    feed->items.pop_back();
  }
  feed->warnings.insert(feed->warnings.begin(), warnings.begin(), warnings.end());
  return {std::move(feed), {}};
}

// Titles and author names whose UTF-8 was read as windows-1252 and encoded again
// ("CafÃ©"), repaired where that is unambiguous (repair_mojibake), one warning per field.
void repair_mojibake_fields(Feed& feed) {
  // `item` is 1-based; 0 for the feed's own fields. Labels are built only for a repair.
  const auto repair = [&](std::optional<std::string>& field, std::size_t item, const char* what) {
    if (!field) return;
    std::optional<std::string> repaired = repair_mojibake(*field);
    if (!repaired) return;
    std::string warning = item == 0 ? "the feed's " : "item " + std::to_string(item) + ": its ";
    warning.append(what).append(" '").append(*field);
    warning.append("' is UTF-8 read as windows-1252; repaired to '").append(*repaired).append("'");
    feed.warnings.push_back(std::move(warning));
    field = std::move(repaired);
  };
  repair(feed.meta.title, 0, "title");
  repair(feed.meta.description, 0, "description");
  for (std::size_t i = 0; i < feed.items.size(); ++i) {
    repair(feed.items[i].title, i + 1, "title");
    repair(feed.items[i].author, i + 1, "author");
  }
}

ParseResult parse_any(const decode::Document& document, const DateOptions& dates);

}  // namespace

ParseResult parse_feed(const decode::Document& document, const ParseOptions& options) {
  DateOptions dates;
  dates.zone = options.timezone;
  dates.cst_is_china = options.cst_is_china;
  ParseResult result = parse_any(document, dates);
  if (result.feed) repair_mojibake_fields(*result.feed);
  return result;
}

namespace {

ParseResult parse_any(const decode::Document& document, const DateOptions& dates) {
  std::string_view text = document.utf8;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::string_view start = skip_space(text);
  if (start.empty()) return {std::nullopt, "empty document"};
  if (start.front() == '{' || start.front() == '[')
    return parse_json_feed(text, document.base_url, dates);
  if (starts_like_html(start)) {
    // An Atom feed saved inside an XHTML page is read; any other page is refused.
    if (start.find("http://www.w3.org/2005/Atom") == std::string_view::npos) {
      return {std::nullopt, kHtmlPage};
    }
    return parse_xml(text, document, dates);
  }
  if (start.front() != '<' || !starts_like_xml(start)) {
    if (const std::size_t skip = garbage_before_root(start); skip != std::string_view::npos) {
      ParseResult result = parse_xml(start.substr(skip), document, dates);
      if (result.feed) {
        result.feed->warnings.insert(
            result.feed->warnings.begin(),
            "line 1, column 1: " + std::to_string(skip) + " bytes of text before the XML skipped");
      }
      return result;
    }
    if (start.front() == '<') return parse_xml(text, document, dates);
    if (document.kind == decode::DocumentKind::html) return {std::nullopt, kHtmlPage};
    return {std::nullopt, "plain text, not a feed"};
  }
  return parse_xml(text, document, dates);
}

}  // namespace

}  // namespace feedarchiver::parse
