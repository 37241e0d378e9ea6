#include "feedarchiver/extract/article.hpp"

#include <nlohmann/json.hpp>

#include "feedarchiver/dates.hpp"
#include "feedarchiver/extract/article_writer.hpp"
#include "feedarchiver/extract/content_scorer.hpp"
#include "feedarchiver/extract/dom.hpp"
#include "feedarchiver/extract/json_ld.hpp"
#include "feedarchiver/extract/metadata.hpp"
#include "feedarchiver/extract/text_measure.hpp"
#include "feedarchiver/extract/xpath_dom.hpp"
#include "feedarchiver/html_serializer.hpp"
#include "feedarchiver/normalize/sanitize.hpp"
#include "feedarchiver/url.hpp"

namespace feedarchiver::extract {

namespace {

// Fewer weighted characters than this and the page has no credible article.
constexpr std::size_t kCredibleChars = 250;

// JSON-LD articleBody (plain text) as paragraphs.
ArticleMarkup markup_from_plain_text(std::string_view body) {
  ArticleMarkup markup;
  markup.html = "<div>";
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string line = tidy_text(body.substr(start, end - start));
    if (!line.empty()) {
      markup.html += "<p>";
      append_escaped_text(markup.html, line);
      markup.html += "</p>";
      if (!markup.text.empty()) markup.text += '\n';
      markup.text += line;
    }
    start = end + 1;
  }
  markup.html += "</div>";
  return markup;
}

bool looks_like_html(std::string_view text) {
  return text.find("</p>") != std::string_view::npos || text.find("<br") != std::string_view::npos;
}

bool contains(std::string_view text, std::string_view part) {
  return !part.empty() && text.find(part) != std::string_view::npos;
}

// Site rules over the scorer: strip rules leave subtrees out before scoring; the first body
// rule that matches gives the article's roots (pruned like the scorer's own choice unless
// `prune: no`); title, date and author rules override the page's metadata. Returns the
// selection; `body_matched` tells whether a body rule gave it.
ContentSelection select_with_rules(const Dom& dom, const SiteRules& rules, PageMetadata& meta,
                                   bool& body_matched) {
  const XPathDom xpath(dom);
  for (const std::string& expression : rules.title) {
    if (auto title = xpath.first_text(expression)) {
      meta.title = std::move(title);
      break;
    }
  }
  for (const std::string& expression : rules.date) {
    const std::optional<std::string> text = xpath.first_text(expression);
    if (!text) continue;
    if (auto date = parse_date(*text)) {
      meta.published = date;
      break;
    }
  }
  for (const std::string& expression : rules.author) {
    if (auto author = xpath.first_text(expression)) {
      meta.author = std::move(author);
      break;
    }
  }

  ContentRules content;
  content.left_out.assign(static_cast<std::size_t>(dom.size()), 0);
  std::vector<std::uint8_t>& stripped = content.left_out;
  for (const std::string& expression : rules.strip) {
    for (NodeId id : xpath.select(expression)) stripped[static_cast<std::size_t>(id)] = 1;
  }
  if (!rules.strip_id_or_class.empty() || !rules.strip_image_src.empty()) {
    for (NodeId id = 0; id < dom.size(); ++id) {
      if (dom.node(id).kind != DomNode::Kind::element) continue;
      const std::string_view id_attribute = dom.attribute(id, "id").value_or("");
      const std::string_view class_attribute = dom.attribute(id, "class").value_or("");
      for (const std::string& part : rules.strip_id_or_class) {
        if (contains(id_attribute, part) || contains(class_attribute, part)) {
          stripped[static_cast<std::size_t>(id)] = 1;
        }
      }
      if (dom.is_element(id, "img")) {
        const std::string_view src = dom.attribute(id, "src").value_or("");
        for (const std::string& part : rules.strip_image_src) {
          if (contains(src, part)) stripped[static_cast<std::size_t>(id)] = 1;
        }
      }
    }
  }
  const auto is_stripped = [&](NodeId id) {
    for (NodeId up = id; up != kNoNode; up = dom.node(up).parent) {
      if (stripped[static_cast<std::size_t>(up)]) return true;
    }
    return false;
  };

  body_matched = false;
  for (const std::string& expression : rules.body) {
    // Outermost matches only (a match inside another is already part of it), and none that
    // a strip rule took out: stripping comes first, as in ftr-site-config.
    for (NodeId id : xpath.select(expression)) {
      if (is_stripped(id)) continue;
      if (content.roots.empty() || id >= dom.node(content.roots.back()).end) {
        content.roots.push_back(id);
      }
    }
    if (!content.roots.empty()) {
      body_matched = true;
      break;
    }
  }
  content.prune = rules.prune.value_or(true);
  return select_content(dom, meta.title.value_or(""), content);
}

}  // namespace

