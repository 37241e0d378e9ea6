#include "feedarchiver/parse/rss_parser.hpp"

#include "feedarchiver/parse/html_text.hpp"
#include "feedarchiver/parse/item_fields.hpp"
#include "feedarchiver/parse/xml_node.hpp"

namespace feedarchiver::parse {
namespace {

// Text of the first child `local` in `ns`; empty when absent.
std::string child_text(pugi::xml_node parent, Ns ns, std::string_view local) {
  return own_text(child_element(parent, ns, local));
}

// RSS titles are "plain text" that often carries escaped markup: strip it either way.
std::optional<std::string> rss_title(pugi::xml_node parent) {
  pugi::xml_node title = child_element(parent, Ns::rss, "title");
  if (!title) title = child_element(parent, Ns::dc, "title");
  return non_empty(html_to_text(element_html(title)));
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

std::optional<std::string> item_link(pugi::xml_node node, const std::string& base) {
  if (auto link = resolve_link(base, child_text(node, Ns::rss, "link"))) return link;
  if (pugi::xml_node guid = child_element(node, Ns::rss, "guid")) {
    std::optional<std::string> text = non_empty(own_text(guid));
    if (text && looks_like_http_url(*text) &&
        std::string_view(guid.attribute("isPermaLink").value()) != "false") {
      return text;
    }
  }
  for (pugi::xml_node link : node.children()) {
    std::string_view rel = link.attribute("rel").value();
    if (is_element(link, Ns::atom1, "link") && (rel.empty() || rel == "alternate")) {
      return resolve_link(base, link.attribute("href").value());
    }
  }
  return std::nullopt;
}

std::optional<std::string> item_author(pugi::xml_node node) {
  if (auto author = non_empty(child_text(node, Ns::rss, "author"))) return author_name(*author);
  std::string creators;
  for (pugi::xml_node child : node.children()) {
    if (!is_element(child, Ns::dc, "creator")) continue;
    if (auto creator = non_empty(collapse_whitespace(all_text(child)))) {
      if (!creators.empty()) creators += ", ";
      creators += *creator;
    }
  }
  return non_empty(creators);
}

Item read_item(pugi::xml_node node, std::size_t index, const std::string& document_base,
               std::vector<std::string>& warnings) {
  Item item;
  item.base_url = xml_base_at(node, document_base);
  const std::string base = item.base_url.value_or(document_base);

  item.title = rss_title(node);
  item.url = item_link(node, base);
  item.id = non_empty(child_text(node, Ns::rss, "guid"));
  if (!item.id) item.id = non_empty(node.attribute("rdf:about").value());
  item.author = item_author(node);
  for (pugi::xml_node child : node.children()) {
    if (is_element(child, Ns::rss, "category") || is_element(child, Ns::dc, "subject")) {
      add_tag(item.tags, own_text(child));
    } else if (is_element(child, Ns::rss, "enclosure")) {
      add_enclosure(item, resolve_link(base, child.attribute("url").value()),
                    child.attribute("type").value(), child.attribute("length").value());
    }
  }
  item.summary_html = non_empty(element_html(child_element(node, Ns::rss, "description")));
  item.content_html = non_empty(element_html(child_element(node, Ns::content, "encoded")));
  collect_media_images(node, base, item);

  const std::string who = describe_item(index, item);
  std::string published = child_text(node, Ns::rss, "pubDate");
  if (!non_empty(published)) published = child_text(node, Ns::dc, "date");
  item.published = parse_date_field(published, who, warnings);
  std::string updated = child_text(node, Ns::atom1, "updated");
  if (!non_empty(updated)) updated = child_text(node, Ns::dcterms, "modified");
  item.updated = parse_date_field(updated, who, warnings);
  return item;
}

// Channel metadata; `image_parent` holds <image> (the channel in RSS 2.0, the root in RDF).
void read_channel(pugi::xml_node channel, pugi::xml_node image_parent,
                  const std::string& document_base, Feed& feed) {
  FeedMeta& meta = feed.meta;
  const std::string base = xml_base_at(channel, document_base).value_or(document_base);
  meta.title = rss_title(channel);
  meta.url = resolve_link(base, child_text(channel, Ns::rss, "link"));
  meta.description =
      non_empty(html_to_text(element_html(child_element(channel, Ns::rss, "description"))));
  meta.language = non_empty(child_text(channel, Ns::rss, "language"));
  if (!meta.language) meta.language = non_empty(child_text(channel, Ns::dc, "language"));

  std::string updated = child_text(channel, Ns::rss, "lastBuildDate");
  if (!non_empty(updated)) updated = child_text(channel, Ns::rss, "pubDate");
  if (!non_empty(updated)) updated = child_text(channel, Ns::dc, "date");
  meta.updated = parse_date_field(updated, "feed", feed.warnings);

  pugi::xml_node image = child_element(image_parent, Ns::rss, "image");
  if (!image) image = child_element(channel, Ns::rss, "image");
  std::string image_url = child_text(image, Ns::rss, "url");
  if (!non_empty(image_url)) image_url = image.attribute("rdf:resource").value();
  meta.image = resolve_link(base, image_url);

  meta.feed_url = document_base.empty() ? self_link(channel) : non_empty(document_base);
}

void read_items(pugi::xml_node parent, const std::string& document_base, Feed& feed) {
  for (pugi::xml_node child : parent.children()) {
    if (is_element(child, Ns::rss, "item")) {
      feed.items.push_back(read_item(child, feed.items.size() + 1, document_base, feed.warnings));
    }
  }
}

}  // namespace

Feed parse_rss(pugi::xml_node root, FeedFormat format, const std::string& base_url) {
  Feed feed;
  feed.meta.format = format;
  pugi::xml_node channel = child_element(root, Ns::rss, "channel");
  if (!channel) {
    feed.warnings.push_back("no <channel> element in <" + std::string(root.name()) + ">");
    channel = root;
  }
  read_channel(channel, channel, base_url, feed);
  read_items(channel, base_url, feed);
  if (channel != root) read_items(root, base_url, feed);  // items misplaced outside <channel>
  return feed;
}

Feed parse_rdf(pugi::xml_node root, FeedFormat format, const std::string& base_url) {
  Feed feed;
  feed.meta.format = format;
  pugi::xml_node channel = child_element(root, Ns::rss, "channel");
  if (!channel)
    feed.warnings.push_back("no <channel> element in <" + std::string(root.name()) + ">");
  read_channel(channel, root, base_url, feed);
  read_items(root, base_url, feed);
  if (channel) read_items(channel, base_url, feed);  // items misplaced inside <channel>
  return feed;
}

}  // namespace feedarchiver::parse
