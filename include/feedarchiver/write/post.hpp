#pragma once
// A post as the default template of spec.md writes it, and the pure functions that build
// and render it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feedarchiver/model.hpp"

namespace feedarchiver::write {

struct Post {
  std::string title;
  Timestamp date;                      // the date: line and the file name's date
  std::optional<Timestamp> published;  // the epoch comment; nullopt → <!--unknown-->
  std::string author;
  std::string url;  // from: and the title link
  std::vector<std::string> tags;
  std::vector<std::string> categories;
  std::string body_html;
};

struct PostOptions {
  std::string name;  // source name: author, and the default tag and category
  std::optional<std::vector<std::string>> tags;        // default: {name}
  std::optional<std::vector<std::string>> categories;  // default: {name}
};

/// Builds the post of one normalized item. `now` is the fetch time: the date when the item
/// has none, or one more than a day in the future (each adds a warning naming the item).
/// Body: content_html, else summary_html, else empty.
Post build_post(const Item& item, const PostOptions& options, Timestamp now,
                std::vector<std::string>& warnings);

/// The file's whole text, byte for byte the default template. Liquid delimiters ({{ }} {% %})
/// below the front matter become HTML character references; invalid UTF-8 becomes U+FFFD.
std::string render_post(const Post& post);

/// `[title](url)` valid whatever the title (`[`, `]`, `\` escaped, line breaks → spaces) and
/// the URL (spaces, parentheses, < and > percent-encoded). kramdown shows the title's own
/// characters: Markdown syntax, HTML, entities and smart-typography runs are escaped.
std::string markdown_link(std::string_view title, std::string_view url);

/// Replaces {{, }}, {% and %} with HTML character references so Jekyll's Liquid leaves
/// the text alone.
std::string escape_liquid(std::string_view text);

/// The URL as written in from: and the link: spaces, parentheses, < > " percent-encoded.
std::string encode_url_for_post(std::string_view url);

}  // namespace feedarchiver::write
