#pragma once
// The fuzz targets as plain functions, shared by the libFuzzer mains in fuzz/*_fuzz.cpp and
// by tests/hardening/fuzz_regression_test.cpp, which replays every saved finding through the
// very same code. Each target runs one stage on arbitrary bytes and checks the stage's
// promises; a broken promise throws InvariantViolation (libFuzzer reports it as a crash, the
// regression test as a failure). Header-only so that both builds compile it without a
// library of its own.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/decode/document.hpp"
#include "feedarchiver/extract/article.hpp"
#include "feedarchiver/normalize/canonical_url.hpp"
#include "feedarchiver/normalize/normalize_feed.hpp"
#include "feedarchiver/normalize/sanitize.hpp"
#include "feedarchiver/parse/feed_parser.hpp"
#include "feedarchiver/url.hpp"
#include "feedarchiver/utf8.hpp"
#include "feedarchiver/write/post.hpp"
#include "feedarchiver/write/slug.hpp"

namespace feedarchiver::fuzz {

/// A promise of the stage under test does not hold for this input.
struct InvariantViolation : std::logic_error {
  using std::logic_error::logic_error;
};

inline void require(bool holds, const std::string& what) {
  if (!holds) throw InvariantViolation(what);
}

// ---- checks -------------------------------------------------------------------------------

/// Strict UTF-8: no overlongs, no surrogates, nothing past U+10FFFF.
inline bool is_valid_utf8(std::string_view text) {
  return utf8::is_valid(text);
}

inline std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

inline void append_code_point(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else {
    out += '?';  // only ASCII matters to the scheme check
  }
}

/// An attribute value as a browser reads it: character references decoded once.
inline std::string decode_references(std::string_view value) {
  static constexpr std::array<std::pair<std::string_view, char>, 9> kNamed = {{{"amp;", '&'},
                                                                               {"quot;", '"'},
                                                                               {"lt;", '<'},
                                                                               {"gt;", '>'},
                                                                               {"colon;", ':'},
                                                                               {"tab;", '\t'},
                                                                               {"newline;", '\n'},
                                                                               {"apos;", '\''},
                                                                               {"sol;", '/'}}};
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '&') {
      out += value[i];
      continue;
    }
    const std::string rest = lower_ascii(value.substr(i + 1, 12));
    if (!rest.empty() && rest[0] == '#') {
      const bool hex = rest.size() > 1 && rest[1] == 'x';
      std::size_t k = hex ? 2 : 1;
      std::uint32_t cp = 0;
      const std::size_t digits_start = k;
      while (k < rest.size() && cp <= 0x10FFFF) {
        const char c = rest[k];
        int digit = -1;
        if (c >= '0' && c <= '9') digit = c - '0';
        if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        if (digit < 0) break;
        cp = cp * (hex ? 16u : 10u) + static_cast<std::uint32_t>(digit);
        ++k;
      }
      if (k > digits_start) {
        append_code_point(out, cp);
        i += k + (k < rest.size() && rest[k] == ';' ? 1 : 0);
        continue;
      }
    }
    bool named = false;
    for (const auto& [name, c] : kNamed) {
      if (rest.starts_with(name)) {
        out += c;
        i += name.size();
        named = true;
        break;
      }
    }
    if (!named) out += '&';
  }
  return out;
}

/// What a browser takes as a URL's scheme: controls and spaces anywhere dropped, lower case.
inline std::string squeezed_lower(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (static_cast<unsigned char>(c) > 0x20) out += c;
  }
  return lower_ascii(out);
}

/// Splits `text` at the first `count - 1` occurrences of `separator` (missing parts empty).
inline std::vector<std::string_view> split_fields(std::string_view text, char separator,
                                                  std::size_t count) {
  std::vector<std::string_view> fields;
  while (fields.size() + 1 < count) {
    const std::size_t at = text.find(separator);
    if (at == std::string_view::npos) break;
    fields.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  fields.push_back(text);
  while (fields.size() < count) fields.emplace_back();
  return fields;
}

struct Tag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;  // values as written
  bool foreign = false;  // an SVG or MathML element (not HTML inside a <desc> or <mi>)
};

