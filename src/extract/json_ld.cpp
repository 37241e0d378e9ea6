#include "feedarchiver/extract/json_ld.hpp"

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace feedarchiver::extract {

namespace {

using nlohmann::json;

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_article_type_name(std::string_view type) {
  if (const auto colon = type.rfind('/'); colon != std::string_view::npos) {
    type = type.substr(colon + 1);  // "http://schema.org/NewsArticle"
  }
  return ends_with(type, "Article") || ends_with(type, "Posting") || type == "ReportageNews" ||
         type == "Report";
}

bool is_article(const json& object) {
  const auto type = object.find("@type");
  if (type == object.end()) return false;
  if (type->is_string()) return is_article_type_name(type->get_ref<const std::string&>());
  if (type->is_array()) {
    for (const json& each : *type) {
      if (each.is_string() && is_article_type_name(each.get_ref<const std::string&>())) return true;
    }
  }
  return false;
}

std::optional<std::string> string_field(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_string() && !it->get_ref<const std::string&>().empty()) return it->get<std::string>();
  return std::nullopt;
}

// A name, or the "name" of an object, or the names of an array of either, joined by ", ".
std::optional<std::string> names(const json& value) {
  if (value.is_string()) {
    return value.get_ref<const std::string&>().empty() ? std::nullopt
                                                       : std::optional(value.get<std::string>());
  }
  if (value.is_object()) {
    if (auto name = string_field(value, "name")) return name;
    return std::nullopt;
  }
  if (value.is_array()) {
    std::string joined;
    for (const json& each : value) {
      if (!each.is_string() && !each.is_object()) continue;
      if (auto name = names(each)) joined += (joined.empty() ? "" : ", ") + *name;
    }
    if (!joined.empty()) return joined;
  }
  return std::nullopt;
}

std::optional<std::string> image_url(const json& value) {
  if (value.is_string()) return names(value);
  if (value.is_object()) {
    if (auto url = string_field(value, "url")) return url;
    return string_field(value, "contentUrl");
  }
  if (value.is_array() && !value.empty()) {
    const json& first = value.front();
    if (first.is_string() || first.is_object()) return image_url(first);
  }
  return std::nullopt;
}

JsonLdArticle to_article(const json& object) {
  JsonLdArticle article;
  article.headline = string_field(object, "headline");
  article.name = string_field(object, "name");
  article.date_published = string_field(object, "datePublished");
  if (auto it = object.find("author"); it != object.end()) article.author = names(*it);
  article.article_body = string_field(object, "articleBody");
  if (auto it = object.find("image"); it != object.end()) article.image = image_url(*it);
  if (auto it = object.find("publisher"); it != object.end()) article.publisher = names(*it);
  article.url = string_field(object, "url");
  return article;
}

// The script's text between its first '{' or '[' and its last '}' or ']' (some sites wrap
// JSON-LD in comments or CDATA markers).
std::string_view json_span(std::string_view text) {
  if (const auto cdata = text.find("<![CDATA["); cdata != std::string_view::npos) {
    text.remove_prefix(cdata + 9);
    if (const auto end = text.rfind("]]>"); end != std::string_view::npos) {
      text = text.substr(0, end);
    }
  }
  const auto first = text.find_first_of("{[");
  const auto last = text.find_last_of("}]");
  if (first == std::string_view::npos || last == std::string_view::npos || last < first) return {};
  return text.substr(first, last - first + 1);
}

}  // namespace

JsonLdArticle read_json_ld(const Dom& dom) {
  for (NodeId id = 0; id < dom.size(); ++id) {
    if (!dom.is_element(id, "script")) continue;
    const auto type = dom.attribute(id, "type");
    if (!type || type->find("ld+json") == std::string_view::npos) continue;
    std::string text;
    for (NodeId child = dom.node(id).first_child; child != kNoNode;
         child = dom.node(child).next_sibling) {
      text += dom.node(child).text;
    }
    const std::string_view span = json_span(text);
    if (span.empty()) continue;
    const json root = json::parse(span, nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) continue;
    // Breadth-first over arrays and @graph (explicit queue: no recursion).
    std::vector<const json*> queue{&root};
    for (std::size_t next = 0; next < queue.size() && next < 1000; ++next) {
      const json& value = *queue[next];
      if (value.is_array()) {
        for (const json& each : value) queue.push_back(&each);
      } else if (value.is_object()) {
        if (is_article(value)) return to_article(value);
        if (auto graph = value.find("@graph"); graph != value.end()) queue.push_back(&*graph);
        if (auto main = value.find("mainEntity"); main != value.end()) queue.push_back(&*main);
      }
    }
  }
  return {};
}

}  // namespace feedarchiver::extract
