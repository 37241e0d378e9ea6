#include "feedarchiver/write/post.hpp"

#include <chrono>
#include <cstdio>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/dates.hpp"
#include "feedarchiver/utf8.hpp"
#include "feedarchiver/write/yaml_flow.hpp"
#include "feedarchiver/write/yaml_scalar.hpp"

namespace feedarchiver::write {
namespace {

constexpr auto kFutureTolerance = std::chrono::hours(24);

bool starts_with_http(std::string_view text) {
  const auto prefix_is = [&](std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char c = text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  return prefix_is("http://") || prefix_is("https://");
}

/// How a warning names an item: its title and address, whichever it has.
std::string describe(const Item& item) {
  std::string out = "item";
  if (item.title && !trim_c_space(*item.title).empty()) {
    out += " \"" + std::string(trim_c_space(*item.title)) + "\"";
  }
  if (item.url && !item.url->empty()) {
    out += " (" + *item.url + ")";
  } else if (item.id && !item.id->empty()) {
    out += " (id " + *item.id + ")";
  }
  return out;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

void append_percent(std::string& out, unsigned char byte) {
  char buffer[4];
  std::snprintf(buffer, sizeof buffer, "%%%02X", static_cast<unsigned>(byte));
  out += buffer;
}

/// ASCII bytes percent-encoded in a post's URL: what RFC 3986 forbids raw, plus what ends
/// or confuses a Markdown link destination, a YAML plain scalar or Liquid.
bool must_encode_ascii(unsigned char c) {
  switch (c) {
    case ' ':
    case '"':
    case '<':
    case '>':
    case '(':
    case ')':
    case '\\':
    case '^':
    case '`':
    case '{':
    case '}':
    case '|':
      return true;
    default:
      return c < 0x20 || c == 0x7F;
  }
}

/// Non-ASCII code points percent-encoded: controls, spaces and invisible characters.
bool must_encode_unicode(char32_t cp) {
  return cp <= 0x9F || utf8::is_invisible_or_space(cp) || (cp >= 0xFFF0 && cp <= 0xFFFF);
}

/// The link text of `[text](url)`: one line, and Markdown (kramdown, GFM flavour) reads it
/// as literal text. Backslash escapes where kramdown honours them, character references
/// for what starts HTML or entities.
std::string markdown_text(std::string_view title) {
  std::string out;
  out.reserve(title.size() + 8);
  std::size_t pos = 0;
  while (pos < title.size()) {
    const std::size_t at = pos;
    const char32_t cp = utf8::next_code_point(title, pos);
    if (cp == utf8::kInvalid) {
      utf8::append_utf8(out, utf8::kReplacement);
      continue;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
      out += ' ';  // line breaks and controls
      continue;
    }
    switch (cp) {
      case '\\':
      case '[':
      case ']':
      case '*':
      case '_':
      case '`':
      case '|':
      case '$':
        out += '\\';
        out += static_cast<char>(cp);
        continue;
      case '"':
      case '\'':
        out += '\\';  // no curly quotes: the link shows the title's own characters
        out += static_cast<char>(cp);
        continue;
      case '-':
      case '.':
      case '>':
        // "--", "---", "..." and ">>" would become dashes, an ellipsis and a guillemet.
        if ((at > 0 && title[at - 1] == static_cast<char>(cp)) ||
            (pos < title.size() && title[pos] == static_cast<char>(cp))) {
          out += '\\';
        }
        out += static_cast<char>(cp);
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '&':
        out += "&amp;";
        continue;
      case '~':  // GFM strikethrough
        out += "&#126;";
        continue;
      case '{':
        // "{:" and "{::" start kramdown attribute lists and extensions.
        if (pos < title.size() && title[pos] == ':') out += '\\';
        out += '{';
        continue;
      default:
        out.append(title.substr(at, pos - at));
    }
  }
  return out;
}

/// `text` with every byte that is not part of valid UTF-8 replaced by U+FFFD: Jekyll refuses
/// to read a file holding invalid UTF-8, which would stop the whole site's build.
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t at = pos;
    if (utf8::next_code_point(text, pos) == utf8::kInvalid) {
      utf8::append_utf8(out, utf8::kReplacement);
    } else {
      out.append(text.substr(at, pos - at));
    }
  }
  return out;
}

/// Length of the character reference starting at `text[at]` ("&amp;", "&#38;", "&#x26;"),
/// or 0 when there is none.
std::size_t reference_length(std::string_view text, std::size_t at) {
  std::size_t i = at + 1;
  const auto is_alnum = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  if (i < text.size() && text[i] == '#') ++i;
  const std::size_t start = i;
  while (i < text.size() && is_alnum(text[i])) ++i;
  return i > start && i < text.size() && text[i] == ';' ? i + 1 - at : 0;
}

/// An encoded URL as a Markdown link destination: kramdown decodes character references
/// there, so an '&' that starts one ("?a=1&amp;b") is written "&amp;" to come back as '&'.
std::string markdown_destination(std::string_view url) {
  std::string out;
  out.reserve(url.size());
  for (std::size_t i = 0; i < url.size(); ++i) {
    out += url[i] == '&' && reference_length(url, i) > 0 ? "&amp;" : std::string(1, url[i]);
  }
  return out;
}

}  // namespace

Post build_post(const Item& item, const PostOptions& options, Timestamp now,
                std::vector<std::string>& warnings) {
  Post post;

  const std::string_view title = item.title ? trim_c_space(*item.title) : std::string_view{};
  if (item.url && !item.url->empty()) {
    post.url = *item.url;
  } else if (item.id && starts_with_http(*item.id)) {
    post.url = *item.id;
  } else {
    warnings.push_back(describe(item) + ": no article URL");
  }
  if (!title.empty()) {
    post.title = std::string(title);
  } else {
    post.title = post.url.empty() ? "Untitled" : post.url;
    warnings.push_back(describe(item) + ": no title; using \"" + post.title + "\"");
  }

  if (item.published && *item.published > now + kFutureTolerance) {
    warnings.push_back(describe(item) + ": publication date " + format_iso_millis(*item.published) +
                       " is in the future; using the fetch time");
  } else if (item.published) {
    post.published = item.published;
  } else {
    warnings.push_back(describe(item) + ": no publication date; using the fetch time");
  }
  post.date = post.published.value_or(now);

  post.author = options.name;
  const std::vector<std::string> fallback =
      options.name.empty() ? std::vector<std::string>{} : std::vector<std::string>{options.name};
  post.tags = options.tags.value_or(fallback);
  post.categories = options.categories.value_or(fallback);

  // "" is treated as null everywhere: an empty (or sanitized-to-nothing) content never wins
  // over a summary with text.
  if (item.content_html && !trim_c_space(*item.content_html).empty()) {
    post.body_html = *item.content_html;
  } else if (item.summary_html && !trim_c_space(*item.summary_html).empty()) {
    post.body_html = *item.summary_html;
  }
  return post;
}

std::string render_post(const Post& post) {
  const auto flow_list = [](const std::vector<std::string>& values) {
    if (values.empty()) return std::string("[ ]");
    std::string out = "[ ";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += ", ";
      out += detail::yaml_flow_scalar(values[i]);
    }
    return out + " ]";
  };
  std::string out;
  out.reserve(post.body_html.size() + post.title.size() * 3 + 512);
  out += "---\nlayout: post\ntitle: ";
  out += yaml_double_quoted(post.title);
  out += "\ndate: ";
  out += format_iso_millis(post.date);
  out += "\nauthor: ";
  out += yaml_plain_or_quoted(post.author);
  out += "\nfrom: ";
  out += yaml_plain_or_quoted(encode_url_for_post(post.url));
  out += "\ntags: ";
  out += flow_list(post.tags);
  out += "\ncomments: True\ncategories: ";
  out += flow_list(post.categories);
  out += "\n---\n<!--";
  out += post.published ? std::to_string(epoch_millis(*post.published)) : "unknown";
  out += "-->\n";
  out += escape_liquid(markdown_link(post.title, post.url));
  out += "\n------\n\n<div>";
  out += escape_liquid(valid_utf8(post.body_html));
  out += "</div>\n";
  return out;
}

