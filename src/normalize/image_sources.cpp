#include "feedarchiver/normalize/image_sources.hpp"

#include <optional>

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/html_serializer.hpp"

namespace feedarchiver::normalize {
namespace {

// Decodes the references the serializer writes in attribute values; others stay as written.
std::string decode_attribute(std::string_view value) {
  static constexpr std::pair<std::string_view, std::string_view> kReferences[] = {
      {"&amp;", "&"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\xC2\xA0"}};
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    bool replaced = false;
    if (value[i] == '&') {
      for (const auto& [reference, text] : kReferences) {
        if (value.substr(i, reference.size()) == reference) {
          out.append(text);
          i += reference.size() - 1;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out.push_back(value[i]);
  }
  return out;
}

struct ImageTag {
  std::size_t begin = 0;                  // at '<'
  std::size_t end = 0;                    // after '>'
  std::vector<HtmlAttribute> attributes;  // values decoded
};

// The <img> tag starting at `at` ("<img" then a blank, '/' or '>'); nullopt when the text
// there is not a complete tag.
std::optional<ImageTag> read_image_tag(std::string_view html, std::size_t at) {
  ImageTag tag;
  tag.begin = at;
  std::size_t i = at + 4;
  while (i < html.size()) {
    while (i < html.size() && (is_html_space(html[i]) || html[i] == '/')) ++i;
    if (i >= html.size()) return std::nullopt;
    if (html[i] == '>') {
      tag.end = i + 1;
      return tag;
    }
    const std::size_t name_start = i;
    while (i < html.size() && !is_html_space(html[i]) && html[i] != '=' && html[i] != '>' &&
           html[i] != '/') {
      ++i;
    }
    HtmlAttribute attribute;
    attribute.name = std::string(html.substr(name_start, i - name_start));
    while (i < html.size() && is_html_space(html[i])) ++i;
    if (i < html.size() && html[i] == '=') {
      ++i;
      while (i < html.size() && is_html_space(html[i])) ++i;
      if (i >= html.size()) return std::nullopt;
      std::size_t value_start = i;
      std::size_t value_end = 0;
      if (html[i] == '"' || html[i] == '\'') {
        value_end = html.find(html[i], i + 1);
        if (value_end == std::string_view::npos) return std::nullopt;
        ++value_start;
        i = value_end + 1;
      } else {
        while (i < html.size() && !is_html_space(html[i]) && html[i] != '>') ++i;
        value_end = i;
      }
      attribute.value = decode_attribute(html.substr(value_start, value_end - value_start));
    }
    tag.attributes.push_back(std::move(attribute));
  }
  return std::nullopt;
}

// Calls `on_tag` for every <img> tag of `html`, in order.
template <typename OnTag>
void for_each_image_tag(std::string_view html, OnTag on_tag) {
  std::size_t at = 0;
  while ((at = html.find("<img", at)) != std::string_view::npos) {
    const std::size_t next = at + 4;
    if (next < html.size() &&
        (is_html_space(html[next]) || html[next] == '/' || html[next] == '>')) {
      if (std::optional<ImageTag> tag = read_image_tag(html, at)) {
        on_tag(*tag);
        at = tag->end;
        continue;
      }
    }
    at = next;
  }
}

const HtmlAttribute* find(const ImageTag& tag, std::string_view name) {
  for (const HtmlAttribute& attribute : tag.attributes) {
    if (attribute.name == name) return &attribute;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> image_sources(std::string_view sanitized_html) {
  std::vector<std::string> sources;
  for_each_image_tag(sanitized_html, [&](const ImageTag& tag) {
    if (const HtmlAttribute* src = find(tag, "src")) sources.push_back(src->value);
  });
  return sources;
}

std::string replace_image_sources(std::string_view sanitized_html,
                                  const std::map<std::string, std::string>& replacements) {
  std::string out;
  out.reserve(sanitized_html.size());
  std::size_t copied = 0;
  for_each_image_tag(sanitized_html, [&](const ImageTag& tag) {
    const HtmlAttribute* src = find(tag, "src");
    const auto replacement = src ? replacements.find(src->value) : replacements.end();
    if (replacement == replacements.end()) return;
    std::vector<HtmlAttribute> attributes;
    for (const HtmlAttribute& attribute : tag.attributes) {
      if (attribute.name == "srcset" || attribute.name == "sizes") continue;
      attributes.push_back(attribute);
      if (attribute.name == "src") attributes.back().value = replacement->second;
    }
    out.append(sanitized_html.substr(copied, tag.begin - copied));
    append_start_tag(out, "img", attributes);
    copied = tag.end;
  });
  out.append(sanitized_html.substr(copied));
  return out;
}

}  // namespace feedarchiver::normalize