/// The start tags of HTML as our serializer writes it: <name a="v" b>, values double-quoted.
inline std::vector<Tag> start_tags(std::string_view html) {
  std::vector<Tag> tags;
  std::size_t i = 0;
  const auto is_name_char = [](char c) {
    return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '>' && c != '/' &&
           c != '=';
  };
  // The open elements (the serializer closes every one but HTML's void elements), to tell
  // SVG and MathML from the HTML in their integration points.
  struct Open {
    std::string name;
    bool foreign;
  };
  std::vector<Open> open;
  static constexpr std::array<std::string_view, 7> kIntegrationPoints = {
      "title", "desc", "mi", "mo", "mn", "ms", "mtext"};
  static constexpr std::array<std::string_view, 17> kVoid = {
      "area", "base",  "br",     "col",   "embed", "hr",     "img",      "input",  "link",
      "meta", "param", "source", "track", "wbr",   "keygen", "basefont", "bgsound"};
  while ((i = html.find('<', i)) != std::string_view::npos) {
    ++i;
    if (i < html.size() && html[i] == '/') {
      std::string end;
      for (++i; i < html.size() && is_name_char(html[i]); ++i) end += html[i];
      end = lower_ascii(end);
      for (std::size_t k = open.size(); k > 0; --k) {
        if (open[k - 1].name != end) continue;
        open.resize(k - 1);
        break;
      }
      continue;
    }
    if (i >= html.size() || html[i] == '!') continue;
    Tag tag;
    while (i < html.size() && is_name_char(html[i])) tag.name += html[i++];
    tag.name = lower_ascii(tag.name);
    const bool in_foreign = !open.empty() && open.back().foreign &&
                            std::find(kIntegrationPoints.begin(), kIntegrationPoints.end(),
                                      open.back().name) == kIntegrationPoints.end();
    tag.foreign = tag.name == "svg" || tag.name == "math" || in_foreign;
    if (tag.foreign || std::find(kVoid.begin(), kVoid.end(), tag.name) == kVoid.end()) {
      open.push_back(Open{tag.name, tag.foreign});
    }
    while (i < html.size() && html[i] != '>') {
      if (!is_name_char(html[i])) {
        ++i;
        continue;
      }
      std::string name;
      while (i < html.size() && is_name_char(html[i])) name += html[i++];
      std::string value;
      if (i < html.size() && html[i] == '=') {
        ++i;
        const char quote = i < html.size() ? html[i] : '\0';
        if (quote == '"' || quote == '\'') {
          const std::size_t end = html.find(quote, i + 1);
          const std::size_t stop = end == std::string_view::npos ? html.size() : end;
          value = std::string(html.substr(i + 1, stop - i - 1));
          i = stop + 1;
        } else {
          while (i < html.size() && html[i] != '>' && html[i] != ' ') value += html[i++];
        }
      }
      tag.attributes.emplace_back(lower_ascii(name), std::move(value));
    }
    tags.push_back(std::move(tag));
  }
  return tags;
}

