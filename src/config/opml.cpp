#include "feedarchiver/config/opml.hpp"

#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "feedarchiver/error.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::config {
namespace {

/// An attribute by name, ignoring case (OPML files in the wild write xmlUrl, xmlurl, XMLURL).
std::string attribute(const pugi::xml_node& node, const char* name) {
  for (const pugi::xml_attribute& attr : node.attributes()) {
    const std::string_view have = attr.name();
    const std::string_view want = name;
    if (have.size() != want.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < have.size() && same; ++i) {
      const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
      same = lower(have[i]) == lower(want[i]);
    }
    if (same) return attr.value();
  }
  return {};
}

std::string outline_name(const pugi::xml_node& outline) {
  std::string name = attribute(outline, "title");
  if (name.empty()) name = attribute(outline, "text");
  return name;
}

struct Importer {
  FeedsImport& result;
  std::set<std::string> urls;

  void walk(const pugi::xml_node& parent, std::vector<std::string>& tags) {
    for (const pugi::xml_node& outline : parent.children()) {
      if (std::string_view(outline.name()) != "outline") continue;
      const std::string url = attribute(outline, "xmlUrl");
      const std::string name = outline_name(outline);
      if (url.empty()) {
        if (!name.empty()) tags.push_back(name);
        walk(outline, tags);
        if (!name.empty()) tags.pop_back();
        continue;
      }
      add(url, name, tags);
      walk(outline, tags);  // a feed outline with children: odd, but keep what is inside
    }
  }

  void add(const std::string& url, const std::string& name, const std::vector<std::string>& tags) {
    if (!is_http_url(url)) {
      result.warnings.push_back("skipped \"" + url + "\": not an http(s) URL");
      return;
    }
    if (!urls.insert(url).second) {
      result.warnings.push_back("skipped \"" + url + "\": listed twice");
      return;
    }
    nlohmann::ordered_json feed;
    if (!name.empty() && name != url) feed["name"] = name;
    feed["url"] = url;
    if (!tags.empty()) feed["tags"] = tags;
    result.feeds_json["feeds"].push_back(std::move(feed));
  }
};

/// The outline for `tag` under `parent` (a folder, not a feed), created when missing.
pugi::xml_node folder(pugi::xml_node parent, const std::string& tag) {
  for (pugi::xml_node child : parent.children("outline")) {
    if (child.attribute("xmlUrl").empty() && tag == child.attribute("text").value()) return child;
  }
  pugi::xml_node created = parent.append_child("outline");
  created.append_attribute("text") = tag.c_str();
  created.append_attribute("title") = tag.c_str();
  return created;
}

}  // namespace

FeedsImport import_opml(std::string_view text, const std::string& origin) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  const pugi::xml_node opml = document.child("opml");
  if (!parsed || !opml) {
    throw Error(origin + ": not an OPML document" +
                (parsed ? std::string() : std::string(": ") + parsed.description()));
  }
  FeedsImport result;
  result.feeds_json["feeds"] = nlohmann::ordered_json::array();
  Importer importer{result, {}};
  std::vector<std::string> tags;
  importer.walk(opml.child("body"), tags);
  return result;
}

std::string export_opml(const FeedsConfig& config) {
  pugi::xml_document document;
  pugi::xml_node declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  pugi::xml_node opml = document.append_child("opml");
  opml.append_attribute("version") = "2.0";
  opml.append_child("head").append_child("title").text() = "feedarchiver feeds";
  const pugi::xml_node body = opml.append_child("body");
  for (const FeedConfig& feed : config.feeds) {
    pugi::xml_node parent = body;
    if (feed.tags) {
      for (const std::string& tag : *feed.tags) parent = folder(parent, tag);
    }
    pugi::xml_node outline = parent.append_child("outline");
    outline.append_attribute("type") = "rss";
    const std::string text = feed.name ? *feed.name : feed.url;
    outline.append_attribute("text") = text.c_str();
    if (feed.name) outline.append_attribute("title") = feed.name->c_str();
    outline.append_attribute("xmlUrl") = feed.url.c_str();
  }
  std::ostringstream out;
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace feedarchiver::config
