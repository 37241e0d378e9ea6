#include "feedarchiver/parse/feed_parser.hpp"

#include <cctype>
#include <pugixml.hpp>
#include <string_view>

#include "feedarchiver/parse/atom_parser.hpp"
#include "feedarchiver/parse/json_feed_parser.hpp"
#include "feedarchiver/parse/rss_parser.hpp"
#include "feedarchiver/parse/xml_node.hpp"
#include "feedarchiver/parse/xml_repair.hpp"

namespace feedarchiver::parse {
namespace {

constexpr const char* kHtmlPage =
    "looks like an HTML page, not a feed (try `feedarchiver extract`)";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view skip_space(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  return text.substr(i);
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
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
  if (starts_with_ci(text, "<!doctype html")) return true;
  return starts_with_ci(text, "<html") && (text.size() == 5 || is_space(text[5]) || text[5] == '>');
}

std::string position_text(std::string_view text, std::size_t offset) {
  TextPosition position = position_at(text, offset);
  return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column);
}

std::string repair_warning(std::string_view original, const EntityRepair& repair) {
  std::string where = position_text(original, repair.first_offset) + ": ";
  if (repair.count == 1) return where + "repaired a stray '&' or an HTML-only entity reference";
  return where + "repaired " + std::to_string(repair.count) +
         " stray '&' or HTML-only entity references (the first here)";
}

// The Feed of a recognized root element, nullopt for any other vocabulary.
std::optional<Feed> read_root(pugi::xml_node root, const std::string& base_url) {
  const std::string_view name = local_name(root);
  if (name == "rss") {
    const std::string_view version = root.attribute("version").value();
    const FeedFormat format = version.substr(0, 2) == "0." ? FeedFormat::rss09x : FeedFormat::rss2;
    return parse_rss(root, format, base_url);
  }
  if (name == "RDF") return parse_rdf(root, FeedFormat::rss1, base_url);
  if (name == "feed") {
    const Ns ns = namespace_of(root);
    const bool atom03 =
        ns == Ns::atom03 ||
        (ns != Ns::atom1 && std::string_view(root.attribute("version").value()) == "0.3");
    return parse_atom(root, atom03 ? FeedFormat::atom03 : FeedFormat::atom1, base_url);
  }
  return std::nullopt;
}

bool is_html_root(pugi::xml_node root) {
  std::string_view name = local_name(root);
  return name.size() == 4 && starts_with_ci(name, "html");
}

ParseResult parse_xml(std::string_view text, const decode::Document& document) {
  std::vector<std::string> warnings;
  std::optional<EntityRepair> repair = repair_entities(text);
  if (repair) warnings.push_back(repair_warning(text, *repair));
  const std::string_view xml = repair ? std::string_view(repair->text) : text;

  // No DTD processing: pugixml never loads or expands external entities, and parse_default
  // leaves out parse_doctype. parse_ws_pcdata keeps the spaces between inline XHTML elements.
  pugi::xml_document tree;
  const pugi::xml_parse_result result = tree.load_buffer(
      xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
  const pugi::xml_node root = tree.document_element();

  std::optional<Feed> feed = read_root(root, document.base_url);
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
  feed->warnings.insert(feed->warnings.begin(), warnings.begin(), warnings.end());
  return {std::move(feed), {}};
}

}  // namespace

ParseResult parse_feed(const decode::Document& document) {
  std::string_view text = document.utf8;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::string_view start = skip_space(text);
  if (start.empty()) return {std::nullopt, "empty document"};
  if (start.front() == '{' || start.front() == '[') return parse_json_feed(text, document.base_url);
  if (starts_like_html(start)) return {std::nullopt, kHtmlPage};
  if (start.front() != '<') {
    if (document.kind == decode::DocumentKind::html) return {std::nullopt, kHtmlPage};
    return {std::nullopt, "plain text, not a feed"};
  }
  return parse_xml(text, document);
}

}  // namespace feedarchiver::parse
