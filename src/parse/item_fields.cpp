#include "feedarchiver/parse/item_fields.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/dates.hpp"
#include "feedarchiver/parse/html_text.hpp"
#include "feedarchiver/parse/xml_node.hpp"
#include "feedarchiver/url.hpp"
#include "feedarchiver/utf8.hpp"

namespace feedarchiver::parse {
namespace {

bool is_image_media(pugi::xml_node media) {
  std::string_view medium = media.attribute("medium").value();
  if (!medium.empty()) return medium == "image";
  return starts_with_ignoring_ascii_case(media.attribute("type").value(), "image/");
}

bool is_media_image(pugi::xml_node node) {
  return (is_element(node, Ns::media, "content") && is_image_media(node)) ||
         is_element(node, Ns::media, "thumbnail");
}

std::optional<std::string> media_text(pugi::xml_node media, std::string_view local) {
  pugi::xml_node child = child_element(media, Ns::media, local);
  if (!child) return std::nullopt;
  std::string_view type = child.attribute("type").value();
  return non_empty(type == "html" ? html_to_text(own_text(child))
                                  : collapse_whitespace(own_text(child)));
}

// An image's caption: its media:description (else its group's), with the media:credit
// (photographer, agency) of the image or its group after it: "Harbour at dawn — Ann Lee".
std::optional<std::string> media_caption(pugi::xml_node media, pugi::xml_node group) {
  std::optional<std::string> description = media_text(media, "description");
  if (!description && group) description = media_text(group, "description");
  std::optional<std::string> credit = media_text(media, "credit");
  if (!credit && group) credit = media_text(group, "credit");
  if (!credit) return description;
  if (!description) return credit;
  return *description + " — " + *credit;
}

void add_image(Item& item, pugi::xml_node media, pugi::xml_node group, const std::string& base) {
  std::optional<std::string> url = resolve_link(base, media.attribute("url").value());
  if (!url) return;
  for (const Image& image : item.images) {
    if (image.url == *url) return;
  }
  item.images.push_back({*url, media_text(media, "title"), media_caption(media, group)});
}

}  // namespace

std::optional<std::string> non_empty(std::string_view text) {
  std::string_view trimmed = trim_c_space(text);
  if (trimmed.empty()) return std::nullopt;
  return std::string(trimmed);
}

std::optional<std::string> present_text(pugi::xml_node node, std::string_view text) {
  if (!node) return std::nullopt;
  return std::string(trim_c_space(text));
}

bool blank(const std::optional<std::string>& field) {
  return !field || trim_c_space(*field).empty();
}

void undo_double_escaping(std::optional<std::string>& body, const std::string& who,
                          std::vector<std::string>& warnings) {
  if (!body) return;
  if (std::optional<std::string> unescaped = unescape_if_escaped_twice(*body)) {
    body = std::move(unescaped);
    warnings.push_back(who + ": its body is HTML escaped once too often; read as HTML");
  }
}

std::string describe_item(std::size_t index, const Item& item) {
  std::string out = "item " + std::to_string(index);
  const std::optional<std::string>& label = !blank(item.title) ? item.title
                                            : !blank(item.url) ? item.url
                                                               : item.id;
  if (!blank(label)) out += " (" + *label + ")";
  return out;
}

std::optional<Timestamp> parse_date_field(std::string_view text, const std::string& who,
                                          std::vector<std::string>& warnings,
                                          const DateOptions& dates) {
  std::string_view trimmed = trim_c_space(text);
  if (trimmed.empty()) return std::nullopt;
  std::optional<Timestamp> parsed = parse_date(trimmed, dates);
  if (!parsed) warnings.push_back(who + ": unparseable date '" + std::string(trimmed) + "'");
  return parsed;
}

DateOptions dates_for_language(const DateOptions& dates,
                               const std::optional<std::string>& language) {
  DateOptions out = dates;
  if (language && language->size() >= 2 && (((*language)[0] | 0x20) == 'z') &&
      (((*language)[1] | 0x20) == 'h') &&
      (language->size() == 2 || !std::isalpha(static_cast<unsigned char>((*language)[2])))) {
    out.cst_is_china = true;
  }
  return out;
}

bool mostly_chinese(std::string_view text) {
  std::size_t han = 0;
  std::size_t latin = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      latin += std::isalpha(byte) ? 1 : 0;
      ++pos;
      continue;
    }
    const char32_t cp = utf8::next_code_point(text, pos);
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
        (cp >= 0x1100 && cp <= 0x11FF)) {
      return false;  // kana or hangul: Japanese or Korean
    }
    han += (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ? 1 : 0;
  }
  // A Chinese character is a word; an English word is five letters or so.
  return han > 0 && han * 3 >= latin;
}