std::string markdown_link(std::string_view title, std::string_view url) {
  return "[" + markdown_text(title) + "](" + markdown_destination(encode_url_for_post(url)) + ")";
}

std::string escape_liquid(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char before = i > 0 ? text[i - 1] : '\0';
    const char after = i + 1 < text.size() ? text[i + 1] : '\0';
    // Every brace that is part of "{{", "{%", "}}" or "%}" goes, so no run of braces
    // ("{{{", "}}}}", "{%}") leaves a delimiter behind.
    if (c == '{' && (after == '{' || after == '%' || before == '{')) {
      out += "&#123;";
    } else if (c == '}' && (before == '}' || before == '%' || after == '}')) {
      out += "&#125;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string encode_url_for_post(std::string_view url) {
  std::string out;
  out.reserve(url.size());
  std::size_t pos = 0;
  while (pos < url.size()) {
    const std::size_t at = pos;
    const char32_t cp = utf8::next_code_point(url, pos);
    if (cp == utf8::kInvalid) {
      append_percent(out, static_cast<unsigned char>(url[at]));
    } else if (cp == '%') {
      // An existing escape stays as it is; a lone '%' becomes "%25".
      const bool escape = at + 2 < url.size() && is_hex(url[at + 1]) && is_hex(url[at + 2]);
      out += escape ? "%" : "%25";
    } else if (cp < 0x80 ? must_encode_ascii(static_cast<unsigned char>(cp))
                         : must_encode_unicode(cp)) {
      for (std::size_t i = at; i < pos; ++i)
        append_percent(out, static_cast<unsigned char>(url[i]));
    } else {
      out.append(url.substr(at, pos - at));
    }
  }
  return out;
}

}  // namespace feedarchiver::write
