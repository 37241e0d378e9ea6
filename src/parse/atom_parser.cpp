#include "feedarchiver/parse/atom_parser.hpp"

#include <cctype>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/parse/html_text.hpp"
#include "feedarchiver/parse/item_fields.hpp"
#include "feedarchiver/parse/item_limit.hpp"
#include "feedarchiver/parse/xml_node.hpp"

namespace feedarchiver::parse {
namespace {

enum class TextKind { text, html, xhtml, base64, unsupported };

bool has_element_child(pugi::xml_node node) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element) return true;
  }
  return false;
}

// TypePad's escaped HTML wrapped in an XHTML <div>: <content type="html"><div xmlns=xhtml>
// Example &lt;b&gt;...</div></content>. The div (one element child, holding only text).
pugi::xml_node typepad_div(pugi::xml_node node) {
  pugi::xml_node only;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element) {
      if (only) return {};
      only = child;
    }
  }
  if (!only || local_name(only) != "div" || has_element_child(only)) return {};
  return only;
}

// The escaped HTML of a type="html" construct.
std::string html_source(pugi::xml_node node) {
  const pugi::xml_node div = typepad_div(node);
  return own_text(div ? div : node);
}

// How an Atom text construct (title, summary, content, subtitle) carries its text. Atom 0.3
// says it with type= (a MIME type) plus mode= (xml, escaped, base64); Atom 1.0 with type=
// (text, html, xhtml, or a MIME type). Markup inline in a "text" element is taken as XHTML.
TextKind text_kind(pugi::xml_node node) {
  const std::string type = to_ascii_lower(node.attribute("type").value());
  const std::string mode = to_ascii_lower(node.attribute("mode").value());
  if (mode == "base64") return TextKind::base64;
  if (type == "html" && typepad_div(node)) return TextKind::html;
  if (type == "xhtml" || type == "application/xhtml+xml" || has_element_child(node)) {
    return TextKind::xhtml;
  }
  if (type == "html" || type.rfind("text/html", 0) == 0) return TextKind::html;
  if (type.empty() || type == "text" || type.rfind("text/", 0) == 0) return TextKind::text;
  return TextKind::base64;  // Atom 1.0: any other media type is inline base64
}

// Decodes base64 (whitespace ignored); nullopt when malformed.
std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  bool padding = false;
  for (char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    if (c >= '0' && c <= '9') value = c - '0' + 52;
    if (c == '+' || c == '-') value = 62;
    if (c == '/' || c == '_') value = 63;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    if (value < 0 || padding) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

// The text inside a base64 text construct, when it decodes to UTF-8 text (not an image).
// Atom 0.3's type= says what the decoded text is (text/plain by default); other types are
// read as HTML.
std::optional<std::string> base64_text(pugi::xml_node node, bool& is_plain) {
  std::optional<std::string> decoded = decode_base64(own_text(node));
  if (!decoded || decoded->find('\0') != std::string::npos) return std::nullopt;
  std::string check = *decoded;
  if (decode::repair_utf8(check) != 0) return std::nullopt;
  const std::string type = to_ascii_lower(node.attribute("type").value());
  is_plain = type.empty() || type.rfind("text/plain", 0) == 0;  // Atom 0.3's default type
  return decoded;
}

// The XHTML a text construct holds: the children of its wrapping <div>, if it has one.
pugi::xml_node xhtml_container(pugi::xml_node node) {
  pugi::xml_node only;
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (only) return node;  // more than one element: no single wrapper
    only = child;
  }
  return only && local_name(only) == "div" ? only : node;
}

// An element that is present yields its text, "" included (spec.md: only absent is null);
// base64 that is not text (an image) and out-of-line content are not text fields: nullopt.
std::optional<std::string> trimmed(std::string_view text) {
  return non_empty(text).value_or(std::string());
}