/// The sanitizer's promises for `html` it wrote: no active element (inline SVG and MathML
/// are allowed, but never their script, style, foreignObject, animation or external
/// references), no style attribute, no event handler, no script URL (javascript:,
/// vbscript:, data: other than a raster image), no link but to http(s), mailto: or a
/// relative address, no SVG reference but to "#id", no url() but url(#id), valid UTF-8.
inline void require_inert_html(std::string_view html, std::string_view what) {
  const std::string where = std::string(what) + ": ";
  require(is_valid_utf8(html), where + "output is not valid UTF-8");
  const std::string lower = lower_ascii(html);
  require(lower.find("<script") == std::string::npos, where + "output contains <script");
  static constexpr std::array<std::string_view, 21> kActive = {
      "script", "style",    "iframe",        "object",       "embed",
      "form",   "meta",     "base",          "link",         "frame",
      "applet", "template", "foreignobject", "animate",      "set",
      "image",  "feimage",  "animatemotion", "animatecolor", "animatetransform",
      "handler"};
  // Text that may say "javascript:" or "url(" as words (checked in SVG and MathML only).
  static constexpr std::array<std::string_view, 9> kText = {
      "title", "alt", "alttext", "label", "placeholder", "value", "summary", "abbr", "xlink:title"};
  for (const Tag& tag : start_tags(html)) {
    require(std::find(kActive.begin(), kActive.end(), tag.name) == kActive.end(),
            where + "output keeps a <" + tag.name + "> element");
    for (const auto& [name, raw_value] : tag.attributes) {
      require(!name.starts_with("on"), where + "output keeps the handler attribute " + name);
      require(name != "formaction" && name != "srcdoc" && name != "style",
              where + "output keeps the attribute " + name);
      const std::string value = squeezed_lower(decode_references(raw_value));
      static constexpr std::array<std::string_view, 9> kUrlAttributes = {
          "href", "src", "srcset", "cite", "poster", "action", "background", "data", "longdesc"};
      const bool is_url =
          std::find(kUrlAttributes.begin(), kUrlAttributes.end(), name) != kUrlAttributes.end() ||
          name == "xlink:href";
      if (tag.foreign && !is_url && std::find(kText.begin(), kText.end(), name) == kText.end()) {
        require(value.find("javascript:") == std::string::npos,
                where + "attribute " + name + " holds javascript:");
        for (std::size_t at = value.find("url("); at != std::string::npos;
             at = value.find("url(", at + 1)) {
          const std::size_t hash = value.find_first_not_of("'\"", at + 4);
          require(hash != std::string::npos && value[hash] == '#',
                  where + "attribute " + name + " holds a url() of another document");
        }
      }
      if (name == "href" || name == "xlink:href") {
        static constexpr std::array<std::string_view, 5> kReferences = {
            "use", "textpath", "lineargradient", "radialgradient", "pattern"};
        if (tag.foreign &&
            std::find(kReferences.begin(), kReferences.end(), tag.name) != kReferences.end()) {
          // SVG's use, textPath, gradients, patterns: this document only.
          require(value.starts_with("#"),
                  where + "attribute " + name + " of <" + tag.name + "> is not a #fragment");
        }
        // A scheme as URLs have one: a letter, then letters, digits, '+', '-', '.' up to ':'
        // ("1https://x" is a relative path).
        const std::size_t colon = value.find(':');
        const std::string_view scheme =
            std::string_view(value).substr(0, colon == std::string::npos ? 0 : colon);
        const bool is_scheme = !scheme.empty() && scheme[0] >= 'a' && scheme[0] <= 'z' &&
                               std::all_of(scheme.begin(), scheme.end(), [](char c) {
                                 return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                        c == '+' || c == '-' || c == '.';
                               });
        if (is_scheme) {
          require(scheme == "http" || scheme == "https" || scheme == "mailto",
                  where + "attribute " + name + " has the scheme " + std::string(scheme));
        }
      }
      if (!is_url) continue;  // text (title, alt, class): may say "javascript:" as words
      std::vector<std::string_view> urls = {value};
      if (name == "srcset") urls = split_fields(value, ',', value.size() + 1);
      for (std::string_view url : urls) {
        for (std::string_view scheme : {"javascript:", "vbscript:", "livescript:"}) {
          require(!url.starts_with(scheme),
                  where + "attribute " + name + " holds a " + std::string(scheme) + " URL");
        }
        if (url.starts_with("data:")) {
          const bool raster =
              url.starts_with("data:image/png") || url.starts_with("data:image/jpeg") ||
              url.starts_with("data:image/gif") || url.starts_with("data:image/webp");
          require(raster, where + "attribute " + name + " holds a non-image data: URL");
        }
      }
    }
  }
}