DateOptions dates_for_feed(const DateOptions& dates, const std::optional<std::string>& language,
                           std::string_view sample) {
  if (language || dates.cst_is_china) return dates_for_language(dates, language);
  DateOptions out = dates;
  out.cst_is_china = mostly_chinese(sample);
  return out;
}

void add_tag(std::vector<std::string>& tags, std::string_view tag) {
  std::string clean = collapse_whitespace(tag);
  if (clean.empty() || std::find(tags.begin(), tags.end(), clean) != tags.end()) return;
  tags.push_back(std::move(clean));
}

void add_tag_list(std::vector<std::string>& tags, std::string_view list) {
  constexpr std::string_view kFullWidthComma = "\xEF\xBC\x8C";  // U+FF0C, as CJK text writes it
  while (!list.empty()) {
    std::size_t end = list.find(',');
    std::size_t skip = 1;
    if (const std::size_t wide = list.find(kFullWidthComma); wide < end) {
      end = wide;
      skip = kFullWidthComma.size();
    }
    add_tag(tags, list.substr(0, end));
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + skip);
  }
}

std::optional<std::string> resolve_link(const std::string& base, std::string_view reference) {
  std::optional<std::string> trimmed = non_empty(reference);
  if (!trimmed) return std::nullopt;
  if (base.empty()) return trimmed;
  if (auto resolved = resolve_url(base, *trimmed)) return resolved;
  return trimmed;
}

bool looks_like_http_url(std::string_view text) {
  return starts_with_ignoring_ascii_case(text, "http://") ||
         starts_with_ignoring_ascii_case(text, "https://");
}

std::string author_name(std::string_view text) {
  std::string author = collapse_whitespace(text);
  // "jane@example.com (Jane Doe)", the RSS 2.0 managingEditor/author form.
  std::size_t open = author.find(" (");
  if (open != std::string::npos && author.back() == ')' &&
      author.substr(0, open).find('@') != std::string::npos &&
      author.substr(0, open).find(' ') == std::string::npos) {
    std::string name = collapse_whitespace(author.substr(open + 2, author.size() - open - 3));
    if (!name.empty()) return name;
  }
  return author;
}

void collect_media_images(const ChildIndex& children, const std::string& base, Item& item) {
  for (const ChildIndex::Entry& entry : children.entries()) {
    if (entry.ns != Ns::media) continue;
    const pugi::xml_node child = entry.node;
    if (is_media_image(child)) {
      add_image(item, child, pugi::xml_node(), base);
    } else if (entry.local == "group") {  // one level: groups do not nest
      for (pugi::xml_node grouped : child.children()) {
        if (is_media_image(grouped)) add_image(item, grouped, child, base);
      }
    }
  }
}

std::string itunes_image_url(pugi::xml_node channel) {
  if (pugi::xml_node itunes = child_element(channel, Ns::itunes, "image")) {
    for (const char* name : {"href", "url"}) {
      if (auto url = non_empty(itunes.attribute(name).value())) return *url;
    }
    if (auto url = non_empty(own_text(itunes))) return *url;
  }
  return {};
}

std::string media_image_url(pugi::xml_node channel) {
  for (pugi::xml_node child : channel.children()) {
    if (child.type() != pugi::node_element || namespace_of(child) != Ns::media) continue;
    if (is_media_image(child)) {
      if (auto url = non_empty(child.attribute("url").value())) return *url;
    } else if (local_name(child) == "group") {
      for (pugi::xml_node grouped : child.children()) {
        if (!is_media_image(grouped)) continue;
        if (auto url = non_empty(grouped.attribute("url").value())) return *url;
      }
    }
  }
  return {};
}

void add_enclosure(Item& item, std::optional<std::string> url, std::string_view type,
                   std::string_view length) {
  if (!url) return;
  for (const Enclosure& enclosure : item.enclosures) {
    if (enclosure.url == *url) return;
  }
  Enclosure enclosure{*url, non_empty(type), std::nullopt};
  std::string_view digits = trim_c_space(length);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (!digits.empty() && error == std::errc() && end == digits.data() + digits.size() &&
      value >= 0) {
    enclosure.length = value;
  }
  item.enclosures.push_back(std::move(enclosure));
}

}  // namespace feedarchiver::parse
