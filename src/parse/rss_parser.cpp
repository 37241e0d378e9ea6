#include "feedarchiver/parse/rss_parser.hpp"

#include <algorithm>
#include <utility>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/parse/atom_parser.hpp"
#include "feedarchiver/parse/html_text.hpp"
#include "feedarchiver/parse/item_fields.hpp"
#include "feedarchiver/parse/item_limit.hpp"
#include "feedarchiver/parse/xml_node.hpp"

namespace feedarchiver::parse {
namespace {

// Text of the first child `local` in `ns`; empty when absent.
std::string child_text(pugi::xml_node parent, Ns ns, std::string_view local) {
  return own_text(child_element(parent, ns, local));
}
std::string child_text(const ChildIndex& children, Ns ns, std::string_view local) {
  return own_text(children.first(ns, local));
}

// The text of an element that should hold only text but may hold markup, as elements
// (<author><p>Jane</p></author>) or escaped (&lt;p&gt;Jane&lt;/p&gt;): the text of it. Plain
// text comes as written: callers collapse its whitespace.
std::string markup_text(pugi::xml_node node) {
  std::string text = own_text(node);
  if (text.find('<') != std::string::npos) return html_to_text(text);
  if (trim_xml_space(text).empty()) {
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) return all_text(node);
    }
  }
  return text;  // callers collapse whitespace
}

// RSS titles are "plain text" that often carries escaped markup: strip it either way.
// A present title without text is "" (the title element was there), an absent one nullopt.
std::optional<std::string> title_text(pugi::xml_node title) {
  return present_text(title, html_to_text(element_html(title)));
}

std::optional<std::string> rss_title(const ChildIndex& children, bool has_atom = true) {
  std::optional<std::string> title = title_text(children.first(Ns::rss, "title"));
  prefer(title, [&] { return title_text(children.first(Ns::dc, "title")); });
  if (has_atom) {
    prefer(title, [&] { return atom_text_as_plain(children.first(Ns::atom1, "title")); });
  }
  return title;
}

// The HTML of a body element (description, content:encoded, ...): "" when present but empty.
std::optional<std::string> body_html(pugi::xml_node node) {
  return present_text(node, element_html(node));
}

std::optional<std::string> self_link(pugi::xml_node channel) {
  for (pugi::xml_node link : channel.children()) {
    if (is_element(link, Ns::atom1, "link") &&
        std::string_view(link.attribute("rel").value()) == "self") {
      return non_empty(link.attribute("href").value());
    }
  }
  return std::nullopt;
}

std::optional<std::string> item_link(const ChildIndex& children, const std::string& base) {
  if (auto link = resolve_link(base, child_text(children, Ns::rss, "link"))) return link;
  if (pugi::xml_node guid = children.first(Ns::rss, "guid")) {
    std::optional<std::string> text = non_empty(own_text(guid));
    if (text && looks_like_http_url(*text) &&
        std::string_view(guid.attribute("isPermaLink").value()) != "false") {
      return text;
    }
  }
  for (const ChildIndex::Entry& link : children.entries()) {
    std::string_view rel = link.node.attribute("rel").value();
    if (ChildIndex::is(link, Ns::atom1, "link") && (rel.empty() || rel == "alternate")) {
      return resolve_link(base, link.node.attribute("href").value());
    }
  }
  return std::nullopt;
}

// The names of the <atom:author>s of an RSS item, joined with ", ".
std::optional<std::string> atom_authors(const ChildIndex& children) {
  std::string names;
  for (const ChildIndex::Entry& child : children.entries()) {
    if (!ChildIndex::is(child, Ns::atom1, "author")) continue;
    std::string name =
        collapse_whitespace(markup_text(child_element(child.node, Ns::atom1, "name")));
    if (name.empty()) name = collapse_whitespace(markup_text(child.node));
    if (name.empty()) continue;
    if (!names.empty()) names += ", ";
    names += name;
  }
  return non_empty(names);
}

