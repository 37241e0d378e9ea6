#pragma once
// Helpers every feed format shares when filling Items: optional text, dates with warnings,
// tags, links, media images. Private to parse/.

#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/model.hpp"
#include "feedarchiver/parse/xml_node.hpp"

namespace feedarchiver::parse {

/// `text` trimmed; nullopt when nothing is left.
std::optional<std::string> non_empty(std::string_view text);

/// The text of an element that is present, trimmed, possibly "": absent elements are nullopt
/// (spec.md: only an absent element yields null; `<title></title>` yields "").
std::optional<std::string> present_text(pugi::xml_node node, std::string_view text);

/// True when `field` is nullopt or blank: how every consumer tests a text field.
bool blank(const std::optional<std::string>& field);

/// Keeps the best of `field` and the candidate `read()` returns: a non-blank text beats "",
/// which beats nullopt. For fields read from a list of alternative elements (title, then
/// media:title, ...); `read` runs only while `field` is still blank, so an alternative
/// costs nothing once a field has text.
template <typename Read>
void prefer(std::optional<std::string>& field, Read read) {
  if (!blank(field)) return;
  std::optional<std::string> candidate = read();
  if (candidate && (!field || !blank(candidate))) field = std::move(candidate);
}

/// "item 3 (Title)" / "item 3 (https://…)" / "item 3": how warnings name an item (1-based).
std::string describe_item(std::size_t index, const Item& item);

/// An HTML body that the feed escaped once too often (unescape_if_escaped_twice) is read as
/// HTML, with "<who>: its body is HTML escaped once too often; read as HTML" in `warnings`.
/// For bodies the feed declares HTML only: a plain-text field that holds markup is text.
void undo_double_escaping(std::optional<std::string>& body, const std::string& who,
                          std::vector<std::string>& warnings);

/// Parses `text` with parse_date; an unparseable value adds
/// "<who>: unparseable date '<text>'" to `warnings`. Blank text is simply absent.
std::optional<Timestamp> parse_date_field(std::string_view text, const std::string& who,
                                          std::vector<std::string>& warnings,
                                          const DateOptions& dates = {});

/// `dates` with "CST" read as China Standard Time when the feed's language is Chinese (zh*).
DateOptions dates_for_language(const DateOptions& dates,
                               const std::optional<std::string>& language);

/// True when `text` (titles, a description) is mostly Chinese: Han characters, no kana or
/// hangul, and few Latin letters beside them.
bool mostly_chinese(std::string_view text);

/// dates_for_language, and without a language "CST" read as China's when `sample` (the
/// feed's title, description and first item titles) is mostly Chinese.
DateOptions dates_for_feed(const DateOptions& dates, const std::optional<std::string>& language,
                           std::string_view sample);

/// Appends `tag` (trimmed, whitespace collapsed) unless empty or already present.
void add_tag(std::vector<std::string>& tags, std::string_view tag);

/// Each entry of a comma-separated list ("a, b" or "a，b") through add_tag:
/// <itunes:keywords>, <media:keywords>, an unprefixed <tags>.
void add_tag_list(std::vector<std::string>& tags, std::string_view list);

/// `reference` resolved against `base`; the trimmed reference itself when that fails;
/// nullopt when blank.
std::optional<std::string> resolve_link(const std::string& base, std::string_view reference);

/// True for text starting with http:// or https:// (case-insensitive).
bool looks_like_http_url(std::string_view text);

/// "jane@example.com (Jane Doe)" → "Jane Doe"; other text trimmed.
std::string author_name(std::string_view text);

/// Adds the Media RSS images under `element` (media:content with medium="image" or an image
/// type, media:thumbnail, also inside media:group) to `item.images`, skipping duplicates.
void collect_media_images(const ChildIndex& children, const std::string& base, Item& item);

/// A feed's image given by <itunes:image href=...> (or url=, or its text) of `channel`; ""
/// when there is none. Not resolved.
std::string itunes_image_url(pugi::xml_node channel);

/// A feed's image given by a channel-level <media:thumbnail> or image <media:content> (also
/// in <media:group>); "" when there is none. Not resolved.
std::string media_image_url(pugi::xml_node channel);

/// Adds one enclosure unless its URL is blank or already present.
void add_enclosure(Item& item, std::optional<std::string> url, std::string_view type,
                   std::string_view length);

}  // namespace feedarchiver::parse