Article extract_article(const decode::Document& document, std::string_view page_url,
                        const SiteRules* rules) {
  const std::string_view url = page_url.empty() ? std::string_view(document.base_url) : page_url;
  const bool has_rules = rules != nullptr && !rules->empty();
  std::string rewritten;  // the page after find/replace rules
  if (has_rules && (!rules->replace_strings.empty() || !rules->lazy_load_attributes.empty())) {
    rewritten = apply_text_rules(document.utf8, *rules);
  }
  const Dom dom(rewritten.empty() ? std::string_view(document.utf8) : std::string_view(rewritten));
  const JsonLdArticle json_ld = read_json_ld(dom);
  PageMetadata meta = read_metadata(dom, json_ld, url);

  // Rules need a pugixml copy of the page: only built when there are rules.
  bool body_from_rules = false;
  const ContentSelection selection = has_rules
                                         ? select_with_rules(dom, *rules, meta, body_from_rules)
                                         : select_content(dom, meta.title.value_or(""));
  ArticleMarkup markup = write_article(dom, selection);
  std::size_t chars = selection.chars;

  // The DOM gave nothing credible but the page embeds its text: use that.
  if (json_ld.article_body && chars < kCredibleChars && !body_from_rules) {
    const std::size_t body_chars = measure_text(*json_ld.article_body).chars;
    if (body_chars > chars) {
      if (looks_like_html(*json_ld.article_body)) {
        const Dom body_dom("<body>" + *json_ld.article_body + "</body>");
        ContentSelection all;
        all.roots.push_back(body_dom.body() == kNoNode ? 0 : body_dom.body());
        all.removed.assign(static_cast<std::size_t>(body_dom.size()), 0);
        markup = write_article(body_dom, all);
      } else {
        markup = markup_from_plain_text(*json_ld.article_body);
      }
      chars = body_chars;
    }
  }

  Article article;
  article.title = meta.title;
  article.author = meta.author;
  if (!article.author && !selection.byline.empty()) article.author = selection.byline;
  article.url = meta.canonical_url;
  if (!article.url && is_http_url(url)) article.url = std::string(url);
  article.site_name = meta.site_name;
  article.lead_image = meta.lead_image;
  article.published = meta.published;
  if (!article.published && article.url) article.published = date_from_url(*article.url);
  if (!article.published && !url.empty()) article.published = date_from_url(url);
  if (!article.published) article.published = date_from_text(markup.text);

  normalize::SanitizeResult sanitized = normalize::sanitize_html(markup.html, meta.base_url);
  article.content_html = std::move(sanitized.html);
  article.images = std::move(sanitized.images);
  article.text = std::move(markup.text);
  // A body the site's rules point at is the article, however short.
  article.credible = chars >= kCredibleChars || (body_from_rules && chars > 0);
  return article;
}

nlohmann::json article_to_json(const Article& article) {
  using nlohmann::json;
  const auto optional = [](const std::optional<std::string>& value) -> json {
    return value ? json(*value) : json(nullptr);
  };
  json images = json::array();
  for (const Image& image : article.images) {
    images.push_back({{"url", image.url},
                      {"alt", image.alt ? json(*image.alt) : json(nullptr)},
                      {"caption", image.caption ? json(*image.caption) : json(nullptr)}});
  }
  return json{
      {"title", optional(article.title)},
      {"published",
       article.published ? json(format_iso_seconds(*article.published)) : json(nullptr)},
      {"author", optional(article.author)},
      {"url", optional(article.url)},
      {"site_name", optional(article.site_name)},
      {"lead_image", optional(article.lead_image)},
      {"images", std::move(images)},
      {"content_html", article.content_html},
      {"text", article.text},
  };
}

}  // namespace feedarchiver::extract