std::optional<std::string> item_author(const ChildIndex& children) {
  if (auto author = non_empty(markup_text(children.first(Ns::rss, "author")))) {
    return author_name(*author);
  }

  std::string creators;
  for (const ChildIndex::Entry& child : children.entries()) {
    if (!ChildIndex::is(child, Ns::dc, "creator")) continue;
    if (auto creator = non_empty(collapse_whitespace(markup_text(child.node)))) {
      if (!creators.empty()) creators += ", ";
      creators += *creator;
    }
  }
  if (!creators.empty()) return creators;
  for (Ns ns : {Ns::dc, Ns::itunes}) {  // <dc:author>, <itunes:author>
    if (auto author = non_empty(collapse_whitespace(all_text(children.first(ns, "author"))))) {
      return author_name(*author);
    }
  }
  return atom_authors(children);
}

Item read_item(pugi::xml_node node, std::size_t index, const std::string& document_base,
               std::vector<std::string>& warnings, const DateOptions& dates,
               PrefixCache& prefixes) {
  Item item;
  item.base_url = xml_base_at(node, document_base);
  const std::string base = item.base_url.value_or(document_base);
  const ChildIndex children(node, prefixes);

  // Atom elements inside the item are looked for only when it has any.
  const bool has_atom =
      std::any_of(children.entries().begin(), children.entries().end(),
                  [](const ChildIndex::Entry& entry) { return entry.ns == Ns::atom1; });
  item.title = rss_title(children, has_atom);
  // Media RSS: <media:title>, also inside <media:group>
  prefer(item.title, [&] { return title_text(children.first(Ns::media, "title")); });
  prefer(item.title, [&] {
    return title_text(child_element(children.first(Ns::media, "group"), Ns::media, "title"));
  });
  item.url = item_link(children, base);
  item.id = non_empty(child_text(children, Ns::rss, "guid"));
  if (!item.id) item.id = non_empty(markup_text(children.first(Ns::rss, "guid")));
  if (!item.id) item.id = non_empty(node.attribute("rdf:about").value());
  item.author = item_author(children);
  for (const ChildIndex::Entry& entry : children.entries()) {
    const pugi::xml_node child = entry.node;
    if (ChildIndex::is(entry, Ns::rss, "category") || ChildIndex::is(entry, Ns::dc, "subject") ||
        ChildIndex::is(entry, Ns::media, "category")) {
      add_tag(item.tags, markup_text(child));
    } else if (ChildIndex::is(entry, Ns::atom1, "category")) {  // <atom:category term=...>
      std::string_view term = child.attribute("term").value();
      add_tag(item.tags, term.empty() ? child.attribute("label").value() : term);
    } else if (ChildIndex::is(entry, Ns::rss, "tags") ||
               ChildIndex::is(entry, Ns::itunes, "keywords") ||
               ChildIndex::is(entry, Ns::media, "keywords")) {
      add_tag_list(item.tags, own_text(child));
    } else if (ChildIndex::is(entry, Ns::itunes, "category")) {  // nested: <itunes:category>
      add_tag(item.tags, child.attribute("text").value());
      for (pugi::xml_node sub : child.children()) {
        if (is_element(sub, Ns::itunes, "category"))
          add_tag(item.tags, sub.attribute("text").value());
      }
    } else if (ChildIndex::is(entry, Ns::itunes, "image") ||
               (ChildIndex::is(entry, Ns::itunes, "link") &&
                std::string_view(child.attribute("rel").value()) == "image")) {
      std::string_view href = child.attribute("href").value();
      if (href.empty()) href = child.attribute("url").value();
      if (auto url = resolve_link(base, href)) {
        bool seen = false;
        for (const Image& image : item.images) seen = seen || image.url == *url;
        if (!seen) item.images.push_back(Image{*url, std::nullopt, std::nullopt});
      }
    } else if (ChildIndex::is(entry, Ns::rss, "enclosure")) {
      add_enclosure(item, resolve_link(base, child.attribute("url").value()),
                    child.attribute("type").value(), child.attribute("length").value());
    }
  }
  item.summary_html = body_html(children.first(Ns::rss, "description"));
  // A bare <summary> next to <description> (some generators write both): the first one is
  // the summary, the other the body when the item has no content of its own.
  std::optional<std::string> second_body;
  if (pugi::xml_node summary = children.first(Ns::rss, "summary")) {
    bool summary_first = !item.summary_html;
    for (const ChildIndex::Entry& entry : children.entries()) {
      if (ChildIndex::is(entry, Ns::rss, "summary") ||
          ChildIndex::is(entry, Ns::rss, "description")) {
        summary_first = summary_first || entry.node == summary;
        break;
      }
    }
    if (summary_first) {
      second_body = item.summary_html;
      item.summary_html = body_html(summary);
    } else {
      second_body = body_html(summary);
    }
  }
  for (const auto& name : {std::pair{Ns::dc, "description"}, std::pair{Ns::itunes, "summary"},
                           std::pair{Ns::media, "description"}}) {
    prefer(item.summary_html, [&] { return body_html(children.first(name.first, name.second)); });
  }
  prefer(item.summary_html, [&] {
    return body_html(child_element(children.first(Ns::media, "group"), Ns::media, "description"));
  });
  if (has_atom) {
    prefer(item.summary_html,
           [&] { return atom_text_as_html(children.first(Ns::atom1, "summary")); });
  }
  item.content_html = body_html(children.first(Ns::content, "encoded"));
  if (has_atom) {
    prefer(item.content_html, [&] {
      const pugi::xml_node content = children.first(Ns::atom1, "content");
      return content.attribute("src").empty() ? atom_text_as_html(content) : std::nullopt;
    });
  }
  // XHTML bodies (<xhtml:body>, <body xmlns=xhtml>), and the <body>/<fullitem> of old feeds.
  for (const auto& name : {std::pair{Ns::xhtml, "body"}, std::pair{Ns::xhtml, "div"},
                           std::pair{Ns::rss, "body"}, std::pair{Ns::rss, "fullitem"}}) {
    prefer(item.content_html, [&] { return body_html(children.first(name.first, name.second)); });
  }
  if (blank(item.content_html) && !blank(second_body)) item.content_html = second_body;
  collect_media_images(children, base, item);

  const std::string who = describe_item(index, item);
  undo_double_escaping(item.summary_html, who, warnings);
  undo_double_escaping(item.content_html, who, warnings);
  std::string published = child_text(children, Ns::rss, "pubDate");
  if (!non_empty(published)) published = child_text(children, Ns::dc, "date");
  if (!non_empty(published)) published = child_text(children, Ns::dcterms, "issued");
  if (!non_empty(published)) published = child_text(children, Ns::dcterms, "created");
  if (!non_empty(published)) published = child_text(children, Ns::atom1, "published");
  item.published = parse_date_field(published, who, warnings, dates);
  std::string updated = child_text(children, Ns::atom1, "updated");
  if (!non_empty(updated)) updated = child_text(children, Ns::dcterms, "modified");
  item.updated = parse_date_field(updated, who, warnings, dates);
  return item;
}