/// The keys of the front matter of a rendered post, in order, or a violation when a line
/// between the `---` fences does not start a key (a value broke out of its line).
inline std::vector<std::string> front_matter_keys(std::string_view post) {
  require(post.starts_with("---\n"), "post does not start with ---");
  const std::size_t end = post.find("\n---\n", 3);
  require(end != std::string_view::npos, "post has no closing --- fence");
  std::vector<std::string> keys;
  std::string_view block = post.substr(4, end - 3);  // every line with its '\n'
  while (!block.empty()) {
    const std::size_t newline = block.find('\n');
    const std::string_view line = block.substr(0, newline);
    block.remove_prefix(newline == std::string_view::npos ? block.size() : newline + 1);
    std::size_t k = 0;
    while (k < line.size() && ((line[k] >= 'a' && line[k] <= 'z') || line[k] == '_')) ++k;
    require(k > 0 && k + 1 < line.size() && line[k] == ':' && line[k + 1] == ' ',
            "front matter line is not a key: '" + std::string(line.substr(0, 80)) + "'");
    keys.emplace_back(line.substr(0, k));
  }
  return keys;
}

inline const std::vector<std::string>& template_keys() {
  static const std::vector<std::string> kKeys = {"layout", "title", "date",     "author",
                                                 "from",   "tags",  "comments", "categories"};
  return kKeys;
}

// ---- targets ------------------------------------------------------------------------------

/// decode_document under the Content-Type / override picked by the first byte: the text
/// out is always valid UTF-8.
inline void decode_target(std::string_view bytes) {
  static constexpr std::array<std::string_view, 8> kContentTypes = {
      "",
      "text/xml; charset=utf-8",
      "text/html; charset=windows-1252",
      "application/json",
      "text/html; charset=shift_jis",
      "application/rss+xml; charset=gb18030",
      "text/xml; charset=utf-16",
      "text/html; charset=x-no-such-charset"};
  static constexpr std::array<std::string_view, 4> kOverrides = {"", "", "euc-kr", "iso-8859-1"};
  if (bytes.empty()) return;
  const auto selector = static_cast<unsigned char>(bytes.front());
  bytes.remove_prefix(1);
  const auto document =
      decode::decode_document(bytes, kContentTypes[selector % kContentTypes.size()],
                              "https://example.org/", kOverrides[(selector >> 3) % 4]);
  require(is_valid_utf8(document.utf8), "decode_document produced invalid UTF-8");
  (void)decode::sniff_kind(document.utf8);
}

/// Bytes → decode → parse_feed (XML or JSON) → normalize_feed, as `parse` does: every item
/// link left is http(s), every body inert.
inline void parse_feed_target(std::string_view bytes) {
  const auto document = decode::decode_document(bytes, "", "https://example.org/feed/");
  auto result = parse::parse_feed(document);
  require(result.feed.has_value() || !result.error.empty(), "parse_feed: no feed and no error");
  if (!result.feed) return;
  normalize::normalize_feed(*result.feed);
  for (const Item& item : result.feed->items) {
    if (item.url) require(is_http_url(*item.url), "item url not http(s): " + *item.url);
    if (item.content_html) require_inert_html(*item.content_html, "content_html");
    if (item.summary_html) require_inert_html(*item.summary_html, "summary_html");
  }
}

/// An HTML page → extract_article: the content is inert HTML, the text valid UTF-8.
inline void extract_target(std::string_view bytes) {
  const auto document =
      decode::decode_document(bytes, "text/html", "https://example.org/2024/05/page.html");
  const extract::Article article = extract::extract_article(document);
  require_inert_html(article.content_html, "content_html");
  require(is_valid_utf8(article.text), "article text is not valid UTF-8");
  (void)extract::article_to_json(article);
}

/// Arbitrary text → parse_date → the formatters.
inline void parse_date_target(std::string_view text) {
  if (const auto t = parse_date(text)) {
    (void)format_iso_millis(*t);
    (void)format_ymd(*t);
  }
}

/// "base\nreference": resolve_url, then canonical_url of the result, which is a fixed point.
inline void url_target(std::string_view bytes) {
  const auto fields = split_fields(bytes, '\n', 2);
  const auto resolved = resolve_url(fields[0], fields[1]);
  require(!resolved || is_valid_utf8(*resolved) || !is_valid_utf8(bytes),
          "resolve_url made invalid UTF-8 of valid input");
  (void)is_http_url(fields[1]);
  (void)url_host(fields[1]);
  (void)url_scheme(fields[1]);
  for (std::string_view url : {std::string_view(bytes), resolved ? std::string_view(*resolved)
                                                                 : std::string_view(fields[1])}) {
    const std::string once = normalize::canonical_url(url);
    if (!is_http_url(once)) continue;
    const std::string twice = normalize::canonical_url(once);
    require(once == twice, "canonical_url is not idempotent: '" + once + "' → '" + twice + "'");
  }
}