std::optional<std::string> text_as_html(pugi::xml_node node) {
  if (!node) return std::nullopt;
  switch (text_kind(node)) {
    case TextKind::text:
      return trimmed(plain_text_html(own_text(node)));
    case TextKind::html:
      return trimmed(html_source(node));
    case TextKind::xhtml:
      return trimmed(inner_html(xhtml_container(node)));
    case TextKind::base64: {
      bool plain = false;
      std::optional<std::string> text = base64_text(node, plain);
      if (!text) return std::nullopt;
      return trimmed(plain ? plain_text_html(*text) : *text);
    }
    case TextKind::unsupported:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> text_as_plain(pugi::xml_node node) {
  if (!node) return std::nullopt;
  switch (text_kind(node)) {
    case TextKind::text:
      return trimmed(collapse_whitespace(own_text(node)));
    case TextKind::html:
      return trimmed(html_to_text(html_source(node)));
    case TextKind::xhtml:
      return trimmed(html_to_text(inner_html(xhtml_container(node))));
    case TextKind::base64: {
      bool plain = false;
      std::optional<std::string> text = base64_text(node, plain);
      // A title or subtitle of a media type Atom does not allow there (type="application/
      // x-custom") that is no base64 text: its text as written.
      if (!text && to_ascii_lower(node.attribute("mode").value()) != "base64") {
        return trimmed(collapse_whitespace(own_text(node)));
      }
      if (!text) return std::nullopt;
      return trimmed(plain ? collapse_whitespace(*text) : html_to_text(*text));
    }
    case TextKind::unsupported:
      return std::nullopt;
  }
  return std::nullopt;
}

// <media:description> as HTML: plain text unless type="html".
std::optional<std::string> media_description(pugi::xml_node node) {
  if (!node) return std::nullopt;
  const std::string text = own_text(node);
  return trimmed(to_ascii_lower(node.attribute("type").value()) == "html" ? text
                                                                          : plain_text_html(text));
}

class AtomReader {
 public:
  AtomReader(Ns ns, FeedFormat format, const std::string& document_base, const DateOptions& dates)
      : ns_(ns),
        atom03_(format == FeedFormat::atom03),
        document_base_(document_base),
        dates_(dates) {}

  Feed read(pugi::xml_node root) {
    Feed feed;
    FeedMeta& meta = feed.meta;
    const std::optional<std::string> language = non_empty(xml_lang_at(root));
    std::string sample;
    if (!language) {  // what the feed is written in: its title, subtitle, first entry titles
      sample = own_text(child(root, "title")) + ' ' + own_text(child(root, "subtitle"));
      int entries = 0;
      for (pugi::xml_node entry : root.children()) {
        if (!is_element(entry, ns_, "entry")) continue;
        sample += ' ' + own_text(child(entry, "title"));
        if (++entries == 10) break;
      }
    }
    dates_ = dates_for_feed(dates_, language, sample);
    meta.format = atom03_ ? FeedFormat::atom03 : FeedFormat::atom1;
    const ChildIndex top(root);
    meta.title = text_as_plain(child(top, "title"));
    meta.url = link(top, "alternate");
    meta.feed_url = document_base_.empty() ? link(top, "self") : non_empty(document_base_);
    meta.description = text_as_plain(child(top, atom03_ ? "tagline" : "subtitle"));
    prefer(meta.description, [&] { return text_as_plain(child(top, "subtitle")); });
    meta.updated = date(top, atom03_ ? "modified" : "updated", "feed", feed.warnings);
    pugi::xml_node logo = child(top, "logo");
    if (!logo) logo = child(top, "icon");
    meta.image = resolve_link(base_at(logo), own_text(logo));
    if (!meta.image) meta.image = resolve_link(base_at(root), itunes_image_url(root));
    if (!meta.image) meta.image = resolve_link(base_at(root), media_image_url(root));
    meta.language = non_empty(xml_lang_at(root));

    const std::optional<std::string> feed_author = authors(top);
    PrefixCache prefixes;  // the entries' children: each prefix resolved once per feed
    for (const ChildIndex::Entry& entry : top.entries()) {
      if (ChildIndex::is(entry, ns_, "entry")) {
        if (!room_for_item(feed)) break;
        feed.items.push_back(
            read_entry(entry.node, feed.items.size() + 1, feed_author, feed.warnings, prefixes));
      }
    }
    return feed;
  }

 private:
  Item read_entry(pugi::xml_node entry, std::size_t index,
                  const std::optional<std::string>& feed_author, std::vector<std::string>& warnings,
                  PrefixCache& prefixes) const {
    Item item;
    // The entry's children with their namespaces resolved once, for every lookup below.
    const ChildIndex children(entry, prefixes);
    item.title = text_as_plain(child(children, "title"));
    item.url = link(children, "alternate");
    item.id = non_empty(own_text(child(children, "id")));
    // No <link>: an http(s) id is the entry's address (as feedparser takes it).
    if (!item.url && item.id && looks_like_http_url(*item.id)) item.url = item.id;
    item.author = authors(children);
    if (!item.author) item.author = authors(ChildIndex(child(children, "source")));
    if (!item.author) item.author = feed_author;

    pugi::xml_node summary = child(children, "summary");
    pugi::xml_node content = child(children, "content");
    if (content && !content.attribute("src").empty()) content = {};  // out of line: not ours
    item.summary_html = text_as_html(summary);
    item.content_html = text_as_html(content);
    const std::string who = describe_item(index, item);
    if (text_kind(summary) == TextKind::html)
      undo_double_escaping(item.summary_html, who, warnings);
    if (text_kind(content) == TextKind::html)
      undo_double_escaping(item.content_html, who, warnings);
    // YouTube and other Media RSS users: <media:description>, also in <media:group>.
    prefer(item.summary_html,
           [&] { return media_description(children.first(Ns::media, "description")); });
    prefer(item.summary_html, [&] {
      return media_description(
          child_element(children.first(Ns::media, "group"), Ns::media, "description"));
    });
    pugi::xml_node body = content ? content : summary ? summary : entry;
    item.base_url = xml_base_at(body, document_base_);

    for (const ChildIndex::Entry& index_entry : children.entries()) {
      const pugi::xml_node node = index_entry.node;
      if (ChildIndex::is(index_entry, ns_, "category")) {
        std::string_view term = node.attribute("term").value();
        add_tag(item.tags, term.empty() ? node.attribute("label").value() : term);
      } else if (ChildIndex::is(index_entry, Ns::dc, "subject")) {
        add_tag(item.tags, own_text(node));
      } else if (ChildIndex::is(index_entry, ns_, "link") &&
                 std::string_view(node.attribute("rel").value()) == "enclosure") {
        add_enclosure(item, resolve_link(base_at(node), node.attribute("href").value()),
                      node.attribute("type").value(), node.attribute("length").value());
      }
    }
    collect_media_images(children, base_at(entry), item);

    item.updated = atom03_ ? last_date(children, {"modified", "updated"}, who, warnings)
                           : last_date(children, {"updated"}, who, warnings);
    item.published = atom03_ ? last_date(children, {"issued", "published"}, who, warnings)
                             : last_date(children, {"published"}, who, warnings);
    if (!item.published && atom03_) item.published = date(children, "created", who, warnings);
    if (!item.published) item.published = item.updated;
    return item;
  }

  pugi::xml_node child(pugi::xml_node parent, std::string_view local) const {
    return child_element(parent, ns_, local);
  }
  pugi::xml_node child(const ChildIndex& children, std::string_view local) const {
    return children.first(ns_, local);
  }

  std::string base_at(pugi::xml_node node) const {
    return xml_base_at(node, document_base_).value_or(document_base_);
  }

  // The date of the last non-blank element named one of `names`, in document order: a
  // repeated date, or Atom 0.3's <issued> beside 1.0's <published>, takes the later one in
  // the document (as feedparser does).
  std::optional<Timestamp> last_date(const ChildIndex& children,
                                     std::initializer_list<std::string_view> names,
                                     const std::string& who,
                                     std::vector<std::string>& warnings) const {
    std::string text;
    for (const ChildIndex::Entry& entry : children.entries()) {
      for (std::string_view name : names) {
        if (!ChildIndex::is(entry, ns_, name)) continue;
        if (std::string value = own_text(entry.node); non_empty(value)) text = std::move(value);
      }
    }
    return parse_date_field(text, who, warnings, dates_);
  }

  std::optional<Timestamp> date(const ChildIndex& children, std::string_view local,
                                const std::string& who, std::vector<std::string>& warnings) const {
    return parse_date_field(own_text(child(children, local)), who, warnings, dates_);
  }

  // The href of the best link with `rel` (no rel counts as alternate), resolved: for
  // alternates an HTML one wins over other types.
  std::optional<std::string> link(const ChildIndex& children, std::string_view rel) const {
    pugi::xml_node best;
    for (const ChildIndex::Entry& entry : children.entries()) {
      if (!ChildIndex::is(entry, ns_, "link")) continue;
      const pugi::xml_node node = entry.node;
      std::string_view node_rel = node.attribute("rel").value();
      if (node_rel.empty()) node_rel = "alternate";
      if (node_rel != rel) continue;
      const std::string type = to_ascii_lower(node.attribute("type").value());
      const bool html = type.empty() || type == "text/html" || type == "application/xhtml+xml";
      if (!best || (html && rel == "alternate")) best = node;
      if (html || rel != "alternate") break;
    }
    if (!best) return std::nullopt;
    std::string_view href = best.attribute("href").value();
    const std::string text = own_text(best);
    if (non_empty(href) == std::nullopt) href = text;  // <link>http://...</link>, no href
    return resolve_link(base_at(best), href);
  }

  // The names of every <author>, joined with ", ".
  std::optional<std::string> authors(const ChildIndex& children) const {
    std::string names;
    for (const ChildIndex::Entry& entry : children.entries()) {
      if (!ChildIndex::is(entry, ns_, "author")) continue;
      const pugi::xml_node node = entry.node;
      std::string name = collapse_whitespace(own_text(child(node, "name")));
      if (name.empty()) name = collapse_whitespace(own_text(node));  // <author>Jane</author>
      if (name.empty()) continue;
      if (!names.empty()) names += ", ";
      names += name;
    }
    return non_empty(names);
  }

  Ns ns_;
  bool atom03_;
  const std::string& document_base_;
  DateOptions dates_;
};

}  // namespace

std::optional<std::string> atom_text_as_html(pugi::xml_node node) {
  return text_as_html(node);
}

std::optional<std::string> atom_text_as_plain(pugi::xml_node node) {
  return text_as_plain(node);
}

Feed parse_atom(pugi::xml_node root, FeedFormat format, const std::string& base_url,
                const DateOptions& dates) {
  return AtomReader(namespace_of(root), format, base_url, dates).read(root);
}

}  // namespace feedarchiver::parse