std::optional<std::string> channel_language(pugi::xml_node channel) {
  std::optional<std::string> language = non_empty(child_text(channel, Ns::rss, "language"));
  if (!language) language = non_empty(child_text(channel, Ns::dc, "language"));
  return language;
}

// Channel metadata; `image_parent` holds <image> (the channel in RSS 2.0, the root in RDF).
void read_channel(pugi::xml_node channel, pugi::xml_node image_parent,
                  const std::string& document_base, Feed& feed, const DateOptions& dates) {
  FeedMeta& meta = feed.meta;
  const std::string base = xml_base_at(channel, document_base).value_or(document_base);
  meta.title = rss_title(ChildIndex(channel));
  meta.url = resolve_link(base, child_text(channel, Ns::rss, "link"));
  meta.description = title_text(child_element(channel, Ns::rss, "description"));
  for (const auto& name : {std::pair{Ns::dc, "description"}, std::pair{Ns::itunes, "summary"},
                           std::pair{Ns::itunes, "subtitle"}}) {
    prefer(meta.description,
           [&] { return title_text(child_element(channel, name.first, name.second)); });
  }
  meta.language = channel_language(channel);

  std::string updated = child_text(channel, Ns::rss, "lastBuildDate");
  if (!non_empty(updated)) updated = child_text(channel, Ns::rss, "pubDate");
  if (!non_empty(updated)) updated = child_text(channel, Ns::dc, "date");
  if (!non_empty(updated)) updated = child_text(channel, Ns::dcterms, "modified");
  if (!non_empty(updated)) updated = child_text(channel, Ns::dcterms, "issued");
  meta.updated = parse_date_field(updated, "feed", feed.warnings, dates);

  pugi::xml_node image = child_element(image_parent, Ns::rss, "image");
  if (!image) image = child_element(channel, Ns::rss, "image");
  std::string image_url = child_text(image, Ns::rss, "url");
  if (!non_empty(image_url)) image_url = image.attribute("rdf:resource").value();
  if (!non_empty(image_url)) image_url = itunes_image_url(channel);
  for (pugi::xml_node link : channel.children()) {  // <itunes:link rel="image" href=...>
    if (non_empty(image_url)) break;
    if (is_element(link, Ns::itunes, "link") &&
        std::string_view(link.attribute("rel").value()) == "image") {
      image_url = link.attribute("href").value();
    }
  }
  if (!non_empty(image_url)) image_url = media_image_url(channel);
  meta.image = resolve_link(base, image_url);

  meta.feed_url = document_base.empty() ? self_link(channel) : non_empty(document_base);
}