/// sanitize_html of an arbitrary fragment is inert.
inline void sanitize_target(std::string_view bytes) {
  const normalize::SanitizeResult result =
      normalize::sanitize_html(bytes, "https://example.org/a/");
  require_inert_html(result.html, "sanitize_html");
  for (const Image& image : result.images) {
    const std::string url = squeezed_lower(image.url);
    require(!url.starts_with("javascript:") && !url.starts_with("vbscript:"),
            "sanitize_html: image with a script URL");
  }
}

/// Fields separated by '\x1f' (title, url, author name, tags, categories, body, id; tags and
/// categories split at '\x1e') → build_post → render_post: the front matter has exactly
/// the template's keys, one line each, and the file is valid UTF-8.
inline void post_target(std::string_view bytes) {
  const auto fields = split_fields(bytes, '\x1f', 7);
  const auto list = [](std::string_view text) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    for (std::string_view part : split_fields(text, '\x1e', 64)) {
      if (!part.empty()) out.emplace_back(part);
    }
    return out;
  };
  Item item;
  if (!fields[0].empty()) item.title = std::string(fields[0]);
  if (!fields[1].empty()) item.url = std::string(fields[1]);
  if (!fields[6].empty()) item.id = std::string(fields[6]);
  item.content_html = std::string(fields[5]);
  item.published = Timestamp(std::chrono::milliseconds(1700000000000));
  write::PostOptions options;
  options.name = std::string(fields[2]);
  if (!fields[3].empty()) options.tags = list(fields[3]);
  if (!fields[4].empty()) options.categories = list(fields[4]);
  std::vector<std::string> warnings;
  const write::Post post = write::build_post(
      item, options, Timestamp(std::chrono::milliseconds(1700000000000)), warnings);
  const std::string text = write::render_post(post);
  require(front_matter_keys(text) == template_keys(), "front matter keys differ from the template");
  require(is_valid_utf8(text), "rendered post is not valid UTF-8");
  const std::size_t body = text.find("\n---\n");
  const std::string below = text.substr(body + 5);
  for (std::string_view delimiter : {"{{", "}}", "{%", "%}"}) {
    require(below.find(delimiter) == std::string::npos,
            "Liquid delimiter " + std::string(delimiter) + " below the front matter");
  }
}

/// make_slug(title, url): a safe file-name part, whatever the title.
inline void slug_target(std::string_view bytes) {
  const auto fields = split_fields(bytes, '\n', 2);
  const std::string slug = write::make_slug(fields[0], fields[1]);
  require(!slug.empty(), "empty slug");
  require(slug.size() <= 200, "slug longer than 200 bytes");
  require(slug != "." && slug != "..", "slug is . or ..");
  require(slug.find('/') == std::string::npos, "slug contains /");
  require(slug.find('\\') == std::string::npos, "slug contains a backslash");
  require(slug.find('\0') == std::string::npos, "slug contains NUL");
  require(std::none_of(slug.begin(), slug.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20; }),
          "slug contains a control character");
  require(slug.front() != '.' && slug.front() != '-', "slug starts with . or -");
  require(is_valid_utf8(slug), "slug is not valid UTF-8");
}

struct Target {
  std::string_view name;  // the fuzzer is <name>_fuzz, its findings fuzz_regressions/<name>/
  void (*run)(std::string_view);
};

inline constexpr std::array<Target, 8> kTargets = {{{"decode", decode_target},
                                                    {"parse_feed", parse_feed_target},
                                                    {"extract", extract_target},
                                                    {"parse_date", parse_date_target},
                                                    {"url", url_target},
                                                    {"sanitize", sanitize_target},
                                                    {"post", post_target},
                                                    {"slug", slug_target}}};

}  // namespace feedarchiver::fuzz