void read_items(pugi::xml_node parent, const std::string& document_base, Feed& feed,
                const DateOptions& dates) {
  const ChildIndex children(parent);
  PrefixCache prefixes;  // the items' children: each prefix resolved once per channel
  for (const ChildIndex::Entry& entry : children.entries()) {
    if (ChildIndex::is(entry, Ns::rss, "item")) {
      if (!room_for_item(feed)) return;
      feed.items.push_back(read_item(entry.node, feed.items.size() + 1, document_base,
                                     feed.warnings, dates, prefixes));
    }
  }
}

}  // namespace

// What the feed's text is written in, for dates_for_feed: its title, description and
// first item titles (only read when the feed names no language).
std::string text_sample(pugi::xml_node channel, pugi::xml_node items_parent) {
  std::string sample = own_text(child_element(channel, Ns::rss, "title"));
  sample += ' ';
  sample += own_text(child_element(channel, Ns::rss, "description"));
  int items = 0;
  for (pugi::xml_node item : items_parent.children()) {
    if (!is_element(item, Ns::rss, "item")) continue;
    sample += ' ';
    sample += own_text(child_element(item, Ns::rss, "title"));
    if (++items == 10) break;
  }
  return sample;
}

Feed parse_rss(pugi::xml_node root, FeedFormat format, const std::string& base_url,
               const DateOptions& feed_dates) {
  Feed feed;
  feed.meta.format = format;
  pugi::xml_node channel = child_element(root, Ns::rss, "channel");
  if (is_element(root, Ns::rss, "channel")) {
    feed.warnings.push_back("the document's root is <channel>, without <rss>");
    channel = root;
  } else if (!channel) {
    feed.warnings.push_back("no <channel> element in <" + std::string(root.name()) + ">");
    channel = root;
  }
  const std::optional<std::string> language = channel_language(channel);
  const auto dates = dates_for_feed(feed_dates, language,
                                    language ? std::string() : text_sample(channel, channel));
  read_channel(channel, channel, base_url, feed, dates);
  read_items(channel, base_url, feed, dates);
  if (channel != root)
    read_items(root, base_url, feed, dates);  // items misplaced outside <channel>
  return feed;
}

Feed parse_rdf(pugi::xml_node root, FeedFormat format, const std::string& base_url,
               const DateOptions& feed_dates) {
  Feed feed;
  feed.meta.format = format;
  pugi::xml_node channel = child_element(root, Ns::rss, "channel");
  if (!channel)
    feed.warnings.push_back("no <channel> element in <" + std::string(root.name()) + ">");
  const std::optional<std::string> language = channel_language(channel);
  const auto dates =
      dates_for_feed(feed_dates, language, language ? std::string() : text_sample(channel, root));
  read_channel(channel, root, base_url, feed, dates);
  read_items(root, base_url, feed, dates);
  if (channel) read_items(channel, base_url, feed, dates);  // items misplaced inside <channel>
  return feed;
}

}  // namespace feedarchiver::parse
